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
use std::time::{Duration, Instant};

use sqlx::postgres::{PgListener, PgPool};
use uuid::Uuid;

use crate::db::{Db, Tx};
use crate::db_conn;

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
    /// A conversation of this citizen, answered by this caseworker, changed (a message, a
    /// read mark). Nothing is remembered about it; it is passed on to live clients.
    MessagesChanged { citizen: Uuid, caseworker: Uuid },
    /// A meeting of this citizen with this caseworker was booked, moved, cancelled, confirmed
    /// or summed up; passed on to live clients like messages.
    MeetingsChanged { citizen: Uuid, caseworker: Uuid },
    /// Forget everything (an operator ended all sessions).
    Everything,
    /// An instance's heartbeat through the channel, so it knows it still hears it.
    Heartbeat(Uuid),
}

impl Change {
    fn payload(&self) -> String {
        match self {
            Change::SessionEnded(hash) => format!("s:{hash}"),
            Change::PlanChanged(citizen) => format!("p:{citizen}"),
            Change::MessagesChanged {
                citizen,
                caseworker,
            } => format!("m:{citizen}:{caseworker}"),
            Change::MeetingsChanged {
                citizen,
                caseworker,
            } => format!("g:{citizen}:{caseworker}"),
            Change::Everything => "e:".to_string(),
            Change::Heartbeat(instance) => format!("h:{instance}"),
        }
    }

    fn parse(payload: &str) -> Option<Change> {
        match payload.split_once(':')? {
            ("s", hash) => Some(Change::SessionEnded(hash.to_string())),
            ("p", id) => Uuid::parse_str(id).ok().map(Change::PlanChanged),
            (kind @ ("m" | "g"), ids) => {
                let (citizen, caseworker) = ids.split_once(':')?;
                let (citizen, caseworker) = (
                    Uuid::parse_str(citizen).ok()?,
                    Uuid::parse_str(caseworker).ok()?,
                );
                Some(if kind == "m" {
                    Change::MessagesChanged {
                        citizen,
                        caseworker,
                    }
                } else {
                    Change::MeetingsChanged {
                        citizen,
                        caseworker,
                    }
                })
            }
            ("e", _) => Some(Change::Everything),
            ("h", id) => Uuid::parse_str(id).ok().map(Change::Heartbeat),
            _ => None,
        }
    }

    fn bucket(&self) -> Option<usize> {
        match self {
            Change::SessionEnded(hash) => Some(bucket_of(hash)),
            Change::PlanChanged(citizen) => Some(bucket_of(citizen)),
            Change::Everything
            | Change::Heartbeat(_)
            | Change::MessagesChanged { .. }
            | Change::MeetingsChanged { .. } => None,
        }
    }
}

fn bucket_of(key: &impl Hash) -> usize {
    let mut h = DefaultHasher::new();
    key.hash(&mut h);
    (h.finish() as usize) % BUCKETS
}

/// How often an instance sends its own heartbeat through the channel.
const HEARTBEAT_EVERY: Duration = Duration::from_secs(1);
/// An instance that has not heard its own heartbeat for this long stops trusting its memories:
/// its listening connection may hang silently, hearing nothing while looking alive.
const HEARTBEAT_STALE: Duration = Duration::from_secs(3);
/// A listening connection that has heard nothing (not even heartbeats) for this long is
/// replaced.
const LISTEN_GIVE_UP: Duration = Duration::from_secs(10);
const NEVER: u64 = u64::MAX;

pub struct Bus {
    /// PostgreSQL announces through NOTIFY; SQLite has one instance only.
    postgres: bool,
    listening: AtomicBool,
    /// This instance, in its heartbeats.
    instance: Uuid,
    started: Instant,
    /// When this instance last heard its own heartbeat (ms since `started`); `NEVER` until the
    /// first one arrives.
    heard_own_heartbeat_ms: AtomicU64,
    generations: Box<[AtomicU64]>,
    /// Raised when everything must be forgotten at once.
    epoch: AtomicU64,
    /// Changes live clients hear of (`live`), from this instance and, through NOTIFY, others.
    live: tokio::sync::broadcast::Sender<LiveChange>,
}

/// A change a live client may want to hear of: only which citizen and caseworker it concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LiveChange {
    pub what: LiveWhat,
    pub citizen: Uuid,
    pub caseworker: Uuid,
}

