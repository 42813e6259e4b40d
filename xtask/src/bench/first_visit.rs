//! The logged-out and logged-in first visit: the bytes a phone downloads, measured on the wire
//! in Chromium (`tests/e2e/bench/first-visit.mjs`), and Lighthouse's mobile scores of the
//! logged-in pages (`tests/lighthouse/run.mjs`).

use std::path::Path;
use std::process::Command;

use anyhow::Context;

use super::{number, verdict};
use crate::test::TestServer;
use crate::util::{npm_ci, root};

const FIRST_VISIT_TARGET_KB: f64 = 250.0;

pub(super) fn first_visit(dist: &Path) -> anyhow::Result<()> {
    let server = TestServer::start_release("bench-first-visit", &[])?;
    let start = measure_visit(dist, &format!("{}/", server.url), "Velkommen til Sammen")?;
    // Logging in ends on Mit overblik, which the server renders; the web client loads behind it.
    let login = format!("{}/auth/mitid/login?login_hint=freja", server.url);
    let app = measure_visit(dist, &login, "Mit overblik")?;
    let scores = lighthouse(&server.url)?;
    drop(server);

    print_visit(
        "First visit to the start page (360×740, empty cache)",
        &start,
    );
    let kb = total(&start) as f64 / 1000.0;
    println!(
        "start page, brotli: {kb:.1} KB (target ≤ {FIRST_VISIT_TARGET_KB} KB: {}); Django peer: 466 KB",
        verdict(kb <= FIRST_VISIT_TARGET_KB)
    );
    print_visit(
        "First visit after logging in, to Mit overblik (server-rendered; empty cache). \
         * = asked for after the page was rendered: the web client, loading behind it",
        &app,
    );
    let rendered: Vec<Download> = app.iter().filter(|d| d.4).cloned().collect();
    let kb = total(&rendered) as f64 / 1000.0;
    println!(
        "logged-in first visit to a rendered Mit overblik, brotli: {kb:.1} KB (target ≤ {FIRST_VISIT_TARGET_KB} KB: {})",
        verdict(kb <= FIRST_VISIT_TARGET_KB)
    );
    println!(
        "  with the web client that loads behind it (until the network is quiet): {:.1} KB",
        total(&app) as f64 / 1000.0
    );
    println!();
    println!(
        "Lighthouse 12, mobile (simulated slow 4G, mid-range phone), logged in as Freja, empty cache, median of {LIGHTHOUSE_RUNS} runs:"
    );
    println!(
        "{:<16} {:>12} {:>14} {:>9} {:>9} {:>7}  all runs (performance)",
        "page", "performance", "accessibility", "LCP", "TBT", "CLS"
    );
    for page in &scores {
        let median = page.median();
        println!(
            "{:<16} {:>12} {:>14} {:>7}ms {:>7}ms {:>7.3}  {:?}",
            page.name,
            median.performance,
            median.accessibility,
            median.lcp_ms,
            median.tbt_ms,
            median.cls,
            page.runs.iter().map(|r| r.performance).collect::<Vec<_>>()
        );
    }
    for page in &scores {
        let median = page.median();
        println!(
            "{}: performance {} (target ≥ 90: {}), accessibility {} (target 100: {})",
            page.name,
            median.performance,
            verdict(median.performance >= 90),
            median.accessibility,
            verdict(median.accessibility == 100)
        );
    }
    Ok(())
}

const LIGHTHOUSE_RUNS: usize = 3;

/// The pages Lighthouse scores: (name, path, the heading that shows the page is there).
const LIGHTHOUSE_PAGES: [(&str, &str, &str); 3] = [
    ("Mit overblik", "/mit-overblik", "Mit overblik"),
    ("Min plan", "/min-plan", "Min plan"),
    ("Min profil", "/min-profil", "Min profil"),
];

#[derive(Clone, Copy)]
struct Scores {
    performance: u32,
    accessibility: u32,
    lcp_ms: u32,
    tbt_ms: u32,
    /// Cumulative layout shift: how much of the page moved while it loaded.
    cls: f64,
}

struct PageScores {
    name: &'static str,
    runs: Vec<Scores>,
}

impl PageScores {
    /// The run with the median performance score, as Lighthouse's own docs advise.
    fn median(&self) -> Scores {
        let mut runs = self.runs.clone();
        runs.sort_by_key(|r| r.performance);
        runs[runs.len() / 2]
    }
}

/// Runs `tests/lighthouse/run.mjs` (Lighthouse pinned in its lockfile) on the logged-in pages.
fn lighthouse(base: &str) -> anyhow::Result<Vec<PageScores>> {
    let dir = root().join("tests/lighthouse");
    npm_ci(&dir, "lighthouse")?;
    let mut command = Command::new("node");
    command
        .arg("run.mjs")
        .arg(base)
        .arg("freja")
        .arg(LIGHTHOUSE_RUNS.to_string())
        .current_dir(&dir);
    for (_, path, heading) in LIGHTHOUSE_PAGES {
        command.arg(format!("{path}={heading}"));
    }
    let output = command.output().context("cannot run Lighthouse")?;
    if !output.status.success() {
        anyhow::bail!(
            "Lighthouse failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    LIGHTHOUSE_PAGES
        .iter()
        .map(|(name, path, _)| {
            let line = stdout
                .lines()
                .find(|l| l.contains(&format!("\"path\":\"{path}\"")))
                .with_context(|| format!("Lighthouse printed nothing for {path}"))?;
            let runs: Vec<Scores> = line
                .split("{\"performance\":")
                .skip(1)
                .map(|run| {
                    let run = format!("\"performance\":{run}");
                    Scores {
                        performance: number(&run, "performance") as u32,
                        accessibility: number(&run, "accessibility") as u32,
                        lcp_ms: number(&run, "lcp_ms") as u32,
                        tbt_ms: number(&run, "tbt_ms") as u32,
                        cls: number(&run, "cls"),
                    }
                })
                .collect();
            anyhow::ensure!(runs.len() == LIGHTHOUSE_RUNS, "{path}: {} runs", runs.len());
            Ok(PageScores { name, runs })
        })
        .collect()
}

/// One downloaded file: its path, bytes on the wire, encoding, bytes with brotli, and whether it
/// was asked for before the page was rendered.
type Download = (String, u64, String, u64, bool);

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
        .map(|(url, wire, encoding, before_render)| {
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
            (name, wire, encoding, br, before_render)
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
    for (file, wire, encoding, br, before_render) in downloads {
        let mark = if *before_render { "" } else { "* " };
        println!(
            "{:<58} {:>9} {:>11} {:>9}",
            format!("{mark}{}", shorten(file, 58 - mark.len())),
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

fn shorten(file: &str, width: usize) -> String {
    if file.len() > width {
        format!("…{}", &file[file.len() - (width - 1)..])
    } else {
        file.to_string()
    }
}

/// Reads the measurement script's JSON without pulling a JSON crate into the xtask.
fn parse_responses(json: &str) -> Vec<(String, u64, String, bool)> {
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
            let before_render = field("before_render").is_some_and(|v| v.starts_with("true"));
            Some((url, bytes, encoding, before_render))
        })
        .collect()
}
