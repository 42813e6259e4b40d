//! The citizen's email address for notifications ("Min profil"): added, confirmed by typing a
//! 6-digit code sent to it (no links with tokens), and which kinds of email they want.

use axum::extract::State;
use axum::http::StatusCode;
use rand::Rng;
use sha2::{Digest, Sha256};
use shared::api::{ConfirmCodeRequest, EmailAddressRequest, EmailSettings, NotifyChoices};
use shared::validation::{Problem, check_email};
use subtle::ConstantTimeEq;
use utoipa_axum::routes;
use uuid::Uuid;

use super::outbox::{self, Kind, Queued};
use crate::auth::extract::CitizenId;
use crate::db::{Conn, Timestamp};
use crate::db_conn;
use crate::error::{AppError, AppJson, AppResult};
use crate::http::api_routes::ApiRoutes;
use crate::state::AppState;

/// How long a code works, and how many wrong ones end it.
const CODE_SECONDS: i64 = 30 * 60;
const MAX_TRIES: i32 = 5;

pub fn router() -> ApiRoutes {
    ApiRoutes::new()
        .one_sided(routes!(email_settings, set_address, remove_address))
        .one_sided(routes!(confirm_address))
        .one_sided(routes!(set_notifications))
}

#[derive(sqlx::FromRow)]
struct Row {
    address: String,
    confirmed_at: Option<Timestamp>,
    code_hash: Option<String>,
    code_expires_at: Option<Timestamp>,
    code_tries: i32,
    notify_messages: bool,
    notify_meetings: bool,
    notify_plan: bool,
}

async fn row(conn: &mut Conn<'_>, citizen: Uuid) -> AppResult<Option<Row>> {
    Ok(db_conn!(conn, c => sqlx::query_as(
        "SELECT address, confirmed_at, code_hash, code_expires_at, code_tries, notify_messages, \
         notify_meetings, notify_plan FROM email_settings WHERE citizen_id = $1")
        .bind(citizen)
        .fetch_optional(&mut *c)
        .await)?)
}

fn view(row: Option<Row>, now: Timestamp) -> EmailSettings {
    match row {
        None => EmailSettings::default(),
        Some(r) => EmailSettings {
            address: Some(r.address),
            confirmed: r.confirmed_at.is_some(),
            code_pending: r.code_hash.is_some()
                && r.code_expires_at.is_some_and(|at| at > now)
                && r.code_tries < MAX_TRIES,
            notify: NotifyChoices {
                messages: r.notify_messages,
                meetings: r.notify_meetings,
                plan: r.notify_plan,
            },
        },
    }
}

fn code_hash(citizen: Uuid, code: &str) -> String {
    hex::encode(Sha256::digest(format!("{citizen}:{code}")))
}

/// The address, whether it is confirmed, and the choices.
#[utoipa::path(get, path = "/me/email", tag = "email",
    responses((status = 200, body = EmailSettings)))]
pub async fn email_settings(
    State(s): State<AppState>,
    CitizenId(id): CitizenId,
) -> AppResult<AppJson<EmailSettings>> {
    let found = row(&mut s.db.reader().await?.conn(), id).await?;
    Ok(AppJson(view(found, s.clock.now())))
}

/// Sets a new address (unconfirmed) and sends a code to it. Asking again sends a new code.
#[utoipa::path(put, path = "/me/email", tag = "email", request_body = EmailAddressRequest,
    responses((status = 200, body = EmailSettings), (status = 422, body = shared::api::ApiError)))]
pub async fn set_address(
    State(s): State<AppState>,
    CitizenId(id): CitizenId,
    AppJson(req): AppJson<EmailAddressRequest>,
) -> AppResult<AppJson<EmailSettings>> {
    let address = req.address.trim();
    check_email(address).map_err(|p| AppError::field("address", p))?;
    let now = s.clock.now();
    let code = format!("{:06}", rand::thread_rng().gen_range(0..1_000_000));
    let mut tx = s.db.begin().await?;
    db_conn!(tx.conn(), c => sqlx::query(
        "INSERT INTO email_settings (citizen_id, address, code_hash, code_expires_at, code_tries, updated_at) \
         VALUES ($1, $2, $3, $4, 0, $5) \
         ON CONFLICT (citizen_id) DO UPDATE SET address = $2, confirmed_at = NULL, code_hash = $3, \
         code_expires_at = $4, code_tries = 0, updated_at = $5")
        .bind(id)
        .bind(address)
        .bind(code_hash(id, &code))
        .bind(now.plus_seconds(CODE_SECONDS))
        .bind(now)
        .execute(&mut *c)
        .await
        .map(|_| ()))?;
    let email = Queued {
        kind: Kind::ConfirmationCode,
        citizen_id: Some(id),
        caseworker_id: None,
        conversation_id: None,
        to_address: Some(address),
        code: Some(&code),
        dedupe_key: None,
        // The person is waiting for it: quiet hours do not apply.
        due_at: now,
        meeting: None,
    };
    outbox::queue(&mut tx.conn(), &email, &super::domain(&s), now).await?;
    let found = row(&mut tx.conn(), id).await?;
    tx.commit().await?;
    Ok(AppJson(view(found, now)))
}

