//! Request and response bodies of `/api/v1`. Names follow `XRequest` / `XResponse`.

mod access_log;
mod caseload;
mod catalogue;
mod error;
mod meetings;
mod messages;
mod overview;
mod plan;
mod profile;
mod session;

pub use access_log::*;
pub use caseload::*;
pub use catalogue::*;
pub use error::*;
pub use meetings::*;
pub use messages::*;
pub use overview::*;
pub use plan::*;
pub use profile::*;
pub use session::*;

/// The prefix every JSON endpoint lives under.
pub const API_PREFIX: &str = "/api/v1";

/// The header that carries the session's CSRF token on every state-changing request.
pub const CSRF_HEADER: &str = "x-csrf-token";
