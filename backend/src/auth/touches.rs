//! Marking sessions active without a database write in the request. A session just read from
//! the database is known to exist, so its new `last_seen_at` can wait a moment: it is queued
//! here and written with the others in one transaction (one commit instead of one per
//! request, which on PostgreSQL is one disk flush each). A morning of citizens each opening
//! their plan once would otherwise write as often as it reads.
//!
//! What this gives up: a touch still queued when the process dies is lost, so that session
//! looks up to a second less recent than it was (the idle timeout is 30 minutes). Touches of a
//! remembered session, which double as the check that it still exists, stay in the request.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::mpsc;

use crate::db::{Db, Timestamp};
use crate::db_conn;

/// How many touches wait at most; beyond that a request writes its own (backpressure).
const CAPACITY: usize = 10_000;
/// How long the writer gathers touches before writing them.
const GATHER: Duration = Duration::from_millis(200);
/// The most touches written in one transaction.
const BATCH: usize = 2_000;

pub struct TouchQueue {
    sender: mpsc::Sender<(String, Timestamp)>,
    receiver: Mutex<Option<mpsc::Receiver<(String, Timestamp)>>>,
    /// Touches queued but not yet written: this instance counts them when it reads a session
    /// from the database, so its own requests never look less recent than they were.
    pending: Mutex<HashMap<String, Timestamp>>,
}

impl Default for TouchQueue {
    fn default() -> Self {
        let (sender, receiver) = mpsc::channel(CAPACITY);
        TouchQueue {
            sender,
            receiver: Mutex::new(Some(receiver)),
            pending: Mutex::new(HashMap::new()),
        }
    }
}

impl TouchQueue {
    /// Queues a touch; false if the queue is full (the caller then writes it itself).
    pub fn later(&self, id_hash: &str, at: Timestamp) -> bool {
        if self.sender.try_send((id_hash.to_string(), at)).is_err() {
            return false;
        }
        if let Ok(mut pending) = self.pending.lock() {
            let latest = pending.entry(id_hash.to_string()).or_insert(at);
            *latest = (*latest).max(at);
        }
        true
    }

    /// The latest activity queued for a session and not yet written, if any.
    pub fn pending(&self, id_hash: &str) -> Option<Timestamp> {
        self.pending.lock().ok()?.get(id_hash).copied()
    }

    /// Writes queued touches until the process ends. Called once per instance; a second call
    /// returns at once.
    pub async fn write_periodically(&self, db: Db) {
        let receiver = self.receiver.lock().ok().and_then(|mut r| r.take());
        let Some(mut receiver) = receiver else {
            return;
        };
        while let Some((hash, at)) = receiver.recv().await {
            let mut batch = HashMap::from([(hash, at)]);
            tokio::time::sleep(GATHER).await;
            while batch.len() < BATCH {
                let Ok((hash, at)) = receiver.try_recv() else {
                    break;
                };
                let latest = batch.entry(hash).or_insert(at);
                *latest = (*latest).max(at);
            }
            if let Err(err) = write(&db, &batch).await {
                tracing::warn!(error = %err, touches = batch.len(), "could not mark sessions active");
            }
            // Written (or given up): forget them, unless a later one came meanwhile.
            if let Ok(mut pending) = self.pending.lock() {
                for (hash, at) in &batch {
                    if pending.get(hash).is_some_and(|p| p <= at) {
                        pending.remove(hash);
                    }
                }
            }
        }
    }
}

async fn write(db: &Db, batch: &HashMap<String, Timestamp>) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    for (hash, at) in batch {
        // Never move a session's activity back: another instance may have written a later one.
        db_conn!(tx.conn(), c => sqlx::query(
            "UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2 AND last_seen_at < $1")
            .bind(*at)
            .bind(hash)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
    }
    tx.commit().await
}
