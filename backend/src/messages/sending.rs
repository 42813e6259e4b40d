//! Sending: a citizen or caseworker starts a conversation or replies. Idempotent by the
//! client's key (a retry, even one racing the first send, answers as the first did); the
//! promise of an answer; the email a reply may cause; live clients told.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use shared::api::{AccessWhat, NewConversationRequest, NewMessageRequest, Party, SentResponse};
use shared::validation::{
    Problem, Problems, check_idempotency_key, check_new_conversation, limits, required_text,
};
use uuid::Uuid;

use super::{ConversationPath, attachments, cover, drafts, promise, store};
use crate::access::{Acting, Actor, parse_id};
use crate::cache_bus::Change;
use crate::db::{Timestamp, Tx};
use crate::email;
use crate::error::{AppError, AppJson, AppResult};
use crate::state::AppState;
use crate::{audit, calendar};

/// The author of a message the actor sends: (party, author id).
fn author(actor: Actor) -> (Party, Uuid) {
    match actor {
        Actor::Citizen { citizen_id } => (Party::Citizen, citizen_id),
        Actor::Caseworker { caseworker_id, .. } => (Party::Caseworker, caseworker_id),
    }
}

/// Refuses bad input, the key with the rest; then finds the first answer if a message was sent
/// with this key before.
async fn checked_or_sent(
    s: &AppState,
    actor: Actor,
    mut problems: Problems,
    key: &str,
) -> AppResult<Option<SentResponse>> {
    problems.check("idempotency_key", check_idempotency_key(key));
    AppError::check(problems)?;
    already_sent(s, actor, key).await
}

/// A message already sent with this key is answered as it was the first time.
async fn already_sent(s: &AppState, actor: Actor, key: &str) -> AppResult<Option<SentResponse>> {
    let (_, author_id) = author(actor);
    let found = store::sent_with_key(&mut s.db.writer().await?.conn(), author_id, key).await?;
    Ok(
        found.map(|(conversation_id, message_id, answer_by)| SentResponse {
            conversation_id,
            message_id,
            answer_by,
        }),
    )
}

/// Commits a sent message and tells live clients; a unique-key race with a retry of the same
/// message answers as the retry that won.
async fn commit_sent(
    s: &AppState,
    mut tx: Tx,
    actor: Actor,
    caseworker: Uuid,
    key: &str,
    sent: SentResponse,
) -> AppResult<(StatusCode, AppJson<SentResponse>)> {
    let change = Change::MessagesChanged {
        citizen: actor.citizen_id(),
        caseworker,
    };
    s.bus.announce(&mut tx, &change).await?;
    match tx.commit().await {
        Ok(()) => {
            s.bus.committed(&change);
            Ok((StatusCode::CREATED, AppJson(sent)))
        }
        Err(err) => match already_sent(s, actor, key).await? {
            Some(first) => Ok((StatusCode::OK, AppJson(first))),
            None => Err(err.into()),
        },
    }
}

/// Runs a send; if a retry of the same message won the race for the key, answers as it did.
async fn or_first_answer(
    s: &AppState,
    actor: Actor,
    key: &str,
    result: AppResult<(StatusCode, AppJson<SentResponse>)>,
) -> AppResult<(StatusCode, AppJson<SentResponse>)> {
    match result {
        Err(AppError::Conflict(_)) => match already_sent(s, actor, key).await? {
            Some(first) => Ok((StatusCode::OK, AppJson(first))),
            None => Err(AppError::Conflict(None)),
        },
        other => other,
    }
}

/// "Ny besked": starts a conversation. A citizen's goes to their primary caseworker and is
/// promised an answer; a caseworker's goes to the citizen. A retry with the same key answers
/// 200 with the first answer and sends nothing.
#[utoipa::path(post, path = "/me/conversations", tag = "messages", request_body = NewConversationRequest,
    responses((status = 201, body = SentResponse), (status = 200, body = SentResponse, description = "Sent before with this key"),
              (status = 422, body = shared::api::ApiError)))]
pub(super) async fn start_conversation(
    State(s): State<AppState>,
    Acting(actor): Acting,
    AppJson(req): AppJson<NewConversationRequest>,
) -> AppResult<(StatusCode, AppJson<SentResponse>)> {
    let problems = check_new_conversation(&req.subject, &req.body);
    if let Some(first) = checked_or_sent(&s, actor, problems, &req.idempotency_key).await? {
        return Ok((StatusCode::OK, AppJson(first)));
    }
    let result = start_inner(&s, actor, &req).await;
    or_first_answer(&s, actor, &req.idempotency_key, result).await
}

