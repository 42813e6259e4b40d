//! Emails through the outbox to a real SMTP server: the address confirmed by a code, the
//! notification after the delay and not in quiet hours, throttled, cancelled when read, never
//! with personal content. When delivery goes wrong: `email_delivery`.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::json;
use shared::auth::LoginKind;
use tests::smtp::{Received, SmtpServer};
use tests::{Browser, Engine, TestApp, caseworker_and_citizen, on_both_engines};

on_both_engines!(
    an_address_is_confirmed_with_the_code_sent_to_it,
    wrong_expired_and_too_many_codes_are_refused,
    an_unread_answer_is_emailed_after_the_delay_once_per_half_hour_without_personal_content,
    no_email_without_a_confirmed_address_when_turned_off_or_when_read_in_time,
    quiet_hours_hold_the_email_until_morning,
);

pub(crate) fn key() -> String {
    uuid::Uuid::new_v4().to_string()
}

pub(crate) async fn spawn_with_smtp(engine: Engine, smtp: &SmtpServer, quiet: &str) -> TestApp {
    let url = smtp.url();
    let quiet = quiet.to_string();
    TestApp::spawn_with(engine, move |s| {
        s.smtp.url = Some(url.into());
        s.notify.quiet_hours = quiet;
    })
    .await
}

/// The 6-digit code in a confirmation email.
fn code_in(email: &Received) -> String {
    let text = email.text();
    text.split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 6)
        .unwrap_or_else(|| panic!("no code in {text}"))
        .to_string()
}