/// Confirms the address with the code from the email. A wrong code counts as a try.
#[utoipa::path(post, path = "/me/email/confirm", tag = "email", request_body = ConfirmCodeRequest,
    responses((status = 200, body = EmailSettings), (status = 422, body = shared::api::ApiError)))]
pub async fn confirm_address(
    State(s): State<AppState>,
    CitizenId(id): CitizenId,
    AppJson(req): AppJson<ConfirmCodeRequest>,
) -> AppResult<AppJson<EmailSettings>> {
    let now = s.clock.now();
    let code = req.code.trim();
    let mut tx = s.db.begin().await?;
    let Some(current) = row(&mut tx.conn(), id).await? else {
        return Err(AppError::field("code", Problem::CodeExpired));
    };
    let (Some(expected), Some(expires)) = (&current.code_hash, current.code_expires_at) else {
        return Err(AppError::field("code", Problem::CodeExpired));
    };
    if current.code_tries >= MAX_TRIES {
        return Err(AppError::field("code", Problem::TooManyTries));
    }
    if expires <= now {
        return Err(AppError::field("code", Problem::CodeExpired));
    }
    let matches: bool = code_hash(id, code)
        .as_bytes()
        .ct_eq(expected.as_bytes())
        .into();
    if !matches {
        db_conn!(tx.conn(), c => sqlx::query(
            "UPDATE email_settings SET code_tries = code_tries + 1 WHERE citizen_id = $1")
            .bind(id)
            .execute(&mut *c)
            .await
            .map(|_| ()))?;
        tx.commit().await?;
        let problem = if current.code_tries + 1 >= MAX_TRIES {
            Problem::TooManyTries
        } else {
            Problem::WrongCode
        };
        return Err(AppError::field("code", problem));
    }
    db_conn!(tx.conn(), c => sqlx::query(
        "UPDATE email_settings SET confirmed_at = $1, code_hash = NULL, code_expires_at = NULL, \
         code_tries = 0, updated_at = $1 WHERE citizen_id = $2")
        .bind(now)
        .bind(id)
        .execute(&mut *c)
        .await
        .map(|_| ()))?;
    let found = row(&mut tx.conn(), id).await?;
    tx.commit().await?;
    Ok(AppJson(view(found, now)))
}

/// Which kinds of email the citizen wants.
#[utoipa::path(put, path = "/me/email/notifications", tag = "email", request_body = NotifyChoices,
    responses((status = 200, body = EmailSettings), (status = 404, body = shared::api::ApiError)))]
pub async fn set_notifications(
    State(s): State<AppState>,
    CitizenId(id): CitizenId,
    AppJson(choices): AppJson<NotifyChoices>,
) -> AppResult<AppJson<EmailSettings>> {
    let now = s.clock.now();
    let mut tx = s.db.begin().await?;
    let changed = db_conn!(tx.conn(), c => sqlx::query(
        "UPDATE email_settings SET notify_messages = $1, notify_meetings = $2, notify_plan = $3, \
         updated_at = $4 WHERE citizen_id = $5")
        .bind(choices.messages)
        .bind(choices.meetings)
        .bind(choices.plan)
        .bind(now)
        .bind(id)
        .execute(&mut *c)
        .await
        .map(|r| r.rows_affected()))?;
    if changed == 0 {
        return Err(AppError::NotFound);
    }
    let found = row(&mut tx.conn(), id).await?;
    tx.commit().await?;
    Ok(AppJson(view(found, now)))
}

/// Removes the address: no more emails.
#[utoipa::path(delete, path = "/me/email", tag = "email", responses((status = 204)))]
pub async fn remove_address(
    State(s): State<AppState>,
    CitizenId(id): CitizenId,
) -> AppResult<StatusCode> {
    db_conn!(s.db.writer().await?.conn(), c => sqlx::query(
        "DELETE FROM email_settings WHERE citizen_id = $1")
        .bind(id)
        .execute(&mut *c)
        .await
        .map(|_| ()))?;
    Ok(StatusCode::NO_CONTENT)
}
