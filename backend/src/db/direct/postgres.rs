//! Direct reads on PostgreSQL: the hottest reads run on connections held apart from sqlx's pool.
//!
//! Why: sqlx 0.8 pings every connection it takes back into its pool (`return_to_pool`, not
//! configurable), so every statement costs a second round trip, and each round trip wakes a
//! PostgreSQL backend and the async worker waiting for it. On a cold plan read those wake-ups,
//! not the statements, were most of PostgreSQL's and the server's work.
//!
//! The ping is there for a connection whose statement was cut off (its request dropped while
//! the answer was on the way), which may still hold part of that answer. Here a connection whose
//! read ran to its end goes straight back; one whose read did not is pinged before its next use,
//! as sqlx would, and closed if that fails. A connection idle for a while is pinged too (a
//! restart or a firewall may have cut it).
//!
//! The same connections keep the ready copies of plans (`plan::ready`), with
//! `synchronous_commit` off: a copy lost in a crash is built again by the next read, so it
//! need not wait for the disk.

use std::time::Duration;

use deadpool::managed::{self, Metrics, Pool, QueueMode, RecycleResult, Timeouts};
use sqlx::Connection;
use sqlx::postgres::{PgConnectOptions, PgConnection};

/// As long as the pool waits for a connection (`acquire_timeout` of sqlx's pool).
const WAIT: Duration = Duration::from_secs(10);
/// A connection idle this long is checked before use (as `db::CHECK_CONNECTIONS_IDLE_FOR`).
const CHECK_IF_IDLE_FOR: Duration = super::super::CHECK_CONNECTIONS_IDLE_FOR;

pub struct Manager {
    options: PgConnectOptions,
}

/// A connection and whether its last read ran to its end.
pub struct Held {
    conn: PgConnection,
    finished: bool,
}

impl managed::Manager for Manager {
    type Type = Held;
    type Error = sqlx::Error;

    async fn create(&self) -> Result<Held, sqlx::Error> {
        Ok(Held {
            conn: PgConnection::connect_with(&self.options).await?,
            finished: true,
        })
    }

    async fn recycle(&self, held: &mut Held, metrics: &Metrics) -> RecycleResult<sqlx::Error> {
        if !held.finished || metrics.last_used() >= CHECK_IF_IDLE_FOR {
            held.conn.ping().await?;
        }
        held.finished = false;
        Ok(())
    }
}

/// The connections for direct reads of one database.
#[derive(Clone)]
pub struct DirectPostgres {
    pool: Pool<Manager>,
}

impl std::fmt::Debug for DirectPostgres {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DirectPostgres")
            .field("status", &self.pool.status())
            .finish()
    }
}

impl DirectPostgres {
    pub fn new(options: PgConnectOptions, max_size: usize) -> anyhow::Result<DirectPostgres> {
        let options = options.options([("synchronous_commit", "off")]);
        let pool = Pool::builder(Manager { options })
            .max_size(max_size)
            // The connection used last is the one most likely still warm in PostgreSQL's
            // caches, and fewer backends take turns on the cores.
            .queue_mode(QueueMode::Lifo)
            .timeouts(Timeouts {
                wait: Some(WAIT),
                create: Some(WAIT),
                recycle: Some(WAIT),
            })
            .runtime(deadpool::Runtime::Tokio1)
            .build()?;
        Ok(DirectPostgres { pool })
    }

    /// Runs `read` on a held connection. Only a read that ran to its end and succeeded marks the
    /// connection as fit to be used again without a check.
    pub async fn run<T>(
        &self,
        read: impl AsyncFnOnce(&mut PgConnection) -> Result<T, sqlx::Error>,
    ) -> Result<T, sqlx::Error> {
        let mut held = self.pool.get().await.map_err(|e| match e {
            managed::PoolError::Backend(e) => e,
            managed::PoolError::Timeout(_) => sqlx::Error::PoolTimedOut,
            managed::PoolError::Closed => sqlx::Error::PoolClosed,
            other => sqlx::Error::Io(std::io::Error::other(other.to_string())),
        })?;
        let result = read(&mut held.conn).await;
        held.finished = result.is_ok();
        result
    }

    pub fn close(&self) {
        self.pool.close();
    }
}