/// Adds and confirms an address, returning the emails received so far.
pub(crate) async fn confirm_address(citizen: &Browser, smtp: &SmtpServer, address: &str) {
    let before = smtp.received().len();
    let (status, settings) = citizen
        .json(
            Method::PUT,
            "/api/v1/me/email",
            &json!({"address": address}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{settings}");
    let code = code_in(&smtp.wait_for(before + 1).await[before]);
    let (status, settings) = citizen
        .json(
            Method::POST,
            "/api/v1/me/email/confirm",
            &json!({"code": code}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{settings}");
    assert_eq!(settings["confirmed"], true);
}

/// Lets the worker run a few rounds, then says how many emails arrived.
pub(crate) async fn settle(smtp: &SmtpServer) -> usize {
    tokio::time::sleep(Duration::from_millis(600)).await;
    smtp.received().len()
}

async fn an_address_is_confirmed_with_the_code_sent_to_it(engine: Engine) {
    let smtp = SmtpServer::start().await;
    let app = spawn_with_smtp(engine, &smtp, "").await;
    let mut citizen = app.browser();
    citizen.login(LoginKind::Citizen, "freja").await;
    let (_, none) = citizen.get_json("/api/v1/me/email").await;
    assert_eq!(none["address"], serde_json::Value::Null);
    let (status, answer) = citizen
        .json(
            Method::PUT,
            "/api/v1/me/email",
            &json!({"address": "ikke en adresse"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer["error"]["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("e-mailadresse")
    );

    let (_, pending) = citizen
        .json(
            Method::PUT,
            "/api/v1/me/email",
            &json!({"address": "freja@example.dk"}),
        )
        .await;
    assert_eq!(pending["confirmed"], false);
    assert_eq!(pending["code_pending"], true);
    let email = &smtp.wait_for(1).await[0];
    assert_eq!(email.to, ["freja@example.dk"]);
    assert_eq!(email.subject(), "Din kode til Sammen");
    assert!(
        !email.everything().contains("Freja"),
        "no name in the email"
    );
    let code = code_in(email);
    let (status, confirmed) = citizen
        .json(
            Method::POST,
            "/api/v1/me/email/confirm",
            &json!({"code": code}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{confirmed}");
    assert_eq!(confirmed["confirmed"], true);
    let (codes,): (i64,) =
        sqlx_count(&app, "SELECT COUNT(*) FROM outbox WHERE code IS NOT NULL").await;
    assert_eq!(codes, 0, "a sent code is not kept");
    app.stop().await;
}

pub(crate) async fn sqlx_count(app: &TestApp, sql: &str) -> (i64,) {
    sammen::db_conn!(app.db.writer().await.unwrap().conn(), c => sqlx::query_as(sql)
        .fetch_one(&mut *c).await)
    .unwrap()
}

async fn wrong_expired_and_too_many_codes_are_refused(engine: Engine) {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    // The session outlives the code here, so the code is what runs out.
    let app = TestApp::spawn_with(engine, move |s| {
        s.smtp.url = Some(url.into());
        s.session.idle_timeout_seconds = 3600;
    })
    .await;
    let mut citizen = app.browser();
    citizen.login(LoginKind::Citizen, "henrik").await;
    let confirm = |code: String| {
        let citizen = &citizen;
        async move {
            citizen
                .json(
                    Method::POST,
                    "/api/v1/me/email/confirm",
                    &json!({"code": code}),
                )
                .await
        }
    };
    let (status, answer) = confirm("123456".into()).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "no code was sent: {answer}"
    );

    citizen
        .json(
            Method::PUT,
            "/api/v1/me/email",
            &json!({"address": "h@example.dk"}),
        )
        .await;
    let right = code_in(&smtp.wait_for(1).await[0]);
    let wrong = if right == "000000" {
        "111111"
    } else {
        "000000"
    }
    .to_string();
    for _ in 0..4 {
        let (status, answer) = confirm(wrong.clone()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            answer["error"]["fields"][0]["message"]
                .as_str()
                .unwrap()
                .contains("passer ikke"),
            "{answer}"
        );
    }
    let (_, fifth) = confirm(wrong.clone()).await;
    assert!(
        fifth["error"]["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("for mange gange"),
        "{fifth}"
    );
    let (_, even_right) = confirm(right).await;
    assert!(
        even_right["error"]["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("for mange gange")
    );
    let (_, settings) = citizen.get_json("/api/v1/me/email").await;
    assert_eq!(settings["confirmed"], false);

    // A new code, 31 minutes later: expired.
    citizen
        .json(
            Method::PUT,
            "/api/v1/me/email",
            &json!({"address": "h@example.dk"}),
        )
        .await;
    let fresh = code_in(&smtp.wait_for(2).await[1]);
    app.clock.advance(Duration::from_secs(31 * 60));
    let (_, late) = confirm(fresh).await;
    assert!(
        late["error"]["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("udløbet"),
        "{late}"
    );
    let (_, settings) = citizen.get_json("/api/v1/me/email").await;
    assert_eq!(settings["confirmed"], false);
    app.stop().await;
}

pub(crate) async fn caseworker_writes(
    cw: &Browser,
    citizen_id: &str,
    conversation: Option<&str>,
    body: &str,
) -> String {
    let (status, sent) = match conversation {
        None => {
            cw.json(
                Method::POST,
                &format!("/api/v1/citizens/{citizen_id}/conversations"),
                &json!({
                    "subject": "Om din plan", "body": body, "idempotency_key": key(),
                }),
            )
            .await
        }
        Some(c) => {
            cw.json(
                Method::POST,
                &format!("/api/v1/citizens/{citizen_id}/conversations/{c}/messages"),
                &json!({"body": body, "idempotency_key": key()}),
            )
            .await
        }
    };
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    sent["conversation_id"].as_str().unwrap().to_string()
}

async fn an_unread_answer_is_emailed_after_the_delay_once_per_half_hour_without_personal_content(
    engine: Engine,
) {
    let smtp = SmtpServer::start().await;
    let app = spawn_with_smtp(engine, &smtp, "").await;
    let (cw, citizen, id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    confirm_address(&citizen, &smtp, "freja@example.dk").await;
    let conversation = caseworker_writes(&cw, &id, None, "Hemmelig tekst om din ryg").await;

    assert_eq!(settle(&smtp).await, 1, "not before 5 minutes");
    app.clock.advance(Duration::from_secs(5 * 60 + 1));
    let emails = smtp.wait_for(2).await;
    let email = &emails[1];
    assert_eq!(email.subject(), "Du har en ny besked fra jobcentret");
    assert_eq!(
        email.header("Auto-Submitted").as_deref(),
        Some("auto-generated")
    );
    assert!(email.header("Date").is_some());
    let unsubscribe = email.header("List-Unsubscribe").unwrap();
    assert!(unsubscribe.ends_with("/min-profil>"), "{unsubscribe}");
    assert!(
        email.text().contains(app.base.as_str()),
        "the portal's address: {}",
        email.text()
    );
    let everything = email.everything();
    for private in [
        "Freja",
        "Nielsen",
        "Mette",
        "Hansen",
        "150307",
        "1236",
        "Hemmelig",
        "ryg",
        "Om din plan",
        &conversation,
        &id,
    ] {
        assert!(
            !everything.contains(private),
            "{private:?} must not be in the email"
        );
    }

    // Two more messages in the next half hour: no second email until it has passed.
    caseworker_writes(&cw, &id, Some(&conversation), "Og en til").await;
    app.clock.advance(Duration::from_secs(10 * 60));
    caseworker_writes(&cw, &id, Some(&conversation), "Og en tredje").await;
    app.clock.advance(Duration::from_secs(10 * 60));
    assert_eq!(
        settle(&smtp).await,
        2,
        "throttled: one per conversation per 30 minutes"
    );
    app.clock.advance(Duration::from_secs(11 * 60));
    let emails = smtp.wait_for(3).await;
    assert_eq!(emails.len(), 3);
    assert_ne!(emails[1].message_id(), emails[2].message_id());
    assert_eq!(settle(&smtp).await, 3);
    app.stop().await;
}

async fn no_email_without_a_confirmed_address_when_turned_off_or_when_read_in_time(engine: Engine) {
    let smtp = SmtpServer::start().await;
    let app = spawn_with_smtp(engine, &smtp, "").await;
    let (cw, citizen, id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;

    // No address at all.
    caseworker_writes(&cw, &id, None, "Første").await;
    app.clock.advance(Duration::from_secs(6 * 60));
    assert_eq!(settle(&smtp).await, 0, "no address: nothing sent");

    // Confirmed, but read within the delay.
    confirm_address(&citizen, &smtp, "freja@example.dk").await;
    let read_in_time = caseworker_writes(&cw, &id, None, "Anden").await;
    citizen
        .get_json(&format!("/api/v1/me/conversations/{read_in_time}"))
        .await;
    app.clock.advance(Duration::from_secs(6 * 60));
    assert_eq!(settle(&smtp).await, 1, "read in time: only the code email");

    // Turned off.
    let (status, _) = citizen
        .json(
            Method::PUT,
            "/api/v1/me/email/notifications",
            &json!({"messages": false, "meetings": true, "plan": true}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    caseworker_writes(&cw, &id, None, "Tredje").await;
    app.clock.advance(Duration::from_secs(6 * 60));
    assert_eq!(settle(&smtp).await, 1, "turned off: nothing sent");
    app.stop().await;
}

async fn quiet_hours_hold_the_email_until_morning(engine: Engine) {
    let smtp = SmtpServer::start().await;
    // Quiet all day but one minute from now: whatever the time, the email waits.
    let now = sammen::calendar::time_in_copenhagen(sammen::db::Timestamp::now());
    let from = now.wrapping_add(jiff::Span::new().minutes(1));
    let until = now.wrapping_add(jiff::Span::new().hours(12));
    let quiet = format!("{}-{}", from.strftime("%H:%M"), until.strftime("%H:%M"));
    let app = spawn_with_smtp(engine, &smtp, &quiet).await;
    let (cw, citizen, id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    confirm_address(&citizen, &smtp, "freja@example.dk").await;
    caseworker_writes(&cw, &id, None, "Sent om aftenen").await;
    app.clock.advance(Duration::from_secs(6 * 60));
    assert_eq!(settle(&smtp).await, 1, "quiet hours: it waits");
    app.clock.advance(Duration::from_secs(12 * 3600));
    smtp.wait_for(2).await;
    app.stop().await;
}
