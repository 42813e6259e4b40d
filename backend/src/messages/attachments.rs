//! Files sent with messages: uploaded first (the raw file as the body, its name in
//! `X-File-Name`), then named in the message that carries them. Checked by content (PDF, JPEG
//! or PNG, at most 10 MB; the served extension follows the content), kept in `files_dir` under
//! the citizen's storage limits, and downloadable only by the conversation's participants and
//! the citizen's caseworkers, always as a download.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use shared::api::{AccessWhat, AttachmentMeta};
use shared::validation::{Problem, limits};
use utoipa_axum::routes;
use uuid::Uuid;

use crate::access::{Acting, Actor, parse_id};
use crate::audit;
use crate::db::Conn;
use crate::db_conn;
use crate::error::{AppError, AppJson, AppResult};
use crate::http::api_routes::ApiRoutes;
use crate::profile::documents;
use crate::state::AppState;

pub fn router() -> ApiRoutes {
    ApiRoutes::new()
        .both_sides(routes!(upload))
        .both_sides(routes!(download))
}

#[derive(Deserialize)]
pub struct AttachmentPath {
    attachment: String,
}

fn uploader(actor: Actor) -> Uuid {
    actor.caseworker_id().unwrap_or(actor.citizen_id())
}

/// Uploads a file to send with a message (within the citizen's storage limits).
#[utoipa::path(post, path = "/me/attachments", tag = "messages",
    request_body(description = "The file itself (at most 10 MB), judged by its content; its name percent-encoded in `X-File-Name`",
        content(("application/pdf"), ("image/jpeg"), ("image/png"))),
    responses((status = 201, body = AttachmentMeta), (status = 422, body = shared::api::ApiError)))]
pub async fn upload(
    State(s): State<AppState>,
    Acting(actor): Acting,
    headers: HeaderMap,
    body: Body,
) -> AppResult<(StatusCode, AppJson<AttachmentMeta>)> {
    let (bytes, content_type) = documents::read_upload(body).await?;
    let name = documents::with_true_extension(&documents::clean_name(&headers), content_type);
    let id = Uuid::now_v7();
    let file = documents::store(&s.settings.files_dir, id, &bytes).await?;
    let citizen_id = actor.citizen_id();
    let limits = &s.settings.uploads;
    let mut tx = s.db.begin().await?;
    documents::ensure_room(&mut tx.conn(), citizen_id, bytes.len(), limits).await?;
    db_conn!(tx.conn(), c => sqlx::query(
        "INSERT INTO message_attachments (id, citizen_id, uploaded_by, file_name, content_type, size, sha256, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(id)
        .bind(citizen_id)
        .bind(uploader(actor))
        .bind(&name)
        .bind(content_type)
        .bind(bytes.len() as i64)
        .bind(documents::sha256_hex(&bytes))
        .bind(s.clock.now())
        .execute(&mut *c)
        .await
        .map(|_| ()))?;
    tx.commit().await?;
    file.keep();
    Ok((
        StatusCode::CREATED,
        AppJson(AttachmentMeta {
            id,
            file_name: name,
            content_type: content_type.into(),
            size: bytes.len() as u64,
        }),
    ))
}

/// Sends the uploaded files with a message: each must be the author's own, for this citizen,
/// not yet sent; at most five.
pub async fn attach(
    conn: &mut Conn<'_>,
    actor: Actor,
    message_id: Uuid,
    attachments: &[Uuid],
) -> AppResult<()> {
    if attachments.len() > limits::ATTACHMENTS_PER_MESSAGE as usize {
        return Err(AppError::field(
            "attachments",
            Problem::TooManyAttachments {
                max: limits::ATTACHMENTS_PER_MESSAGE,
            },
        ));
    }
    for id in attachments {
        let linked = db_conn!(conn, c => sqlx::query(
            "UPDATE message_attachments SET message_id = $1 \
             WHERE id = $2 AND citizen_id = $3 AND uploaded_by = $4 AND message_id IS NULL")
            .bind(message_id)
            .bind(id)
            .bind(actor.citizen_id())
            .bind(uploader(actor))
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected()))?;
        if linked == 0 {
            return Err(AppError::field("attachments", Problem::Invalid));
        }
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    message_id: Uuid,
    id: Uuid,
    file_name: String,
    content_type: String,
    size: i64,
}

/// The files of each message of a conversation, by message.
pub async fn of_conversation(
    conn: &mut Conn<'_>,
    conversation_id: Uuid,
) -> AppResult<Vec<(Uuid, AttachmentMeta)>> {
    let rows: Vec<Row> = db_conn!(conn, c => sqlx::query_as(
        "SELECT a.message_id, a.id, a.file_name, a.content_type, a.size FROM message_attachments a \
         JOIN messages m ON m.id = a.message_id WHERE m.conversation_id = $1 ORDER BY a.created_at, a.id")
        .bind(conversation_id)
        .fetch_all(&mut *c)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.message_id,
                AttachmentMeta {
                    id: r.id,
                    file_name: r.file_name,
                    content_type: r.content_type,
                    size: r.size.max(0) as u64,
                },
            )
        })
        .collect())
}

/// A file sent with a message, as a download. A file not yet sent is only its uploader's.
#[utoipa::path(get, path = "/me/attachments/{attachment}", tag = "messages",
    params(("attachment" = String, Path)),
    responses((status = 200, description = "The file, as a download"), (status = 404, body = shared::api::ApiError)))]
pub async fn download(
    State(s): State<AppState>,
    Acting(actor): Acting,
    Path(AttachmentPath { attachment }): Path<AttachmentPath>,
) -> AppResult<Response> {
    let id = parse_id(&attachment)?;
    let row: Option<(String, String, Option<Uuid>, Uuid)> = db_conn!(s.db.reader().await?.conn(), c => sqlx::query_as(
        "SELECT file_name, content_type, message_id, uploaded_by FROM message_attachments \
         WHERE id = $1 AND citizen_id = $2")
        .bind(id)
        .bind(actor.citizen_id())
        .fetch_optional(&mut *c)
        .await)?;
    let Some((name, content_type, message, uploaded_by)) = row else {
        return Err(AppError::NotFound);
    };
    if message.is_none() && uploaded_by != uploader(actor) {
        return Err(AppError::NotFound);
    }
    let bytes = documents::read(&s.settings.files_dir, id).await?;
    audit::read(&s, actor, AccessWhat::Attachment)
        .await?
        .done()
        .await?;
    Ok(documents::download(bytes, &content_type, &name))
}
