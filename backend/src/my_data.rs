//! "Hvem har set mine oplysninger" and "Download mine oplysninger": the citizen's view of the
//! access log, and everything Sammen holds about them as one JSON file.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use base64::Engine as _;
use shared::api::{
    AccessLogResponse, ConsentEvent, ExportResponse, ExportedDocument, HistoryResponse,
};

use crate::auth::extract::CitizenId;
use crate::db::Timestamp;
use crate::error::{AppError, AppJson, AppResult};
use crate::profile::{documents, store as profile};
use crate::state::AppState;
use crate::{audit, people, plan};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/me/access-log", get(access_log))
        .route("/me/export", get(export))
}

/// Every time a caseworker looked at the citizen's data: when, who, what and why.
#[utoipa::path(get, path = "/api/v1/me/access-log", tag = "my data", responses((status = 200, body = AccessLogResponse)))]
pub async fn access_log(
    State(s): State<AppState>,
    CitizenId(id, _): CitizenId,
) -> AppResult<AppJson<AccessLogResponse>> {
    let mut c = s.db.reader().await?;
    Ok(AppJson(AccessLogResponse {
        entries: audit::entries(&mut c.conn(), id).await?,
    }))
}

/// Everything about the citizen, nothing about anyone else, as a download.
#[utoipa::path(get, path = "/api/v1/me/export", tag = "my data", responses((status = 200, body = ExportResponse)))]
pub async fn export(State(s): State<AppState>, CitizenId(id, _): CitizenId) -> AppResult<Response> {
    let citizen = people::citizen(&s.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (caseworker, backup_caseworker) = people::caseworkers_of(&s.db, id).await?;
    let mut c = s.db.reader().await?;
    let mut conn = c.conn();
    let plan = plan::store::load(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let plan_history = HistoryResponse {
        entries: plan::history::load(&mut conn, id).await?,
    }
    .entries;
    let limitations = profile::limitations(&mut conn, id).await?;
    let mut documents_out = Vec::new();
    for row in profile::documents(&mut conn, id).await? {
        let bytes = documents::read(&s.settings.files_dir, row.id).await?;
        documents_out.push(ExportedDocument {
            limitation_id: row.limitation_id,
            meta: row.meta(),
            content_base64: base64::engine::general_purpose::STANDARD.encode(bytes),
        });
    }
    let export = ExportResponse {
        exported_at: Timestamp::now().rfc3339(),
        language: citizen.lang(),
        name: citizen.name,
        caseworker,
        backup_caseworker,
        plan,
        plan_history,
        competences: profile::competences(&mut conn, id).await?,
        limitations,
        documents: documents_out,
        accommodations: profile::accommodations(&mut conn, id).await?,
        consent: profile::consent(&mut conn, id).await?,
        consent_history: profile::consent_history(&mut conn, id)
            .await?
            .into_iter()
            .map(|(given, at)| ConsentEvent {
                at: at.rfc3339(),
                given,
            })
            .collect(),
        access_log: audit::entries(&mut conn, id).await?,
    };
    let mut response = AppJson(export).into_response();
    response.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"sammen-mine-oplysninger.json\""),
    );
    Ok(response)
}
