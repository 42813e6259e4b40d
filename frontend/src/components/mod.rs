//! Pieces every page uses, in DKFDS markup.

pub mod citizen_nav;
pub mod common;
pub mod footer;
pub mod form;
pub mod form_state;
pub mod header;
pub mod idle;
pub mod language;
pub mod loaded;
pub mod server_page;
