//! Queries of the profile: competences, limitations with their documents, accommodations and
//! consent.

use std::collections::HashMap;

use shared::api::{
    Competence, CompetenceData, DocumentMeta, Limitation, LimitationCategory, LimitationInput,
    ProfessionalAssessment, ProfessionalKind,
};
use uuid::Uuid;

use crate::db::{Conn, Timestamp};
use crate::db_conn;

mod support;

pub use support::{accommodations, consent, consent_history, set_accommodations, set_consent};

fn code<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn from_code<T: serde::de::DeserializeOwned>(code: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(code.to_string())).ok()
}

// ---- competences ----

#[derive(sqlx::FromRow)]
struct CompetenceRow {
    id: Uuid,
    data: String,
}

pub async fn competences(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
) -> Result<Vec<Competence>, sqlx::Error> {
    let rows: Vec<CompetenceRow> = db_conn!(conn, c => sqlx::query_as(
        "SELECT id, data FROM competences WHERE citizen_id = $1 ORDER BY created_at, id")
        .bind(citizen_id).fetch_all(&mut *c).await)?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(Competence {
                id: r.id,
                data: serde_json::from_str(&r.data).ok()?,
            })
        })
        .collect())
}

pub async fn add_competence(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
    data: &CompetenceData,
) -> Result<Uuid, sqlx::Error> {
    let id = Uuid::now_v7();
    let now = Timestamp::now();
    db_conn!(conn, c => sqlx::query(
        "INSERT INTO competences (id, citizen_id, kind, data, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)")
        .bind(id).bind(citizen_id).bind(data.kind().code()).bind(serde_json::to_string(data).unwrap_or_default()).bind(now)
        .execute(&mut *c).await.map(|_| ()))?;
    Ok(id)
}