async fn start_inner(
    s: &AppState,
    actor: Actor,
    req: &NewConversationRequest,
) -> AppResult<(StatusCode, AppJson<SentResponse>)> {
    let now = s.clock.now();
    let (party, author_id) = author(actor);
    let citizen_id = actor.citizen_id();
    let mut tx = s.db.begin().await?;
    let caseworker_id = match actor {
        Actor::Caseworker { caseworker_id, .. } => caseworker_id,
        Actor::Citizen { .. } => {
            let today = calendar::date_in_copenhagen(now).to_string();
            cover::who_answers(&mut tx.conn(), citizen_id, &today)
                .await?
                .map(|(id, _, _)| id)
                .ok_or(AppError::NotFound)?
        }
    };
    let new = store::NewConversation {
        citizen_id,
        caseworker_id,
        subject: req.subject.trim(),
        topic: req.topic,
        started_by: party,
    };
    let conversation_id = store::start(&mut tx.conn(), &new, now).await?;
    let answer_by = (party == Party::Citizen).then(|| promise(s, now));
    let message = Outgoing {
        body: &req.body,
        answer_by: answer_by.as_deref(),
        key: &req.idempotency_key,
        attachments: &req.attachments,
    };
    let message_id = add_message(&mut tx, actor, conversation_id, message, now).await?;
    let waiting = answer_by.as_deref().map(|by| (now, by));
    store::after_message(&mut tx.conn(), conversation_id, waiting, now).await?;
    drafts::clear(&mut tx.conn(), author_id, &drafts::new_slot(actor)).await?;
    if party == Party::Caseworker {
        email::notify_citizen_of_message(&mut tx.conn(), s, citizen_id, conversation_id, now)
            .await?;
    }
    let sent = SentResponse {
        conversation_id,
        message_id,
        answer_by,
    };
    commit_sent(s, tx, actor, caseworker_id, &req.idempotency_key, sent).await
}

/// A reply in an open conversation. A citizen's starts (or keeps) the answer promise; a
/// caseworker's ends it and, if the citizen does not read it soon, emails them.
#[utoipa::path(post, path = "/me/conversations/{conversation}/messages", tag = "messages",
    request_body = NewMessageRequest, params(("conversation" = String, Path)),
    responses((status = 201, body = SentResponse), (status = 200, body = SentResponse, description = "Sent before with this key"),
              (status = 404, body = shared::api::ApiError), (status = 422, body = shared::api::ApiError)))]
pub(super) async fn reply(
    State(s): State<AppState>,
    Acting(actor): Acting,
    Path(ConversationPath { conversation }): Path<ConversationPath>,
    AppJson(req): AppJson<NewMessageRequest>,
) -> AppResult<(StatusCode, AppJson<SentResponse>)> {
    let conversation_id = parse_id(&conversation)?;
    let mut problems = Problems::default();
    problems.check("body", required_text(&req.body, limits::MESSAGE_BODY));
    if let Some(first) = checked_or_sent(&s, actor, problems, &req.idempotency_key).await? {
        return Ok((StatusCode::OK, AppJson(first)));
    }
    let result = reply_inner(&s, actor, conversation_id, &req).await;
    or_first_answer(&s, actor, &req.idempotency_key, result).await
}

async fn reply_inner(
    s: &AppState,
    actor: Actor,
    conversation_id: Uuid,
    req: &NewMessageRequest,
) -> AppResult<(StatusCode, AppJson<SentResponse>)> {
    let now = s.clock.now();
    let (party, author_id) = author(actor);
    let citizen_id = actor.citizen_id();
    let mut tx = s.db.begin().await?;
    let Some(head) = store::head(&mut tx.conn(), citizen_id, conversation_id).await? else {
        return Err(AppError::NotFound);
    };
    if head.closed_at.is_some() {
        return Err(AppError::field("body", Problem::ConversationClosed));
    }
    // The citizen keeps the promise they were first given; a caseworker's answer ends it.
    let answer_by = match party {
        Party::Citizen => Some(match (head.waiting_since, head.answer_by) {
            (Some(_), Some(by)) => by,
            _ => promise(s, now),
        }),
        _ => None,
    };
    let message = Outgoing {
        body: &req.body,
        answer_by: answer_by.as_deref(),
        key: &req.idempotency_key,
        attachments: &req.attachments,
    };
    let message_id = add_message(&mut tx, actor, conversation_id, message, now).await?;
    let waiting = answer_by
        .as_deref()
        .map(|by| (head.waiting_since.unwrap_or(now), by));
    store::after_message(&mut tx.conn(), conversation_id, waiting, now).await?;
    if party == Party::Caseworker {
        // Answering means having read what the citizen wrote.
        store::mark_read(&mut tx.conn(), conversation_id, party, now).await?;
        email::notify_citizen_of_message(&mut tx.conn(), s, citizen_id, conversation_id, now)
            .await?;
    }
    drafts::clear(&mut tx.conn(), author_id, &conversation_id.to_string()).await?;
    // Answering is working with what the citizen wrote (it is marked read above).
    audit::record_for(&mut tx, actor, AccessWhat::Conversation).await?;
    let sent = SentResponse {
        conversation_id,
        message_id,
        answer_by,
    };
    commit_sent(s, tx, actor, head.caseworker_id, &req.idempotency_key, sent).await
}

/// What a sent message carries, from either request.
struct Outgoing<'a> {
    body: &'a str,
    answer_by: Option<&'a str>,
    key: &'a str,
    attachments: &'a [Uuid],
}

/// Adds the actor's message and its attachments to the conversation.
async fn add_message(
    tx: &mut Tx,
    actor: Actor,
    conversation_id: Uuid,
    message: Outgoing<'_>,
    now: Timestamp,
) -> AppResult<Uuid> {
    let (party, author_id) = author(actor);
    let message_id = store::add_message(
        &mut tx.conn(),
        &store::NewMessage {
            conversation_id,
            citizen_id: actor.citizen_id(),
            author: party,
            author_id,
            caseworker_id: actor.caseworker_id(),
            body: message.body.trim(),
            answer_by: message.answer_by,
            key: message.key,
        },
        now,
    )
    .await?;
    attachments::attach(&mut tx.conn(), actor, message_id, message.attachments).await?;
    Ok(message_id)
}
