//! For `cargo xtask bench messages`: the figures of messages and email, each beside `/healthz`
//! of the same server and run. The release server runs in this process (sharing its cores
//! with the load), on a fresh SQLite file or PostgreSQL database, sending to a real SMTP
//! server on a local port. Every answer is checked; anything else counts as an error.
//!
//! 1. Messages sent per second by 64 concurrent citizens (each a new conversation).
//! 2. A caseworker's inbox with 300 citizens and 30,000 messages (1,500 conversations), its
//!    first page of 50: p50 and p99; nothing is remembered, every request reads the database.
//! 3. Live fan-out: 1,000 connected event streams, the time from a send to the event at each.
//! 4. Notification emails delivered per second to the SMTP server (target ≥ 500/s).
//!
//! messagebench <sqlite|postgres>

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use sammen::Application;
use sammen::auth::session::{self, NewSession, Role};
use sammen::config::Settings;
use sammen::db::{Db, Timestamp};
use sammen::db_conn;
use secrecy::SecretString;
use serde_json::{Value, json};
use tests::bench::{database, load, percentile};
use tests::smtp::SmtpServer;
use uuid::Uuid;

const CONCURRENCY: usize = 64;
const CITIZENS: u32 = 300;
const CONVERSATIONS_EACH: u32 = 5;
const MESSAGES_EACH: u32 = 20;
const STREAMS: usize = 1000;
const ROUNDS: usize = 20;
const EMAILS: usize = 2000;

