//! "Beskeder" and "Indbakke": conversations between a citizen and the jobcentre. A citizen
//! starts one with their primary caseworker and is told when to expect an answer; caseworkers
//! answer from one inbox sorted by how long citizens have waited. Sending is idempotent (the
//! client's key), drafts live on the server (`drafts`), every caseworker read is logged, and
//! live clients hear of each change (`crate::live`).

mod attachments;
mod cover;
mod drafts;
mod inbox;
mod sending;
pub mod store;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use shared::api::{AccessWhat, ConversationResponse, ConversationsResponse, Party};
use utoipa_axum::routes;

use crate::access::{Acting, Actor, parse_id};
use crate::audit;
use crate::cache_bus::Change;
use crate::calendar;
use crate::db::Timestamp;
use crate::error::{AppError, AppJson, AppResult};
use crate::http::api_routes::ApiRoutes;
use crate::state::AppState;

pub fn router() -> ApiRoutes {
    ApiRoutes::new()
        .both_sides(routes!(conversations, sending::start_conversation))
        .both_sides(routes!(conversation))
        .both_sides(routes!(sending::reply))
        .one_sided(routes!(needs_no_reply))
        .one_sided(routes!(close))
        .merge(drafts::router())
        .merge(cover::router())
        .merge(attachments::router())
        .merge(inbox::router())
}

/// The `{conversation}` of a conversation's address (beside `{citizen}` on a caseworker's).
#[derive(Deserialize)]
pub struct ConversationPath {
    conversation: String,
}

/// Today in Copenhagen, as promised dates are written.
fn today(s: &AppState) -> String {
    calendar::date_in_copenhagen(s.clock.now()).to_string()
}

/// The date by which the jobcentre promises to answer a message sent now.
fn promise(s: &AppState, now: Timestamp) -> String {
    let today = calendar::date_in_copenhagen(now);
    calendar::working_days_after(today, s.settings.messages.answer_within_working_days).to_string()
}

/// The citizen's conversations, newest first, and whom a new message goes to.
#[utoipa::path(get, path = "/me/conversations", tag = "messages",
    responses((status = 200, body = ConversationsResponse), (status = 404, body = shared::api::ApiError)))]
pub async fn conversations(
    State(s): State<AppState>,
    Acting(actor): Acting,
) -> AppResult<AppJson<ConversationsResponse>> {
    let today = today(&s);
    let mut reading = audit::read(&s, actor, AccessWhat::Conversations).await?;
    let list = store::conversations_of(
        &mut reading.conn(),
        actor.citizen_id(),
        actor.party(),
        &today,
    )
    .await?;
    let answers = cover::who_answers(&mut reading.conn(), actor.citizen_id(), &today).await?;
    reading.done().await?;
    let (recipient, cover) = match answers {
        Some((_, contact, cover)) => (Some(contact), cover),
        None => (None, None),
    };
    let unread = list.iter().filter(|c| c.unread).count() as u32;
    Ok(AppJson(ConversationsResponse {
        conversations: list,
        unread,
        recipient,
        cover,
    }))
}

/// One conversation with its messages. Opening it marks what the other side wrote as read; a
/// caseworker's opening is logged in the same transaction.
#[utoipa::path(get, path = "/me/conversations/{conversation}", tag = "messages",
    params(("conversation" = String, Path)),
    responses((status = 200, body = ConversationResponse), (status = 404, body = shared::api::ApiError)))]
