//! Who is acting on which citizen's data, and whether they may. A citizen acts on their own data;
//! a caseworker on the data of citizens they are primary or backup caseworker for. Anything
//! else is "not found", so nobody learns whether another citizen exists.

use shared::api::{AccessPurpose, Party};
use uuid::Uuid;

use crate::db::Db;
use crate::db_read;
use crate::error::{AppError, AppResult};

#[derive(Clone, Copy, Debug)]
pub enum Actor {
    Citizen {
        citizen_id: Uuid,
    },
    Caseworker {
        caseworker_id: Uuid,
        citizen_id: Uuid,
        purpose: AccessPurpose,
    },
}

impl Actor {
    pub fn citizen_id(self) -> Uuid {
        match self {
            Actor::Citizen { citizen_id } | Actor::Caseworker { citizen_id, .. } => citizen_id,
        }
    }

    pub fn party(self) -> Party {
        match self {
            Actor::Citizen { .. } => Party::Citizen,
            Actor::Caseworker { .. } => Party::Caseworker,
        }
    }

    pub fn caseworker_id(self) -> Option<Uuid> {
        match self {
            Actor::Citizen { .. } => None,
            Actor::Caseworker { caseworker_id, .. } => Some(caseworker_id),
        }
    }
}

/// Parses an id from a path; a malformed one is simply not found.
pub fn parse_id(raw: &str) -> AppResult<Uuid> {
    Uuid::parse_str(raw).map_err(|_| AppError::NotFound)
}

/// The caseworker may act on this citizen: their own citizen, or one they are backup for.
pub async fn caseworker_on(db: &Db, caseworker_id: Uuid, citizen: &str) -> AppResult<Actor> {
    let citizen_id = parse_id(citizen)?;
    let row: Option<(Uuid, Option<Uuid>)> = db_read!(db, pool => sqlx::query_as(
        "SELECT primary_caseworker_id, backup_caseworker_id FROM caseload WHERE citizen_id = $1")
        .bind(citizen_id)
        .fetch_optional(pool)
        .await)?;
    let purpose = match row {
        Some((primary, _)) if primary == caseworker_id => AccessPurpose::Casework,
        Some((_, Some(backup))) if backup == caseworker_id => AccessPurpose::CaseworkAsBackup,
        _ => return Err(AppError::NotFound),
    };
    Ok(Actor::Caseworker {
        caseworker_id,
        citizen_id,
        purpose,
    })
}
