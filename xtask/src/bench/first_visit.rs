//! The logged-in and logged-out first visit: the bytes a phone downloads, measured on the wire
//! in Chromium (`tests/e2e/bench/first-visit.mjs`).

use std::path::Path;
use std::process::Command;

use anyhow::Context;

use super::verdict;
use crate::test::TestServer;
use crate::util::root;

const FIRST_VISIT_TARGET_KB: f64 = 250.0;

pub(super) fn first_visit(dist: &Path) -> anyhow::Result<()> {
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
