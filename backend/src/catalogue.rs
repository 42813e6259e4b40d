//! The municipality's lists: target groups, step types, and options a citizen can ask about.
//! Seeded by a migration; `sammen catalogue <name> <file.csv>` replaces a list (entries not in
//! the file become inactive, so old plans still show their names).

use axum::extract::State;
use shared::api::{Catalogue, CatalogueEntry, CataloguesResponse};

use utoipa_axum::routes;

use crate::auth::extract::CurrentSession;
use crate::db::{Conn, Db};
use crate::db_conn;
use crate::error::{AppJson, AppResult};
use crate::http::api_routes::ApiRoutes;
use crate::state::AppState;

pub fn router() -> ApiRoutes {
    ApiRoutes::new().one_sided(routes!(catalogues))
}

#[derive(sqlx::FromRow)]
struct Row {
    catalogue: String,
    code: String,
    label_da: String,
    label_en: String,
    active: bool,
}

pub async fn all(db: &Db) -> Result<CataloguesResponse, sqlx::Error> {
    let rows: Vec<Row> = db_conn!(db.reader().await?.conn(), pool => sqlx::query_as(
        "SELECT catalogue, code, label_da, label_en, active FROM catalogue_entries ORDER BY catalogue, position, code")
        .fetch_all(pool)
        .await)?;
    let mut out = CataloguesResponse::default();
    for r in rows {
        let entry = CatalogueEntry {
            code: r.code,
            label_da: r.label_da,
            label_en: r.label_en,
            active: r.active,
        };
        match Catalogue::from_code(&r.catalogue) {
            Some(Catalogue::TargetGroup) => out.target_groups.push(entry),
            Some(Catalogue::StepType) => out.step_types.push(entry),
            Some(Catalogue::Option) => out.options.push(entry),
            None => {}
        }
    }
    Ok(out)
}

/// The codes of a list that may be chosen now.
pub async fn active_codes(
    conn: &mut Conn<'_>,
    catalogue: Catalogue,
) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = db_conn!(conn, c => sqlx::query_as(
        "SELECT code FROM catalogue_entries WHERE catalogue = $1 AND active = TRUE ORDER BY position")
        .bind(catalogue.code())
        .fetch_all(&mut *c)
        .await)?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// The lists, for forms and for showing codes as words.
#[utoipa::path(get, path = "/catalogues", tag = "plan",
    responses((status = 200, body = CataloguesResponse), (status = 401, body = shared::api::ApiError)))]
pub async fn catalogues(
    State(state): State<AppState>,
    _: CurrentSession,
) -> AppResult<AppJson<CataloguesResponse>> {
    Ok(AppJson(all(&state.db).await?))
}

#[derive(serde::Deserialize)]
struct CsvRow {
    code: String,
    label_da: String,
    label_en: String,
}

/// Replaces a list from a CSV file (`code,label_da,label_en`): all rows or none.
pub async fn import(
    db: &Db,
    catalogue: Catalogue,
    input: impl std::io::Read,
) -> anyhow::Result<usize> {
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (i, row) in csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(input)
        .deserialize::<CsvRow>()
        .enumerate()
    {
        let line = i + 2;
        match row {
            Ok(r) if r.code.is_empty() || r.label_da.is_empty() || r.label_en.is_empty() => {
                problems.push(format!(
                    "line {line}: code, label_da and label_en are all required"
                ))
            }
            Ok(r)
                if !r
                    .code
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') =>
            {
                problems.push(format!("line {line}: code may only contain a-z, 0-9 and _"))
            }
            Ok(r) => rows.push(r),
            Err(_) => problems.push(format!(
                "line {line}: unreadable row (header: code,label_da,label_en)"
            )),
        }
    }
    if !problems.is_empty() {
        anyhow::bail!("{}\nnothing was changed", problems.join("\n"));
    }
    let mut tx = db.begin().await?;
    db_conn!(tx.conn(), c => sqlx::query("UPDATE catalogue_entries SET active = FALSE WHERE catalogue = $1")
        .bind(catalogue.code()).execute(&mut *c).await.map(|_| ()))?;
    for (position, r) in rows.iter().enumerate() {
        db_conn!(tx.conn(), c => sqlx::query(
            "INSERT INTO catalogue_entries (catalogue, code, label_da, label_en, active, position) \
             VALUES ($1, $2, $3, $4, TRUE, $5) ON CONFLICT (catalogue, code) DO UPDATE SET \
             label_da = excluded.label_da, label_en = excluded.label_en, active = TRUE, position = excluded.position")
            .bind(catalogue.code()).bind(&r.code).bind(&r.label_da).bind(&r.label_en).bind(position as i32 + 1)
            .execute(&mut *c).await.map(|_| ()))?;
    }
    tx.commit().await?;
    Ok(rows.len())
}