pub async fn conversation(
    State(s): State<AppState>,
    Acting(actor): Acting,
    Path(ConversationPath { conversation }): Path<ConversationPath>,
) -> AppResult<AppJson<ConversationResponse>> {
    let conversation_id = parse_id(&conversation)?;
    let now = s.clock.now();
    let today = today(&s);
    let system = shared::i18n::texts(shared::Lang::Da).authority_name;
    // A transaction for both sides: opening writes the read marks.
    let mut tx = match actor {
        Actor::Citizen { .. } => s.db.begin().await?,
        Actor::Caseworker { .. } => audit::logged_read(&s, actor, AccessWhat::Conversation).await?,
    };
    let citizen_id = actor.citizen_id();
    let Some(head) = store::head(&mut tx.conn(), citizen_id, conversation_id).await? else {
        return Err(AppError::NotFound);
    };
    let marked = store::mark_read(&mut tx.conn(), conversation_id, actor.party(), now).await?;
    let summary = store::conversation(
        &mut tx.conn(),
        citizen_id,
        conversation_id,
        actor.party(),
        &today,
    )
    .await?
    .ok_or(AppError::NotFound)?;
    let mut messages = store::messages(&mut tx.conn(), conversation_id, system).await?;
    for (message_id, file) in attachments::of_conversation(&mut tx.conn(), conversation_id).await? {
        if let Some(m) = messages.iter_mut().find(|m| m.id == message_id) {
            m.attachments.push(file);
        }
    }
    let no_reply_needed = store::no_reply_needed(&mut tx.conn(), conversation_id).await?;
    let hints = match actor {
        Actor::Caseworker { .. } => Some(store::reply_hints(&mut tx.conn(), citizen_id).await?),
        Actor::Citizen { .. } => None,
    };
    let change = Change::MessagesChanged {
        citizen: citizen_id,
        caseworker: head.caseworker_id,
    };
    if marked {
        s.bus.announce(&mut tx, &change).await?;
    }
    tx.commit().await?;
    if marked {
        s.bus.committed(&change);
    }
    Ok(AppJson(ConversationResponse {
        summary,
        messages,
        no_reply_needed,
        hints,
    }))
}

/// "Kræver ikke svar": the caseworker says the citizen's message needs no answer; the citizen
/// no longer waits and the promise counts as kept.
#[utoipa::path(post, path = "/citizens/{citizen}/conversations/{conversation}/no-reply-needed", tag = "messages",
    params(("citizen" = String, Path), ("conversation" = String, Path)),
    responses((status = 204), (status = 404, body = shared::api::ApiError)))]
pub async fn needs_no_reply(
    State(s): State<AppState>,
    Acting(actor): Acting,
    Path(ConversationPath { conversation }): Path<ConversationPath>,
) -> AppResult<StatusCode> {
    let conversation_id = parse_id(&conversation)?;
    let mut tx = s.db.begin().await?;
    let Some(head) = store::head(&mut tx.conn(), actor.citizen_id(), conversation_id).await? else {
        return Err(AppError::NotFound);
    };
    store::needs_no_reply(&mut tx.conn(), conversation_id).await?;
    store::mark_read(
        &mut tx.conn(),
        conversation_id,
        Party::Caseworker,
        s.clock.now(),
    )
    .await?;
    audit::record_for(&mut tx, actor, AccessWhat::Conversation).await?;
    let change = Change::MessagesChanged {
        citizen: actor.citizen_id(),
        caseworker: head.caseworker_id,
    };
    s.bus.announce(&mut tx, &change).await?;
    tx.commit().await?;
    s.bus.committed(&change);
    Ok(StatusCode::NO_CONTENT)
}

/// "Luk samtalen": the caseworker closes a conversation; nobody waits any more, and a new
/// message needs a new conversation.
#[utoipa::path(post, path = "/citizens/{citizen}/conversations/{conversation}/close", tag = "messages",
    params(("citizen" = String, Path), ("conversation" = String, Path)),
    responses((status = 204), (status = 404, body = shared::api::ApiError)))]
pub async fn close(
    State(s): State<AppState>,
    Acting(actor): Acting,
    Path(ConversationPath { conversation }): Path<ConversationPath>,
) -> AppResult<StatusCode> {
    let conversation_id = parse_id(&conversation)?;
    let mut tx = s.db.begin().await?;
    let Some(head) = store::head(&mut tx.conn(), actor.citizen_id(), conversation_id).await? else {
        return Err(AppError::NotFound);
    };
    store::close(&mut tx.conn(), conversation_id, s.clock.now()).await?;
    audit::record_for(&mut tx, actor, AccessWhat::Conversation).await?;
    let change = Change::MessagesChanged {
        citizen: actor.citizen_id(),
        caseworker: head.caseworker_id,
    };
    s.bus.announce(&mut tx, &change).await?;
    tx.commit().await?;
    s.bus.committed(&change);
    Ok(StatusCode::NO_CONTENT)
}
