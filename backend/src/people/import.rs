//! `sammen import <file.csv>`: loads citizens, caseworkers and caseload from one CSV file.
//!
//! All or nothing: every row is checked first, and if any row is bad, every problem is reported
//! with its line number and nothing is changed. Importing the same file again changes nothing.
//! People who are not in the file are left as they are (the file adds and updates, never deletes).
//!
//! Columns (header required, order free):
//! `type,name,cpr,employee_login,team,primary_caseworker,backup_caseworker` and, optionally,
//! `email`.
//! - `caseworker` rows: `name`, `employee_login`, `team`, optionally `email` (for the morning
//!   email about citizens waiting; left as it is when empty).
//! - `citizen` rows: `name`, `cpr`, `primary_caseworker` (an employee login), optionally
//!   `backup_caseworker`.
//!
//! One file, a little over 400 lines: the checks and the writes of an import are one
//! all-or-nothing rule, and reading them side by side is how a reviewer sees that no check is
//! missing a write or a write a check.

use std::collections::{HashMap, HashSet};
use std::io::Read;

use secrecy::SecretString;
use serde::Deserialize;
use uuid::Uuid;

use super::cpr::Cpr;
use crate::db::{Db, Timestamp, Tx};
use crate::db_conn;

const MAX_NAME: usize = 200;
const MAX_LOGIN: usize = 100;
const MAX_TEAM: usize = 100;

#[derive(Debug, Deserialize)]
struct Row {
    #[serde(rename = "type")]
    kind: String,
    name: String,
    #[serde(default)]
    cpr: String,
    #[serde(default)]
    employee_login: String,
    #[serde(default)]
    team: String,
    #[serde(default)]
    primary_caseworker: String,
    #[serde(default)]
    backup_caseworker: String,
    #[serde(default)]
    email: String,
}

/// One problem in the file, with the line it is on (1 is the header).
#[derive(Debug, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub caseworkers_created: u32,
    pub caseworkers_updated: u32,
    pub citizens_created: u32,
    pub citizens_updated: u32,
    pub assignments_changed: u32,
    pub unchanged: u32,
}

impl std::fmt::Display for ImportReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "caseworkers: {} created, {} updated; citizens: {} created, {} updated; \
             caseworker assignments changed: {}; rows unchanged: {}",
            self.caseworkers_created,
            self.caseworkers_updated,
            self.citizens_created,
            self.citizens_updated,
            self.assignments_changed,
            self.unchanged
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the file has {} problem(s); nothing was imported", .0.len())]
    Rows(Vec<RowError>),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

struct CaseworkerIn {
    login: String,
    name: String,
    team: String,
    email: Option<String>,
}

struct CitizenIn {
    line: u64,
    cpr_hmac: String,
    name: String,
    primary: String,
    backup: Option<String>,
}

/// Checks every row, and imports them all in one transaction if there is no problem.
pub async fn import_csv(
    db: &Db,
    input: impl Read,
    cpr_key: &SecretString,
) -> Result<ImportReport, ImportError> {
    let (caseworkers, citizens) = parse(input, cpr_key)?;
    let mut tx = db.begin().await?;
    let mut report = ImportReport::default();
    let mut ids: HashMap<String, Uuid> = HashMap::new();
    for cw in &caseworkers {
        let id = upsert_caseworker(&mut tx, cw, &mut report).await?;
        ids.insert(cw.login.clone(), id);
    }
    let mut missing = Vec::new();
    for citizen in &citizens {
        for login in std::iter::once(&citizen.primary).chain(citizen.backup.as_ref()) {
            if !ids.contains_key(login) {
                match caseworker_id(&mut tx, login).await? {
                    Some(id) => {
                        ids.insert(login.clone(), id);
                    }
                    None => missing.push(RowError {
                        line: citizen.line,
                        message: format!(
                            "caseworker '{login}' is neither in the file nor in Sammen"
                        ),
                    }),
                }
            }
        }
    }
    if !missing.is_empty() {
        // Dropping the transaction rolls back the caseworker rows written above.
        return Err(ImportError::Rows(missing));
    }
    for citizen in &citizens {
        let citizen_id = upsert_citizen(&mut tx, citizen, &mut report).await?;
        let primary = ids[&citizen.primary];
        let backup = citizen.backup.as_ref().map(|b| ids[b]);
        assign(&mut tx, citizen_id, primary, backup, &mut report).await?;
    }
    tx.commit().await?;
    Ok(report)
}

/// `;` if the header line has more of them than commas, else `,`.
fn delimiter_of(text: &[u8]) -> u8 {
    let header = text.split(|b| *b == b'\n').next().unwrap_or_default();
    let count = |c: u8| header.iter().filter(|b| **b == c).count();
    if count(b';') > count(b',') {
        b';'
    } else {
        b','
    }
}

