//! A citizen's plan kept ready in the database, as the JSON the API answers with.
//!
//! Why: "show me my plan" is Sammen's most common request, and a plan built from its tables
//! costs the database a statement with a sub-query per step; on PostgreSQL that, and the round
//! trips around it, kept a cold read far below what a morning of citizens asks for. A ready
//! copy is one row by its key, and it comes along with the session's own statement
//! (`auth::session::Along::ReadyPlan`), so a cold read is one statement.
//!
//! Why it cannot show an old plan: triggers in the database (migration
//! `20261206000001_ready_plans`) raise a plan's `version` and clear its copy in the same
//! transaction as any change to what the plan shows (its goals, steps, comments, requests, and
//! the names in it), whoever makes the change. A copy is built from a read that also gave the
//! version (`store::load_own`, one statement), and is kept only while that version is
//! still current (`KEEP_SQL`), so a copy built while a change committed is thrown away.
//!
//! A change does not build the new copy itself: its transaction stays as short as it was, and
//! the first read after it builds the plan (as every read did before) and keeps it.
//!
//! Instances also remember plans in memory (`cache`); the ready copy is what they all share.

use axum::body::Bytes;
use uuid::Uuid;

use super::store;
use crate::db::{Conn, Db};
use crate::db_conn;

const READ_SQL: &str = "SELECT json FROM ready_plans WHERE citizen_id = $1";

/// Keeps a copy only if its version is still the plan's: a row made by a change since (a
/// higher version) is left as it is. With no row yet, the copy is version 0.
const KEEP_SQL: &str = "INSERT INTO ready_plans (citizen_id, version, json) VALUES ($1, $2, $3) \
     ON CONFLICT (citizen_id) DO UPDATE SET json = excluded.json \
     WHERE ready_plans.version = excluded.version";

/// Where a citizen's plan came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Along with the session (`auth::session::Along::ReadyPlan`).
    Session,
    /// This instance's memory (`cache`).
    Memory,
    /// The ready copy, read on its own.
    Ready,
    /// Built from the tables (and kept ready for the next read).
    Built,
}

/// Citizens' reads of their own plan by where the answer came from (`/metrics`). Mostly
/// "session" and "memory" is a morning going as it should; "built" is a first read since a
/// change.
pub const READS: &str = "sammen_plan_reads_total";

impl Source {
    pub fn count(self) {
        metrics::counter!(READS, "from" => self.label()).increment(1);
    }

    fn label(self) -> &'static str {
        match self {
            Source::Session => "session",
            Source::Memory => "memory",
            Source::Ready => "ready",
            Source::Built => "built",
        }
    }
}

/// The citizen's plan as `GET /me/plan` answers it: the ready copy if it is current, else built
/// from the tables and kept for the next read. `None` if there is no such citizen.
pub async fn own_json(db: &Db, citizen_id: Uuid) -> Result<Option<(Bytes, Source)>, sqlx::Error> {
    if let Some(json) = ready(db, citizen_id).await? {
        return Ok(Some((Bytes::from(json), Source::Ready)));
    }
    let Some(built) = store::load_own(db, citizen_id).await? else {
        return Ok(None);
    };
    let json = serde_json::to_string(&built.plan).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let kept = db
        .keep_derived(async |mut conn| keep(&mut conn, citizen_id, built.version, &json).await)
        .await;
    // The reader has the plan either way; the next read builds it again.
    if let Err(error) = kept {
        tracing::warn!(%error, "a ready plan was not kept");
    }
    Ok(Some((Bytes::from(json), Source::Built)))
}

/// The current ready copy, if there is one.
async fn ready(db: &Db, citizen_id: Uuid) -> Result<Option<String>, sqlx::Error> {
    let row: Option<Option<String>> = db
        .read_directly(
            |c| {
                use rusqlite::OptionalExtension as _;
                c.prepare_cached(READ_SQL)?
                    .query_row([&citizen_id.as_bytes()[..]], |r| r.get(0))
                    .optional()
            },
            async |conn| {
                let row: Option<(Option<String>,)> = db_conn!(conn, c => sqlx::query_as(READ_SQL)
                    .bind(citizen_id)
                    .fetch_optional(c)
                    .await)?;
                Ok(row.map(|(json,)| json))
            },
        )
        .await?;
    Ok(row.flatten())
}

async fn keep(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
    version: i64,
    json: &str,
) -> Result<(), sqlx::Error> {
    db_conn!(conn, c => sqlx::query(KEEP_SQL)
        .bind(citizen_id)
        .bind(version)
        .bind(json)
        .execute(c)
        .await
        .map(|_| ()))
}

#[cfg(test)]
mod tests;
