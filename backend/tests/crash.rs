//! Crash safety: the server is killed with SIGKILL while 16 clients write (steps, comments,
//! competences), started again on the same database, and every write that was answered with
//! 2xx is there. On SQLite (WAL) and on PostgreSQL.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const SAMMEN: &str = env!("CARGO_BIN_EXE_sammen");
const CITIZENS: [&str; 4] = ["freja", "henrik", "sofie", "karim"];

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sammen-crash-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn sammen(dir: &Path, database_url: &str) -> Command {
    let mut cmd = Command::new(SAMMEN);
    cmd.current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("SAMMEN_DATABASE_URL", database_url)
        .env("SAMMEN_FILES_DIR", dir.join("files"))
        .env("SAMMEN_DEV_IDP__ENABLED", "true")
        .env("SAMMEN_LOGIN__STARTS_PER_MINUTE", "100000")
        .env("SAMMEN_LOG_FORMAT", "json");
    cmd
}

/// Starts `sammen serve` on a free port and returns it with its base URL, once it serves.
fn serve(dir: &Path, database_url: &str) -> (Child, String) {
    let mut server = sammen(dir, database_url)
        .env("SAMMEN_LISTEN", "127.0.0.1:0")
        .arg("serve")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = server.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(url) = serde_json::from_str::<Value>(&line)
                .ok()
                .and_then(|v| v["url"].as_str().map(str::to_string))
            {
                let _ = tx.send(url);
            }
        }
    });
    let base = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the server starts");
    (server, base)
}

struct Client {
    http: reqwest::Client,
    base: String,
    csrf: String,
}

async fn login(base: &str, hint: &str) -> Client {
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let landing = http
        .get(format!("{base}auth/mitid/login?login_hint={hint}"))
        .send()
        .await
        .unwrap();
    assert!(
        landing.url().path().ends_with("/mit-overblik"),
        "{hint} logs in"
    );
    let session: Value = http
        .get(format!("{base}api/v1/session"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    Client {
        http,
        base: base.to_string(),
        csrf: session["csrf_token"].as_str().unwrap().to_string(),
    }
}

impl Client {
    /// A write; `Some(answer)` only when the server said 2xx.
    async fn write(&self, method: reqwest::Method, path: &str, body: &Value) -> Option<Value> {
        let response = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header("x-csrf-token", &self.csrf)
            .json(body)
            .send()
            .await
            .ok()?;
        if !response.status().is_success() {
            return None;
        }
        response.json().await.ok()
    }

    async fn get(&self, path: &str) -> Value {
        self.http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }
}

/// What was acknowledged, per citizen: step titles, comment bodies, competence languages.
type Acknowledged = Arc<Mutex<Vec<(usize, &'static str, String)>>>;

async fn writer(client: Client, who: usize, n: usize, acked: Acknowledged, until: Instant) {
    use reqwest::Method;
    let mut my_step: Option<String> = None;
    let mut i = 0;
    while Instant::now() < until {
        let mark = format!("c{n}-w{i}");
        match i % 3 {
            0 => {
                let step = json!({ "wording": { "title": mark, "description": "", "step_type": "job_search",
                    "starts_on": null, "ends_on": null, "responsible": "citizen" } });
                let Some(saved) = client
                    .write(Method::POST, "api/v1/me/plan/steps", &step)
                    .await
                else {
                    break;
                };
                my_step = saved["id"].as_str().map(str::to_string);
                acked.lock().unwrap().push((who, "step", mark));
            }
            1 => {
                let Some(step) = &my_step else { break };
                let path = format!("api/v1/me/plan/steps/{step}/comments");
                if client
                    .write(Method::POST, &path, &json!({ "body": mark }))
                    .await
                    .is_none()
                {
                    break;
                }
                acked.lock().unwrap().push((who, "comment", mark));
            }
            _ => {
                let competence = json!({ "kind": "language", "language": mark, "level": "good" });
                if client
                    .write(Method::POST, "api/v1/me/competences", &competence)
                    .await
                    .is_none()
                {
                    break;
                }
                acked.lock().unwrap().push((who, "competence", mark));
            }
        }
        i += 1;
    }
}

async fn acknowledged_writes_survive_a_kill(database_url: String, dir: PathBuf) {
    assert!(
        sammen(&dir, &database_url)
            .arg("seed-demo")
            .status()
            .unwrap()
            .success()
    );
    let (mut server, base) = serve(&dir, &database_url);
    let mut clients = Vec::new();
    for n in 0..16 {
        clients.push((
            n % CITIZENS.len(),
            n,
            login(&base, CITIZENS[n % CITIZENS.len()]).await,
        ));
    }
    let acked: Acknowledged = Arc::default();
    let until = Instant::now() + Duration::from_secs(30);
    let tasks: Vec<_> = clients
        .into_iter()
        .map(|(who, n, client)| tokio::spawn(writer(client, who, n, acked.clone(), until)))
        .collect();
    // Let the writes run, then kill the server in the middle of them.
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    server.kill().unwrap(); // SIGKILL: no shutdown, no flush
    server.wait().unwrap();
    for task in tasks {
        task.await.unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(
        acked.len() >= 32,
        "the clients wrote before the kill ({})",
        acked.len()
    );

    let (mut again, base) = serve(&dir, &database_url);
    for (who, hint) in CITIZENS.iter().enumerate() {
        let client = login(&base, hint).await;
        let plan = client.get("api/v1/me/plan").await;
        let profile = client.get("api/v1/me/profile").await;
        let mut found = BTreeSet::new();
        for step in plan["steps"].as_array().unwrap() {
            found.insert((
                "step",
                step["wording"]["title"].as_str().unwrap().to_string(),
            ));
            for comment in step["comments"].as_array().unwrap() {
                found.insert(("comment", comment["body"].as_str().unwrap().to_string()));
            }
        }
        for competence in profile["competences"].as_array().unwrap() {
            if let Some(language) = competence["data"]["language"].as_str() {
                found.insert(("competence", language.to_string()));
            }
        }
        for (_, kind, mark) in acked.iter().filter(|(w, _, _)| *w == who) {
            assert!(
                found.contains(&(*kind, mark.clone())),
                "{hint}: the acknowledged {kind} {mark} is lost after the kill"
            );
        }
    }
    let _ = again.kill();
    let _ = again.wait();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_keeps_every_acknowledged_write_through_a_kill() {
    let dir = temp_dir();
    let url = format!("sqlite://{}", dir.join("sammen.db").display());
    acknowledged_writes_survive_a_kill(url, dir.clone()).await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_keeps_every_acknowledged_write_through_a_kill() {
    use sqlx::Connection;
    let admin = std::env::var("SAMMEN_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let name = format!("sammen_crash_{}", uuid::Uuid::new_v4().simple());
    let mut conn = sqlx::PgConnection::connect(&admin)
        .await
        .expect("PostgreSQL must be running for the tests");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .unwrap();
    let mut url = url::Url::parse(&admin).unwrap();
    url.set_path(&name);
    let dir = temp_dir();
    acknowledged_writes_survive_a_kill(url.to_string(), dir.clone()).await;
    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&mut conn)
        .await;
    let _ = std::fs::remove_dir_all(dir);
}
