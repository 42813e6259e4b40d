//! Reading a citizen's whole plan in one statement that answers one row: the head's columns,
//! and the steps (each with its comments) and the requests as JSON built by the database.
//!
//! Why one row: the citizen's morning read of their plan is Sammen's most common request, and
//! what a read costs is mostly the hand-offs per statement and per row (on SQLite, between the
//! async workers and sqlx's worker thread per connection; on PostgreSQL, a round trip per
//! statement), not the database's own work. A plan of ten steps read as rows took two statements
//! and twelve rows; this takes one of each.
//!
//! The statement is written once (`PLAN_SQL`); the few JSON functions the engines name
//! differently are filled in per engine, so both run the same query (ADR 1).

use std::sync::LazyLock;

use serde::Deserialize;
use shared::api::PlanResponse;
use uuid::Uuid;

use super::{CommentRow, RequestRow, StepRow};
use crate::db::{Conn, Db};

/// `{obj}`: a JSON object of name/value pairs; `{arr}`: an aggregate of JSON values into an
/// array; `{id}`: a UUID column as text (SQLite keeps
/// UUIDs as 16-byte blobs, which JSON cannot carry; their hex is a UUID `Uuid` parses);
/// `{nested}`: a sub-query's array as a JSON value (SQLite loses the JSON-ness of a sub-query's
/// result); `{text}`: a top-level array as text. PostgreSQL aggregates no rows to NULL, which
/// is read as an empty array.
///
/// The arrays come in no particular order; `assemble` sorts them. An `ORDER BY` inside an
/// aggregate makes SQLite build a temporary b-tree for each (for every step's comments too),
/// which cost a fifth to two fifths of the statement; sorting ten steps here costs nothing.
const PLAN_SQL: &str = "SELECT z.name, p.own_goal, p.agreed_goal, p.target_group, \
     {text}((SELECT {arr}({obj}( \
        's', {obj}('id', {id}(s.id), 'title', s.title, 'description', s.description, \
            'step_type', s.step_type, 'starts_on', s.starts_on, 'ends_on', s.ends_on, \
            'responsible', s.responsible, 'status', s.status, 'proposed_by', s.proposed_by, \
            'version', s.version, 'citizen_agreed_version', s.citizen_agreed_version, \
            'caseworker_agreed_version', s.caseworker_agreed_version, \
            'agreed_wording', s.agreed_wording, 'helped_citizen', s.helped_citizen, \
            'helped_caseworker', s.helped_caseworker, 'created_at', s.created_at, \
            'updated_at', s.updated_at), \
        'c', {nested}((SELECT {arr}({obj}('id', {id}(k.id), 'author_role', k.author_role, \
                'author_name', COALESCE(w.name, y.name), 'body', k.body, 'created_at', k.created_at)) \
            FROM step_comments k JOIN citizens y ON y.id = k.citizen_id \
            LEFT JOIN caseworkers w ON w.id = k.caseworker_id WHERE k.step_id = s.id)))) \
      FROM plan_steps s WHERE s.citizen_id = z.id)) AS steps, \
     {text}((SELECT {arr}({obj}('id', {id}(r.id), 'option_code', r.option_code, \
            'message', r.message, 'asked_at', r.asked_at, 'answer', r.answer, \
            'answered_at', r.answered_at, 'answered_by_name', w.name)) \
      FROM option_requests r LEFT JOIN caseworkers w ON w.id = r.answered_by \
      WHERE r.citizen_id = z.id)) AS requests, \
     COALESCE((SELECT v.version FROM ready_plans v WHERE v.citizen_id = z.id), 0) AS version \
     FROM citizens z LEFT JOIN plans p ON p.citizen_id = z.id WHERE z.id = $1";

fn plan_sql(functions: [(&str, &str); 5]) -> String {
    functions
        .iter()
        .fold(PLAN_SQL.to_string(), |sql, (name, function)| {
            sql.replace(name, function)
        })
}

static SQLITE_PLAN_SQL: LazyLock<String> = LazyLock::new(|| {
    plan_sql([
        ("{obj}", "json_object"),
        ("{arr}", "json_group_array"),
        ("{id}", "hex"),
        ("{nested}", "json"),
        ("{text}", ""),
    ])
});

static POSTGRES_PLAN_SQL: LazyLock<String> = LazyLock::new(|| {
    plan_sql([
        ("{obj}", "json_build_object"),
        ("{arr}", "json_agg"),
        ("{id}", ""),
        ("{nested}", ""),
        ("{text}", "text"),
    ])
});

