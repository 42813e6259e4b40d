//! The caseworker's own lists.

use shared::api::CaseloadResponse;

use super::{ApiFailure, get};

/// "Mine borgere".
pub async fn caseload() -> Result<CaseloadResponse, ApiFailure> {
    get("/caseload").await
}