fn parse(
    input: impl Read,
    cpr_key: &SecretString,
) -> Result<(Vec<CaseworkerIn>, Vec<CitizenIn>), ImportError> {
    let mut input = input;
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes).map_err(|e| {
        ImportError::Rows(vec![RowError {
            line: 0,
            message: format!("cannot read the file: {e}"),
        }])
    })?;
    // Spreadsheets save CSV with a byte-order mark, and in Danish with `;` between columns
    // (`,` is the decimal separator there).
    let text = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(false)
        .delimiter(delimiter_of(text))
        .from_reader(text);
    let mut errors = Vec::new();
    let mut caseworkers = Vec::new();
    let mut citizens = Vec::new();
    let mut seen_logins = HashSet::new();
    let mut seen_cprs = HashSet::new();

    for (index, record) in reader.deserialize::<Row>().enumerate() {
        let line = match &record {
            Ok(_) => 0,
            Err(e) => e.position().map(|p| p.line()).unwrap_or(index as u64 + 2),
        };
        let row = match record {
            Ok(row) => row,
            Err(e) => {
                let message = match e.kind() {
                    csv::ErrorKind::UnequalLengths { .. } => "wrong number of columns".to_string(),
                    csv::ErrorKind::Deserialize { .. } => {
                        "missing or unreadable column (is the header right?)".to_string()
                    }
                    csv::ErrorKind::Utf8 { .. } => "not valid UTF-8 text".to_string(),
                    _ => "unreadable row".to_string(),
                };
                errors.push(RowError { line, message });
                continue;
            }
        };
        // csv counts the header as line 1; record lines follow. Multi-line quoted fields are
        // rare in this file, so index + 2 is the line the operator sees.
        let line = index as u64 + 2;
        let mut problem = |message: String| errors.push(RowError { line, message });
        let name = row.name.trim().to_string();
        if name.is_empty() {
            problem("name is missing".into());
        } else if name.chars().count() > MAX_NAME {
            problem(format!("name is longer than {MAX_NAME} characters"));
        }
        match row.kind.trim().to_lowercase().as_str() {
            "caseworker" => {
                let login = row.employee_login.trim().to_lowercase();
                if login.is_empty() {
                    problem("employee_login is missing".into());
                } else if login.len() > MAX_LOGIN
                    || !login
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "._-@".contains(c))
                {
                    problem("employee_login may only contain a-z, 0-9 and . _ - @".into());
                } else if !seen_logins.insert(login.clone()) {
                    problem(format!("employee_login '{login}' appears more than once"));
                }
                let team = row.team.trim().to_string();
                if team.is_empty() {
                    problem("team is missing".into());
                } else if team.chars().count() > MAX_TEAM {
                    problem(format!("team is longer than {MAX_TEAM} characters"));
                }
                if !row.cpr.trim().is_empty() {
                    problem("caseworker rows must not have a cpr".into());
                }
                let email = Some(row.email.trim().to_lowercase()).filter(|e| !e.is_empty());
                if let Some(email) = &email
                    && shared::validation::check_email(email).is_err()
                {
                    problem(format!("email '{email}' is not an email address"));
                }
                caseworkers.push(CaseworkerIn {
                    login,
                    name,
                    team,
                    email,
                });
            }
            "citizen" => {
                let cpr_hmac = match Cpr::parse(&row.cpr) {
                    Some(cpr) => {
                        let hmac = cpr.hmac(cpr_key);
                        if !seen_cprs.insert(hmac.clone()) {
                            problem("this cpr appears more than once".into());
                        }
                        hmac
                    }
                    None if row.cpr.trim().is_empty() => {
                        problem("cpr is missing".into());
                        String::new()
                    }
                    // Never echo the value: it may be a real CPR number with a typo.
                    None => {
                        problem("cpr is not a valid CPR number (DDMMYY-XXXX)".into());
                        String::new()
                    }
                };
                let primary = row.primary_caseworker.trim().to_lowercase();
                let backup =
                    Some(row.backup_caseworker.trim().to_lowercase()).filter(|b| !b.is_empty());
                if primary.is_empty() {
                    problem("primary_caseworker is missing".into());
                }
                if backup.as_deref() == Some(primary.as_str()) {
                    problem(
                        "backup_caseworker must be someone else than primary_caseworker".into(),
                    );
                }
                citizens.push(CitizenIn {
                    line,
                    cpr_hmac,
                    name,
                    primary,
                    backup,
                });
            }
            "" => problem("type is missing (citizen or caseworker)".into()),
            _ => problem("type must be citizen or caseworker".into()),
        }
    }
    if errors.is_empty() {
        Ok((caseworkers, citizens))
    } else {
        Err(ImportError::Rows(errors))
    }
}

