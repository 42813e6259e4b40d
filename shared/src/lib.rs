//! What the Sammen server and its clients agree on: the JSON API's types, the rules that check
//! what people type, and every text a person reads, in Danish and English.
//!
//! This crate compiles to WebAssembly, so it must not depend on tokio, sqlx, reqwest or axum.

pub mod api;
pub mod auth;
pub mod i18n;
pub mod lang;
pub mod validation;

pub use lang::Lang;
