//! For `cargo xtask bench meetings`: the figures of meetings, each beside `/healthz` of the
//! same server and run. The release server runs in this process (sharing its cores with the
//! load) on a fresh SQLite file or PostgreSQL database. Every answer is checked.
//!
//! 1. Free-time look-ups for four weeks by 64 concurrent citizens, their caseworker's calendar
//!    three quarters full: every look-up reads the availability and the taken blocks.
//! 2. Bookings under contention: 64 citizens racing for 10 times; the throughput of answers
//!    (each must be "booked" or "just taken") and that exactly 10 meetings exist afterwards.
//!
//! meetingbench <sqlite|postgres>

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use sammen::Application;
use sammen::auth::session::{self, NewSession, Role};
use sammen::config::Settings;
use sammen::db::{Db, Timestamp};
use sammen::db_conn;
use secrecy::SecretString;
use serde_json::{Value, json};
use tests::bench::{database, load};
use uuid::Uuid;

const CONCURRENCY: usize = 64;
const CITIZENS: u32 = 300;
const RACED_TIMES: usize = 10;

struct Api {
    client: reqwest::Client,
    base: String,
}

impl Api {
    async fn session(&self, token: &str) -> anyhow::Result<(String, String)> {
        let cookie = format!("sammen_session={token}");
        let v: Value = self
            .client
            .get(format!("{}/api/v1/session", self.base))
            .header("cookie", &cookie)
            .send()
            .await?
            .json()
            .await?;
        Ok((
            cookie,
            v["csrf_token"].as_str().unwrap_or_default().to_string(),
        ))
    }

    async fn send(
        &self,
        who: &(String, String),
        method: reqwest::Method,
        path: &str,
        body: &Value,
    ) -> Option<(u16, Value)> {
        let r = self
            .client
            .request(method, format!("{}/api/v1{path}", self.base))
            .header("cookie", &who.0)
            .header("x-csrf-token", &who.1)
            .json(body)
            .send()
            .await
            .ok()?;
        let status = r.status().as_u16();
        Some((status, r.json().await.unwrap_or(Value::Null)))
    }
}

fn times(free: &Value) -> Vec<i64> {
    free["days"]
        .as_array()
        .map(|days| {
            days.iter()
                .flat_map(|d| d["times"].as_array().cloned().unwrap_or_default())
                .filter_map(|t| t["starts_at"].as_i64())
                .collect()
        })
        .unwrap_or_default()
}

