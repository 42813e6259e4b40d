//! Keeps what instances remember in memory honest: the sessions they have checked and the
//! plans they have ready. Every change that could make a memory wrong — a session ending, a
//! plan changing — is announced, and every instance forgets what it concerns.
//!
//! - One instance (SQLite, or a single PostgreSQL instance) forgets right after the change
//!   commits.
//! - Several PostgreSQL instances: the announcement is a `NOTIFY` sent inside the changing
//!   transaction, so PostgreSQL delivers it at commit (and never for a rolled-back change);
//!   each instance `LISTEN`s. While an instance is not listening (starting, or its connection
//!   lost) it trusts nothing it remembers and asks the database every time; when it listens
//!   again it first forgets everything, since announcements may have been missed.
//!
//! A memory is filled with a *generation*: loading reads the generation of its key first and
//! keeps the result only if no announcement about that key came while it loaded. So a read
//! that raced with a change can never be remembered as current.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use sqlx::postgres::{PgListener, PgPool};
use uuid::Uuid;

use crate::db::{Db, Tx};
use crate::db_tx;

const CHANNEL: &str = "sammen_changes";
/// Keys share generation counters by hash; a change then makes a few unrelated memories
/// reload too, which is harmless, and the counters never grow in number.
const BUCKETS: usize = 4096;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A session ended (its id hash).
    SessionEnded(String),
    /// A citizen's plan changed.
    PlanChanged(Uuid),
}

impl Change {
    fn payload(&self) -> String {
        match self {
            Change::SessionEnded(hash) => format!("s:{hash}"),
            Change::PlanChanged(citizen) => format!("p:{citizen}"),
        }
    }

    fn parse(payload: &str) -> Option<Change> {
        match payload.split_once(':')? {
            ("s", hash) => Some(Change::SessionEnded(hash.to_string())),
            ("p", id) => Uuid::parse_str(id).ok().map(Change::PlanChanged),
            _ => None,
        }
    }

    fn bucket(&self) -> usize {
        match self {
            Change::SessionEnded(hash) => bucket_of(hash),
            Change::PlanChanged(citizen) => bucket_of(citizen),
        }
    }
}

fn bucket_of(key: &impl Hash) -> usize {
    let mut h = DefaultHasher::new();
    key.hash(&mut h);
    (h.finish() as usize) % BUCKETS
}

pub struct Bus {
    /// PostgreSQL announces through NOTIFY; SQLite has one instance only.
    postgres: bool,
    listening: AtomicBool,
    generations: Box<[AtomicU64]>,
    /// Raised when everything must be forgotten at once.
    epoch: AtomicU64,
}

/// What a memory records about when it was filled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    generation: u64,
    epoch: u64,
}

impl Bus {
    pub fn new(db: &Db) -> Arc<Bus> {
        let postgres = matches!(db, Db::Postgres(_));
        Arc::new(Bus {
            postgres,
            listening: AtomicBool::new(!postgres),
            generations: (0..BUCKETS).map(|_| AtomicU64::new(0)).collect(),
            epoch: AtomicU64::new(0),
        })
    }

    /// Whether memories may be trusted right now.
    pub fn trusted(&self) -> bool {
        self.listening.load(Ordering::Acquire)
    }

    /// Read before loading what will be remembered under `key`.
    pub fn stamp(&self, key: &impl Hash) -> Stamp {
        Stamp {
            generation: self.generations[bucket_of(key)].load(Ordering::Acquire),
            epoch: self.epoch.load(Ordering::Acquire),
        }
    }

    /// Whether a memory filled at `stamp` is still current.
    pub fn current(&self, key: &impl Hash, stamp: Stamp) -> bool {
        self.trusted() && self.stamp(key) == stamp
    }

    /// Announces a change inside its transaction (PostgreSQL delivers it at commit).
    pub async fn announce(&self, tx: &mut Tx, change: &Change) -> Result<(), sqlx::Error> {
        if self.postgres {
            db_tx!(tx, c => sqlx::query("SELECT pg_notify($1, $2)")
                .bind(CHANNEL)
                .bind(change.payload())
                .execute(&mut *c)
                .await
                .map(|_| ()))?;
        }
        Ok(())
    }

    /// Forgets what a committed change concerns, in this instance, at once (the notification
    /// reaches this instance too, a little later; forgetting twice is harmless).
    pub fn committed(&self, change: &Change) {
        self.generations[change.bucket()].fetch_add(1, Ordering::AcqRel);
    }

    fn forget_everything(&self) {
        self.epoch.fetch_add(1, Ordering::AcqRel);
    }

    /// Listens for other instances' announcements until the process ends.
    pub async fn listen(self: Arc<Self>, pool: PgPool) {
        loop {
            self.listening.store(false, Ordering::Release);
            let mut listener = match PgListener::connect_with(&pool).await {
                Ok(mut l) => match l.listen(CHANNEL).await {
                    Ok(()) => l,
                    Err(err) => {
                        tracing::warn!(error = %err, "cannot listen for changes; memories are not trusted");
                        tokio::time::sleep(Duration::from_secs(1)).await;
                        continue;
                    }
                },
                Err(err) => {
                    tracing::warn!(error = %err, "cannot connect to listen for changes; memories are not trusted");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                }
            };
            // Announcements may have been missed while not listening.
            self.forget_everything();
            self.listening.store(true, Ordering::Release);
            loop {
                match listener.try_recv().await {
                    Ok(Some(notification)) => {
                        if let Some(change) = Change::parse(notification.payload()) {
                            self.committed(&change);
                        }
                    }
                    // The connection was lost and made again: what came meanwhile is lost.
                    Ok(None) => self.forget_everything(),
                    Err(err) => {
                        tracing::warn!(error = %err, "lost the connection that listens for changes");
                        break;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn announcements_survive_the_wire() {
        let id = Uuid::now_v7();
        assert_eq!(
            Change::parse(&Change::PlanChanged(id).payload()),
            Some(Change::PlanChanged(id))
        );
        let s = Change::SessionEnded("ab12".into());
        assert_eq!(Change::parse(&s.payload()), Some(s));
        assert_eq!(Change::parse("x:1"), None);
    }

    #[test]
    fn a_change_during_a_load_makes_its_result_not_current() {
        let bus = Bus {
            postgres: false,
            listening: AtomicBool::new(true),
            generations: (0..BUCKETS).map(|_| AtomicU64::new(0)).collect(),
            epoch: AtomicU64::new(0),
        };
        let id = Uuid::now_v7();
        let stamp = bus.stamp(&id);
        assert!(bus.current(&id, stamp));
        bus.committed(&Change::PlanChanged(id));
        assert!(
            !bus.current(&id, stamp),
            "loaded before the change: not current"
        );
        let later = bus.stamp(&id);
        bus.forget_everything();
        assert!(!bus.current(&id, later));
        bus.listening.store(false, Ordering::Release);
        assert!(
            !bus.current(&id, bus.stamp(&id)),
            "nothing is trusted while not listening"
        );
    }
}
