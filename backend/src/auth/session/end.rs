//! Ending sessions: one at logout, or many by an operator (`sammen sessions end`), and the
//! purge of those past their end. Every ending is announced, so no instance goes on trusting a
//! session it remembers.

use uuid::Uuid;

use crate::cache_bus::{Bus, Change};
use crate::db::{Db, Timestamp};
use crate::db_conn;

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
