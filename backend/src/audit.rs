//! The access log: every time a caseworker reads a citizen's data, who, when, what and why.
//! Citizens can read their own entries ("Hvem har set mine oplysninger"). The table refuses
//! updates and deletes.

use uuid::Uuid;

use crate::db::{Db, Timestamp, Tx};
use crate::{db_tx, db_write};

/// What was looked at. Stored as these codes; clients show them in plain words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Viewed {
    /// The citizen's name on the caseworker's list "Mine borgere".
    CaseloadList,
}

impl Viewed {
    pub fn code(self) -> &'static str {
        match self {
            Viewed::CaseloadList => "caseload_list",
        }
    }
}

/// Why it was looked at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Ordinary casework for the citizen (the caseworker's own or backup caseload).
    Casework,
}

impl Purpose {
    pub fn code(self) -> &'static str {
        match self {
            Purpose::Casework => "casework",
        }
    }
}

/// Logs that a caseworker saw these citizens' names on their list: once per citizen a day,
/// so opening the list many times does not bury the entries that matter.
pub async fn record_list_view(
    db: &Db,
    caseworker_id: Uuid,
    citizen_ids: &[Uuid],
) -> Result<(), sqlx::Error> {
    if citizen_ids.is_empty() {
        return Ok(());
    }
    let now = Timestamp::now();
    let mut tx = db.begin().await?;
    for citizen_id in citizen_ids {
        db_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO access_log (id, citizen_id, caseworker_id, at, what, purpose, day) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (citizen_id, caseworker_id, what, day) WHERE day IS NOT NULL DO NOTHING")
            .bind(Uuid::now_v7())
            .bind(citizen_id)
            .bind(caseworker_id)
            .bind(now)
            .bind(Viewed::CaseloadList.code())
            .bind(Purpose::Casework.code())
            .bind(now.day())
            .execute(&mut *c)
            .await.map(|r| r.rows_affected()))?;
    }
    tx.commit().await
}

/// Logs one read, inside the transaction that serves it: no read without its entry.
pub async fn record(
    tx: &mut Tx,
    caseworker_id: Uuid,
    citizen_id: Uuid,
    what: &str,
    purpose: Purpose,
) -> Result<(), sqlx::Error> {
    db_tx!(tx, c => sqlx::query(
        "INSERT INTO access_log (id, citizen_id, caseworker_id, at, what, purpose) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(Uuid::now_v7())
        .bind(citizen_id)
        .bind(caseworker_id)
        .bind(Timestamp::now())
        .bind(what)
        .bind(purpose.code())
        .execute(&mut *c)
        .await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// How many entries there are about a citizen (tests and the benchmark use it).
pub async fn count_for(db: &Db, citizen_id: Uuid) -> Result<i64, sqlx::Error> {
    let row: (i64,) = db_write!(db, pool => sqlx::query_as("SELECT COUNT(*) FROM access_log WHERE citizen_id = $1")
        .bind(citizen_id)
        .fetch_one(pool)
        .await)?;
    Ok(row.0)
}
