//! The access log: every time a caseworker reads a citizen's data, who, when, what and why.
//! Citizens can read their own entries ("Hvem har set mine oplysninger", `routes`). The table
//! refuses updates and deletes.
//!
//! One rule for every feature: an answer that carries a citizen's personal data to a caseworker
//! writes exactly one entry, in the transaction that serves it. A read runs on `read` (a
//! citizen's own on the read pool, a caseworker's in a transaction that already holds its
//! entry); a change answered with its result calls `record_for` before committing.

pub mod routes;

pub use routes::router;

use shared::api::{AccessEntry, AccessPurpose, AccessWhat};
use uuid::Uuid;

use crate::access::Actor;
use crate::db::{Conn, Db, Pooled, Timestamp, Tx};
use crate::db_conn;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Logs that a caseworker saw these citizens on a list (`what`): once per citizen a day,
/// so opening the list many times does not bury the entries that matter.
pub async fn record_list_view(
    db: &Db,
    caseworker_id: Uuid,
    citizens: &[(Uuid, AccessPurpose)],
    what: AccessWhat,
) -> Result<(), sqlx::Error> {
    if citizens.is_empty() {
        return Ok(());
    }
    let now = Timestamp::now();
    let mut tx = db.begin().await?;
    for (citizen_id, purpose) in citizens {
        db_conn!(tx.conn(), c => sqlx::query(
            "INSERT INTO access_log (id, citizen_id, caseworker_id, at, what, purpose, day) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (citizen_id, caseworker_id, what, day) WHERE day IS NOT NULL DO NOTHING")
            .bind(Uuid::now_v7())
            .bind(citizen_id)
            .bind(caseworker_id)
            .bind(now)
            .bind(what.code())
            .bind(purpose.code())
            .bind(now.day())
            .execute(&mut *c)
            .await.map(|r| r.rows_affected()))?;
    }
    tx.commit().await
}

/// Where a read of a citizen's data runs: see [`read`].
pub enum Reading {
    /// The citizen's own data, on the read pool: nothing to log.
    Own(Pooled),
    /// A caseworker's read, in a transaction that already holds its access-log entry.
    Logged(Tx),
}

impl Reading {
    pub fn conn(&mut self) -> Conn<'_> {
        match self {
            Reading::Own(pooled) => pooled.conn(),
            Reading::Logged(tx) => tx.conn(),
        }
    }

    /// Ends the read; a caseworker's entry is committed with it. Call it once the answer is
    /// complete: an answer that failed half-way leaves no entry.
    pub async fn done(self) -> Result<(), sqlx::Error> {
        match self {
            Reading::Own(_) => Ok(()),
            Reading::Logged(tx) => tx.commit().await,
        }
    }
}

/// Starts a read of `what` about the citizen `actor` acts on: every feature reads a citizen's
/// data through here, so no caseworker read goes unlogged.
pub async fn read(s: &AppState, actor: Actor, what: AccessWhat) -> AppResult<Reading> {
    match actor {
        Actor::Citizen { .. } => Ok(Reading::Own(s.db.reader().await?)),
        Actor::Caseworker { .. } => Ok(Reading::Logged(logged_read(s, actor, what).await?)),
    }
}

/// Starts the transaction a caseworker's read is served in, with its access-log entry already
/// in it: no read without its entry. Citizens reading their own data use the read pool instead.
pub async fn logged_read(s: &AppState, actor: Actor, what: AccessWhat) -> AppResult<Tx> {
    let Actor::Caseworker {
        caseworker_id,
        citizen_id,
        purpose,
    } = actor
    else {
        return Err(AppError::Forbidden);
    };
    let mut tx = s.db.begin().await?;
    record(&mut tx, caseworker_id, citizen_id, what, purpose).await?;
    Ok(tx)
}

/// Logs one read, inside the transaction that serves it: no read without its entry.
pub async fn record(
    tx: &mut Tx,
    caseworker_id: Uuid,
    citizen_id: Uuid,
    what: AccessWhat,
    purpose: AccessPurpose,
) -> Result<(), sqlx::Error> {
    db_conn!(tx.conn(), c => sqlx::query(
        "INSERT INTO access_log (id, citizen_id, caseworker_id, at, what, purpose) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(Uuid::now_v7())
        .bind(citizen_id)
        .bind(caseworker_id)
        .bind(Timestamp::now())
        .bind(what.code())
        .bind(purpose.code())
        .execute(&mut *c)
        .await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Logs a caseworker's read of the data an answer carries, inside the transaction that serves
/// it; a citizen acting on their own data is not logged. Every caseworker answer that carries a
/// citizen's personal data — a read, a change that answers with the result, a refusal that
/// shows the current state — goes through here.
pub async fn record_for(tx: &mut Tx, actor: Actor, what: AccessWhat) -> Result<(), sqlx::Error> {
    match actor {
        Actor::Citizen { .. } => Ok(()),
        Actor::Caseworker {
            caseworker_id,
            citizen_id,
            purpose,
        } => record(tx, caseworker_id, citizen_id, what, purpose).await,
    }
}

/// How many entries there are about a citizen (tests and the benchmark use it).
pub async fn count_for(db: &Db, citizen_id: Uuid) -> Result<i64, sqlx::Error> {
    let row: (i64,) = db_conn!(db.writer().await?.conn(), pool => sqlx::query_as("SELECT COUNT(*) FROM access_log WHERE citizen_id = $1")
        .bind(citizen_id)
        .fetch_one(pool)
        .await)?;
    Ok(row.0)
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    at: Timestamp,
    name: String,
    team: String,
    what: String,
    purpose: String,
}

/// The entries about a citizen, newest first, with the caseworker's name and team.
pub async fn entries(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
) -> Result<Vec<AccessEntry>, sqlx::Error> {
    let rows: Vec<EntryRow> = db_conn!(conn, c => sqlx::query_as(
        "SELECT a.at, w.name, w.team, a.what, a.purpose FROM access_log a \
         JOIN caseworkers w ON w.id = a.caseworker_id WHERE a.citizen_id = $1 ORDER BY a.at DESC, a.id DESC")
        .bind(citizen_id)
        .fetch_all(&mut *c)
        .await)?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(AccessEntry {
                at: r.at.rfc3339(),
                caseworker_name: r.name,
                team: r.team,
                what: AccessWhat::from_code(&r.what)?,
                purpose: AccessPurpose::from_code(&r.purpose)?,
            })
        })
        .collect())
}
