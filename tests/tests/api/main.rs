//! Integration tests: the real server over HTTP, each test on SQLite and on PostgreSQL.

mod access;
mod attachments;
mod bad_input;
mod email_delivery;
mod emails;
mod import;
mod inbox;
mod instances;
mod live;
mod logged_answers;
mod login;
mod meeting_emails;
mod meeting_summaries;
mod meeting_times;
mod meetings;
mod messages;
mod my_data;
mod plan;
mod plan_goals;
mod platform;
mod profile;
mod races;
mod relying_party;
mod schema;
mod session;
mod trust;