#[derive(sqlx::FromRow)]
struct PlanRow {
    name: String,
    own_goal: Option<String>,
    agreed_goal: Option<String>,
    target_group: Option<String>,
    /// `None` on PostgreSQL when the plan has no steps.
    steps: Option<String>,
    requests: Option<String>,
    /// The plan's version in `ready_plans` (0 before its first change), read in the same
    /// statement as the plan, so a copy of this plan can say which state it shows.
    version: i64,
}

/// A step and its comments, as the statement builds them.
#[derive(Deserialize)]
struct StepJson {
    s: StepRow,
    c: Option<Vec<CommentRow>>,
}

/// The whole plan of a citizen, or `None` if there is no such citizen.
pub async fn load(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
) -> Result<Option<PlanResponse>, sqlx::Error> {
    let row = query(conn, citizen_id).await?;
    Ok(row
        .map(|row| assemble(citizen_id, row))
        .transpose()?
        .map(|versioned| versioned.plan))
}

/// A plan and the version of it that it is (see `plan::ready`).
pub struct Versioned {
    pub plan: PlanResponse,
    pub version: i64,
}

async fn query(conn: &mut Conn<'_>, citizen_id: Uuid) -> Result<Option<PlanRow>, sqlx::Error> {
    match conn {
        Conn::Sqlite(c) => {
            sqlx::query_as(SQLITE_PLAN_SQL.as_str())
                .bind(citizen_id)
                .fetch_optional(&mut **c)
                .await
        }
        Conn::Postgres(c) => {
            sqlx::query_as(POSTGRES_PLAN_SQL.as_str())
                .bind(citizen_id)
                .fetch_optional(&mut **c)
                .await
        }
    }
}

/// A citizen's read of their own plan, built from the tables, on the direct path (`db::direct`).
pub async fn load_own(db: &Db, citizen_id: Uuid) -> Result<Option<Versioned>, sqlx::Error> {
    let row = db
        .read_directly(
            |c| read_directly(c, citizen_id),
            async |mut conn| query(&mut conn, citizen_id).await,
        )
        .await?;
    row.map(|row| assemble(citizen_id, row)).transpose()
}

fn read_directly(
    conn: &rusqlite::Connection,
    citizen_id: Uuid,
) -> rusqlite::Result<Option<PlanRow>> {
    use rusqlite::OptionalExtension as _;
    conn.prepare_cached(SQLITE_PLAN_SQL.as_str())?
        .query_row([&citizen_id.as_bytes()[..]], |r| {
            Ok(PlanRow {
                name: r.get(0)?,
                own_goal: r.get(1)?,
                agreed_goal: r.get(2)?,
                target_group: r.get(3)?,
                steps: r.get(4)?,
                requests: r.get(5)?,
                version: r.get(6)?,
            })
        })
        .optional()
}

/// The plan from its row, in the order people see it: steps and their comments oldest first,
/// requests newest first (ties by id, as the database orders UUIDs: by their bytes).
fn assemble(citizen_id: Uuid, row: PlanRow) -> Result<Versioned, sqlx::Error> {
    let mut steps: Vec<StepJson> = parse(row.steps.as_deref())?;
    steps.sort_unstable_by_key(|step| (step.s.created_at, step.s.id));
    let mut requests: Vec<RequestRow> = parse(row.requests.as_deref())?;
    requests.sort_unstable_by_key(|r| std::cmp::Reverse((r.asked_at, r.id)));
    let plan = PlanResponse {
        citizen_id,
        citizen_name: row.name,
        own_goal: row.own_goal.unwrap_or_default(),
        agreed_goal: row.agreed_goal.unwrap_or_default(),
        target_group: row.target_group,
        steps: steps
            .into_iter()
            .map(|step| {
                let mut comments = step.c.unwrap_or_default();
                comments.sort_unstable_by_key(|c| (c.created_at, c.id));
                let comments = comments.into_iter().map(CommentRow::into_comment).collect();
                step.s.into_step(comments)
            })
            .collect(),
        requests: requests.into_iter().map(RequestRow::into_request).collect(),
    };
    Ok(Versioned {
        plan,
        version: row.version,
    })
}

/// An array the statement built; none (no rows on PostgreSQL) is an empty one.
fn parse<T: serde::de::DeserializeOwned>(json: Option<&str>) -> Result<Vec<T>, sqlx::Error> {
    match json {
        None => Ok(Vec::new()),
        Some(json) => serde_json::from_str(json).map_err(|e| sqlx::Error::Decode(Box::new(e))),
    }
}