#[derive(sqlx::FromRow)]
struct ExistingCaseworker {
    id: Uuid,
    name: String,
    team: String,
    email: Option<String>,
}

async fn upsert_caseworker(
    tx: &mut Tx,
    cw: &CaseworkerIn,
    report: &mut ImportReport,
) -> Result<Uuid, sqlx::Error> {
    let existing: Option<ExistingCaseworker> = db_conn!(tx.conn(), c => sqlx::query_as(
        "SELECT id, name, team, email FROM caseworkers WHERE employee_login = $1")
        .bind(&cw.login)
        .fetch_optional(&mut *c)
        .await)?;
    let now = Timestamp::now();
    match existing {
        Some(e)
            if e.name == cw.name
                && e.team == cw.team
                && (cw.email.is_none() || cw.email == e.email) =>
        {
            report.unchanged += 1;
            Ok(e.id)
        }
        Some(e) => {
            db_conn!(tx.conn(), c => sqlx::query("UPDATE caseworkers SET name = $1, team = $2, email = COALESCE($3, email), updated_at = $4 WHERE id = $5")
                .bind(&cw.name).bind(&cw.team).bind(&cw.email).bind(now).bind(e.id)
                .execute(&mut *c).await.map(|r| r.rows_affected()))?;
            report.caseworkers_updated += 1;
            Ok(e.id)
        }
        None => {
            let id = Uuid::now_v7();
            db_conn!(tx.conn(), c => sqlx::query(
                "INSERT INTO caseworkers (id, employee_login, name, team, email, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $6)")
                .bind(id).bind(&cw.login).bind(&cw.name).bind(&cw.team).bind(&cw.email).bind(now)
                .execute(&mut *c).await.map(|r| r.rows_affected()))?;
            report.caseworkers_created += 1;
            Ok(id)
        }
    }
}

async fn caseworker_id(tx: &mut Tx, login: &str) -> Result<Option<Uuid>, sqlx::Error> {
    let row: Option<(Uuid,)> = db_conn!(tx.conn(), c => sqlx::query_as("SELECT id FROM caseworkers WHERE employee_login = $1")
        .bind(login)
        .fetch_optional(&mut *c)
        .await)?;
    Ok(row.map(|r| r.0))
}

async fn upsert_citizen(
    tx: &mut Tx,
    citizen: &CitizenIn,
    report: &mut ImportReport,
) -> Result<Uuid, sqlx::Error> {
    let existing: Option<(Uuid, String)> = db_conn!(tx.conn(), c => sqlx::query_as(
        "SELECT id, name FROM citizens WHERE cpr_hmac = $1")
        .bind(&citizen.cpr_hmac)
        .fetch_optional(&mut *c)
        .await)?;
    let now = Timestamp::now();
    match existing {
        Some((id, name)) if name == citizen.name => {
            report.unchanged += 1;
            Ok(id)
        }
        Some((id, _)) => {
            db_conn!(tx.conn(), c => sqlx::query("UPDATE citizens SET name = $1, updated_at = $2 WHERE id = $3")
                .bind(&citizen.name).bind(now).bind(id)
                .execute(&mut *c).await.map(|r| r.rows_affected()))?;
            report.citizens_updated += 1;
            Ok(id)
        }
        None => {
            let id = Uuid::now_v7();
            db_conn!(tx.conn(), c => sqlx::query(
                "INSERT INTO citizens (id, cpr_hmac, name, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)")
                .bind(id).bind(&citizen.cpr_hmac).bind(&citizen.name).bind(now)
                .execute(&mut *c).await.map(|r| r.rows_affected()))?;
            report.citizens_created += 1;
            Ok(id)
        }
    }
}

async fn assign(
    tx: &mut Tx,
    citizen_id: Uuid,
    primary: Uuid,
    backup: Option<Uuid>,
    report: &mut ImportReport,
) -> Result<(), sqlx::Error> {
    let existing: Option<(Uuid, Option<Uuid>)> = db_conn!(tx.conn(), c => sqlx::query_as(
        "SELECT primary_caseworker_id, backup_caseworker_id FROM caseload WHERE citizen_id = $1")
        .bind(citizen_id)
        .fetch_optional(&mut *c)
        .await)?;
    if existing == Some((primary, backup)) {
        return Ok(());
    }
    db_conn!(tx.conn(), c => sqlx::query(
        "INSERT INTO caseload (citizen_id, primary_caseworker_id, backup_caseworker_id, updated_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (citizen_id) DO UPDATE SET \
         primary_caseworker_id = excluded.primary_caseworker_id, \
         backup_caseworker_id = excluded.backup_caseworker_id, updated_at = excluded.updated_at")
        .bind(citizen_id).bind(primary).bind(backup).bind(Timestamp::now())
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    report.assignments_changed += 1;
    Ok(())
}