/// Which kind of page should fetch again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiveWhat {
    Messages,
    Meetings,
}

impl LiveWhat {
    /// The server-sent event's name.
    pub fn event(self) -> &'static str {
        match self {
            LiveWhat::Messages => "messages",
            LiveWhat::Meetings => "meetings",
        }
    }
}

/// What a memory records about when it was filled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    generation: u64,
    epoch: u64,
}

impl Bus {
    pub fn new(db: &Db) -> Arc<Bus> {
        let postgres = matches!(db, Db::Postgres { .. });
        Arc::new(Bus {
            postgres,
            listening: AtomicBool::new(!postgres),
            instance: Uuid::new_v4(),
            started: Instant::now(),
            heard_own_heartbeat_ms: AtomicU64::new(NEVER),
            generations: (0..BUCKETS).map(|_| AtomicU64::new(0)).collect(),
            epoch: AtomicU64::new(0),
            live: tokio::sync::broadcast::channel(1024).0,
        })
    }

    /// Hears every change live clients may care about from now on.
    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<LiveChange> {
        self.live.subscribe()
    }

    /// Whether memories may be trusted right now: on PostgreSQL only while listening and while
    /// this instance's own heartbeat still comes back through the channel.
    pub fn trusted(&self) -> bool {
        if !self.listening.load(Ordering::Acquire) {
            return false;
        }
        !self.postgres || self.since_own_heartbeat() < HEARTBEAT_STALE
    }

    fn now_ms(&self) -> u64 {
        self.started.elapsed().as_millis() as u64
    }

    fn since_own_heartbeat(&self) -> Duration {
        match self.heard_own_heartbeat_ms.load(Ordering::Acquire) {
            NEVER => Duration::MAX,
            heard => Duration::from_millis(self.now_ms().saturating_sub(heard)),
        }
    }

    fn heard(&self, change: &Change) {
        match change {
            Change::Heartbeat(instance) if *instance == self.instance => {
                // Trust lapsed: what was announced meanwhile may never have arrived.
                if self.since_own_heartbeat() >= HEARTBEAT_STALE {
                    self.forget_everything();
                }
                self.heard_own_heartbeat_ms
                    .store(self.now_ms(), Ordering::Release);
            }
            Change::Heartbeat(_) => {}
            other => self.committed(other),
        }
    }

    /// Sends this instance's heartbeat through the channel until the process ends.
    pub async fn send_heartbeats(self: Arc<Self>, pool: PgPool) {
        let payload = Change::Heartbeat(self.instance).payload();
        let mut interval = tokio::time::interval(HEARTBEAT_EVERY);
        loop {
            interval.tick().await;
            let sent = sqlx::query("SELECT pg_notify($1, $2)")
                .bind(CHANNEL)
                .bind(&payload)
                .execute(&pool)
                .await;
            if let Err(err) = sent {
                tracing::warn!(error = %err, "could not send the heartbeat");
            }
        }
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
            db_conn!(tx.conn(), c => sqlx::query("SELECT pg_notify($1, $2)")
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
        let live = match *change {
            Change::MessagesChanged {
                citizen,
                caseworker,
            } => Some((LiveWhat::Messages, citizen, caseworker)),
            Change::MeetingsChanged {
                citizen,
                caseworker,
            } => Some((LiveWhat::Meetings, citizen, caseworker)),
            _ => None,
        };
        if let Some((what, citizen, caseworker)) = live {
            // Nobody listening is fine.
            let _ = self.live.send(LiveChange {
                what,
                citizen,
                caseworker,
            });
        }
        match change.bucket() {
            Some(bucket) => {
                self.generations[bucket].fetch_add(1, Ordering::AcqRel);
            }
            None if *change == Change::Everything => self.forget_everything(),
            None => {}
        }
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
                match tokio::time::timeout(LISTEN_GIVE_UP, listener.try_recv()).await {
                    Ok(Ok(Some(notification))) => {
                        if let Some(change) = Change::parse(notification.payload()) {
                            self.heard(&change);
                        }
                    }
                    // The connection was lost and made again: what came meanwhile is lost.
                    Ok(Ok(None)) => self.forget_everything(),
                    Ok(Err(err)) => {
                        tracing::warn!(error = %err, "lost the connection that listens for changes");
                        break;
                    }
                    Err(_) => {
                        tracing::warn!(
                            "the connection that listens for changes has gone silent; replacing it"
                        );
                        break;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
