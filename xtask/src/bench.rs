//! `cargo xtask bench`: builds for release and prints the figures the issues set targets for.
//!
//! First visit: the bytes a phone downloads to show the start page for the first time (HTML,
//! CSS, fonts, JS, wasm), measured by loading the page in Chromium and summing the brotli
//! sizes of what it fetched. Target: at most 250 KB.
//!
//! Plan throughput: 64 concurrent logged-in citizens fetching their plan (10 steps each, and
//! 5 competences each in the database), next to the same server's `/healthz`, with 1,000 and
//! 100,000 citizens, on SQLite and PostgreSQL (`SAMMEN_BENCH_POSTGRES_URL`, default
//! postgres://postgres@127.0.0.1:5432, needs `psql`). Targets: plan throughput at least 30 % of
//! `/healthz`, p99 at most 20 ms on SQLite, p50 with 100,000 at most 1.3 × p50 with 1,000.

use std::path::Path;
use std::process::Command;

use anyhow::Context;

use crate::test::{TestServer, free_port, wait_until_ready};
use crate::util::{cargo, fresh_postgres_database, npm_ci, root, run as sh};

const FIRST_VISIT_TARGET_KB: f64 = 250.0;

/// `cargo xtask bench [first-visit|plan|export|messages|meetings]`: all unless one is named.
pub fn run(only: Option<&str>) -> anyhow::Result<()> {
    let (visit, plan, export, messages, meetings) = match only {
        Some("first-visit") => (true, false, false, false, false),
        Some("plan") => (false, true, false, false, false),
        Some("export") => (false, false, true, false, false),
        Some("messages") => (false, false, false, true, false),
        Some("meetings") => (false, false, false, false, true),
        _ => (true, true, true, true, true),
    };
    let binaries = [
        "build",
        "--release",
        "-p",
        "sammen",
        "-p",
        "tests",
        "--bin",
        "sammen",
        "--bin",
        "loadgen",
        "--bin",
        "exportbench",
        "--bin",
        "messagebench",
        "--bin",
        "meetingbench",
    ];
    sh(cargo().args(binaries))?;
    if visit {
        let dist = crate::web::build(true)?;
        npm_ci(&root().join("tests/e2e"), "@playwright/test")?;
        first_visit(&dist)?;
    }
    if plan {
        plan_throughput()?;
    }
    if export {
        export_memory()?;
    }
    if messages {
        message_figures()?;
    }
    if meetings {
        meeting_figures()?;
    }
    Ok(())
}

/// Meetings (see `tests/src/bin/meetingbench.rs`), on both engines.
fn meeting_figures() -> anyhow::Result<()> {
    println!();
    println!(
        "Meetings: the release server and the load in one process, each figure beside /healthz of the same run."
    );
    for engine in ["sqlite", "postgres"] {
        sh(Command::new(root().join("target/release/meetingbench"))
            .arg(engine)
            .env("SAMMEN_LOG", "warn"))?;
    }
    Ok(())
}

/// Messages and email (see `tests/src/bin/messagebench.rs`), on both engines.
fn message_figures() -> anyhow::Result<()> {
    println!();
    println!(
        "Messages and email: the release server and the load in one process, each figure beside /healthz of the same run."
    );
    for engine in ["sqlite", "postgres"] {
        sh(Command::new(root().join("target/release/messagebench"))
            .arg(engine)
            .env("SAMMEN_LOG", "warn"))?;
    }
    Ok(())
}

/// The export's growth of the server's memory may not exceed this, whatever is stored.
const EXPORT_GROWTH_TARGET_MB: f64 = 32.0;

