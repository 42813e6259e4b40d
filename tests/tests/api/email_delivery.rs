//! Delivery when things go wrong: an SMTP server that is down, an instance that died or was
//! killed while sending, two instances on one database; and the caseworkers' morning email.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::json;
use shared::auth::LoginKind;
use tests::smtp::{Received, SmtpServer};
use tests::{Engine, TestApp, on_both_engines};

use crate::emails::{key, settle, spawn_with_smtp, sqlx_count};

on_both_engines!(
    an_smtp_server_that_is_down_delays_emails_but_loses_and_doubles_none,
    an_email_claimed_by_an_instance_that_died_is_sent_once_after_its_lease,
    caseworkers_get_one_morning_email_about_citizens_waiting_past_the_promise,
    a_process_killed_while_sending_leaves_the_email_to_the_next_once,
);

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
