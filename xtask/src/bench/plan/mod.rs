//! Plan reads under load: warm, cold, mixed with writes, and at a fixed arrival rate, next to
//! `/healthz` of the same server and run, on SQLite and PostgreSQL with 1,000 and 100,000
//! citizens (`SAMMEN_BENCH_POSTGRES_URL`, default postgres://postgres@127.0.0.1:5432, needs
//! `psql`). The load generator is `tests/src/bin/loadgen.rs`; what is printed, `report`.

use std::path::Path;
use std::process::Command;

use anyhow::Context;

mod postgres;
mod report;

use postgres::Routes;

use super::number;
use crate::test::{free_port, wait_until_ready};
use crate::util::{fresh_postgres_database, root, run as sh};

const CONCURRENCY: &str = "64";
const SECONDS: &str = "10";

struct Load {
    rps: f64,
    p50: f64,
    p99: f64,
    errors: u64,
    /// Of the errors, the requests the server refused as full (503, shed by design).
    refused: u64,
    /// Of the errors, the requests that got no answer (the connection failed).
    failed: u64,
}

fn loadgen(url: &str, tokens: &str, mode: &str) -> anyhow::Result<String> {
    let output = Command::new(root().join("target/release/loadgen"))
        .args([url, tokens, "sammen_session", CONCURRENCY, SECONDS, mode])
        .output()
        .context("cannot run the load generator")?;
    if !output.status.success() {
        anyhow::bail!(
            "load generator failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).to_string())
}

fn load(url: &str, tokens: &str, mode: &str) -> anyhow::Result<Load> {
    let json = loadgen(url, tokens, mode)?;
    Ok(Load {
        rps: number(&json, "rps"),
        p50: number(&json, "p50_ms"),
        p99: number(&json, "p99_ms"),
        errors: number(&json, "errors") as u64,
        refused: number(&json, "refused") as u64,
        failed: number(&json, "failed") as u64,
    })
}

/// Runs a release server on `url` for `measure`, then stops it. `cold` switches the instance's
/// memories off (`memory.* = 0`), so every request reaches the database: a session query and
/// the plan's queries.
fn with_server<T>(
    url: &str,
    cold: bool,
    measure: impl FnOnce(&str) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let port = free_port()?;
    let memory = if cold { "0" } else { "20000" };
    let mut server = Command::new(root().join("target/release/sammen"))
        .arg("serve")
        .env("SAMMEN_DATABASE_URL", url)
        .env("SAMMEN_LISTEN", format!("127.0.0.1:{port}"))
        .env("SAMMEN_LOG", "warn")
        .env("SAMMEN_DATABASE_MAX_CONNECTIONS", "16")
        .env("SAMMEN_MEMORY__SESSIONS", if cold { "0" } else { "50000" })
        .env("SAMMEN_MEMORY__PLANS", memory)
        .stdout(std::process::Stdio::null())
        .spawn()?;
    let measured =
        wait_until_ready(port).and_then(|()| measure(&format!("http://127.0.0.1:{port}")));
    let _ = server.kill();
    let _ = server.wait();
    measured
}

/// `/healthz` and then `/api/v1/me/plan` of one server in the same run.
fn measure_plan(url: &str, tokens: &Path, cold: bool) -> anyhow::Result<(Load, Load)> {
    with_server(url, cold, |base| {
        let health = load(&format!("{base}/healthz"), "-", "warm")?;
        let mode = if cold { "cold" } else { "warm" };
        let plan = load(
            &format!("{base}/api/v1/me/plan"),
            &tokens.display().to_string(),
            mode,
        )?;
        Ok((health, plan))
    })
}

/// 64 citizens, each tenth request a write to their plan, on a server remembering as in
/// production: what the writes cost, and what they cost the reads (a write makes the next
/// read of that plan reach the database).
fn measure_mixed(url: &str, tokens: &Path) -> anyhow::Result<(Load, Mixed)> {
    with_server(url, false, |base| {
        let health = load(&format!("{base}/healthz"), "-", "warm")?;
        let json = loadgen(
            &format!("{base}/api/v1/me/plan"),
            &tokens.display().to_string(),
            "mixed",
        )?;
        let kind = |prefix: &str| Load {
            rps: number(&json, &format!("{prefix}rps")),
            p50: number(&json, &format!("{prefix}p50_ms")),
            p99: number(&json, &format!("{prefix}p99_ms")),
            errors: number(&json, &format!("{prefix}errors")) as u64,
            refused: number(&json, &format!("{prefix}refused")) as u64,
            failed: number(&json, &format!("{prefix}failed")) as u64,
        };
        Ok((
            health,
            Mixed {
                reads: kind("read_"),
                writes: kind("write_"),
            },
        ))
    })
}

/// Cold reads arriving at a fixed rate: 50 % and 90 % of the closed loop's maximum.
fn measure_open(url: &str, tokens: &Path, max_rps: f64) -> anyhow::Result<Vec<(f64, Load)>> {
    with_server(url, true, |base| {
        [0.5, 0.9]
            .into_iter()
            .map(|share| {
                let rate = (max_rps * share).max(1.0);
                let l = load(
                    &format!("{base}/api/v1/me/plan"),
                    &tokens.display().to_string(),
                    &format!("open:{rate:.0}"),
                )?;
                Ok((share, l))
            })
            .collect()
    })
}

struct Mixed {
    reads: Load,
    writes: Load,
}

/// Cold reads at fixed rates: (engine, the closed loop's maximum, [(share of it, load)]).
type OpenLoop = (&'static str, f64, Vec<(f64, Load)>);

/// Every figure of one run of the plan benchmark.
#[derive(Default)]
struct Figures {
    /// (engine, citizens, cold, /healthz, plan)
    rows: Vec<(&'static str, u32, bool, Load, Load)>,
    /// (engine, /healthz, first reads)
    first: Vec<(&'static str, Load, Load)>,
    mixed: Vec<(&'static str, Load, Mixed)>,
    open: Vec<OpenLoop>,
    routes: Option<String>,
}

/// The first read of each plan since its last change (seeding is a change to every plan): 10,000
/// citizens each once, every plan built from the tables and kept ready.
fn measure_first(url: &str, tokens: &Path) -> anyhow::Result<(Load, Load)> {
    with_server(url, true, |base| {
        let health = load(&format!("{base}/healthz"), "-", "warm")?;
        let plan = load(
            &format!("{base}/api/v1/me/plan"),
            &tokens.display().to_string(),
            "once",
        )?;
        Ok((health, plan))
    })
}

pub(super) fn plan_throughput() -> anyhow::Result<()> {
    let pg_admin = std::env::var("SAMMEN_BENCH_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
    let mut figures = Figures::default();
    for engine in ["sqlite", "postgres"] {
        for citizens in [1_000u32, 100_000] {
            let dir = root()
                .join("target/bench")
                .join(format!("{engine}-{citizens}"));
            if dir.exists() {
                std::fs::remove_dir_all(&dir)?;
            }
            std::fs::create_dir_all(&dir)?;
            let (url, over_tcp) = if engine == "sqlite" {
                (
                    format!("sqlite://{}", dir.join("sammen.db").display()),
                    None,
                )
            } else {
                let routes = Routes::of(fresh_postgres_database(
                    &format!("{pg_admin}/postgres"),
                    &format!("sammen_bench_{citizens}"),
                )?);
                figures.routes = Some(routes.describe());
                (
                    routes.first().to_string(),
                    routes.over_tcp().map(str::to_string),
                )
            };
            // Warm: the 64 citizens of the first lines. Cold: each request the next of up to
            // 10,000 citizens with a session, with nothing remembered by the instance.
            let sessions = citizens.min(10_000);
            let tokens = dir.join("tokens.txt");
            let seeded = std::time::Instant::now();
            sh(Command::new(root().join("target/release/sammen"))
                .args([
                    "bench-seed",
                    &citizens.to_string(),
                    "--sessions",
                    &sessions.to_string(),
                    "--out",
                ])
                .arg(&tokens)
                .env("SAMMEN_DATABASE_URL", &url)
                .env("SAMMEN_LOG", "warn"))?;
            eprintln!(
                "seeded {citizens} citizens ({sessions} sessions) on {engine} in {:.1} s",
                seeded.elapsed().as_secs_f64()
            );
            if citizens == 100_000 {
                let (health, first) = measure_first(&url, &tokens)?;
                figures.first.push((engine, health, first));
            }
            for cold in [false, true] {
                let (health, plan) = measure_plan(&url, &tokens, cold)?;
                if cold && citizens == 100_000 {
                    let runs = measure_open(&url, &tokens, plan.rps)?;
                    figures.open.push((engine, plan.rps, runs));
                }
                figures.rows.push((engine, citizens, cold, health, plan));
            }
            if let Some(tcp) = &over_tcp {
                let (health, plan) = measure_plan(tcp, &tokens, true)?;
                figures.rows.push(("pg-tcp", citizens, true, health, plan));
            }
            if citizens == 100_000 {
                let (health, load) = measure_mixed(&url, &tokens)?;
                figures.mixed.push((engine, health, load));
            }
        }
    }
    report::print(&figures);
    Ok(())
}