/// Returns whether the competence was the citizen's to change.
pub async fn update_competence(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
    id: Uuid,
    data: &CompetenceData,
) -> Result<bool, sqlx::Error> {
    let n = db_conn!(conn, c => sqlx::query(
        "UPDATE competences SET kind = $1, data = $2, updated_at = $3 WHERE id = $4 AND citizen_id = $5")
        .bind(data.kind().code()).bind(serde_json::to_string(data).unwrap_or_default()).bind(Timestamp::now())
        .bind(id).bind(citizen_id)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn delete_competence(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
    id: Uuid,
) -> Result<bool, sqlx::Error> {
    let n = db_conn!(conn, c => sqlx::query("DELETE FROM competences WHERE id = $1 AND citizen_id = $2")
        .bind(id).bind(citizen_id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

// ---- limitations and documents ----

#[derive(sqlx::FromRow)]
struct LimitationRow {
    id: Uuid,
    category: String,
    description: String,
    work_impact: String,
    meeting_impact: String,
    professional_kind: Option<String>,
    professional_date: Option<String>,
}

#[derive(sqlx::FromRow)]
pub struct DocumentRow {
    pub id: Uuid,
    pub limitation_id: Uuid,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub uploaded_at: Timestamp,
}

impl DocumentRow {
    pub fn meta(&self) -> DocumentMeta {
        DocumentMeta {
            id: self.id,
            file_name: self.file_name.clone(),
            content_type: self.content_type.clone(),
            size: self.size,
            uploaded_at: self.uploaded_at.rfc3339(),
        }
    }
}

pub async fn documents(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
) -> Result<Vec<DocumentRow>, sqlx::Error> {
    db_conn!(conn, c => sqlx::query_as(
        "SELECT id, limitation_id, file_name, content_type, size, uploaded_at FROM limitation_documents \
         WHERE citizen_id = $1 ORDER BY uploaded_at, id")
        .bind(citizen_id).fetch_all(&mut *c).await)
}

pub async fn document(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
    id: Uuid,
) -> Result<Option<DocumentRow>, sqlx::Error> {
    db_conn!(conn, c => sqlx::query_as(
        "SELECT id, limitation_id, file_name, content_type, size, uploaded_at FROM limitation_documents \
         WHERE id = $1 AND citizen_id = $2")
        .bind(id).bind(citizen_id).fetch_optional(&mut *c).await)
}

pub async fn limitations(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
) -> Result<Vec<Limitation>, sqlx::Error> {
    let rows: Vec<LimitationRow> = db_conn!(conn, c => sqlx::query_as(
        "SELECT id, category, description, work_impact, meeting_impact, professional_kind, professional_date \
         FROM limitations WHERE citizen_id = $1 ORDER BY created_at, id")
        .bind(citizen_id).fetch_all(&mut *c).await)?;
    let mut docs: HashMap<Uuid, Vec<DocumentMeta>> = HashMap::new();
    for d in documents(conn, citizen_id).await? {
        docs.entry(d.limitation_id).or_default().push(d.meta());
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let professional = match (
                r.professional_kind
                    .as_deref()
                    .and_then(from_code::<ProfessionalKind>),
                r.professional_date,
            ) {
                (Some(kind), Some(date)) => Some(ProfessionalAssessment { kind, date }),
                _ => None,
            };
            Limitation {
                id: r.id,
                input: LimitationInput {
                    category: from_code(&r.category).unwrap_or(LimitationCategory::Other),
                    description: r.description,
                    work_impact: r.work_impact,
                    meeting_impact: r.meeting_impact,
                    professional,
                },
                documents: docs.remove(&r.id).unwrap_or_default(),
            }
        })
        .collect())
}

pub async fn limitation_exists(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
    id: Uuid,
) -> Result<bool, sqlx::Error> {
    let row: Option<(Uuid,)> = db_conn!(conn, c => sqlx::query_as("SELECT id FROM limitations WHERE id = $1 AND citizen_id = $2")
        .bind(id).bind(citizen_id).fetch_optional(&mut *c).await)?;
    Ok(row.is_some())
}

pub async fn has_limitations(conn: &mut Conn<'_>, citizen_id: Uuid) -> Result<bool, sqlx::Error> {
    let row: Option<(Uuid,)> = db_conn!(conn, c => sqlx::query_as("SELECT id FROM limitations WHERE citizen_id = $1 LIMIT 1")
        .bind(citizen_id).fetch_optional(&mut *c).await)?;
    Ok(row.is_some())
}

pub async fn add_limitation(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
    input: &LimitationInput,
) -> Result<Uuid, sqlx::Error> {
    let id = Uuid::now_v7();
    let now = Timestamp::now();
    let p = input.professional.as_ref();
    db_conn!(conn, c => sqlx::query(
        "INSERT INTO limitations (id, citizen_id, category, description, work_impact, meeting_impact, \
         professional_kind, professional_date, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)")
        .bind(id).bind(citizen_id).bind(code(&input.category)).bind(input.description.trim())
        .bind(input.work_impact.trim()).bind(input.meeting_impact.trim())
        .bind(p.map(|p| code(&p.kind))).bind(p.map(|p| p.date.trim().to_string())).bind(now)
        .execute(&mut *c).await.map(|_| ()))?;
    Ok(id)
}

pub async fn update_limitation(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
    id: Uuid,
    input: &LimitationInput,
) -> Result<bool, sqlx::Error> {
    let p = input.professional.as_ref();
    let n = db_conn!(conn, c => sqlx::query(
        "UPDATE limitations SET category = $1, description = $2, work_impact = $3, meeting_impact = $4, \
         professional_kind = $5, professional_date = $6, updated_at = $7 WHERE id = $8 AND citizen_id = $9")
        .bind(code(&input.category)).bind(input.description.trim()).bind(input.work_impact.trim())
        .bind(input.meeting_impact.trim()).bind(p.map(|p| code(&p.kind))).bind(p.map(|p| p.date.trim().to_string()))
        .bind(Timestamp::now()).bind(id).bind(citizen_id)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Deletes a limitation and its document rows; returns the ids of the files to remove.
pub async fn delete_limitation(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
    id: Uuid,
) -> Result<Option<Vec<Uuid>>, sqlx::Error> {
    if !limitation_exists(conn, citizen_id, id).await? {
        return Ok(None);
    }
    let docs: Vec<(Uuid,)> = db_conn!(conn, c => sqlx::query_as("SELECT id FROM limitation_documents WHERE limitation_id = $1")
        .bind(id).fetch_all(&mut *c).await)?;
    db_conn!(conn, c => sqlx::query("DELETE FROM limitation_documents WHERE limitation_id = $1")
        .bind(id).execute(&mut *c).await.map(|_| ()))?;
    db_conn!(conn, c => sqlx::query("DELETE FROM limitations WHERE id = $1 AND citizen_id = $2")
        .bind(id).bind(citizen_id).execute(&mut *c).await.map(|_| ()))?;
    Ok(Some(docs.into_iter().map(|d| d.0).collect()))
}

pub struct NewDocument<'a> {
    pub id: Uuid,
    pub limitation_id: Uuid,
    pub citizen_id: Uuid,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size: i64,
    pub sha256: &'a str,
}

/// How many documents a citizen has and how many bytes they take. Takes the citizen's row lock
/// first (an update that changes nothing), so two uploads at once cannot both squeeze under the
/// limit on PostgreSQL; SQLite has one writer anyway.
pub async fn document_usage(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
) -> Result<(i64, i64), sqlx::Error> {
    db_conn!(conn, c => sqlx::query("UPDATE citizens SET updated_at = updated_at WHERE id = $1")
        .bind(citizen_id).execute(&mut *c).await.map(|_| ()))?;
    db_conn!(conn, c => sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM \
         (SELECT size FROM limitation_documents WHERE citizen_id = $1 \
          UNION ALL SELECT size FROM message_attachments WHERE citizen_id = $1) files")
        .bind(citizen_id).fetch_one(&mut *c).await)
}

pub async fn add_document(conn: &mut Conn<'_>, d: NewDocument<'_>) -> Result<(), sqlx::Error> {
    db_conn!(conn, c => sqlx::query(
        "INSERT INTO limitation_documents (id, limitation_id, citizen_id, file_name, content_type, size, sha256, uploaded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(d.id).bind(d.limitation_id).bind(d.citizen_id).bind(d.file_name).bind(d.content_type)
        .bind(d.size).bind(d.sha256).bind(Timestamp::now())
        .execute(&mut *c).await.map(|_| ()))
}

pub async fn delete_document(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
    id: Uuid,
) -> Result<bool, sqlx::Error> {
    let n = db_conn!(conn, c => sqlx::query("DELETE FROM limitation_documents WHERE id = $1 AND citizen_id = $2")
        .bind(id).bind(citizen_id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

// ---- accommodations ----

// ---- consent ----
