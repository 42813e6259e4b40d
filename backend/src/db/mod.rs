//! The database: SQLite (embedded default) or PostgreSQL (several instances, one database).
//!
//! Both engines run the same SQL, written once with `$1` placeholders (SQLite accepts them too).
//! Queries are built at run time and typed by `FromRow`; each engine type-checks them in its own
//! match arm of `db_conn!`, the one way to run a query. There is one way to run a transaction:
//! `Db::begin`, then `tx.conn()` for each query and `tx.commit()`. Times are `Timestamp`s (UTC
//! milliseconds as BIGINT) and ids UUIDs (BLOB in SQLite, UUID in PostgreSQL). The two hottest
//! reads, and the ready copies they read, skip the pools (`direct`).

mod direct;
#[cfg(test)]
pub mod testing;
mod time;

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use secrecy::{ExposeSecret, SecretString};
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub use direct::{DirectPostgres, DirectReads, uuid_column};
pub use time::Timestamp;

/// sqlx pings every pooled connection before it hands it out: a round trip to PostgreSQL, a
/// hand-off to and from SQLite's worker thread. That was a third of the statements of a cold plan
/// read. A connection used in the last few seconds is alive; one idle longer (where a restart
/// or a firewall may have cut it) is still checked, and replaced if the check fails.
pub(crate) const CHECK_CONNECTIONS_IDLE_FOR: Duration = Duration::from_secs(5);

fn check_if_idle<'c, C: sqlx::Connection>(
    conn: &'c mut C,
    meta: sqlx::pool::PoolConnectionMetadata,
) -> futures_util::future::BoxFuture<'c, Result<bool, sqlx::Error>> {
    Box::pin(async move {
        if meta.idle_for >= CHECK_CONNECTIONS_IDLE_FOR {
            conn.ping().await?;
        }
        Ok(true)
    })
}

pub static SQLITE_MIGRATOR: Migrator = sqlx::migrate!("../migrations/sqlite");
pub static POSTGRES_MIGRATOR: Migrator = sqlx::migrate!("../migrations/postgres");

/// A connection pool on one of the two engines.
#[derive(Clone, Debug)]
pub enum Db {
    /// SQLite allows one writer at a time; a single-connection write pool queues writers in
    /// the process instead of failing them with SQLITE_BUSY, while reads run in parallel.
    Sqlite {
        read: SqlitePool,
        write: SqlitePool,
        /// The file, for the few reads that skip the pool (`direct`); none in memory.
        direct: Option<Arc<DirectReads>>,
    },
    Postgres {
        pool: PgPool,
        /// Connections for the few reads that skip the pool (`direct`).
        direct: DirectPostgres,
    },
}

/// One connection of either engine, borrowed from a pool or a transaction. Store functions that
/// must run both inside a transaction (a caseworker's read, logged in the same transaction)
/// and outside one (a citizen's read, on the read pool) take this.
pub enum Conn<'a> {
    Sqlite(&'a mut sqlx::SqliteConnection),
    Postgres(&'a mut sqlx::PgConnection),
}

/// A connection checked out of a pool (`Db::reader` or `Db::writer`).
pub enum Pooled {
    Sqlite(sqlx::pool::PoolConnection<sqlx::Sqlite>),
    Postgres(sqlx::pool::PoolConnection<sqlx::Postgres>),
}

impl Pooled {
    pub fn conn(&mut self) -> Conn<'_> {
        match self {
            Pooled::Sqlite(c) => Conn::Sqlite(c),
            Pooled::Postgres(c) => Conn::Postgres(c),
        }
    }
}

