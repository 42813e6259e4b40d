//! "Min profil": what the citizen can ("Det kan jeg"), what is hard ("Det er svært", health
//! information shown to caseworkers only with consent), and what helps ("Det hjælper mig").

pub mod documents;
pub mod store;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use shared::api::{
    AccessWhat, Accommodations, Competence, CompetenceData, ConsentRequest, ConsentState,
    DocumentMeta, Limitation, LimitationInput, LimitationsView, ProfileResponse,
};
use shared::validation::{check_accommodations, check_competence, check_limitation};
use uuid::Uuid;

use utoipa_axum::routes;

use crate::access::{Acting, Actor, parse_id};
use crate::audit;
use crate::auth::extract::CitizenId;
use crate::db::{Conn, Timestamp};
use crate::error::{AppError, AppJson, AppResult};
use crate::http::api_routes::ApiRoutes;
use crate::state::AppState;

pub fn router() -> ApiRoutes {
    ApiRoutes::new()
        .both_sides(routes!(profile))
        .both_sides(routes!(document))
        .one_sided(routes!(add_competence))
        .one_sided(routes!(update_competence))
        .one_sided(routes!(delete_competence))
        .one_sided(routes!(add_limitation))
        .one_sided(routes!(update_limitation))
        .one_sided(routes!(delete_limitation))
        .one_sided(routes!(upload_document))
        .one_sided(routes!(delete_document))
        .one_sided(routes!(set_accommodations))
        .one_sided(routes!(set_consent))
}

fn this_year() -> i32 {
    Timestamp::today_copenhagen().year
}

/// The profile of a citizen; limitations only if `with_limitations`.
pub async fn load(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
    with_limitations: bool,
) -> AppResult<ProfileResponse> {
    let citizen = {
        let row: Option<(String,)> = crate::db_conn!(conn, c => sqlx::query_as("SELECT name FROM citizens WHERE id = $1")
            .bind(citizen_id).fetch_optional(&mut *c).await)?;
        row.ok_or(AppError::NotFound)?.0
    };
    let limitations = if with_limitations {
        LimitationsView::Visible {
            items: store::limitations(conn, citizen_id).await?,
        }
    } else {
        LimitationsView::Hidden {
            exists: store::has_limitations(conn, citizen_id).await?,
        }
    };
    Ok(ProfileResponse {
        citizen_id,
        citizen_name: citizen,
        competences: store::competences(conn, citizen_id).await?,
        limitations,
        accommodations: store::accommodations(conn, citizen_id).await?,
        consent: store::consent(conn, citizen_id).await?,
    })
}

/// The profile. A caseworker sees limitations only with the citizen's consent; the read and
/// its access-log entry share one transaction.
#[utoipa::path(get, path = "/me/profile", tag = "profile",
    responses((status = 200, body = ProfileResponse), (status = 404, body = shared::api::ApiError)))]
pub async fn profile(
    State(s): State<AppState>,
    Acting(actor): Acting,
) -> AppResult<AppJson<ProfileResponse>> {
    let with_limitations = match actor {
        Actor::Citizen { .. } => true,
        Actor::Caseworker { citizen_id, .. } => {
            let mut c = s.db.reader().await?;
            store::consent(&mut c.conn(), citizen_id).await?.given
        }
    };
    let what = if with_limitations {
        AccessWhat::ProfileAndLimitations
    } else {
        AccessWhat::Profile
    };
    let mut reading = audit::read(&s, actor, what).await?;
    let profile = load(&mut reading.conn(), actor.citizen_id(), with_limitations).await?;
    reading.done().await?;
    Ok(AppJson(profile))
}

// ---- competences ----

#[utoipa::path(post, path = "/me/competences", tag = "profile", request_body = CompetenceData,
    responses((status = 201, body = Competence), (status = 422, body = shared::api::ApiError)))]
pub async fn add_competence(
    State(s): State<AppState>,
    CitizenId(id): CitizenId,
    AppJson(data): AppJson<CompetenceData>,
) -> AppResult<(StatusCode, AppJson<Competence>)> {
    AppError::check(check_competence(&data, this_year()))?;
    let mut tx = s.db.begin().await?;
    let competence = store::add_competence(&mut tx.conn(), id, &data).await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        AppJson(Competence {
            id: competence,
            data,
        }),
    ))
}

#[utoipa::path(put, path = "/me/competences/{id}", tag = "profile", request_body = CompetenceData,
    params(("id" = String, Path)), responses((status = 200, body = Competence), (status = 404, body = shared::api::ApiError)))]
