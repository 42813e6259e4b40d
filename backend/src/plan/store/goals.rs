//! The plan's goals: the citizen's own, and the agreed goal and target group.

use shared::api::HistoryEvent;

use super::super::history::{self, By, Event, change};
use super::*;
use crate::access::Actor;

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
