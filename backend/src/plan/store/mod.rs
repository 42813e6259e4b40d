//! Queries of the plan: reading it whole (`read`), one step (here), and the changes each side can make to its
//! goals, steps and requests (one file each). Every change runs in the caller's transaction
//! together with its history entry.

mod goals;
mod read;
mod requests;
mod steps;

pub use goals::{set_goals, set_own_goal};
pub use read::{load, load_own};
pub use requests::{answer, ask, request};
use shared::api::{
    OptionRequest, Party, PlanStep, RequestAnswer, Responsible, StepComment, StepStatus,
    StepWording,
};
pub use steps::{add_step, agree, comment, edit_step, helped, set_status};
use uuid::Uuid;

use crate::db::{Conn, Timestamp};
use crate::db_conn;

/// A step's columns: a row of `plan_steps`, or an object of the plan's one-row read (`read`).
#[derive(Clone, sqlx::FromRow, serde::Deserialize)]
pub struct StepRow {
    pub id: Uuid,
    pub title: String,
    pub description: String,
    pub step_type: String,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub responsible: String,
    pub status: String,
    pub proposed_by: String,
    pub version: i64,
    pub citizen_agreed_version: Option<i64>,
    pub caseworker_agreed_version: Option<i64>,
    pub agreed_wording: Option<String>,
    pub helped_citizen: Option<String>,
    pub helped_caseworker: Option<String>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

const STEP_COLUMNS: &str = "id, title, description, step_type, starts_on, ends_on, responsible, status, \
     proposed_by, version, citizen_agreed_version, caseworker_agreed_version, agreed_wording, \
     helped_citizen, helped_caseworker, created_at, updated_at";

impl StepRow {
    pub fn wording(&self) -> StepWording {
        StepWording {
            title: self.title.clone(),
            description: self.description.clone(),
            step_type: self.step_type.clone(),
            starts_on: self.starts_on.clone(),
            ends_on: self.ends_on.clone(),
            responsible: Responsible::from_code(&self.responsible).unwrap_or(Responsible::Other),
        }
    }

    pub fn status(&self) -> StepStatus {
        StepStatus::from_code(&self.status).unwrap_or(StepStatus::Proposed)
    }

    pub fn citizen_agreed(&self) -> bool {
        self.citizen_agreed_version == Some(self.version)
    }

    pub fn caseworker_agreed(&self) -> bool {
        self.caseworker_agreed_version == Some(self.version)
    }

    pub fn agreed(&self) -> bool {
        self.citizen_agreed() && self.caseworker_agreed()
    }

    pub fn into_step(self, comments: Vec<StepComment>) -> PlanStep {
        PlanStep {
            id: self.id,
            wording: self.wording(),
            status: self.status(),
            proposed_by: Party::from_code(&self.proposed_by).unwrap_or(Party::Caseworker),
            version: self.version,
            citizen_agreed: self.citizen_agreed(),
            caseworker_agreed: self.caseworker_agreed(),
            agreed: self.agreed(),
            previously_agreed: self
                .agreed_wording
                .as_deref()
                .and_then(|w| serde_json::from_str(w).ok()),
            comments,
            helped_citizen: self.helped_citizen,
            helped_caseworker: self.helped_caseworker,
            created_at: self.created_at.rfc3339(),
            updated_at: self.updated_at.rfc3339(),
        }
    }
}

#[derive(sqlx::FromRow, serde::Deserialize)]
struct CommentRow {
    id: Uuid,
    author_role: String,
    author_name: String,
    body: String,
    created_at: Timestamp,
}

const COMMENT_SELECT: &str = "SELECT k.id, k.author_role, COALESCE(w.name, z.name) AS author_name, \
     k.body, k.created_at FROM step_comments k JOIN citizens z ON z.id = k.citizen_id \
     LEFT JOIN caseworkers w ON w.id = k.caseworker_id";

impl CommentRow {
    fn into_comment(self) -> StepComment {
        StepComment {
            id: self.id,
            author: Party::from_code(&self.author_role).unwrap_or(Party::Citizen),
            author_name: self.author_name,
            body: self.body,
            at: self.created_at.rfc3339(),
        }
    }
}

#[derive(sqlx::FromRow, serde::Deserialize)]
struct RequestRow {
    id: Uuid,
    option_code: String,
    message: String,
    asked_at: Timestamp,
    answer: Option<String>,
    answered_at: Option<Timestamp>,
    answered_by_name: Option<String>,
}

impl RequestRow {
    fn into_request(self) -> OptionRequest {
        OptionRequest {
            id: self.id,
            option: self.option_code,
            message: self.message,
            asked_at: self.asked_at.rfc3339(),
            answer: match (self.answer, self.answered_at) {
                (Some(text), Some(at)) => Some(RequestAnswer {
                    text,
                    answered_at: at.rfc3339(),
                    caseworker_name: self.answered_by_name.unwrap_or_default(),
                }),
                _ => None,
            },
        }
    }
}

const REQUEST_SELECT: &str = "SELECT r.id, r.option_code, r.message, r.asked_at, r.answer, r.answered_at, \
     w.name AS answered_by_name FROM option_requests r LEFT JOIN caseworkers w ON w.id = r.answered_by";

/// One step of a citizen's plan with its comments, or `None` (unknown, or another citizen's).
pub async fn step(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
    step_id: Uuid,
) -> Result<Option<PlanStep>, sqlx::Error> {
    let Some(row) = step_row(conn, citizen_id, step_id).await? else {
        return Ok(None);
    };
    let comments: Vec<CommentRow> = db_conn!(conn, c => sqlx::query_as(&format!("{COMMENT_SELECT} WHERE k.step_id = $1 ORDER BY k.created_at, k.id"))
        .bind(step_id)
        .fetch_all(&mut *c)
        .await)?;
    let comments = comments.into_iter().map(CommentRow::into_comment).collect();
    Ok(Some(row.into_step(comments)))
}

pub async fn step_row(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
    step_id: Uuid,
) -> Result<Option<StepRow>, sqlx::Error> {
    db_conn!(conn, c => sqlx::query_as(&format!(
        "SELECT {STEP_COLUMNS} FROM plan_steps WHERE id = $1 AND citizen_id = $2"))
        .bind(step_id)
        .bind(citizen_id)
        .fetch_optional(&mut *c)
        .await)
}

async fn ensure_plan(conn: &mut Conn<'_>, citizen_id: Uuid) -> Result<(), sqlx::Error> {
    db_conn!(conn, c => sqlx::query(
        "INSERT INTO plans (citizen_id, updated_at) VALUES ($1, $2) ON CONFLICT (citizen_id) DO NOTHING")
        .bind(citizen_id)
        .bind(Timestamp::now())
        .execute(&mut *c)
        .await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// What an attempt to change a step came to.
pub enum Outcome {
    Done,
    /// Someone changed the step meanwhile; the caller shows both versions.
    Conflict,
    NotFound,
}
