//! Drafts on the server: what someone is typing is saved as they type (the client waits a
//! moment after the last key), so another device, a timeout or a closed tab never loses it.
//! Sending clears it. A draft belongs to its author: a caseworker's to the caseworker.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use shared::api::{Draft, Topic};
use shared::validation::{Problems, limits, optional_text};
use utoipa_axum::routes;
use uuid::Uuid;

use super::store;
use crate::access::{Acting, Actor, parse_id};
use crate::db::Conn;
use crate::db_conn;
use crate::error::{AppError, AppJson, AppResult};
use crate::http::api_routes::ApiRoutes;
use crate::state::AppState;

pub fn router() -> ApiRoutes {
    ApiRoutes::new().both_sides(routes!(draft, save_draft))
}

/// `{slot}`: `new` for a conversation not yet started, or a conversation's id.
#[derive(Deserialize)]
pub struct DraftPath {
    slot: String,
}

/// Where an author's draft of a new conversation is kept: a caseworker has one per citizen.
pub fn new_slot(actor: Actor) -> String {
    match actor {
        Actor::Citizen { .. } => "new".into(),
        Actor::Caseworker { citizen_id, .. } => format!("new-{citizen_id}"),
    }
}

fn author_id(actor: Actor) -> Uuid {
    actor.caseworker_id().unwrap_or(actor.citizen_id())
}

/// The stored slot for an address's `{slot}`, checking a conversation is this citizen's.
async fn slot(s: &AppState, actor: Actor, raw: &str) -> AppResult<String> {
    if raw == "new" {
        return Ok(new_slot(actor));
    }
    let conversation = parse_id(raw)?;
    let head = store::head(
        &mut s.db.reader().await?.conn(),
        actor.citizen_id(),
        conversation,
    )
    .await?;
    head.map(|_| conversation.to_string())
        .ok_or(AppError::NotFound)
}

#[derive(sqlx::FromRow)]
struct DraftRow {
    subject: String,
    body: String,
    topic: Option<String>,
}

/// The draft in a slot; empty when there is none.
#[utoipa::path(get, path = "/me/drafts/{slot}", tag = "messages", params(("slot" = String, Path)),
    responses((status = 200, body = Draft), (status = 404, body = shared::api::ApiError)))]
pub async fn draft(
    State(s): State<AppState>,
    Acting(actor): Acting,
    Path(DraftPath { slot: raw }): Path<DraftPath>,
) -> AppResult<AppJson<Draft>> {
    let slot = slot(&s, actor, &raw).await?;
    let row: Option<DraftRow> = db_conn!(s.db.reader().await?.conn(), c => sqlx::query_as(
        "SELECT subject, body, topic FROM message_drafts WHERE author_id = $1 AND slot = $2")
        .bind(author_id(actor))
        .bind(&slot)
        .fetch_optional(&mut *c)
        .await)?;
    Ok(AppJson(row.map_or_else(Draft::default, |r| Draft {
        subject: r.subject,
        body: r.body,
        topic: r.topic.as_deref().and_then(Topic::from_code),
    })))
}

/// Saves the draft in a slot; an empty one is removed. Drafts may be longer than a message
/// may (twice the limit), so nothing typed is lost before the person shortens it.
#[utoipa::path(put, path = "/me/drafts/{slot}", tag = "messages", request_body = Draft,
    params(("slot" = String, Path)),
    responses((status = 204), (status = 404, body = shared::api::ApiError), (status = 422, body = shared::api::ApiError)))]
pub async fn save_draft(
    State(s): State<AppState>,
    Acting(actor): Acting,
    Path(DraftPath { slot: raw }): Path<DraftPath>,
    AppJson(d): AppJson<Draft>,
) -> AppResult<StatusCode> {
    let mut p = Problems::default();
    p.check(
        "subject",
        optional_text(&d.subject, limits::MESSAGE_SUBJECT * 2),
    );
    p.check("body", optional_text(&d.body, limits::MESSAGE_BODY * 2));
    AppError::check(p)?;
    let slot = slot(&s, actor, &raw).await?;
    let mut writer = s.db.writer().await?;
    if d.subject.trim().is_empty() && d.body.trim().is_empty() {
        clear(&mut writer.conn(), author_id(actor), &slot).await?;
        return Ok(StatusCode::NO_CONTENT);
    }
    db_conn!(writer.conn(), c => sqlx::query(
        "INSERT INTO message_drafts (author_id, slot, citizen_id, subject, body, topic, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (author_id, slot) DO UPDATE SET subject = $4, body = $5, topic = $6, updated_at = $7")
        .bind(author_id(actor))
        .bind(&slot)
        .bind(actor.citizen_id())
        .bind(&d.subject)
        .bind(&d.body)
        .bind(d.topic.map(Topic::code))
        .bind(s.clock.now())
        .execute(&mut *c)
        .await
        .map(|_| ()))?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes a draft (its message was sent).
pub async fn clear(conn: &mut Conn<'_>, author_id: Uuid, slot: &str) -> AppResult<()> {
    db_conn!(conn, c => sqlx::query("DELETE FROM message_drafts WHERE author_id = $1 AND slot = $2")
        .bind(author_id)
        .bind(slot)
        .execute(&mut *c)
        .await
        .map(|_| ()))?;
    Ok(())
}