fn book(at: i64) -> Value {
    json!({"starts_at": at, "length_minutes": 30, "format": "phone",
           "idempotency_key": Uuid::new_v4().to_string()})
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let engine = std::env::args().nth(1).unwrap_or_else(|| "sqlite".into());
    let url = database(&engine, "meetingbench").await?;
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
    db.close().await;

    let settings = Settings {
        listen: "127.0.0.1:0".parse()?,
        database_url: SecretString::from(url.clone()),
        database_max_connections: 16,
        web_dist: std::env::temp_dir().join("sammen-bench-no-web-client"),
        files_dir: std::env::temp_dir().join("sammen-bench-files"),
        ..Settings::default()
    };
    let app = Application::build(settings).await?;
    let db = app.db().clone();
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped(std::future::pending()));
    let api = Arc::new(Api {
        client: reqwest::Client::builder()
            .pool_max_idle_per_host(CONCURRENCY * 2)
            .build()?,
        base: base.clone(),
    });
    let mut citizens = Vec::new();
    for token in &tokens {
        citizens.push(api.session(token).await?);
    }
    let citizens = Arc::new(citizens);

    // The caseworker's week: Monday to Friday 08:00–16:00, 30 minutes, no buffer.
    let cw = api.session(&caseworker_token).await?;
    let hours: Vec<Value> = (1..=5)
        .map(|d| json!({"weekday": d, "starts": "08:00", "ends": "16:00"}))
        .collect();
    let saved = api
        .send(
            &cw,
            reqwest::Method::PUT,
            "/caseworker/availability",
            &json!({
                "hours": hours, "exceptions": [], "formats": ["phone"], "lengths": [30],
                "buffer_minutes": 0, "address": "", "video_link": "",
            }),
        )
        .await;
    anyhow::ensure!(saved.map(|s| s.0) == Some(200), "the availability is saved");

    // Three of every four times booked, by the citizens in turn.
    let (_, free) = api
        .send(
            &citizens[0],
            reqwest::Method::GET,
            "/me/meetings/free-times",
            &Value::Null,
        )
        .await
        .ok_or_else(|| anyhow::anyhow!("free times"))?;
    let all = times(&free);
    let mut booked = 0;
    for (i, at) in all.iter().enumerate() {
        if i % 4 == 3 {
            continue;
        }
        let who = &citizens[i % citizens.len()];
        let answer = api
            .send(who, reqwest::Method::POST, "/me/meetings", &book(*at))
            .await;
        anyhow::ensure!(answer.as_ref().map(|a| a.0) == Some(201), "{answer:?}");
        booked += 1;
    }
    let left = all.len() - booked;

    let health = {
        let (client, url) = (api.client.clone(), format!("{base}/healthz"));
        load(CONCURRENCY, move |_| {
            let (client, url) = (client.clone(), url.clone());
            async move { matches!(client.get(&url).send().await, Ok(r) if r.status() == 200) }
        })
        .await
    };

    let lookups = {
        let (api, citizens) = (api.clone(), citizens.clone());
        load(CONCURRENCY, move |w| {
            let (api, citizens) = (api.clone(), citizens.clone());
            async move {
                let who = &citizens[w % citizens.len()];
                match api
                    .send(
                        who,
                        reqwest::Method::GET,
                        "/me/meetings/free-times",
                        &Value::Null,
                    )
                    .await
                {
                    Some((200, v)) => times(&v).len() == left,
                    _ => false,
                }
            }
        })
        .await
    };

    // The race: 64 citizens, each trying the 10 times in its own order until all are taken.
    let (_, free) = api
        .send(
            &citizens[0],
            reqwest::Method::GET,
            "/me/meetings/free-times",
            &Value::Null,
        )
        .await
        .ok_or_else(|| anyhow::anyhow!("free times"))?;
    let raced: Arc<Vec<i64>> = Arc::new(times(&free).into_iter().take(RACED_TIMES).collect());
    let answers = Arc::new(AtomicU64::new(0));
    let wrong = Arc::new(AtomicU64::new(0));
    let won = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let mut racers = Vec::new();
    for w in 0..CONCURRENCY {
        let (api, citizens, raced) = (api.clone(), citizens.clone(), raced.clone());
        let (answers, wrong, won) = (answers.clone(), wrong.clone(), won.clone());
        racers.push(tokio::spawn(async move {
            for k in 0..raced.len() {
                let at = raced[(w + k) % raced.len()];
                let who = &citizens[(w + 100) % citizens.len()];
                let answer = api
                    .send(who, reqwest::Method::POST, "/me/meetings", &book(at))
                    .await;
                answers.fetch_add(1, Ordering::Relaxed);
                match answer {
                    Some((201, _)) => {
                        won.fetch_add(1, Ordering::Relaxed);
                    }
                    Some((409, v)) if v["error"]["current"]["kind"] == "slot_taken" => {}
                    _ => {
                        wrong.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
        }));
    }
    for r in racers {
        r.await?;
    }
    let took = started.elapsed().as_secs_f64();
    let placeholders: Vec<String> = (0..raced.len()).map(|i| format!("${}", i + 1)).collect();
    let sql = format!(
        "SELECT COUNT(*) FROM meetings WHERE status <> 'cancelled' AND starts_at IN ({})",
        placeholders.join(", ")
    );
    let exist: (i64,) = db_conn!(db.reader().await?.conn(), c => {
        let mut q = sqlx::query_as(&sql);
        for at in raced.iter() {
            q = q.bind(*at);
        }
        q.fetch_one(&mut *c).await
    })?;

    let pct = |rps: f64| rps / health.rps * 100.0;
    println!(
        "{engine}: /healthz: {:.0} req/s, p50 {:.2} ms, p99 {:.2} ms",
        health.rps, health.p50, health.p99
    );
    println!(
        "{engine}: free times for four weeks ({} of {} times booked, {left} free; 64 citizens, cold): {:.0} req/s ({:.0} % of /healthz), p50 {:.2} ms, p99 {:.2} ms, wrong or failed: {}",
        booked,
        all.len(),
        lookups.rps,
        pct(lookups.rps),
        lookups.p50,
        lookups.p99,
        lookups.errors
    );
    let answered = answers.load(Ordering::Relaxed);
    println!(
        "{engine}: {CONCURRENCY} citizens racing for {RACED_TIMES} times: {answered} answers in {took:.2} s ({:.0} bookings tried/s), {} booked, {} meetings exist at those times (must be {RACED_TIMES}: {}), wrong or failed: {}",
        answered as f64 / took,
        won.load(Ordering::Relaxed),
        exist.0,
        if exist.0 == RACED_TIMES as i64 && won.load(Ordering::Relaxed) == RACED_TIMES as u64 {
            "met"
        } else {
            "NOT MET"
        },
        wrong.load(Ordering::Relaxed)
    );
    Ok(())
}