pub async fn update_competence(
    State(s): State<AppState>,
    CitizenId(id): CitizenId,
    Path(competence): Path<String>,
    AppJson(data): AppJson<CompetenceData>,
) -> AppResult<AppJson<Competence>> {
    let competence = parse_id(&competence)?;
    AppError::check(check_competence(&data, this_year()))?;
    let mut tx = s.db.begin().await?;
    if !store::update_competence(&mut tx.conn(), id, competence, &data).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(AppJson(Competence {
        id: competence,
        data,
    }))
}

#[utoipa::path(delete, path = "/me/competences/{id}", tag = "profile",
    params(("id" = String, Path)), responses((status = 204), (status = 404, body = shared::api::ApiError)))]
pub async fn delete_competence(
    State(s): State<AppState>,
    CitizenId(id): CitizenId,
    Path(competence): Path<String>,
) -> AppResult<StatusCode> {
    let competence = parse_id(&competence)?;
    let mut tx = s.db.begin().await?;
    if !store::delete_competence(&mut tx.conn(), id, competence).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---- limitations ----

async fn limitation(conn: &mut Conn<'_>, citizen_id: Uuid, id: Uuid) -> AppResult<Limitation> {
    store::limitations(conn, citizen_id)
        .await?
        .into_iter()
        .find(|l| l.id == id)
        .ok_or(AppError::NotFound)
}

#[utoipa::path(post, path = "/me/limitations", tag = "profile", request_body = LimitationInput,
    responses((status = 201, body = Limitation), (status = 422, body = shared::api::ApiError)))]
pub async fn add_limitation(
    State(s): State<AppState>,
    CitizenId(id): CitizenId,
    AppJson(input): AppJson<LimitationInput>,
) -> AppResult<(StatusCode, AppJson<Limitation>)> {
    AppError::check(check_limitation(&input, Timestamp::today_copenhagen()))?;
    let mut tx = s.db.begin().await?;
    let new = store::add_limitation(&mut tx.conn(), id, &input).await?;
    let saved = limitation(&mut tx.conn(), id, new).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, AppJson(saved)))
}

#[utoipa::path(put, path = "/me/limitations/{id}", tag = "profile", request_body = LimitationInput,
    params(("id" = String, Path)), responses((status = 200, body = Limitation), (status = 404, body = shared::api::ApiError)))]
pub async fn update_limitation(
    State(s): State<AppState>,
    CitizenId(id): CitizenId,
    Path(limitation_id): Path<String>,
    AppJson(input): AppJson<LimitationInput>,
) -> AppResult<AppJson<Limitation>> {
    let limitation_id = parse_id(&limitation_id)?;
    AppError::check(check_limitation(&input, Timestamp::today_copenhagen()))?;
    let mut tx = s.db.begin().await?;
    if !store::update_limitation(&mut tx.conn(), id, limitation_id, &input).await? {
        return Err(AppError::NotFound);
    }
    let saved = limitation(&mut tx.conn(), id, limitation_id).await?;
    tx.commit().await?;
    Ok(AppJson(saved))
}

#[utoipa::path(delete, path = "/me/limitations/{id}", tag = "profile",
    params(("id" = String, Path)), responses((status = 204), (status = 404, body = shared::api::ApiError)))]
pub async fn delete_limitation(
    State(s): State<AppState>,
    CitizenId(id): CitizenId,
    Path(limitation_id): Path<String>,
) -> AppResult<StatusCode> {
    let limitation_id = parse_id(&limitation_id)?;
    let mut tx = s.db.begin().await?;
    let files = store::delete_limitation(&mut tx.conn(), id, limitation_id)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    for file in files {
        documents::remove(&s.settings.files_dir, file).await;
    }
    Ok(StatusCode::NO_CONTENT)
}

// ---- documents ----

/// Adds documentation to a limitation: the raw file as the body, its name in `X-File-Name`.
#[utoipa::path(post, path = "/me/limitations/{id}/documents", tag = "profile",
    params(("id" = String, Path)), request_body(description = "The file itself (at most 10 MB), judged by its content; its name percent-encoded in `X-File-Name`",
        content(("application/pdf"), ("image/jpeg"), ("image/png"))),
    responses((status = 201, body = DocumentMeta), (status = 422, body = shared::api::ApiError)))]
