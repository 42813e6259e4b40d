//! `cargo xtask bench`: builds for release and prints the figures the issues set targets for,
//! each target with "met" or "NOT MET".
//!
//! - First visit (`first_visit`): the bytes a phone downloads to show the start page, and
//!   *Mit overblik* after logging in, measured in Chromium. Target: at most 250 KB (brotli).
//! - Plan reads (`plan`): warm (64 citizens again and again; target ≥ 30 % of `/healthz`, p99
//!   ≤ 20 ms), cold (each request another of 10,000 citizens with nothing remembered; target
//!   ≥ 20 % of `/healthz`, p99 ≤ 25 ms), both with p50 at 100,000 citizens at most 1.3 × p50 at
//!   1,000; mixed with 10 % writes; and cold reads at a fixed arrival rate.
//! - Export memory, messages and email, meetings.

use std::process::Command;

use anyhow::Context;

mod first_visit;
mod plan;

use crate::test::TestServer;
use crate::util::{cargo, npm_ci, root, run as sh};

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
        first_visit::first_visit(&dist)?;
    }
    if plan {
        plan::plan_throughput()?;
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

fn number(json: &str, key: &str) -> f64 {
    json.split(&format!("\"{key}\":"))
        .nth(1)
        .and_then(|v| v.split([',', '}']).next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN)
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "NOT MET" }
}
