//! Direct reads on SQLite: the two reads nearly every request of a citizen's morning makes
//! (their session, their plan) run on a read-only connection the async worker thread holds
//! itself, instead of going through sqlx's pool.
//!
//! Why: sqlx runs each SQLite connection on a thread of its own, and a statement costs two
//! hand-offs between threads, plus one more when the connection goes back to the pool (sqlx
//! pings it there). Measured on the cold plan read, over half the server's time went to those
//! hand-offs (the kernel switching threads), and SQLite's own work was a few per cent. A read
//! of a page-cached WAL file takes microseconds, short enough to run on the async worker
//! itself.
//!
//! It runs the same SQL text as the pool would (see `direct` for the exception this is), only
//! reads, and only where a failure costs nothing. Anything it cannot do (an in-memory database,
//! a busy or failed read) answers `None`, and the caller goes the usual way through the pool. A
//! connection that failed is dropped and opened again on next use.
//!
//! WAL gives each statement the latest committed state, so a direct read never sees less than
//! a pooled one would.

use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::{Arc, Weak};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

/// A short wait: a reader in WAL mode is blocked only for moments (a checkpoint's start), and
/// it waits on the async worker, where every other request of that worker waits with it.
const BUSY_TIMEOUT: Duration = Duration::from_millis(20);

/// How many databases one thread keeps connections to (tests run many in one process).
const DATABASES_PER_THREAD: usize = 4;

/// The SQLite file a `Db` reads directly. Each `Db::connect` makes a new one, so a thread's
/// connection belongs to the database it was opened for even if a file name is used again.
#[derive(Debug)]
pub struct DirectReads {
    path: PathBuf,
}

struct Open {
    owner: Weak<DirectReads>,
    conn: Connection,
}

thread_local! {
    static CONNECTIONS: RefCell<Vec<Open>> = const { RefCell::new(Vec::new()) };
}

impl DirectReads {
    pub fn new(path: PathBuf) -> Arc<DirectReads> {
        Arc::new(DirectReads { path })
    }

    /// Runs `read` on this thread's connection to the database, or `None` if it cannot.
    pub fn run<T>(
        self: &Arc<Self>,
        read: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Option<T> {
        CONNECTIONS.with(|open| {
            let mut open = open.borrow_mut();
            let index = match open
                .iter()
                .position(|o| Weak::ptr_eq(&o.owner, &Arc::downgrade(self)))
            {
                Some(index) => index,
                None => {
                    let conn = self.open().map_err(|e| gave_way(&e)).ok()?;
                    // Databases closed since (their `Db` dropped) go first, then the oldest.
                    open.retain(|o| o.owner.strong_count() > 0);
                    if open.len() >= DATABASES_PER_THREAD {
                        open.remove(0);
                    }
                    open.push(Open {
                        owner: Arc::downgrade(self),
                        conn,
                    });
                    open.len() - 1
                }
            };
            match read(&open[index].conn) {
                Ok(value) => {
                    metrics::counter!(READS, "outcome" => "answered").increment(1);
                    Some(value)
                }
                Err(e) => {
                    gave_way(&e);
                    open.remove(index);
                    None
                }
            }
        })
    }

    fn open(&self) -> rusqlite::Result<Connection> {
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "cache_size", -8192)?;
        Ok(conn)
    }
}

/// Direct reads by outcome: `answered`, or `gave_way` to the pool (which should stay near 0).
pub const READS: &str = "sammen_sqlite_direct_reads_total";

/// SQLite's messages name the failure, never the values bound to a statement.
fn gave_way(error: &rusqlite::Error) {
    metrics::counter!(READS, "outcome" => "gave_way").increment(1);
    tracing::warn!(%error, "a direct SQLite read failed; the pool answers instead");
}

/// A UUID column as sqlx writes it on SQLite (16 bytes), or NULL.
pub fn uuid_column(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<Option<uuid::Uuid>> {
    let Some(bytes) = row.get::<_, Option<Vec<u8>>>(index)? else {
        return Ok(None);
    };
    uuid::Uuid::from_slice(&bytes).map(Some).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Blob, Box::new(e))
    })
}

#[cfg(test)]
mod tests {
    use secrecy::SecretString;

    use crate::db::Db;

    fn direct<T>(
        db: &Db,
        read: impl FnOnce(&rusqlite::Connection) -> rusqlite::Result<T>,
    ) -> Option<T> {
        match db {
            Db::Sqlite {
                direct: Some(direct),
                ..
            } => direct.run(read),
            _ => None,
        }
    }

    async fn count(db: &Db) -> Option<i64> {
        direct(db, |c| {
            c.query_row("SELECT count(*) FROM notes", [], |r| r.get(0))
        })
    }

    #[tokio::test]
    async fn a_direct_read_sees_every_committed_write_and_gives_way_when_it_cannot() {
        let path = std::env::temp_dir().join(format!("sammen-direct-{}.db", uuid::Uuid::new_v4()));
        let url = SecretString::from(format!("sqlite://{}", path.display()));
        let db = Db::connect(&url, 2).await.unwrap();
        crate::db_conn!(db.writer().await.unwrap().conn(), c => sqlx::query(
            "CREATE TABLE notes (body TEXT NOT NULL)").execute(c).await.map(|_| ()))
        .unwrap();
        assert_eq!(count(&db).await, Some(0));
        for expected in 1..=3 {
            crate::db_conn!(db.writer().await.unwrap().conn(), c => sqlx::query(
                "INSERT INTO notes (body) VALUES ('x')").execute(c).await.map(|_| ()))
            .unwrap();
            assert_eq!(
                count(&db).await,
                Some(expected),
                "each write is seen at once"
            );
        }

        // A failed read answers nothing (the pool takes over), and the next one works again.
        assert_eq!(
            direct(&db, |c| c.query_row(
                "SELECT nothing FROM nowhere",
                [],
                |r| r.get::<_, i64>(0)
            )),
            None
        );
        assert_eq!(count(&db).await, Some(3));

        // The connection is read-only: a write through it fails, and nothing changes.
        assert_eq!(direct(&db, |c| c.execute("DELETE FROM notes", [])), None);
        assert_eq!(count(&db).await, Some(3));

        // A second database on the same file name is read as itself.
        db.close().await;
        drop(db);
        std::fs::remove_file(&path).unwrap();
        let again = Db::connect(&url, 2).await.unwrap();
        crate::db_conn!(again.writer().await.unwrap().conn(), c => sqlx::query(
            "CREATE TABLE notes (body TEXT NOT NULL)").execute(c).await.map(|_| ()))
        .unwrap();
        assert_eq!(count(&again).await, Some(0));
        again.close().await;
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }

        let memory = Db::connect(&SecretString::from("sqlite::memory:"), 2)
            .await
            .unwrap();
        assert_eq!(
            count(&memory).await,
            None,
            "an in-memory database is read through the pool"
        );
    }
}
