//! Pieces every page uses, in DKFDS markup.

pub mod common;
pub mod footer;
pub mod header;
pub mod idle;
pub mod language;
