//! Logins that have been started but not yet answered by the provider. Each is bound to the
//! browser that started it (a short-lived cookie) and can be used once.

use crate::db::{Db, Timestamp};
use crate::db_conn;

use super::session::hash_token;

#[derive(Debug, sqlx::FromRow)]
pub struct PendingLogin {
    pub browser_hash: String,
    pub provider: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub expires_at: Timestamp,
}

pub async fn insert(
    db: &Db,
    state: &str,
    browser_token: &str,
    provider: &str,
    nonce: &str,
    pkce_verifier: &str,
    timeout_seconds: i64,
) -> Result<(), sqlx::Error> {
    let now = Timestamp::now();
    db_conn!(db.writer().await?.conn(), pool => sqlx::query(
        "INSERT INTO pending_logins (state, browser_hash, provider, nonce, pkce_verifier, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(state)
        .bind(hash_token(browser_token))
        .bind(provider)
        .bind(nonce)
        .bind(pkce_verifier)
        .bind(now)
        .bind(now.plus_seconds(timeout_seconds))
        .execute(pool)
        .await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub enum Taken {
    /// First use: the login may go on.
    Fresh(PendingLogin),
    /// The answer came before and was used: a replay or a reload.
    AlreadyUsed,
    /// No login was started with this state (tampered or from elsewhere).
    Unknown,
}

/// Marks the pending login for a `state` as used and returns it, once.
pub async fn take(db: &Db, state: &str) -> Result<Taken, sqlx::Error> {
    let now = Timestamp::now();
    let fresh: Option<PendingLogin> = db_conn!(db.writer().await?.conn(), pool => sqlx::query_as(
        "UPDATE pending_logins SET used_at = $1 WHERE state = $2 AND used_at IS NULL \
         RETURNING browser_hash, provider, nonce, pkce_verifier, expires_at")
        .bind(now)
        .bind(state)
        .fetch_optional(pool)
        .await)?;
    if let Some(pending) = fresh {
        return Ok(Taken::Fresh(pending));
    }
    let used: Option<(String,)> = db_conn!(db.writer().await?.conn(), pool => sqlx::query_as(
        "SELECT state FROM pending_logins WHERE state = $1")
        .bind(state)
        .fetch_optional(pool)
        .await)?;
    Ok(if used.is_some() {
        Taken::AlreadyUsed
    } else {
        Taken::Unknown
    })
}
