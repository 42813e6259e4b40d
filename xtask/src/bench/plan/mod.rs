//! Plan reads under load: warm, cold, mixed with writes, and at a fixed arrival rate, next to
//! `/healthz` of the same server and run, on SQLite and PostgreSQL with 1,000 and 100,000
//! citizens (`SAMMEN_BENCH_POSTGRES_URL`, default postgres://postgres@127.0.0.1:5432, needs
//! `psql`). The load generator is `tests/src/bin/loadgen.rs`.

use std::path::Path;
use std::process::Command;

use anyhow::Context;

use super::{number, verdict};
use crate::test::{free_port, wait_until_ready};
use crate::util::{fresh_postgres_database, root, run as sh};

const CONCURRENCY: &str = "64";
const SECONDS: &str = "10";

struct Load {
    rps: f64,
    p50: f64,
    p99: f64,
    errors: u64,
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

pub(super) fn plan_throughput() -> anyhow::Result<()> {
    let pg_admin = std::env::var("SAMMEN_BENCH_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
    let (mut rows, mut mixed, mut open) = (Vec::new(), Vec::new(), Vec::new());
    for engine in ["sqlite", "postgres"] {
        for citizens in [1_000u32, 100_000] {
            let dir = root()
                .join("target/bench")
                .join(format!("{engine}-{citizens}"));
            if dir.exists() {
                std::fs::remove_dir_all(&dir)?;
            }
            std::fs::create_dir_all(&dir)?;
            let url = if engine == "sqlite" {
                format!("sqlite://{}", dir.join("sammen.db").display())
            } else {
                fresh_postgres_database(
                    &format!("{pg_admin}/postgres"),
                    &format!("sammen_bench_{citizens}"),
                )?
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
            for cold in [false, true] {
                let (health, plan) = measure_plan(&url, &tokens, cold)?;
                if cold && citizens == 100_000 {
                    open.push((engine, plan.rps, measure_open(&url, &tokens, plan.rps)?));
                }
                rows.push((engine, citizens, cold, health, plan));
            }
            if citizens == 100_000 {
                let (health, load) = measure_mixed(&url, &tokens)?;
                mixed.push((engine, health, load));
            }
        }
    }

    println!();
    println!(
        "Plan throughput: {CONCURRENCY} concurrent connections, {SECONDS} s each, next to /healthz of the same server and run."
    );
    println!(
        "warm: 64 citizens reading their plans again and again (served from what the instance remembers);"
    );
    println!(
        "cold: each request another citizen, the instance remembering nothing (a session query and the plan's queries each)."
    );
    println!(
        "Every answer is checked to be that citizen's own plan; anything else counts as an error."
    );
    println!(
        "{:<9} {:>9} {:<5} {:>12} {:>10} {:>9} {:>9} {:>7} {:>8}",
        "engine",
        "citizens",
        "kind",
        "healthz rps",
        "plan rps",
        "plan p50",
        "plan p99",
        "errors",
        "plan/hz"
    );
    for (engine, citizens, cold, health, plan) in &rows {
        println!(
            "{:<9} {:>9} {:<5} {:>12.0} {:>10.0} {:>7.2}ms {:>7.2}ms {:>7} {:>7.0}%",
            engine,
            citizens,
            if *cold { "cold" } else { "warm" },
            health.rps,
            plan.rps,
            plan.p50,
            plan.p99,
            plan.errors + health.errors,
            100.0 * plan.rps / health.rps
        );
    }
    for engine in ["sqlite", "postgres"] {
        for cold in [false, true] {
            let find = |n: u32| {
                rows.iter()
                    .find(|r| r.0 == engine && r.1 == n && r.2 == cold)
            };
            let (Some(small), Some(large)) = (find(1_000), find(100_000)) else {
                continue;
            };
            let ratio = 100.0 * large.4.rps / large.3.rps;
            let scale = large.4.p50 / small.4.p50;
            let errors = small.4.errors + large.4.errors;
            let (share, p99) = if cold { (20.0, 25.0) } else { (30.0, 20.0) };
            println!(
                "{engine} {}: plan = {ratio:.0} % of /healthz (target ≥ {share:.0} %: {}); p99 = {:.2} ms (target ≤ {p99:.0} ms: {}); p50 100k / 1k = {scale:.2} (target ≤ 1.3: {}); wrong or failed answers: {errors} ({})",
                if cold { "cold" } else { "warm" },
                verdict(ratio >= share),
                large.4.p99,
                verdict(large.4.p99 <= p99),
                verdict(scale <= 1.3),
                verdict(errors == 0),
            );
        }
    }
    println!();
    println!(
        "Mixed, 100,000 citizens: 64 of them, each tenth request a write to their own plan (a comment or \"Det er vi enige om\", by turns); the instance remembers as in production."
    );
    println!(
        "{:<9} {:>12} {:>10} {:>9} {:>11} {:>10} {:>7}",
        "engine", "healthz rps", "read rps", "read p99", "write rps", "write p99", "errors"
    );
    for (engine, health, m) in &mixed {
        println!(
            "{:<9} {:>12.0} {:>10.0} {:>7.2}ms {:>11.0} {:>8.2}ms {:>7}",
            engine,
            health.rps,
            m.reads.rps,
            m.reads.p99,
            m.writes.rps,
            m.writes.p99,
            m.reads.errors + m.writes.errors + health.errors
        );
    }
    println!();
    println!(
        "Open loop, cold reads, 100,000 citizens: requests start at a fixed rate whether or not earlier ones were answered; latency counts from when each was due."
    );
    println!(
        "{:<9} {:>13} {:>6} {:>10} {:>9} {:>9} {:>7}",
        "engine", "closed max/s", "share", "rate/s", "p50", "p99", "errors"
    );
    for (engine, max, runs) in &open {
        for (share, l) in runs {
            println!(
                "{:<9} {:>13.0} {:>5.0}% {:>10.0} {:>7.2}ms {:>7.2}ms {:>7}",
                engine,
                max,
                share * 100.0,
                l.rps,
                l.p50,
                l.p99,
                l.errors
            );
        }
    }
    println!("Django peer: about 12 plan pages per second");
    Ok(())
}
