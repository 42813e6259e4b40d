//! One error type for every handler. Responses get the API's single error shape, with the
//! message in the caller's language: handlers only say *what* went wrong (`AppError`), and
//! `localize` (a middleware that knows the request's language) writes the body.

use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use shared::Lang;
use shared::api::{ApiError, ApiErrorBody, ConflictState, ErrorCode, FieldError};
use shared::i18n::texts;
use shared::validation::Problem;

pub type AppResult<T> = Result<T, AppError>;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not logged in")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("invalid fields")]
    Validation(Vec<(String, Problem)>),
    /// Someone else changed the thing meanwhile, or a rule of the database (a unique key)
    /// refused the change a race made possible; carries the thing as it is now when known.
    #[error("conflict")]
    Conflict(Option<Box<ConflictState>>),
    #[error("csrf check failed")]
    CsrfFailed,
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("rate limited")]
    RateLimited,
    #[error("unavailable: {0}")]
    Unavailable(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for AppError {
    /// Constraint violations are what a race between two requests can still cause after every
    /// check a handler made (two saves of one unique thing, a row removed meanwhile): they are
    /// the person's "try again" situations, never a 500. Which constraint it was stays in the
    /// log only at debug level, as it names tables.
    fn from(err: sqlx::Error) -> Self {
        use sqlx::error::ErrorKind;
        match err {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                AppError::Unavailable(err.to_string())
            }
            sqlx::Error::Database(db) => match db.kind() {
                ErrorKind::UniqueViolation => {
                    tracing::debug!(constraint = ?db.constraint(), "unique violation");
                    AppError::Conflict(None)
                }
                // What the change refers to was removed meanwhile.
                ErrorKind::ForeignKeyViolation => AppError::NotFound,
                ErrorKind::NotNullViolation | ErrorKind::CheckViolation => {
                    AppError::BadRequest("refused by a rule of the database".into())
                }
                _ => AppError::Internal(sqlx::Error::Database(db).into()),
            },
            other => AppError::Internal(other.into()),
        }
    }
}

impl AppError {
    /// Field problems found by a `shared::validation` check, or `Ok` if there are none.
    pub fn check(problems: shared::validation::Problems) -> Result<(), AppError> {
        if problems.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(problems.0))
        }
    }

    /// A conflict that shows the thing as it is now.
    pub fn conflict_with(now: ConflictState) -> AppError {
        AppError::Conflict(Some(Box::new(now)))
    }

    pub fn field(field: &str, problem: Problem) -> AppError {
        AppError::Validation(vec![(field.to_string(), problem)])
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::Unauthenticated => ErrorCode::Unauthenticated,
            AppError::Forbidden => ErrorCode::Forbidden,
            AppError::NotFound => ErrorCode::NotFound,
            AppError::BadRequest(_) => ErrorCode::BadRequest,
            AppError::Validation(_) => ErrorCode::Validation,
            AppError::Conflict(_) => ErrorCode::Conflict,
            AppError::CsrfFailed => ErrorCode::CsrfFailed,
            AppError::PayloadTooLarge => ErrorCode::PayloadTooLarge,
            AppError::UnsupportedMediaType => ErrorCode::UnsupportedMediaType,
            AppError::RateLimited => ErrorCode::RateLimited,
            AppError::Unavailable(_) => ErrorCode::Unavailable,
            AppError::Internal(_) => ErrorCode::Internal,
        }
    }

    pub fn status(&self) -> StatusCode {
        status_of(self.code())
    }
}

pub fn status_of(code: ErrorCode) -> StatusCode {
    match code {
        ErrorCode::Unauthenticated => StatusCode::UNAUTHORIZED,
        ErrorCode::Forbidden => StatusCode::FORBIDDEN,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::BadRequest => StatusCode::BAD_REQUEST,
        ErrorCode::Validation => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::Conflict => StatusCode::CONFLICT,
        ErrorCode::CsrfFailed => StatusCode::FORBIDDEN,
        ErrorCode::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        ErrorCode::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
    }
}

