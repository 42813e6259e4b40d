//! Server-side sessions in the database. The browser holds only a random 256-bit value in an
//! HttpOnly cookie; the database holds its SHA-256, so a leaked database copy opens no sessions.
//!
//! Each instance remembers the sessions it has checked (`SessionMemory`), so a busy person's
//! requests do not each cost a database read. A remembered session is used only while it is
//! provably still valid: its absolute end and idle time are checked against what the instance
//! knows (the database can only know a later last activity, never an earlier one), and its end
//! — logout — is announced to every instance (`cache_bus`). Anything doubtful is read again.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::ChaCha20Poly1305;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit};
use hkdf::Hkdf;
use rand::RngCore;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use std::sync::Arc;

use quick_cache::sync::Cache;

use crate::cache_bus::{Bus, Change, Stamp};
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_logout_hint_opens_only_with_the_cookie_value() {
        let token = super::random_token();
        let sealed = super::seal_hint(&token, "eyJhbGciOi.header.payload");
        assert!(!sealed.contains("eyJ"), "nothing of the token is readable");
        assert_eq!(
            super::open_hint(&token, &sealed).as_deref(),
            Some("eyJhbGciOi.header.payload")
        );
        assert_eq!(super::open_hint(&super::random_token(), &sealed), None);
        assert_eq!(super::open_hint(&token, "garbage"), None);
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

/// The ID token is kept only as `id_token_hint` for logging out at the provider, and some
/// brokers put CPR numbers and names in it. So it is sealed (ChaCha20-Poly1305) under a key
/// derived from the cookie value, which the database never holds: the stored copy is useless
/// without the browser's cookie, and nothing personal sits in the database or its backups.
fn hint_cipher(token: &str) -> ChaCha20Poly1305 {
    let mut key = [0u8; 32];
    Hkdf::<Sha256>::new(None, token.as_bytes())
        .expand(b"sammen/id-token-hint/v1", &mut key)
        .expect("32 bytes is a valid HKDF-SHA256 length");
    ChaCha20Poly1305::new(&key.into())
}

fn seal_hint(token: &str, id_token: &str) -> String {
    let nonce = ChaCha20Poly1305::generate_nonce(&mut rand::rngs::OsRng);
    let sealed = hint_cipher(token)
        .encrypt(&nonce, id_token.as_bytes())
        .expect("sealing in memory cannot fail");
    let mut out = nonce.to_vec();
    out.extend(sealed);
    URL_SAFE_NO_PAD.encode(out)
}

fn open_hint(token: &str, sealed: &str) -> Option<String> {
    let bytes = URL_SAFE_NO_PAD.decode(sealed).ok()?;
    if bytes.len() < 12 {
        return None;
    }
    let (nonce, ciphertext) = bytes.split_at(12);
    let nonce: [u8; 12] = nonce.try_into().ok()?;
    let plain = hint_cipher(token).decrypt(&nonce.into(), ciphertext).ok()?;
    String::from_utf8(plain).ok()
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
        .bind(seal_hint(&token, new.id_token))
        .bind(new.loa)
        .bind(now)
        .bind(now.plus_seconds(new.absolute_timeout_seconds))
        .execute(pool)
        .await.map(|r| r.rows_affected()))?;
    Ok(token)
}

/// Loads the session for a cookie value if it is neither idle too long nor past its end.
pub async fn load(
    db: &Db,
    bus: &Bus,
    memory: &SessionMemory,
    token: &str,
    settings: &crate::config::SessionSettings,
    touches: &super::touches::TouchQueue,
    now: Timestamp,
) -> Result<Option<Session>, sqlx::Error> {
    let idle_timeout_seconds = i64::from(settings.idle_timeout_seconds);
    let touch_interval = i64::from(settings.touch_interval_seconds);
    let hash = hash_token(token);
    let idle_limit = now.minus_seconds(idle_timeout_seconds);
    if let Some(known) = memory.get(&hash)
        && bus.current(&hash, known.stamp)
        && known.expires_at > now
        && known.last_seen_at > idle_limit
    {
        if known.last_seen_at >= now.minus_seconds(touch_interval) {
            return Ok(Some(known.session.clone()));
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
        return Ok(Some(known.session.clone()));
    }

    let stamp = bus.stamp(&hash);
    let sql = "SELECT id_hash, role, citizen_id, caseworker_id, csrf_token, provider, last_seen_at, expires_at \
               FROM sessions WHERE id_hash = $1 AND expires_at > $2";
    let row = match db.read_directly(|c| read_directly(c, sql, &hash, now)) {
        Some(row) => row,
        None => db_conn!(db.reader().await?.conn(), pool => sqlx::query_as(sql)
            .bind(&hash)
            .bind(now)
            .fetch_optional(pool)
            .await)?,
    };
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
    Ok(Some(session))
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
            })
        })
        .optional()
}

