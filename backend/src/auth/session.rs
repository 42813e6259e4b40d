//! Server-side sessions in the database. The browser holds only a random 256-bit value in an
//! HttpOnly cookie; the database holds its SHA-256, so a leaked database copy opens no sessions.
//!
//! Each instance remembers the sessions it has checked (`SessionMemory`), so a busy person's
//! requests do not each cost a database read. A remembered session is used only while it is
//! provably still valid: its absolute end and idle time are checked against what the instance
//! knows (the database can only know a later last activity, never an earlier one), and its end
//! — logout — is announced to every instance (`cache_bus`). Anything doubtful is read again.

mod end;
mod hint;

pub use end::{Whose, end, end_all_of, purge_expired};
pub use hint::id_token;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use std::sync::Arc;

use quick_cache::sync::Cache;

use crate::cache_bus::{Bus, Stamp};
use crate::db::{Db, Timestamp};
use crate::db_conn;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Citizen,
    Caseworker,
}

impl Role {
    fn as_str(self) -> &'static str {
        match self {
            Role::Citizen => "citizen",
            Role::Caseworker => "caseworker",
        }
    }
}

/// A live session, as loaded for a request.
#[derive(Clone, Debug)]
pub struct Session {
    pub id_hash: String,
    pub role: Role,
    /// The citizen's or the caseworker's id, depending on `role`.
    pub user_id: Uuid,
    pub csrf_token: String,
    pub provider: String,
}

struct Remembered {
    session: Session,
    last_seen_at: Timestamp,
    expires_at: Timestamp,
    stamp: Stamp,
}

/// Sessions this instance has checked, by id hash. Bounded; the oldest are forgotten first.
/// `memory.sessions` of 0 remembers nothing (every request asks the database).
#[derive(Clone)]
pub struct SessionMemory(Option<Arc<Cache<String, Arc<Remembered>>>>);

impl SessionMemory {
    pub fn new(capacity: u32) -> SessionMemory {
        SessionMemory((capacity > 0).then(|| Arc::new(Cache::new(capacity as usize))))
    }

    fn get(&self, hash: &str) -> Option<Arc<Remembered>> {
        self.0.as_ref()?.get(hash)
    }

    fn insert(&self, hash: String, remembered: Remembered) {
        if let Some(cache) = &self.0 {
            cache.insert(hash, Arc::new(remembered));
        }
    }

    fn remove(&self, hash: &str) {
        if let Some(cache) = &self.0 {
            cache.remove(hash);
        }
    }
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    id_hash: String,
    role: String,
    citizen_id: Option<Uuid>,
    caseworker_id: Option<Uuid>,
    csrf_token: String,
    provider: String,
    last_seen_at: Timestamp,
    expires_at: Timestamp,
    /// What the statement brought along (`Along`), else NULL.
    ready_plan: Option<String>,
}

/// What reading a session from the database brings along in the same statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Along {
    Nothing,
    /// A citizen's ready plan (`plan::ready`), if it is current: their most common request,
    /// "show me my plan", then costs one statement, not two.
    ReadyPlan,
}

impl Along {
    fn sql(self) -> &'static str {
        match self {
            Along::Nothing => {
                "SELECT s.id_hash, s.role, s.citizen_id, s.caseworker_id, s.csrf_token, s.provider, \
                 s.last_seen_at, s.expires_at, CAST(NULL AS TEXT) AS ready_plan \
                 FROM sessions s WHERE s.id_hash = $1 AND s.expires_at > $2"
            }
            Along::ReadyPlan => {
                "SELECT s.id_hash, s.role, s.citizen_id, s.caseworker_id, s.csrf_token, s.provider, \
                 s.last_seen_at, s.expires_at, r.json AS ready_plan \
                 FROM sessions s LEFT JOIN ready_plans r ON r.citizen_id = s.citizen_id \
                 WHERE s.id_hash = $1 AND s.expires_at > $2"
            }
        }
    }
}

/// A live session, and what its read brought along: nothing when the session was remembered.
pub struct Loaded {
    pub session: Session,
    pub ready_plan: Option<String>,
}

pub struct NewSession<'a> {
    pub role: Role,
    pub user_id: Uuid,
    pub provider: &'a str,
    pub id_token: &'a str,
    pub loa: Option<&'a str>,
    pub absolute_timeout_seconds: i64,
}

/// A fresh random token, URL-safe, 256 bits.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Creates a session and returns the cookie value (the only copy of the secret).
pub async fn create(db: &Db, now: Timestamp, new: NewSession<'_>) -> Result<String, sqlx::Error> {
    let token = random_token();
    let (citizen_id, caseworker_id) = match new.role {
        Role::Citizen => (Some(new.user_id), None),
        Role::Caseworker => (None, Some(new.user_id)),
    };
    let sql = "INSERT INTO sessions (id_hash, role, citizen_id, caseworker_id, csrf_token, provider, \
               id_token_sealed, loa, created_at, last_seen_at, expires_at) \
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)";
    db_conn!(db.writer().await?.conn(), pool => sqlx::query(sql)
        .bind(hash_token(&token))
        .bind(new.role.as_str())
        .bind(citizen_id)
        .bind(caseworker_id)
        .bind(random_token())
        .bind(new.provider)
        .bind(hint::seal_hint(&token, new.id_token))
        .bind(new.loa)
        .bind(now)
        .bind(now.plus_seconds(new.absolute_timeout_seconds))
        .execute(pool)
        .await.map(|r| r.rows_affected()))?;
    Ok(token)
}