/// 30,000 messages in 1,500 conversations of the 300 citizens, half of them waiting.
async fn seed_inbox(db: &Db, caseworker: Uuid) -> anyhow::Result<()> {
    let citizens: Vec<(Uuid,)> = db_conn!(db.reader().await?.conn(), c => sqlx::query_as(
        "SELECT id FROM citizens").fetch_all(&mut *c).await)?;
    let now = Timestamp::now().millis();
    let mut tx = db.begin().await?;
    for (n, (citizen,)) in citizens.iter().enumerate() {
        for k in 0..CONVERSATIONS_EACH {
            let conversation = Uuid::now_v7();
            let waiting = (n as u32 + k).is_multiple_of(2);
            db_conn!(tx.conn(), c => sqlx::query(
                "INSERT INTO conversations (id, citizen_id, caseworker_id, subject, topic, started_by, \
                 waiting_since, answer_by, last_message_at, created_at) VALUES ($1, $2, $3, $4, 'plan', 'citizen', $5, $6, $7, $7)")
                .bind(conversation).bind(citizen).bind(caseworker).bind(format!("Samtale {k}"))
                .bind(waiting.then_some(now - (n as i64) * 60_000)).bind(waiting.then_some("2026-12-04"))
                .bind(now - (n as i64) * 1000)
                .execute(&mut *c).await.map(|_| ()))?;
            for m in 0..MESSAGES_EACH {
                let from_citizen = m.is_multiple_of(2);
                db_conn!(tx.conn(), c => sqlx::query(
                    "INSERT INTO messages (id, conversation_id, citizen_id, author, author_id, caseworker_id, body, \
                     sent_at, read_at, idempotency_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
                    .bind(Uuid::now_v7()).bind(conversation).bind(citizen)
                    .bind(if from_citizen { "citizen" } else { "caseworker" })
                    .bind(if from_citizen { *citizen } else { caseworker })
                    .bind((!from_citizen).then_some(caseworker))
                    .bind("En besked på et par linjer om planen og det næste møde.")
                    .bind(now - i64::from(MESSAGES_EACH - m) * 1000)
                    .bind((m + 1 < MESSAGES_EACH).then_some(now))
                    .bind(Uuid::new_v4().to_string())
                    .execute(&mut *c).await.map(|_| ()))?;
            }
        }
    }
    tx.commit().await?;
    if db.engine() == sammen::db::Engine::Postgres {
        db_conn!(db.writer().await?.conn(), c => sqlx::query("ANALYZE").execute(&mut *c).await.map(|_| ()))?;
    }
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let engine = std::env::args().nth(1).unwrap_or_else(|| "sqlite".into());
    let url = database(&engine, "messagebench").await?;
    let smtp = SmtpServer::start().await;

    // 300 citizens with sessions, their caseworker with one.
    let db = Db::connect(&SecretString::from(url.clone()), 4).await?;
    db.migrate().await?;
    let tokens: Vec<String> = sammen::bench_seed::seed(&db, CITIZENS, CITIZENS)
        .await?
        .into_iter()
        .map(|l| l.split('\t').next().unwrap_or_default().to_string())
        .collect();
    let (caseworker,): (Uuid,) = db_conn!(db.reader().await?.conn(), c => sqlx::query_as(
        "SELECT id FROM caseworkers WHERE employee_login = 'bench.caseworker'").fetch_one(&mut *c).await)?;
    let caseworker_token = session::create(
        &db,
        Timestamp::now(),
        NewSession {
            role: Role::Caseworker,
            user_id: caseworker,
            provider: "medarbejder",
            id_token: "bench",
            loa: None,
            absolute_timeout_seconds: 8 * 60 * 60,
        },
    )
    .await?;
    seed_inbox(&db, caseworker).await?;
    db.close().await;

    let mut settings = Settings {
        listen: "127.0.0.1:0".parse()?,
        database_url: SecretString::from(url.clone()),
        database_max_connections: 16,
        web_dist: std::env::temp_dir().join("sammen-bench-no-web-client"),
        files_dir: std::env::temp_dir().join("sammen-bench-files"),
        ..Settings::default()
    };
    settings.smtp.url = Some(smtp.url().into());
    settings.smtp.pool_size = 8;
    settings.outbox.poll_millis = 20;
    let app = Application::build(settings).await?;
    let db = app.db().clone();
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped(std::future::pending()));
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(STREAMS + CONCURRENCY)
        .build()?;

    // /healthz.
    let health = {
        let (client, url) = (client.clone(), format!("{base}/healthz"));
        load(CONCURRENCY, move |_| {
            let (client, url) = (client.clone(), url.clone());
            async move { matches!(client.get(&url).send().await, Ok(r) if r.status() == 200) }
        })
        .await
    };

    // The inbox.
    let cookie = |token: &str| format!("sammen_session={token}");
    let inbox = {
        let (client, url) = (client.clone(), format!("{base}/api/v1/inbox?filter=all"));
        let cookie = cookie(&caseworker_token);
        let expected = (CITIZENS * CONVERSATIONS_EACH) as usize;
        load(8, move |_| {
            let (client, url, cookie) = (client.clone(), url.clone(), cookie.clone());
            async move {
                let Ok(r) = client.get(&url).header("cookie", &cookie).send().await else {
                    return false;
                };
                let Ok(v) = r.json::<Value>().await else {
                    return false;
                };
                v["total"].as_u64() == Some(expected as u64)
                    && v["conversations"].as_array().map(Vec::len) == Some(50)
            }
        })
        .await
    };

    // Each citizen's CSRF token.
    let mut csrf = Vec::new();
    for token in &tokens {
        let v: Value = client
            .get(format!("{base}/api/v1/session"))
            .header("cookie", cookie(token))
            .send()
            .await?
            .json()
            .await?;
        csrf.push(v["csrf_token"].as_str().unwrap_or_default().to_string());
    }
    let citizens: Arc<Vec<(String, String)>> =
        Arc::new(tokens.iter().map(|t| cookie(t)).zip(csrf).collect());

    // Live fan-out: 1,000 streams of the caseworker, then sends by a citizen.
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(usize, Instant)>();
    let ready = Arc::new(AtomicU64::new(0));
    for s in 0..STREAMS {
        let (client, url, cookie, tx, ready) = (
            client.clone(),
            format!("{base}/api/v1/events"),
            cookie(&caseworker_token),
            tx.clone(),
            ready.clone(),
        );
        tokio::spawn(async move {
            let Ok(mut r) = client.get(&url).header("cookie", cookie).send().await else {
                return;
            };
            let mut seen = String::new();
            let mut counted = false;
            while let Ok(Some(chunk)) = r.chunk().await {
                seen.push_str(&String::from_utf8_lossy(&chunk));
                if !counted && seen.contains("event: ready") {
                    counted = true;
                    ready.fetch_add(1, Ordering::Relaxed);
                }
                while let Some(at) = seen.find("event: messages") {
                    let _ = tx.send((s, Instant::now()));
                    seen.drain(..at + "event: messages".len());
                }
            }
        });
    }
    let connected = Instant::now();
    while ready.load(Ordering::Relaxed) < STREAMS as u64
        && connected.elapsed() < Duration::from_secs(30)
    {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let streams = ready.load(Ordering::Relaxed) as usize;
    let mut latencies = Vec::new();
    let mut missed = 0usize;
    for round in 0..ROUNDS {
        let (cookie, csrf) = &citizens[round % citizens.len()];
        let sent = Instant::now();
        let answer = client.post(format!("{base}/api/v1/me/conversations"))
            .header("cookie", cookie).header("x-csrf-token", csrf)
            .json(&json!({"subject": "Live", "body": "Hej", "idempotency_key": Uuid::new_v4().to_string()}))
            .send().await?;
        anyhow::ensure!(
            answer.status() == 201,
            "a send for the fan-out failed: {}",
            answer.status()
        );
        let mut heard = std::collections::HashSet::new();
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        while heard.len() < streams {
            match tokio::time::timeout_at(deadline, rx.recv()).await {
                Ok(Some((s, at))) => {
                    if heard.insert(s) {
                        latencies.push(at.duration_since(sent).as_secs_f64() * 1000.0);
                    }
                }
                _ => break,
            }
        }
        missed += streams - heard.len();
        tokio::time::sleep(Duration::from_millis(100)).await;
        while rx.try_recv().is_ok() {}
    }
    latencies.sort_by(|a, b| a.total_cmp(b));

    // Messages sent per second.
    let sent = {
        let (client, url, citizens) = (
            client.clone(),
            format!("{base}/api/v1/me/conversations"),
            citizens.clone(),
        );
        load(CONCURRENCY, move |w| {
            let (client, url) = (client.clone(), url.clone());
            let (cookie, csrf) = citizens[w % citizens.len()].clone();
            async move {
                let Ok(r) = client.post(&url).header("cookie", cookie).header("x-csrf-token", csrf)
                    .json(&json!({"subject": "Spørgsmål", "body": "Hvornår er mit næste møde?", "idempotency_key": Uuid::new_v4().to_string()}))
                    .send().await else { return false };
                if r.status() != 201 { return false }
                let Ok(v) = r.json::<Value>().await else { return false };
                v["conversation_id"].as_str().and_then(|id| Uuid::parse_str(id).ok()).is_some()
            }
        })
        .await
    };

    // Emails: 2,000 due at once, to the SMTP server.
    let before = smtp.received().len();
    let now = Timestamp::now();
    let mut tx = db.begin().await?;
    for n in 0..EMAILS {
        db_conn!(tx.conn(), c => sqlx::query(
            "INSERT INTO outbox (id, kind, to_address, code, message_id, due_at, created_at) \
             VALUES ($1, 'confirmation_code', $2, '123456', $3, $4, $4)")
            .bind(Uuid::now_v7()).bind(format!("borger{n}@example.dk")).bind(format!("<bench-{n}@sammen.test>")).bind(now)
            .execute(&mut *c).await.map(|_| ()))?;
    }
    tx.commit().await?;
    let started = Instant::now();
    while smtp.received().len() < before + EMAILS && started.elapsed() < Duration::from_secs(120) {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let took = started.elapsed().as_secs_f64();
    let received = smtp.received();
    let mut ids: Vec<String> = received[before..].iter().map(|e| e.message_id()).collect();
    ids.sort();
    ids.dedup();
    let emails_per_second = ids.len() as f64 / took;

    let pct = |x: f64| 100.0 * x / health.rps;
    let verdict = |met: bool| if met { "met" } else { "NOT MET" };
    println!(
        "{engine}: /healthz {:.0} req/s (p99 {:.2} ms)",
        health.rps, health.p99
    );
    println!(
        "{engine}: messages sent by {CONCURRENCY} citizens: {:.0}/s ({:.0} % of /healthz), p50 {:.2} ms, p99 {:.2} ms, wrong or failed: {}",
        sent.rps,
        pct(sent.rps),
        sent.p50,
        sent.p99,
        sent.errors
    );
    println!(
        "{engine}: inbox of {CITIZENS} citizens, {} conversations, {} messages (cold, 8 at once): {:.0} req/s ({:.0} % of /healthz), p50 {:.2} ms, p99 {:.2} ms, wrong or failed: {}",
        CITIZENS * CONVERSATIONS_EACH,
        CITIZENS * CONVERSATIONS_EACH * MESSAGES_EACH,
        inbox.rps,
        pct(inbox.rps),
        inbox.p50,
        inbox.p99,
        inbox.errors
    );
    println!(
        "{engine}: live fan-out to {streams} connected streams ({ROUNDS} sends): p50 {:.1} ms, p99 {:.1} ms, missed events: {missed}",
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99)
    );
    println!(
        "{engine}: notification emails: {} of {EMAILS} delivered once each in {took:.2} s: {emails_per_second:.0}/s (target ≥ 500/s: {})",
        ids.len(),
        verdict(emails_per_second >= 500.0 && ids.len() == EMAILS)
    );
    Ok(())
}
