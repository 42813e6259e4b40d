//! The plan's history: every change, who made it and when, with what changed.

use shared::api::{FieldChange, HistoryEntry, HistoryEvent, Party};
use uuid::Uuid;

use crate::access::Actor;
use crate::db::{Conn, Timestamp};
use crate::db_conn;

/// Who an event is written as: a person acting, or Sammen itself.
#[derive(Clone, Copy)]
pub enum By {
    Actor(Actor),
    System,
}

pub struct Event<'a> {
    pub by: By,
    pub event: HistoryEvent,
    pub step: Option<(Uuid, &'a str)>,
    pub changes: Vec<FieldChange>,
}

pub async fn record(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
    e: Event<'_>,
) -> Result<(), sqlx::Error> {
    let (role, caseworker_id) = match e.by {
        By::Actor(a) => (a.party(), a.caseworker_id()),
        By::System => (Party::System, None),
    };
    let changes = serde_json::to_string(&e.changes).unwrap_or_else(|_| "[]".into());
    db_conn!(conn, c => sqlx::query(
        "INSERT INTO plan_history (id, citizen_id, at, actor_role, caseworker_id, event, step_id, step_title, changes) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
        .bind(Uuid::now_v7())
        .bind(citizen_id)
        .bind(Timestamp::now())
        .bind(role.code())
        .bind(caseworker_id)
        .bind(e.event.code())
        .bind(e.step.map(|s| s.0))
        .bind(e.step.map(|s| s.1))
        .bind(changes)
        .execute(&mut *c)
        .await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Records an event about one step (`step` is its id and title at the time).
pub async fn step_event(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
    by: By,
    event: HistoryEvent,
    step: (Uuid, &str),
    changes: Vec<FieldChange>,
) -> Result<(), sqlx::Error> {
    record(
        conn,
        citizen_id,
        Event {
            by,
            event,
            step: Some(step),
            changes,
        },
    )
    .await
}

/// A change of one field, if it changed.
pub fn change(field: &str, before: &str, after: &str) -> Option<FieldChange> {
    (before != after).then(|| FieldChange {
        field: field.into(),
        before: before.into(),
        after: after.into(),
    })
}

#[derive(sqlx::FromRow)]
struct Row {
    at: Timestamp,
    actor_role: String,
    actor_name: Option<String>,
    event: String,
    step_title: Option<String>,
    changes: String,
}

/// The history, newest first.
pub async fn load(conn: &mut Conn<'_>, citizen_id: Uuid) -> Result<Vec<HistoryEntry>, sqlx::Error> {
    let rows: Vec<Row> = db_conn!(conn, c => sqlx::query_as(
        "SELECT h.at, h.actor_role, \
                CASE h.actor_role WHEN 'citizen' THEN z.name WHEN 'caseworker' THEN w.name END AS actor_name, \
                h.event, h.step_title, h.changes \
         FROM plan_history h JOIN citizens z ON z.id = h.citizen_id \
         LEFT JOIN caseworkers w ON w.id = h.caseworker_id \
         WHERE h.citizen_id = $1 ORDER BY h.at DESC, h.id DESC")
        .bind(citizen_id)
        .fetch_all(&mut *c)
        .await)?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(HistoryEntry {
                at: r.at.rfc3339(),
                actor: Party::from_code(&r.actor_role)?,
                actor_name: r.actor_name,
                event: HistoryEvent::from_code(&r.event)?,
                step_title: r.step_title,
                changes: serde_json::from_str(&r.changes).unwrap_or_default(),
            })
        })
        .collect())
}