/// What loading a session needs of the application.
pub struct Sessions<'a> {
    pub db: &'a Db,
    pub bus: &'a Bus,
    pub memory: &'a SessionMemory,
    pub settings: &'a crate::config::SessionSettings,
    pub touches: &'a super::touches::TouchQueue,
}

impl<'a> Sessions<'a> {
    pub fn of(state: &'a crate::state::AppState) -> Sessions<'a> {
        Sessions {
            db: &state.db,
            bus: &state.bus,
            memory: &state.sessions,
            settings: &state.settings.session,
            touches: &state.touches,
        }
    }
}

/// Loads the session for a cookie value if it is neither idle too long nor past its end.
pub async fn load(
    sessions: Sessions<'_>,
    token: &str,
    now: Timestamp,
) -> Result<Option<Session>, sqlx::Error> {
    Ok(load_along(sessions, token, now, Along::Nothing)
        .await?
        .map(|loaded| loaded.session))
}

/// Loads the session as `load` does, and what `along` asks for if it is read from the database.
pub async fn load_along(
    sessions: Sessions<'_>,
    token: &str,
    now: Timestamp,
    along: Along,
) -> Result<Option<Loaded>, sqlx::Error> {
    let Sessions {
        db,
        bus,
        memory,
        settings,
        touches,
    } = sessions;
    let idle_timeout_seconds = i64::from(settings.idle_timeout_seconds);
    let touch_interval = i64::from(settings.touch_interval_seconds);
    let hash = hash_token(token);
    let idle_limit = now.minus_seconds(idle_timeout_seconds);
    if let Some(known) = memory.get(&hash)
        && bus.current(&hash, known.stamp)
        && known.expires_at > now
        && known.last_seen_at > idle_limit
    {
        let remembered = Loaded {
            session: known.session.clone(),
            ready_plan: None,
        };
        if known.last_seen_at >= now.minus_seconds(touch_interval) {
            return Ok(Some(remembered));
        }
        // The touch doubles as the check that the row still exists: a session removed behind
        // this instance's back (an operator, a lost announcement) ends here, at most
        // `session.touch_interval_seconds` after it went.
        if !touch(db, &hash, now).await? {
            memory.remove(&hash);
            return Ok(None);
        }
        let touched = Remembered {
            last_seen_at: now,
            session: known.session.clone(),
            ..*known
        };
        memory.insert(hash, touched);
        return Ok(Some(remembered));
    }

    let stamp = bus.stamp(&hash);
    let sql = along.sql();
    let row: Option<SessionRow> = db
        .read_directly(
            |c| read_directly(c, sql, &hash, now),
            async |conn| {
                db_conn!(conn, c => sqlx::query_as(sql).bind(&hash).bind(now).fetch_optional(c).await)
            },
        )
        .await?;
    let Some(row) = row else { return Ok(None) };
    // This instance's own activity may still be waiting to be written.
    let mut last_seen_at = touches
        .pending(&hash)
        .map_or(row.last_seen_at, |queued| queued.max(row.last_seen_at));
    if last_seen_at <= idle_limit {
        return Ok(None);
    }
    if last_seen_at < now.minus_seconds(touch_interval) {
        // The row was just read, so it exists: the touch can be written with others, unless
        // too many wait already.
        if !touches.later(&row.id_hash, now) && !touch(db, &row.id_hash, now).await? {
            return Ok(None);
        }
        last_seen_at = now;
    }
    let (role, user_id) = match (row.role.as_str(), row.citizen_id, row.caseworker_id) {
        ("citizen", Some(id), _) => (Role::Citizen, id),
        ("caseworker", _, Some(id)) => (Role::Caseworker, id),
        _ => return Ok(None),
    };
    let session = Session {
        id_hash: row.id_hash,
        role,
        user_id,
        csrf_token: row.csrf_token,
        provider: row.provider,
    };
    let remembered = Remembered {
        session: session.clone(),
        last_seen_at,
        expires_at: row.expires_at,
        stamp,
    };
    memory.insert(hash, remembered);
    Ok(Some(Loaded {
        session,
        ready_plan: row.ready_plan,
    }))
}

/// The session lookup on SQLite's direct path (`db::direct`), the same statement.
fn read_directly(
    conn: &rusqlite::Connection,
    sql: &str,
    hash: &str,
    now: Timestamp,
) -> rusqlite::Result<Option<SessionRow>> {
    use rusqlite::OptionalExtension as _;
    conn.prepare_cached(sql)?
        .query_row(rusqlite::params![hash, now.millis()], |r| {
            Ok(SessionRow {
                id_hash: r.get(0)?,
                role: r.get(1)?,
                citizen_id: crate::db::uuid_column(r, 2)?,
                caseworker_id: crate::db::uuid_column(r, 3)?,
                csrf_token: r.get(4)?,
                provider: r.get(5)?,
                last_seen_at: Timestamp(r.get(6)?),
                expires_at: Timestamp(r.get(7)?),
                ready_plan: r.get(8)?,
            })
        })
        .optional()
}

/// Marks the session as active now ("Forbliv logget ind", or any request after a pause).
/// False when the session is no longer in the database.
pub async fn touch(db: &Db, id_hash: &str, now: Timestamp) -> Result<bool, sqlx::Error> {
    let updated = db_conn!(db.writer().await?.conn(), pool => sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
        .bind(now)
        .bind(id_hash)
        .execute(pool)
        .await.map(|r| r.rows_affected()))?;
    Ok(updated > 0)
}
