//! Queries of the plan: reading it whole, and the changes each side can make. Every change
//! runs in the caller's transaction together with its history entry.

use std::collections::HashMap;

use shared::api::{
    HistoryEvent, OptionRequest, Party, PlanResponse, PlanStep, RequestAnswer, Responsible,
    StepComment, StepStatus, StepWording,
};
use uuid::Uuid;

use super::history::{self, By, Event, change};
use crate::access::Actor;
use crate::db::{Conn, Timestamp};
use crate::db_conn;

#[derive(sqlx::FromRow)]
struct Head {
    name: String,
    own_goal: Option<String>,
    agreed_goal: Option<String>,
    target_group: Option<String>,
}

#[derive(Clone, sqlx::FromRow)]
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

#[derive(sqlx::FromRow)]
struct CommentRow {
    id: Uuid,
    step_id: Uuid,
    author_role: String,
    author_name: String,
    body: String,
    created_at: Timestamp,
}

const COMMENT_SELECT: &str = "SELECT k.id, k.step_id, k.author_role, COALESCE(w.name, z.name) AS author_name, \
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

#[derive(sqlx::FromRow)]
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

/// The whole plan of a citizen, or `None` if there is no such citizen.
pub async fn load(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
) -> Result<Option<PlanResponse>, sqlx::Error> {
    let head: Option<Head> = db_conn!(conn, c => sqlx::query_as(
        "SELECT z.name, p.own_goal, p.agreed_goal, p.target_group FROM citizens z \
         LEFT JOIN plans p ON p.citizen_id = z.id WHERE z.id = $1")
        .bind(citizen_id)
        .fetch_optional(&mut *c)
        .await)?;
    let Some(head) = head else { return Ok(None) };
    let steps: Vec<StepRow> = db_conn!(conn, c => sqlx::query_as(&format!(
        "SELECT {STEP_COLUMNS} FROM plan_steps WHERE citizen_id = $1 ORDER BY created_at, id"))
        .bind(citizen_id)
        .fetch_all(&mut *c)
        .await)?;
    let comments: Vec<CommentRow> = db_conn!(conn, c => sqlx::query_as(&format!("{COMMENT_SELECT} WHERE k.citizen_id = $1 ORDER BY k.created_at, k.id"))
        .bind(citizen_id)
        .fetch_all(&mut *c)
        .await)?;
    let requests: Vec<RequestRow> = db_conn!(conn, c => sqlx::query_as(&format!(
        "{REQUEST_SELECT} WHERE r.citizen_id = $1 ORDER BY r.asked_at DESC, r.id DESC"))
        .bind(citizen_id)
        .fetch_all(&mut *c)
        .await)?;

    let mut by_step: HashMap<Uuid, Vec<StepComment>> = HashMap::new();
    for k in comments {
        by_step.entry(k.step_id).or_default().push(k.into_comment());
    }
    Ok(Some(PlanResponse {
        citizen_id,
        citizen_name: head.name,
        own_goal: head.own_goal.unwrap_or_default(),
        agreed_goal: head.agreed_goal.unwrap_or_default(),
        target_group: head.target_group,
        steps: steps
            .into_iter()
            .map(|s| {
                let comments = by_step.remove(&s.id).unwrap_or_default();
                s.into_step(comments)
            })
            .collect(),
        requests: requests.into_iter().map(RequestRow::into_request).collect(),
    }))
}

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