/// What `localize` needs to write the body: carried in the response's extensions.
#[derive(Clone, Debug)]
pub struct PendingError {
    pub code: ErrorCode,
    pub fields: Vec<(String, Problem)>,
    pub current: Option<Box<ConflictState>>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match &self {
            AppError::Internal(err) => {
                tracing::error!(error = %format!("{err:#}"), "internal error")
            }
            AppError::Unavailable(err) => tracing::warn!(error = %err, "dependency unavailable"),
            _ => {}
        }
        let code = self.code();
        let (fields, current) = match self {
            AppError::Validation(fields) => (fields, None),
            AppError::Conflict(now) => (Vec::new(), now),
            _ => (Vec::new(), None),
        };
        let pending = PendingError {
            code,
            fields,
            current,
        };
        // The body is written once the language is known; Danish if nothing rewrites it.
        answer(pending, Lang::Da)
    }
}

/// An error answer in a language known up front, for what answers before `localize` is reached
/// (`http::shed`); it logs nothing.
pub fn response(code: ErrorCode, lang: Lang) -> Response {
    let pending = PendingError {
        code,
        fields: Vec::new(),
        current: None,
    };
    answer(pending, lang)
}

/// The error's body in `lang`, carrying what `localize` needs to write it in another.
fn answer(pending: PendingError, lang: Lang) -> Response {
    let mut response = error_body(&pending, lang).into_response();
    response.extensions_mut().insert(pending);
    response
}

fn error_body(pending: &PendingError, lang: Lang) -> (StatusCode, axum::Json<ApiError>) {
    let body = ApiError {
        error: ApiErrorBody {
            code: pending.code,
            message: texts(lang).error(pending.code).to_string(),
            fields: pending
                .fields
                .iter()
                .map(|(field, problem)| FieldError {
                    field: field.clone(),
                    message: problem.message(lang),
                })
                .collect(),
            current: pending.current.as_deref().cloned(),
        },
    };
    (status_of(pending.code), axum::Json(body))
}

/// The language of a request: `Accept-Language` (the web client sets it to the chosen language).
pub fn request_lang(headers: &HeaderMap) -> Lang {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default()
}

/// Rewrites error bodies in the caller's language.
pub async fn localize(request: Request, next: Next) -> Response {
    let lang = request_lang(request.headers());
    let response = next.run(request).await;
    if lang == Lang::Da {
        return response;
    }
    match response.extensions().get::<PendingError>() {
        Some(pending) => answer(pending.clone(), lang),
        None => response,
    }
}

/// A JSON body. Unlike `axum::Json`, its rejections are `AppError`s in the one error shape, and a
/// value of the wrong type or an unknown field names the field (`fields[0].field`).
pub struct AppJson<T>(pub T);

impl<S, T> FromRequest<S> for AppJson<T>
where
    S: Send + Sync,
    T: serde::de::DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|v| {
                let v = v.trim();
                v == "application/json" || (v.starts_with("application/") && v.ends_with("+json"))
            });
        if !is_json {
            return Err(AppError::UnsupportedMediaType);
        }
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    AppError::PayloadTooLarge
                } else {
                    AppError::BadRequest("unreadable body".into())
                }
            })?;
        let deserializer = &mut serde_json::Deserializer::from_slice(&bytes);
        match serde_path_to_error::deserialize(deserializer) {
            Ok(value) => Ok(AppJson(value)),
            Err(err) => {
                let inner = err.inner();
                if inner.is_data() {
                    let field = field_of(&err.path().to_string(), &inner.to_string());
                    Err(AppError::Validation(vec![(field, Problem::Invalid)]))
                } else {
                    Err(AppError::BadRequest("malformed JSON".into()))
                }
            }
        }
    }
}

/// The field a deserialisation error is about: its path, or for an unknown field, its name.
/// Only short plain names are echoed back, never values.
fn field_of(path: &str, message: &str) -> String {
    let unknown = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next())
        .filter(|name| {
            name.len() <= 64 && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        });
    // serde_path_to_error already ends the path with an unknown field's name; older paths do not.
    match (path, unknown) {
        (".", Some(name)) => name.to_string(),
        (path, _) => path.to_string(),
    }
}

impl<T: serde::Serialize> IntoResponse for AppJson<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// Answers unknown `/api/v1` paths in the error shape.
pub async fn api_not_found() -> AppError {
    AppError::NotFound
}
