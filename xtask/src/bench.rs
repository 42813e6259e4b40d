//! `cargo xtask bench`: builds for release and prints the figures the issues set targets for.
//!
//! First visit: the bytes a phone downloads to show the start page for the first time (HTML,
//! CSS, fonts, JS, wasm), measured by loading the page in Chromium and summing the brotli
//! sizes of what it fetched. Target: at most 250 KB.

use std::path::Path;
use std::process::Command;

use anyhow::Context;

use crate::test::TestServer;
use crate::util::{cargo, npm_ci, root, run as sh};

const FIRST_VISIT_TARGET_KB: f64 = 250.0;

pub fn run() -> anyhow::Result<()> {
    let dist = crate::web::build(true)?;
    sh(cargo().args(["build", "--release", "-p", "sammen"]))?;
    npm_ci(&root().join("tests/e2e"), "@playwright/test")?;
    first_visit(&dist)?;
    Ok(())
}

fn first_visit(dist: &Path) -> anyhow::Result<()> {
    let server = TestServer::start_release("bench-first-visit", &[])?;
    let output = Command::new("node")
        .arg("bench/first-visit.mjs")
        .arg(format!("{}/", server.url))
        .current_dir(root().join("tests/e2e"))
        .output()
        .context("cannot run the first-visit measurement")?;
    if !output.status.success() {
        anyhow::bail!(
            "first-visit measurement failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    drop(server);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout.lines().last().unwrap_or("[]");
    let responses = parse_responses(line);

    println!();
    println!("First visit to the start page (360×740, empty cache)");
    println!(
        "{:<58} {:>9} {:>11} {:>9}",
        "file", "on wire", "encoding", "brotli"
    );
    let mut total_br = 0u64;
    let mut total_wire = 0u64;
    for (url, wire, encoding) in &responses {
        let path = url
            .split_once("://")
            .and_then(|(_, rest)| rest.split_once('/'))
            .map(|(_, p)| p)
            .unwrap_or("");
        let path = path.split('?').next().unwrap_or("");
        let file = if path.is_empty() || !path.starts_with("assets/") {
            "index.html".to_string()
        } else {
            path.to_string()
        };
        let on_disk = dist.join(&file);
        let br = std::fs::metadata(format!("{}.br", on_disk.display()))
            .or_else(|_| std::fs::metadata(&on_disk))
            .map(|m| m.len())
            .unwrap_or(*wire);
        total_br += br;
        total_wire += wire;
        println!(
            "{:<58} {:>9} {:>11} {:>9}",
            shorten(&file),
            wire,
            encoding,
            br
        );
    }
    println!(
        "{:<58} {:>9} {:>11} {:>9}",
        "total bytes", total_wire, "", total_br
    );
    let kb = total_br as f64 / 1000.0;
    println!(
        "first visit, brotli: {kb:.1} KB (target ≤ {FIRST_VISIT_TARGET_KB} KB: {}); Django peer: 466 KB",
        if kb <= FIRST_VISIT_TARGET_KB {
            "met"
        } else {
            "NOT MET"
        }
    );
    Ok(())
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
