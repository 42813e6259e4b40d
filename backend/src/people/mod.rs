//! Citizens, caseworkers and who is whose caseworker. The municipality loads them with
//! `sammen import`; logins are matched against them.

pub mod cpr;
pub mod import;

use shared::Lang;
use shared::api::{CaseloadEntry, CaseloadRole, CaseworkerContact};
use uuid::Uuid;

use crate::db::Db;
use crate::db_conn;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Citizen {
    pub id: Uuid,
    pub name: String,
    pub language: String,
}

impl Citizen {
    pub fn lang(&self) -> Lang {
        Lang::from_code(&self.language).unwrap_or_default()
    }
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Caseworker {
    pub id: Uuid,
    pub employee_login: String,
    pub name: String,
    pub team: String,
}

pub async fn citizen_by_cpr_hmac(db: &Db, cpr_hmac: &str) -> Result<Option<Citizen>, sqlx::Error> {
    db_conn!(db.reader().await?.conn(), pool => sqlx::query_as("SELECT id, name, language FROM citizens WHERE cpr_hmac = $1")
        .bind(cpr_hmac)
        .fetch_optional(pool)
        .await)
}

pub async fn citizen(db: &Db, id: Uuid) -> Result<Option<Citizen>, sqlx::Error> {
    db_conn!(db.reader().await?.conn(), pool => sqlx::query_as("SELECT id, name, language FROM citizens WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await)
}

pub async fn caseworker_by_login(db: &Db, login: &str) -> Result<Option<Caseworker>, sqlx::Error> {
    db_conn!(db.reader().await?.conn(), pool => sqlx::query_as(
        "SELECT id, employee_login, name, team FROM caseworkers WHERE employee_login = $1")
        .bind(login.trim().to_lowercase())
        .fetch_optional(pool)
        .await)
}

/// Keeps the address the employee login gives (only written when it changed).
pub async fn set_caseworker_email(db: &Db, id: Uuid, email: &str) -> Result<(), sqlx::Error> {
    let email = email.trim().to_lowercase();
    db_conn!(db.writer().await?.conn(), c => sqlx::query(
        "UPDATE caseworkers SET email = $1 WHERE id = $2 AND (email IS NULL OR email <> $1)")
        .bind(&email)
        .bind(id)
        .execute(&mut *c)
        .await
        .map(|_| ()))
}

pub async fn caseworker(db: &Db, id: Uuid) -> Result<Option<Caseworker>, sqlx::Error> {
    db_conn!(db.reader().await?.conn(), pool => sqlx::query_as(
        "SELECT id, employee_login, name, team FROM caseworkers WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await)
}

#[derive(sqlx::FromRow)]
struct ContactRow {
    role: String,
    name: String,
    team: String,
}

/// The citizen's primary and backup caseworker, as the citizen may see them.
pub async fn caseworkers_of(
    db: &Db,
    citizen_id: Uuid,
) -> Result<(Option<CaseworkerContact>, Option<CaseworkerContact>), sqlx::Error> {
    let rows: Vec<ContactRow> = db_conn!(db.reader().await?.conn(), pool => sqlx::query_as(
        "SELECT 'primary' AS role, w.name, w.team FROM caseload c \
           JOIN caseworkers w ON w.id = c.primary_caseworker_id WHERE c.citizen_id = $1 \
         UNION ALL \
         SELECT 'backup' AS role, w.name, w.team FROM caseload c \
           JOIN caseworkers w ON w.id = c.backup_caseworker_id WHERE c.citizen_id = $1")
        .bind(citizen_id)
        .fetch_all(pool)
        .await)?;
    let mut primary = None;
    let mut backup = None;
    for row in rows {
        let contact = CaseworkerContact {
            name: row.name,
            team: row.team,
        };
        if row.role == "primary" {
            primary = Some(contact)
        } else {
            backup = Some(contact)
        }
    }
    Ok((primary, backup))
}

#[derive(sqlx::FromRow)]
struct CaseloadRow {
    id: Uuid,
    name: String,
    is_primary: bool,
}

/// The citizens a caseworker is primary or backup caseworker for, by name.
pub async fn caseload(db: &Db, caseworker_id: Uuid) -> Result<Vec<CaseloadEntry>, sqlx::Error> {
    let rows: Vec<CaseloadRow> = db_conn!(db.reader().await?.conn(), pool => sqlx::query_as(
        "SELECT z.id, z.name, (c.primary_caseworker_id = $1) AS is_primary \
         FROM caseload c JOIN citizens z ON z.id = c.citizen_id \
         WHERE c.primary_caseworker_id = $1 OR c.backup_caseworker_id = $1 \
         ORDER BY z.name, z.id")
        .bind(caseworker_id)
        .fetch_all(pool)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|r| CaseloadEntry {
            id: r.id,
            name: r.name,
            role: if r.is_primary {
                CaseloadRole::Primary
            } else {
                CaseloadRole::Backup
            },
        })
        .collect())
}

/// Remembers the language a citizen chose, so emails follow it.
pub async fn set_citizen_language(
    db: &Db,
    citizen_id: Uuid,
    lang: Lang,
) -> Result<(), sqlx::Error> {
    crate::db_conn!(db.writer().await?.conn(), pool => sqlx::query("UPDATE citizens SET language = $1 WHERE id = $2")
        .bind(lang.code())
        .bind(citizen_id)
        .execute(pool)
        .await.map(|r| r.rows_affected()))?;
    Ok(())
}
