//! One module per page, mirroring the server's features.

pub mod access_log;
pub mod caseload;
pub mod logged_out;
pub mod login_buttons;
pub mod login_problem;
pub mod meetings;
pub mod messages;
pub mod not_found;
pub mod overview;
pub mod plan;
pub mod profile;