/// The ID token the session was opened with, for `id_token_hint` at logout, opened with the
/// cookie value. Not loaded with every request: only logout needs it.
pub async fn id_token(db: &Db, token: &str) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = db_conn!(db.reader().await?.conn(), pool => sqlx::query_as("SELECT id_token_sealed FROM sessions WHERE id_hash = $1")
        .bind(hash_token(token))
        .fetch_optional(pool)
        .await)?;
    Ok(row.and_then(|(sealed,)| open_hint(token, &sealed)))
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

/// Whose sessions an operator ends (`sammen sessions end`).
#[derive(Clone, Debug)]
pub enum Whose {
    All,
    Citizen(Uuid),
    /// A caseworker, by their employee login.
    Employee(String),
}

/// Ends sessions in the database and announces it to every instance; returns how many ended.
pub async fn end_all_of(db: &Db, bus: &Bus, whose: &Whose) -> Result<usize, sqlx::Error> {
    let mut tx = db.begin().await?;
    let ended: Vec<(String,)> = match whose {
        Whose::All => {
            db_conn!(tx.conn(), c => sqlx::query_as("DELETE FROM sessions RETURNING id_hash")
            .fetch_all(&mut *c).await)?
        }
        Whose::Citizen(id) => db_conn!(tx.conn(), c => sqlx::query_as(
            "DELETE FROM sessions WHERE citizen_id = $1 RETURNING id_hash")
            .bind(id).fetch_all(&mut *c).await)?,
        Whose::Employee(login) => db_conn!(tx.conn(), c => sqlx::query_as(
            "DELETE FROM sessions WHERE caseworker_id IN \
             (SELECT id FROM caseworkers WHERE employee_login = $1) RETURNING id_hash")
            .bind(login).fetch_all(&mut *c).await)?,
    };
    let changes: Vec<Change> = match whose {
        Whose::All => vec![Change::Everything],
        _ => ended
            .iter()
            .map(|(hash,)| Change::SessionEnded(hash.clone()))
            .collect(),
    };
    for change in &changes {
        bus.announce(&mut tx, change).await?;
    }
    tx.commit().await?;
    for change in &changes {
        bus.committed(change);
    }
    Ok(ended.len())
}

/// Ends a session everywhere: deleted, and announced so no instance goes on trusting it.
pub async fn end(db: &Db, bus: &Bus, id_hash: &str) -> Result<(), sqlx::Error> {
    let change = Change::SessionEnded(id_hash.to_string());
    let mut tx = db.begin().await?;
    db_conn!(tx.conn(), c => sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
        .bind(id_hash)
        .execute(&mut *c)
        .await
        .map(|_| ()))?;
    bus.announce(&mut tx, &change).await?;
    tx.commit().await?;
    bus.committed(&change);
    Ok(())
}

/// Removes sessions and pending logins that can no longer be used.
pub async fn purge_expired(
    db: &Db,
    now: Timestamp,
    idle_timeout_seconds: i64,
) -> Result<u64, sqlx::Error> {
    let sessions = db_conn!(db.writer().await?.conn(), pool => sqlx::query(
        "DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
        .bind(now)
        .bind(now.minus_seconds(idle_timeout_seconds))
        .execute(pool)
        .await.map(|r| r.rows_affected()))?;
    let pending = db_conn!(db.writer().await?.conn(), pool => sqlx::query("DELETE FROM pending_logins WHERE expires_at <= $1")
        .bind(now)
        .execute(pool)
        .await.map(|r| r.rows_affected()))?;
    Ok(sessions + pending)
}
