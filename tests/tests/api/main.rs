//! Integration tests: the real server over HTTP, each test on SQLite and on PostgreSQL.

mod access;
mod bad_input;
mod import;
mod login;
mod platform;
mod relying_party;
mod session;
