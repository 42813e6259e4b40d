//! Steps: proposing, changing (with re-agreement), agreeing, status, comments and "Det hjalp".

use shared::api::{HistoryEvent, Party, StepStatus, StepWording};
use uuid::Uuid;

use super::super::history::{self, By, Event, change};
use super::*;
use crate::access::Actor;

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
