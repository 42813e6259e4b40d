//! Integration tests: the real server over HTTP, each test on SQLite and on PostgreSQL.

mod access;
mod attachments;
mod bad_input;
mod emails;
mod import;
mod instances;
mod live;
mod login;
mod meeting_emails;
mod meetings;
mod messages;
mod my_data;
mod plan;
mod platform;
mod profile;
mod races;
mod relying_party;
mod schema;
mod session;
mod trust;
