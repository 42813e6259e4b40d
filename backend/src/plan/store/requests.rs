//! "Jeg vil gerne høre om…": the citizen's requests and the caseworker's reasoned answers.

use shared::api::{HistoryEvent, OptionRequest};
use uuid::Uuid;

use super::super::history::{self, By, Event, change};
use super::*;
use crate::access::Actor;

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