/// "Download mine oplysninger" for a citizen with 200 MB of documents (20 × 10 MB): the
/// server's peak memory while it streams the zip, next to its memory before.
fn export_memory() -> anyhow::Result<()> {
    let server = TestServer::start_release(
        "bench-export",
        &[
            ("SAMMEN_LOG", "warn"),
            ("SAMMEN_FILES_DIR", "target/e2e/bench-export/files"),
        ],
    )?;
    let output = Command::new(root().join("target/release/exportbench"))
        .args([server.url.as_str(), &server.pid().to_string(), "20", "10"])
        .output()
        .context("cannot run exportbench")?;
    if !output.status.success() {
        anyhow::bail!(
            "exportbench failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let json = String::from_utf8_lossy(&output.stdout).to_string();
    let before = number(&json, "rss_before_mb");
    let peak = number(&json, "peak_mb");
    println!();
    println!("Export (\"Download mine oplysninger\"), release build, SQLite:");
    println!(
        "  {:.0} MB of documents, zip {:.1} MB in {:.2} s",
        number(&json, "documents_mb"),
        number(&json, "zip_mb"),
        number(&json, "seconds")
    );
    println!(
        "  server memory: {before:.1} MB before, peak {peak:.1} MB while exporting (+{:.1} MB) — target ≤ +{EXPORT_GROWTH_TARGET_MB:.0} MB: {}",
        peak - before,
        verdict(peak - before <= EXPORT_GROWTH_TARGET_MB)
    );
    Ok(())
}

fn first_visit(dist: &Path) -> anyhow::Result<()> {
    let server = TestServer::start_release("bench-first-visit", &[])?;
    let start = measure_visit(dist, &format!("{}/", server.url), "Velkommen til Sammen")?;
    // Not a target of its own, but what the web client costs once someone logs in.
    let login = format!("{}/auth/mitid/login?login_hint=freja", server.url);
    let app = measure_visit(dist, &login, "Mit overblik")?;
    drop(server);

    print_visit(
        "First visit to the start page (360×740, empty cache)",
        &start,
    );
    let kb = total(&start) as f64 / 1000.0;
    println!(
        "first visit, brotli: {kb:.1} KB (target ≤ {FIRST_VISIT_TARGET_KB} KB: {}); Django peer: 466 KB",
        verdict(kb <= FIRST_VISIT_TARGET_KB)
    );
    print_visit(
        "First visit after logging in, to Mit overblik (the web client; empty cache)",
        &app,
    );
    println!("after login, brotli: {:.1} KB", total(&app) as f64 / 1000.0);
    Ok(())
}

/// One downloaded file: its path, bytes on the wire, encoding, and bytes with brotli.
type Download = (String, u64, String, u64);

fn measure_visit(dist: &Path, url: &str, heading: &str) -> anyhow::Result<Vec<Download>> {
    let output = Command::new("node")
        .args(["bench/first-visit.mjs", url, heading])
        .current_dir(root().join("tests/e2e"))
        .output()
        .context("cannot run the first-visit measurement")?;
    if !output.status.success() {
        anyhow::bail!(
            "first-visit measurement failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout.lines().last().unwrap_or("[]");
    Ok(parse_responses(line)
        .into_iter()
        .map(|(url, wire, encoding)| {
            let path = url
                .split_once("://")
                .and_then(|(_, rest)| rest.split_once('/'))
                .map(|(_, p)| p)
                .unwrap_or("");
            let path = path.split('?').next().unwrap_or("").to_string();
            // Files of the web client count with their brotli size; pages the server renders
            // (and compresses) count with what came over the wire.
            let br = if path.starts_with("assets/") {
                let on_disk = dist.join(&path);
                std::fs::metadata(format!("{}.br", on_disk.display()))
                    .or_else(|_| std::fs::metadata(&on_disk))
                    .map(|m| m.len())
                    .unwrap_or(wire)
            } else {
                wire
            };
            let name = if path.is_empty() {
                "/".to_string()
            } else {
                path
            };
            (name, wire, encoding, br)
        })
        .collect())
}

fn total(downloads: &[Download]) -> u64 {
    downloads.iter().map(|d| d.3).sum()
}

fn print_visit(title: &str, downloads: &[Download]) {
    println!();
    println!("{title}");
    println!(
        "{:<58} {:>9} {:>11} {:>9}",
        "file", "on wire", "encoding", "brotli"
    );
    for (file, wire, encoding, br) in downloads {
        println!(
            "{:<58} {:>9} {:>11} {:>9}",
            shorten(file),
            wire,
            encoding,
            br
        );
    }
    let wire: u64 = downloads.iter().map(|d| d.1).sum();
    println!(
        "{:<58} {:>9} {:>11} {:>9}",
        "total bytes",
        wire,
        "",
        total(downloads)
    );
}

fn shorten(file: &str) -> String {
    if file.len() > 58 {
        format!("…{}", &file[file.len() - 57..])
    } else {
        file.to_string()
    }
}

/// Reads the measurement script's JSON without pulling a JSON crate into the xtask.
fn parse_responses(json: &str) -> Vec<(String, u64, String)> {
    json.split("{\"url\":\"")
        .skip(1)
        .filter_map(|chunk| {
            let url = chunk.split('"').next()?.to_string();
            let field = |name: &str| {
                chunk
                    .split(&format!("\"{name}\":"))
                    .nth(1)
                    .map(|v| v.trim_start_matches('"'))
            };
            let bytes = field("bytes")?
                .split([',', '}'])
                .next()?
                .parse::<f64>()
                .ok()? as u64;
            let encoding = field("encoding")
                .and_then(|v| v.split('"').next())
                .unwrap_or("")
                .to_string();
            Some((url, bytes, encoding))
        })
        .collect()
}

const CONCURRENCY: &str = "64";
const SECONDS: &str = "10";

struct Load {
    rps: f64,
    p50: f64,
    p99: f64,
    errors: u64,
}

fn number(json: &str, key: &str) -> f64 {
    json.split(&format!("\"{key}\":"))
        .nth(1)
        .and_then(|v| v.split([',', '}']).next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN)
}

fn load(url: &str, tokens: &str, mode: &str) -> anyhow::Result<Load> {
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
    let json = String::from_utf8_lossy(&output.stdout).to_string();
    Ok(Load {
        rps: number(&json, "rps"),
        p50: number(&json, "p50_ms"),
        p99: number(&json, "p99_ms"),
        errors: number(&json, "errors") as u64,
    })
}

/// Runs a release server on `url`, measures `/healthz` and then `/api/v1/me/plan` in the same
/// run, and stops it. `cold` switches the instance's memories off (`memory.* = 0`), so every
/// request reaches the database: a session query and the plan's queries.
fn measure_plan(url: &str, tokens: &Path, cold: bool) -> anyhow::Result<(Load, Load)> {
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
    let measured = (|| -> anyhow::Result<(Load, Load)> {
        wait_until_ready(port)?;
        let base = format!("http://127.0.0.1:{port}");
        let health = load(&format!("{base}/healthz"), "-", "warm")?;
        let mode = if cold { "cold" } else { "warm" };
        let plan = load(
            &format!("{base}/api/v1/me/plan"),
            &tokens.display().to_string(),
            mode,
        )?;
        Ok((health, plan))
    })();
    let _ = server.kill();
    let _ = server.wait();
    measured
}

fn plan_throughput() -> anyhow::Result<()> {
    let pg_admin = std::env::var("SAMMEN_BENCH_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
    let mut rows = Vec::new();
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
                rows.push((engine, citizens, cold, health, plan));
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
    println!("Django peer: about 12 plan pages per second");
    Ok(())
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "NOT MET" }
}
