//! Who is acting on which citizen's data, and whether they may. A citizen acts on their own data;
//! a caseworker on the data of citizens they are primary or backup caseworker for, or whose
//! conversation a colleague handed to them. Anything else is "not found", so nobody learns
//! whether another citizen exists.
//!
//! Every two-sided feature (plan, profile, and what comes after) has one handler per action
//! that takes [`Acting`], served at two addresses: `/me/…` for the citizen and
//! `/citizens/{citizen}/…` for a caseworker (see `http::api_routes::ApiRoutes::both_sides`).
//! These are the only access rules; handlers never look at roles or caseloads themselves.

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use shared::api::{AccessPurpose, Party};
use uuid::Uuid;

use crate::auth::extract::current_session;
use crate::auth::session::{Along, Loaded, Role};
use crate::db::Db;
use crate::db_conn;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The path segment that names the citizen a caseworker acts on.
pub const CITIZEN_PARAM: &str = "citizen";

/// Who is acting on whose data, resolved from the session and the address: a citizen at an
/// address without `{citizen}` acts on themselves; a caseworker at an address with it acts on
/// that citizen if they are in the caseworker's caseload. A citizen at a caseworker's address
/// or a caseworker at a citizen's is refused (403); a citizen outside the caseload, or an id
/// that is not one, is "not found".
pub struct Acting(pub Actor);

impl FromRequestParts<AppState> for Acting {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let (actor, _) = acting(parts, state, Along::Nothing).await?;
        Ok(Acting(actor))
    }
}

/// `Acting` for reading the plan: a citizen's session is read together with their ready plan
/// (`plan::ready`), which comes here if it is current. Nothing comes for a caseworker, or for
/// a session this instance remembered (no statement ran).
pub struct ActingOnPlan {
    pub actor: Actor,
    pub ready_plan: Option<String>,
}

impl FromRequestParts<AppState> for ActingOnPlan {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let (actor, ready_plan) = acting(parts, state, Along::ReadyPlan).await?;
        Ok(ActingOnPlan { actor, ready_plan })
    }
}

async fn acting(
    parts: &mut Parts,
    state: &AppState,
    along: Along,
) -> Result<(Actor, Option<String>), AppError> {
    let Loaded {
        session,
        ready_plan,
    } = current_session(parts, state, along).await?;
    let citizen = RawPathParams::from_request_parts(parts, state)
        .await
        .ok()
        .and_then(|params| {
            params
                .iter()
                .find(|(name, _)| *name == CITIZEN_PARAM)
                .map(|(_, value)| value.to_string())
        });
    match (session.role, citizen) {
        // What came along is the session's own citizen's: only they act on themselves.
        (Role::Citizen, None) => Ok((
            Actor::Citizen {
                citizen_id: session.user_id,
            },
            ready_plan,
        )),
        (Role::Caseworker, Some(citizen)) => Ok((
            caseworker_on(&state.db, session.user_id, &citizen).await?,
            None,
        )),
        _ => Err(AppError::Forbidden),
    }
}

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

/// A colleague a conversation of this citizen was handed to works on the citizen's case.
async fn handed_a_conversation(db: &Db, caseworker_id: Uuid, citizen_id: Uuid) -> AppResult<bool> {
    let row: Option<(i32,)> = db_conn!(db.reader().await?.conn(), c => sqlx::query_as(
        "SELECT 1 FROM conversations WHERE citizen_id = $1 AND caseworker_id = $2 LIMIT 1")
        .bind(citizen_id)
        .bind(caseworker_id)
        .fetch_optional(c)
        .await)?;
    Ok(row.is_some())
}

/// The caseworker may act on this citizen: their own citizen, one they are backup for, or one
/// whose conversation was handed to them.
async fn caseworker_on(db: &Db, caseworker_id: Uuid, citizen: &str) -> AppResult<Actor> {
    let citizen_id = parse_id(citizen)?;
    let row: Option<(Uuid, Option<Uuid>)> = db_conn!(db.reader().await?.conn(), pool => sqlx::query_as(
        "SELECT primary_caseworker_id, backup_caseworker_id FROM caseload WHERE citizen_id = $1")
        .bind(citizen_id)
        .fetch_optional(pool)
        .await)?;
    let purpose = match row {
        Some((primary, _)) if primary == caseworker_id => AccessPurpose::Casework,
        Some((_, Some(backup))) if backup == caseworker_id => AccessPurpose::CaseworkAsBackup,
        Some(_) if handed_a_conversation(db, caseworker_id, citizen_id).await? => {
            AccessPurpose::Casework
        }
        _ => return Err(AppError::NotFound),
    };
    Ok(Actor::Caseworker {
        caseworker_id,
        citizen_id,
        purpose,
    })
}
