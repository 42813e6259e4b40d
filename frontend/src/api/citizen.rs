//! The citizen's own pages that are not plan or profile: the overview, who has seen my data,
//! and the download of everything.

use shared::api::{AccessLogResponse, OverviewResponse};

use super::{ApiFailure, Whose, get};

pub async fn overview() -> Result<OverviewResponse, ApiFailure> {
    get("/overview").await
}

pub async fn access_log() -> Result<AccessLogResponse, ApiFailure> {
    get("/me/access-log").await
}

/// The address of "Download mine oplysninger" (a zip the browser saves).
pub fn export_link() -> String {
    Whose::Mine.link("/export")
}