/// "Mit mål", in the citizen's own words.
pub async fn set_own_goal(
    conn: &mut Conn<'_>,
    actor: Actor,
    own_goal: &str,
) -> Result<(), sqlx::Error> {
    let citizen_id = actor.citizen_id();
    ensure_plan(conn, citizen_id).await?;
    let (before,): (String,) = db_conn!(conn, c => sqlx::query_as("SELECT own_goal FROM plans WHERE citizen_id = $1")
        .bind(citizen_id).fetch_one(&mut *c).await)?;
    let Some(changed) = change("own_goal", &before, own_goal) else {
        return Ok(());
    };
    db_conn!(conn, c => sqlx::query("UPDATE plans SET own_goal = $1, updated_at = $2 WHERE citizen_id = $3")
        .bind(own_goal).bind(Timestamp::now()).bind(citizen_id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    history::record(
        conn,
        citizen_id,
        Event {
            by: By::Actor(actor),
            event: HistoryEvent::OwnGoalChanged,
            step: None,
            changes: vec![changed],
        },
    )
    .await
}

/// The agreed job or education goal and the target group (caseworker).
pub async fn set_goals(
    conn: &mut Conn<'_>,
    actor: Actor,
    agreed_goal: &str,
    target_group: Option<&str>,
) -> Result<(), sqlx::Error> {
    let citizen_id = actor.citizen_id();
    ensure_plan(conn, citizen_id).await?;
    let (goal, group): (String, Option<String>) = db_conn!(conn, c => sqlx::query_as(
        "SELECT agreed_goal, target_group FROM plans WHERE citizen_id = $1")
        .bind(citizen_id).fetch_one(&mut *c).await)?;
    let changes: Vec<_> = [
        change("agreed_goal", &goal, agreed_goal),
        change(
            "target_group",
            group.as_deref().unwrap_or(""),
            target_group.unwrap_or(""),
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    if changes.is_empty() {
        return Ok(());
    }
    db_conn!(conn, c => sqlx::query(
        "UPDATE plans SET agreed_goal = $1, target_group = $2, updated_at = $3 WHERE citizen_id = $4")
        .bind(agreed_goal).bind(target_group).bind(Timestamp::now()).bind(citizen_id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    history::record(
        conn,
        citizen_id,
        Event {
            by: By::Actor(actor),
            event: HistoryEvent::GoalsChanged,
            step: None,
            changes,
        },
    )
    .await
}

/// A new step; the one who proposes it agrees to its wording by proposing it.
pub async fn add_step(
    conn: &mut Conn<'_>,
    actor: Actor,
    w: &StepWording,
) -> Result<Uuid, sqlx::Error> {
    let citizen_id = actor.citizen_id();
    let id = Uuid::now_v7();
    let now = Timestamp::now();
    let (citizen_v, caseworker_v) = match actor.party() {
        Party::Citizen => (Some(1_i64), None),
        _ => (None, Some(1_i64)),
    };
    db_conn!(conn, c => sqlx::query(&format!(
        "INSERT INTO plan_steps ({STEP_COLUMNS}, citizen_id) VALUES \
         ($1, $2, $3, $4, $5, $6, $7, 'proposed', $8, 1, $9, $10, NULL, NULL, NULL, $11, $11, $12)"))
        .bind(id)
        .bind(w.title.trim())
        .bind(w.description.trim())
        .bind(&w.step_type)
        .bind(clean_date(&w.starts_on))
        .bind(clean_date(&w.ends_on))
        .bind(w.responsible.code())
        .bind(actor.party().code())
        .bind(citizen_v)
        .bind(caseworker_v)
        .bind(now)
        .bind(citizen_id)
        .execute(&mut *c)
        .await.map(|r| r.rows_affected()))?;
    history::record(
        conn,
        citizen_id,
        Event {
            by: By::Actor(actor),
            event: HistoryEvent::StepProposed,
            step: Some((id, w.title.trim())),
            changes: vec![],
        },
    )
    .await?;
    Ok(id)
}

fn clean_date(d: &Option<String>) -> Option<String> {
    d.as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_string)
}

/// What an attempt to change a step came to.
pub enum Outcome {
    Done,
    /// Someone changed the step meanwhile; the caller shows both versions.
    Conflict,
    NotFound,
}

/// Changes a step's wording if it is still at `version`. The change needs new agreement: the
/// one who changes it agrees to the new wording, the other not yet. If the step was agreed,
/// the wording as agreed is kept to show what changed.
pub async fn edit_step(
    conn: &mut Conn<'_>,
    actor: Actor,
    step_id: Uuid,
    version: i64,
    w: &StepWording,
) -> Result<Outcome, sqlx::Error> {
    let citizen_id = actor.citizen_id();
    let Some(row) = step_row(conn, citizen_id, step_id).await? else {
        return Ok(Outcome::NotFound);
    };
    if row.version != version {
        return Ok(Outcome::Conflict);
    }
    let before = row.wording();
    let after = StepWording {
        title: w.title.trim().into(),
        description: w.description.trim().into(),
        step_type: w.step_type.clone(),
        starts_on: clean_date(&w.starts_on),
        ends_on: clean_date(&w.ends_on),
        responsible: w.responsible,
    };
    let changes: Vec<_> = [
        change("wording.title", &before.title, &after.title),
        change(
            "wording.description",
            &before.description,
            &after.description,
        ),
        change("wording.step_type", &before.step_type, &after.step_type),
        change(
            "wording.starts_on",
            before.starts_on.as_deref().unwrap_or(""),
            after.starts_on.as_deref().unwrap_or(""),
        ),
        change(
            "wording.ends_on",
            before.ends_on.as_deref().unwrap_or(""),
            after.ends_on.as_deref().unwrap_or(""),
        ),
        change(
            "wording.responsible",
            before.responsible.code(),
            after.responsible.code(),
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    if changes.is_empty() {
        return Ok(Outcome::Done);
    }
    let snapshot = if row.agreed() {
        serde_json::to_string(&before).ok()
    } else {
        row.agreed_wording.clone()
    };
    let new_version = version + 1;
    let (citizen_v, caseworker_v) = match actor.party() {
        Party::Citizen => (Some(new_version), row.caseworker_agreed_version),
        _ => (row.citizen_agreed_version, Some(new_version)),
    };
    // The version in the WHERE makes two simultaneous saves of the same version safe: the
    // second finds nothing to update and is told about the conflict.
    let updated = db_conn!(conn, c => sqlx::query(
        "UPDATE plan_steps SET title = $1, description = $2, step_type = $3, starts_on = $4, ends_on = $5, \
         responsible = $6, version = $7, citizen_agreed_version = $8, caseworker_agreed_version = $9, \
         agreed_wording = $10, updated_at = $11 WHERE id = $12 AND citizen_id = $13 AND version = $14")
        .bind(&after.title).bind(&after.description).bind(&after.step_type).bind(&after.starts_on)
        .bind(&after.ends_on).bind(after.responsible.code()).bind(new_version).bind(citizen_v).bind(caseworker_v)
        .bind(snapshot).bind(Timestamp::now()).bind(step_id).bind(citizen_id).bind(version)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    if updated == 0 {
        return Ok(Outcome::Conflict);
    }
    history::step_event(
        conn,
        citizen_id,
        By::Actor(actor),
        HistoryEvent::StepChanged,
        (step_id, &after.title),
        changes,
    )
    .await?;
    Ok(Outcome::Done)
}

/// "Det er vi enige om" to the wording of `version`. When both have agreed, the step is
/// agreed: the old wording is no longer needed, and a proposed step becomes planned.
pub async fn agree(
    conn: &mut Conn<'_>,
    actor: Actor,
    step_id: Uuid,
    version: i64,
) -> Result<Outcome, sqlx::Error> {
    let citizen_id = actor.citizen_id();
    let Some(row) = step_row(conn, citizen_id, step_id).await? else {
        return Ok(Outcome::NotFound);
    };
    if row.version != version {
        return Ok(Outcome::Conflict);
    }
    let already = match actor.party() {
        Party::Citizen => row.citizen_agreed(),
        _ => row.caseworker_agreed(),
    };
    if already {
        return Ok(Outcome::Done);
    }
    let column = match actor.party() {
        Party::Citizen => "citizen_agreed_version",
        _ => "caseworker_agreed_version",
    };
    let updated = db_conn!(conn, c => sqlx::query(&format!(
        "UPDATE plan_steps SET {column} = $1, updated_at = $2 WHERE id = $3 AND version = $1"))
        .bind(version).bind(Timestamp::now()).bind(step_id)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    if updated == 0 {
        return Ok(Outcome::Conflict);
    }
    history::step_event(
        conn,
        citizen_id,
        By::Actor(actor),
        HistoryEvent::StepAgreed,
        (step_id, &row.title),
        vec![],
    )
    .await?;
    let Some(now) = step_row(conn, citizen_id, step_id).await? else {
        return Ok(Outcome::NotFound);
    };
    if now.agreed() && !row.agreed() {
        let new_status = if now.status() == StepStatus::Proposed {
            StepStatus::Planned
        } else {
            now.status()
        };
        db_conn!(conn, c => sqlx::query(
            "UPDATE plan_steps SET agreed_wording = NULL, status = $1 WHERE id = $2")
            .bind(new_status.code()).bind(step_id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        let changes = change("status", now.status().code(), new_status.code())
            .into_iter()
            .collect();
        history::step_event(
            conn,
            citizen_id,
            By::System,
            HistoryEvent::StepBecameAgreed,
            (step_id, &row.title),
            changes,
        )
        .await?;
    }
    Ok(Outcome::Done)
}

pub async fn set_status(
    conn: &mut Conn<'_>,
    actor: Actor,
    step_id: Uuid,
    status: StepStatus,
) -> Result<Outcome, sqlx::Error> {
    let citizen_id = actor.citizen_id();
    let Some(row) = step_row(conn, citizen_id, step_id).await? else {
        return Ok(Outcome::NotFound);
    };
    let Some(changed) = change("status", &row.status, status.code()) else {
        return Ok(Outcome::Done);
    };
    db_conn!(conn, c => sqlx::query("UPDATE plan_steps SET status = $1, updated_at = $2 WHERE id = $3")
        .bind(status.code()).bind(Timestamp::now()).bind(step_id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    history::step_event(
        conn,
        citizen_id,
        By::Actor(actor),
        HistoryEvent::StepStatusChanged,
        (step_id, &row.title),
        vec![changed],
    )
    .await?;
    Ok(Outcome::Done)
}

pub async fn comment(
    conn: &mut Conn<'_>,
    actor: Actor,
    step_id: Uuid,
    body: &str,
) -> Result<Outcome, sqlx::Error> {
    let citizen_id = actor.citizen_id();
    let Some(row) = step_row(conn, citizen_id, step_id).await? else {
        return Ok(Outcome::NotFound);
    };
    db_conn!(conn, c => sqlx::query(
        "INSERT INTO step_comments (id, step_id, citizen_id, author_role, caseworker_id, body, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(Uuid::now_v7()).bind(step_id).bind(citizen_id).bind(actor.party().code())
        .bind(actor.caseworker_id()).bind(body.trim()).bind(Timestamp::now())
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    history::step_event(
        conn,
        citizen_id,
        By::Actor(actor),
        HistoryEvent::StepCommented,
        (step_id, &row.title),
        vec![],
    )
    .await?;
    Ok(Outcome::Done)
}

/// "Det hjalp": each side's note on a done step. `None` means the step is not done.
pub async fn helped(
    conn: &mut Conn<'_>,
    actor: Actor,
    step_id: Uuid,
    text: &str,
) -> Result<Option<Outcome>, sqlx::Error> {
    let citizen_id = actor.citizen_id();
    let Some(row) = step_row(conn, citizen_id, step_id).await? else {
        return Ok(Some(Outcome::NotFound));
    };
    if row.status() != StepStatus::Done {
        return Ok(None);
    }
    let (column, before) = match actor.party() {
        Party::Citizen => ("helped_citizen", row.helped_citizen.clone()),
        _ => ("helped_caseworker", row.helped_caseworker.clone()),
    };
    let text = text.trim();
    db_conn!(conn, c => sqlx::query(&format!("UPDATE plan_steps SET {column} = $1, updated_at = $2 WHERE id = $3"))
        .bind(text).bind(Timestamp::now()).bind(step_id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    let changes = change(column, before.as_deref().unwrap_or(""), text)
        .into_iter()
        .collect();
    history::step_event(
        conn,
        citizen_id,
        By::Actor(actor),
        HistoryEvent::StepHelpedNoted,
        (step_id, &row.title),
        changes,
    )
    .await?;
    Ok(Some(Outcome::Done))
}

/// "Jeg vil gerne høre om…".
pub async fn ask(
    conn: &mut Conn<'_>,
    actor: Actor,
    option: &str,
    message: &str,
) -> Result<OptionRequest, sqlx::Error> {
    let citizen_id = actor.citizen_id();
    let id = Uuid::now_v7();
    db_conn!(conn, c => sqlx::query(
        "INSERT INTO option_requests (id, citizen_id, option_code, message, asked_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(id).bind(citizen_id).bind(option).bind(message.trim()).bind(Timestamp::now())
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    history::record(
        conn,
        citizen_id,
        Event {
            by: By::Actor(actor),
            event: HistoryEvent::RequestAsked,
            step: None,
            changes: change("option", "", option).into_iter().collect(),
        },
    )
    .await?;
    request(conn, citizen_id, id)
        .await
        .map(|r| r.expect("just inserted"))
}

pub async fn request(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
    id: Uuid,
) -> Result<Option<OptionRequest>, sqlx::Error> {
    let row: Option<RequestRow> = db_conn!(conn, c => sqlx::query_as(&format!(
        "{REQUEST_SELECT} WHERE r.id = $1 AND r.citizen_id = $2"))
        .bind(id).bind(citizen_id).fetch_optional(&mut *c).await)?;
    Ok(row.map(RequestRow::into_request))
}

/// The caseworker's reasoned answer. A request is answered once; a second answer is a conflict.
pub async fn answer(
    conn: &mut Conn<'_>,
    actor: Actor,
    id: Uuid,
    text: &str,
) -> Result<Outcome, sqlx::Error> {
    let citizen_id = actor.citizen_id();
    let Some(existing) = request(conn, citizen_id, id).await? else {
        return Ok(Outcome::NotFound);
    };
    let updated = db_conn!(conn, c => sqlx::query(
        "UPDATE option_requests SET answer = $1, answered_at = $2, answered_by = $3 \
         WHERE id = $4 AND citizen_id = $5 AND answer IS NULL")
        .bind(text.trim()).bind(Timestamp::now()).bind(actor.caseworker_id()).bind(id).bind(citizen_id)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    if updated == 0 {
        return Ok(Outcome::Conflict);
    }
    history::record(
        conn,
        citizen_id,
        Event {
            by: By::Actor(actor),
            event: HistoryEvent::RequestAnswered,
            step: None,
            changes: change("option", "", &existing.option).into_iter().collect(),
        },
    )
    .await?;
    Ok(Outcome::Done)
}