pub async fn upload_document(
    State(s): State<AppState>,
    CitizenId(id): CitizenId,
    Path(limitation_id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> AppResult<(StatusCode, AppJson<DocumentMeta>)> {
    let limitation_id = parse_id(&limitation_id)?;
    {
        let mut c = s.db.reader().await?;
        if !store::limitation_exists(&mut c.conn(), id, limitation_id).await? {
            return Err(AppError::NotFound);
        }
    }
    let (bytes, content_type) = documents::read_upload(body).await?;
    let name = documents::with_true_extension(&documents::clean_name(&headers), content_type);
    let document = Uuid::now_v7();
    let file = documents::store(&s.settings.files_dir, document, &bytes).await?;
    let limits = &s.settings.uploads;
    let saved = async {
        let mut tx = s.db.begin().await?;
        if !store::limitation_exists(&mut tx.conn(), id, limitation_id).await? {
            return Err(AppError::NotFound);
        }
        documents::ensure_room(&mut tx.conn(), id, bytes.len(), limits).await?;
        let sha = documents::sha256_hex(&bytes);
        store::add_document(
            &mut tx.conn(),
            store::NewDocument {
                id: document,
                limitation_id,
                citizen_id: id,
                file_name: &name,
                content_type,
                size: bytes.len() as i64,
                sha256: &sha,
            },
        )
        .await?;
        let row = store::document(&mut tx.conn(), id, document)
            .await?
            .ok_or(AppError::NotFound)?;
        tx.commit().await?;
        Ok(row.meta())
    }
    .await;
    let meta = saved?; // on error, dropping `file` removes it
    file.keep();
    Ok((StatusCode::CREATED, AppJson(meta)))
}

/// A document, always as a download. A caseworker gets it only with the citizen's consent,
/// and the download is logged.
#[utoipa::path(get, path = "/me/documents/{id}", tag = "profile",
    params(("id" = String, Path)), responses((status = 200, content_type = "application/octet-stream"), (status = 404, body = shared::api::ApiError)))]
pub async fn document(
    State(s): State<AppState>,
    Acting(actor): Acting,
    Path(DocumentPath { id }): Path<DocumentPath>,
) -> AppResult<Response> {
    let document = parse_id(&id)?;
    let citizen_id = actor.citizen_id();
    let row = {
        let mut c = s.db.reader().await?;
        if let Actor::Caseworker { .. } = actor
            && !store::consent(&mut c.conn(), citizen_id).await?.given
        {
            return Err(AppError::NotFound);
        }
        store::document(&mut c.conn(), citizen_id, document)
            .await?
            .ok_or(AppError::NotFound)?
    };
    let bytes = documents::read(&s.settings.files_dir, row.id).await?;
    audit::read(&s, actor, AccessWhat::Document)
        .await?
        .done()
        .await?;
    Ok(documents::download(
        bytes,
        &row.content_type,
        &row.file_name,
    ))
}

/// The `{id}` of a document's address (beside `{citizen}` on a caseworker's).
#[derive(serde::Deserialize)]
pub struct DocumentPath {
    id: String,
}

#[utoipa::path(delete, path = "/me/documents/{id}", tag = "profile",
    params(("id" = String, Path)), responses((status = 204), (status = 404, body = shared::api::ApiError)))]
pub async fn delete_document(
    State(s): State<AppState>,
    CitizenId(id): CitizenId,
    Path(document): Path<String>,
) -> AppResult<StatusCode> {
    let document = parse_id(&document)?;
    let mut tx = s.db.begin().await?;
    if !store::delete_document(&mut tx.conn(), id, document).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    documents::remove(&s.settings.files_dir, document).await;
    Ok(StatusCode::NO_CONTENT)
}

// ---- accommodations and consent ----

#[utoipa::path(put, path = "/me/accommodations", tag = "profile", request_body = Accommodations,
    responses((status = 200, body = Accommodations), (status = 422, body = shared::api::ApiError)))]
pub async fn set_accommodations(
    State(s): State<AppState>,
    CitizenId(id): CitizenId,
    AppJson(a): AppJson<Accommodations>,
) -> AppResult<AppJson<Accommodations>> {
    AppError::check(check_accommodations(&a))?;
    let mut tx = s.db.begin().await?;
    store::set_accommodations(&mut tx.conn(), id, &a).await?;
    let saved = store::accommodations(&mut tx.conn(), id).await?;
    tx.commit().await?;
    Ok(AppJson(saved))
}

/// Gives or withdraws consent to show limitations to caseworkers.
#[utoipa::path(put, path = "/me/consent", tag = "profile", request_body = ConsentRequest,
    responses((status = 200, body = ConsentState)))]
pub async fn set_consent(
    State(s): State<AppState>,
    CitizenId(id): CitizenId,
    AppJson(req): AppJson<ConsentRequest>,
) -> AppResult<AppJson<ConsentState>> {
    let mut tx = s.db.begin().await?;
    if store::consent(&mut tx.conn(), id).await?.given != req.given {
        store::set_consent(&mut tx.conn(), id, req.given).await?;
    }
    let state = store::consent(&mut tx.conn(), id).await?;
    tx.commit().await?;
    Ok(AppJson(state))
}
