//! Direct reads: the two reads nearly every request of a citizen's morning makes (their session,
//! their ready plan) skip sqlx's pool, because on both engines the pool's hand-offs cost more
//! than the statements.
//!
//! - SQLite (`sqlite`): a read-only connection each async worker thread holds to the file.
//! - PostgreSQL (`postgres`): connections held apart from sqlx's pool, which are not pinged
//!   after each statement.
//!
//! This is the one exception to "one way to run a query" (ADR 1): the same SQL text, written
//! once, for reads and for keeping copies derived from other rows (`plan::ready`), never for
//! anything a person is told was saved.

mod postgres;
mod sqlite;

pub use postgres::DirectPostgres;
pub use sqlite::{DirectReads, uuid_column};

use std::time::Duration;

use super::{Conn, Db};

/// How long a copy waits for SQLite's one writer before it is skipped.
const WRITER_WAIT: Duration = Duration::from_millis(50);

impl Db {
    /// Runs one of the hottest reads. On SQLite, `sqlite` runs on this thread's own connection,
    /// and if it cannot (an in-memory database, a busy file), `pooled` runs on the read pool; on
    /// PostgreSQL, `pooled` runs on a held connection. Both run the same SQL.
    pub async fn read_directly<T>(
        &self,
        sqlite: impl FnOnce(&rusqlite::Connection) -> rusqlite::Result<T>,
        pooled: impl AsyncFnOnce(Conn<'_>) -> Result<T, sqlx::Error>,
    ) -> Result<T, sqlx::Error> {
        match self {
            Db::Sqlite { direct, read, .. } => {
                if let Some(value) = direct.as_ref().and_then(|d| d.run(sqlite)) {
                    return Ok(value);
                }
                pooled(Conn::Sqlite(&mut *read.acquire().await?)).await
            }
            Db::Postgres { direct, .. } => {
                direct.run(async |c| pooled(Conn::Postgres(c)).await).await
            }
        }
    }

    /// Writes a copy derived from other rows (a ready plan), which nobody waits for and the
    /// next read makes again if it is missing: `None` when it was skipped. On SQLite it is
    /// skipped if the one writer stays busy for `WRITER_WAIT`, so a read never queues behind a
    /// long write (an import); on PostgreSQL it runs on a held connection and commits without
    /// waiting for the disk.
    pub async fn keep_derived<T>(
        &self,
        write: impl AsyncFnOnce(Conn<'_>) -> Result<T, sqlx::Error>,
    ) -> Result<Option<T>, sqlx::Error> {
        match self {
            Db::Sqlite { write: pool, .. } => {
                match tokio::time::timeout(WRITER_WAIT, pool.acquire()).await {
                    Ok(conn) => write(Conn::Sqlite(&mut *conn?)).await.map(Some),
                    Err(_) => Ok(None),
                }
            }
            Db::Postgres { direct, .. } => direct
                .run(async |c| write(Conn::Postgres(c)).await)
                .await
                .map(Some),
        }
    }
}
