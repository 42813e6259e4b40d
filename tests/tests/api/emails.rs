//! Emails through the outbox to a real SMTP server: the address confirmed by a code, the
//! notification after the delay and not in quiet hours, throttled, cancelled when read, never
//! with personal content; SMTP down then up, a dead instance's lease, two instances.

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
    an_smtp_server_that_is_down_delays_emails_but_loses_and_doubles_none,
    an_email_claimed_by_an_instance_that_died_is_sent_once_after_its_lease,
    caseworkers_get_one_morning_email_about_citizens_waiting_past_the_promise,
    a_process_killed_while_sending_leaves_the_email_to_the_next_once,
);

fn key() -> String {
    uuid::Uuid::new_v4().to_string()
}

async fn spawn_with_smtp(engine: Engine, smtp: &SmtpServer, quiet: &str) -> TestApp {
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
async fn confirm_address(citizen: &Browser, smtp: &SmtpServer, address: &str) {
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
async fn settle(smtp: &SmtpServer) -> usize {
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

async fn sqlx_count(app: &TestApp, sql: &str) -> (i64,) {
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

async fn caseworker_writes(
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

async fn an_smtp_server_that_is_down_delays_emails_but_loses_and_doubles_none(engine: Engine) {
    let port = SmtpServer::free_port();
    let app = TestApp::spawn_with(engine, move |s| {
        s.smtp.url = Some(format!("smtp://127.0.0.1:{port}").into());
    })
    .await;
    let mut citizens = Vec::new();
    for hint in ["freja", "henrik"] {
        let mut b = app.browser();
        b.login(LoginKind::Citizen, hint).await;
        b.json(
            Method::PUT,
            "/api/v1/me/email",
            &json!({"address": format!("{hint}@example.dk")}),
        )
        .await;
        citizens.push(b);
    }
    // Ten minutes of tries against a closed port.
    for _ in 0..20 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        app.clock.advance(Duration::from_secs(30));
    }
    let (tries,) = sqlx_count(&app, "SELECT CAST(MAX(attempts) AS BIGINT) FROM outbox").await;
    assert!(tries >= 2, "it kept trying: {tries}");
    let smtp = SmtpServer::start_on(port).await;
    app.clock.advance(Duration::from_secs(300));
    let emails = smtp.wait_for(2).await;
    assert_eq!(settle(&smtp).await, 2, "each email exactly once");
    let mut ids: Vec<_> = emails.iter().map(Received::message_id).collect();
    ids.dedup();
    assert_eq!(ids.len(), 2);
    app.stop().await;
}

async fn an_email_claimed_by_an_instance_that_died_is_sent_once_after_its_lease(engine: Engine) {
    let smtp = SmtpServer::start().await;
    let app = spawn_with_smtp(engine, &smtp, "").await;
    // The outbox as an instance killed between claiming and sending leaves it: claimed, with
    // a lease a minute long, not sent.
    let now = app.clock.now();
    sammen::db_conn!(app.db.writer().await.unwrap().conn(), c => sqlx::query(
        "INSERT INTO outbox (id, kind, to_address, code, message_id, due_at, attempts, lease_until, \
         leased_by, created_at) VALUES ($1, 'confirmation_code', 'freja@example.dk', '123456', \
         '<dead-1@sammen.test>', $2, 1, $3, 'dead', $2)")
        .bind(uuid::Uuid::new_v4())
        .bind(now)
        .bind(now.plus_seconds(60))
        .execute(&mut *c).await.map(|_| ())).unwrap();
    assert_eq!(
        settle(&smtp).await,
        0,
        "leased by another instance: not touched"
    );
    app.clock.advance(Duration::from_secs(61));
    let emails = smtp.wait_for(1).await;
    assert_eq!(
        emails[0].message_id(),
        "<dead-1@sammen.test>",
        "the same Message-ID as before"
    );
    assert_eq!(settle(&smtp).await, 1, "once");
    app.stop().await;
}

async fn caseworkers_get_one_morning_email_about_citizens_waiting_past_the_promise(engine: Engine) {
    let smtp = SmtpServer::start().await;
    let app = spawn_with_smtp(engine, &smtp, "").await;
    sammen::db_conn!(app.db.writer().await.unwrap().conn(), c => sqlx::query(
        "UPDATE caseworkers SET email = 'mette@kommune.dk' WHERE employee_login = 'mette.hansen'")
        .execute(&mut *c).await.map(|_| ()))
    .unwrap();
    let mut citizen = app.browser();
    citizen.login(LoginKind::Citizen, "freja").await;
    citizen
        .json(
            Method::POST,
            "/api/v1/me/conversations",
            &json!({
                "subject": "Hjælp", "body": "Jeg venter", "idempotency_key": key(),
            }),
        )
        .await;
    assert_eq!(settle(&smtp).await, 0, "not overdue yet");
    // Ten days on, in half days (so each day is seen after 08:00), the promise has passed.
    for _ in 0..20 {
        app.clock.advance(Duration::from_secs(12 * 3600));
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    let emails = smtp.wait_for(1).await;
    assert_eq!(emails[0].to, ["mette@kommune.dk"]);
    assert_eq!(emails[0].subject(), "Borgere venter på svar");
    assert!(!emails[0].everything().contains("Freja"));
    let sent = settle(&smtp).await;
    assert!(sent <= 8, "at most one a working day: {sent}");
    let days: std::collections::HashSet<_> = smtp
        .received()
        .iter()
        .map(|e| e.header("Date").unwrap()[..16].to_string())
        .collect();
    assert_eq!(days.len(), sent, "never two on one day");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_database_send_each_email_once() {
    let smtp = SmtpServer::start().await;
    let a = spawn_with_smtp(Engine::Postgres, &smtp, "").await;
    let b = a.spawn_beside().await;
    // 20 through the API of both instances…
    for (i, app) in [&a, &b, &a, &b].into_iter().enumerate() {
        let mut browser = app.browser();
        browser
            .login(LoginKind::Citizen, ["freja", "henrik", "sofie", "karim"][i])
            .await;
        for round in 0..5 {
            let address = format!("person{i}.{round}@example.dk");
            let (status, _) = browser
                .json(
                    Method::PUT,
                    "/api/v1/me/email",
                    &json!({ "address": address }),
                )
                .await;
            assert_eq!(status, StatusCode::OK);
        }
    }
    // …and 100 that become due at the same moment, for both workers to race for.
    let now = a.clock.now();
    let mut tx = a.db.begin().await.unwrap();
    for n in 0..100 {
        sammen::db_conn!(tx.conn(), c => sqlx::query(
            "INSERT INTO outbox (id, kind, to_address, code, message_id, due_at, created_at) \
             VALUES ($1, 'confirmation_code', $2, '123456', $3, $4, $4)")
            .bind(uuid::Uuid::new_v4())
            .bind(format!("many{n}@example.dk"))
            .bind(format!("<many-{n}@sammen.test>"))
            .bind(now)
            .execute(&mut *c).await.map(|_| ()))
        .unwrap();
    }
    tx.commit().await.unwrap();
    let emails = smtp.wait_for(120).await;
    assert_eq!(settle(&smtp).await, 120, "none twice");
    let mut ids: Vec<_> = emails.iter().map(Received::message_id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 120, "120 different emails");
    let (unsent,) = sqlx_count(&a, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL").await;
    assert_eq!(unsent, 0);
    let (workers,) = sqlx_count(&a, "SELECT COUNT(DISTINCT leased_by) FROM outbox").await;
    assert!(workers >= 1, "sent by the workers: {workers}");
    b.stop().await;
    a.stop().await;
}

/// Starts a real server process (`tests/src/bin/instance.rs`) on `database`, sending to `smtp`.
fn instance(database: &str, smtp: &str, dir: &std::path::Path) -> std::process::Child {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_instance"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("SAMMEN_DATABASE_URL", database)
        .env("SAMMEN_LISTEN", "127.0.0.1:0")
        .env("SAMMEN_SMTP__URL", smtp)
        .env("SAMMEN_OUTBOX__POLL_MILLIS", "50")
        .env("SAMMEN_OUTBOX__LEASE_SECONDS", "2")
        .env("SAMMEN_FILES_DIR", dir.join("files"))
        .env("SAMMEN_OUTBOX__DIR", dir.join("outbox"))
        .env("SAMMEN_LOG", "warn")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the server process starts");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.starts_with("http://"), "the server serves: {line:?}");
    child
}

async fn a_process_killed_while_sending_leaves_the_email_to_the_next_once(engine: Engine) {
    // The database of a test server whose own worker does not take part (it looks once an
    // hour); the processes under test are separate.
    let port = SmtpServer::free_port();
    let app = TestApp::spawn_with(engine, move |s| {
        s.smtp.url = Some(format!("smtp://127.0.0.1:{port}").into());
        s.outbox.poll_millis = 3_600_000;
    })
    .await;
    let database = {
        use secrecy::ExposeSecret;
        app.settings.database_url.expose_secret().to_string()
    };
    let dir = std::env::temp_dir().join(format!("sammen-kill-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();

    // An SMTP server that accepts the connection and never answers: the first process claims
    // the email and hangs in the middle of sending it.
    let hanging = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hanging_url = format!("smtp://{}", hanging.local_addr().unwrap());
    let (seen_tx, mut seen) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = hanging.accept().await {
            held.push(socket);
            let _ = seen_tx.send(());
        }
    });
    let mut first = instance(&database, &hanging_url, &dir);
    let now = sammen::db::Timestamp::now();
    sammen::db_conn!(app.db.writer().await.unwrap().conn(), c => sqlx::query(
        "INSERT INTO outbox (id, kind, to_address, code, message_id, due_at, created_at) \
         VALUES ($1, 'confirmation_code', 'freja@example.dk', '123456', '<killed-1@sammen.test>', $2, $2)")
        .bind(uuid::Uuid::new_v4())
        .bind(now)
        .execute(&mut *c).await.map(|_| ())).unwrap();
    tokio::time::timeout(Duration::from_secs(20), seen.recv())
        .await
        .expect("the first process starts sending");
    let (claimed,) = sqlx_count(
        &app,
        "SELECT COUNT(*) FROM outbox WHERE lease_until IS NOT NULL AND sent_at IS NULL",
    )
    .await;
    assert_eq!(claimed, 1, "claimed, not sent");
    first.kill().unwrap();
    first.wait().unwrap();

    // Another process, a working SMTP server: once the lease has run out, sent once.
    let smtp = SmtpServer::start().await;
    let mut second = instance(&database, &smtp.url(), &dir);
    let emails = smtp.wait_for(1).await;
    assert_eq!(emails[0].message_id(), "<killed-1@sammen.test>");
    assert_eq!(settle(&smtp).await, 1, "delivered once");
    second.kill().unwrap();
    second.wait().unwrap();
    app.stop().await;
}