/// A transaction on the write side of either engine (`Db::begin`).
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// The one way to run a query: `$body` runs with `$c` bound to the engine's connection
/// (`&mut sqlx::SqliteConnection` or `&mut sqlx::PgConnection`), so the same SQL is
/// type-checked once per engine. `$conn` is a [`Conn`]: from a pooled connection
/// (`db.reader().await?.conn()` for reads, `db.writer().await?.conn()` for a single write)
/// or a transaction (`tx.conn()`). Use `&mut *$c` to run more than one query in the body.
#[macro_export]
macro_rules! db_conn {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            $crate::db::Conn::Sqlite(x) => {
                let $c: &mut sqlx::SqliteConnection = &mut *x;
                $body
            }
            $crate::db::Conn::Postgres(x) => {
                let $c: &mut sqlx::PgConnection = &mut *x;
                $body
            }
        }
    };
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Db {
    /// Connects to the database the URL names, creating a SQLite file (and its folder) if needed.
    pub async fn connect(url: &SecretString, max_connections: u32) -> anyhow::Result<Db> {
        let url = url.expose_secret();
        if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)
                .context("invalid SQLite database URL")?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .pragma("temp_store", "memory")
                .pragma("cache_size", "-32768");
            if let Some(parent) = options.get_filename().parent()
                && !parent.as_os_str().is_empty()
            {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create {}", parent.display()))?;
            }
            let write = SqlitePoolOptions::new()
                .max_connections(1)
                .test_before_acquire(false)
                .before_acquire(check_if_idle)
                .connect_with(options.clone())
                .await
                .context("cannot open the SQLite database")?;
            let file = options.get_filename();
            // sqlx names an in-memory database `:memory:` or `file:sqlx-in-memory-…`.
            let in_memory =
                file == Path::new(":memory:") || file.to_string_lossy().starts_with("file:");
            let direct = (!file.as_os_str().is_empty() && !in_memory)
                .then(|| DirectReads::new(file.to_path_buf()));
            let read = SqlitePoolOptions::new()
                .max_connections(max_connections.max(2))
                .test_before_acquire(false)
                .before_acquire(check_if_idle)
                .connect_with(options)
                .await
                .context("cannot open the SQLite database")?;
            Ok(Db::Sqlite {
                read,
                write,
                direct,
            })
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let options =
                PgConnectOptions::from_str(url).context("invalid PostgreSQL database URL")?;
            let pool = PgPoolOptions::new()
                .max_connections(max_connections)
                .test_before_acquire(false)
                .before_acquire(check_if_idle)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options.clone())
                .await
                .context("cannot connect to PostgreSQL")?;
            // The direct reads are short and many: half as many connections serve them.
            let direct = DirectPostgres::new(options, (max_connections as usize / 2).max(2))?;
            Ok(Db::Postgres { pool, direct })
        } else {
            anyhow::bail!("the database URL must start with sqlite: or postgres:")
        }
    }

    pub fn engine(&self) -> Engine {
        match self {
            Db::Sqlite { .. } => Engine::Sqlite,
            Db::Postgres { .. } => Engine::Postgres,
        }
    }

    /// Applies the engine's migrations. On PostgreSQL, sqlx takes an advisory lock, so several
    /// instances starting at once do not trip over each other.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        match self {
            Db::Sqlite { write, .. } => SQLITE_MIGRATOR.run(write).await?,
            Db::Postgres { pool, .. } => POSTGRES_MIGRATOR.run(pool).await?,
        }
        Ok(())
    }

    /// Answers whether the database can be reached (for `/readyz`).
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        db_conn!(self.reader().await?.conn(), c => sqlx::query("SELECT 1").execute(c).await.map(|_| ()))
    }

    /// A connection from the write side, for a single write outside a transaction (on SQLite
    /// the one writer connection, so writers queue here instead of failing busy).
    pub async fn writer(&self) -> Result<Pooled, sqlx::Error> {
        Ok(match self {
            Db::Sqlite { write, .. } => Pooled::Sqlite(write.acquire().await?),
            Db::Postgres { pool, .. } => Pooled::Postgres(pool.acquire().await?),
        })
    }

    /// A connection from the read pool.
    pub async fn reader(&self) -> Result<Pooled, sqlx::Error> {
        Ok(match self {
            Db::Sqlite { read, .. } => Pooled::Sqlite(read.acquire().await?),
            Db::Postgres { pool, .. } => Pooled::Postgres(pool.acquire().await?),
        })
    }

    /// Starts a write transaction.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Db::Sqlite { write, .. } => Tx::Sqlite(write.begin().await?),
            Db::Postgres { pool, .. } => {
                // sqlx's `begin` is not cancel-safe on PostgreSQL (sqlx issue #4393): a request
                // dropped while BEGIN is on the wire (its client went away) leaves the connection
                // inside a transaction nothing ends, and the pool hands it on; what the next
                // users write on it stays uncommitted and unseen (the browser tests saw logins
                // refused and sessions gone right after logging in). Begun in a task of its own,
                // BEGIN always completes; if no one waits any more, the transaction is dropped
                // there, which rolls it back as usual.
                let pool = pool.clone();
                let begun = tokio::spawn(async move { pool.begin().await })
                    .await
                    .map_err(|_| sqlx::Error::WorkerCrashed)??;
                Tx::Postgres(begun)
            }
        })
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite { read, write, .. } => {
                read.close().await;
                write.close().await;
            }
            Db::Postgres { pool, direct } => {
                direct.close();
                pool.close().await;
            }
        }
    }
}

impl Tx {
    pub fn conn(&mut self) -> Conn<'_> {
        match self {
            Tx::Sqlite(tx) => Conn::Sqlite(tx),
            Tx::Postgres(tx) => Conn::Postgres(tx),
        }
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await,
            Tx::Postgres(tx) => tx.commit().await,
        }
    }
}
