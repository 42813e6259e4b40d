//! The API fuzzed with schemathesis (pinned, from PyPI, in a virtual environment under
//! `target/`) as a citizen and as a caseworker, on SQLite and on PostgreSQL: any server error
//! fails the run. Part of `cargo xtask test`; `cargo xtask test --fuzz-only` runs just this.

use std::path::PathBuf;
use std::process::Command;

use crate::test::TestServer;
use crate::util::{fresh_postgres_database, require_program, root, run as sh};

const SCHEMATHESIS: &str = "schemathesis==4.32.5";

pub fn run() -> anyhow::Result<()> {
    let schemathesis = install()?;
    let python = schemathesis.with_file_name("python");
    let admin = std::env::var("SAMMEN_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let pg_url = fresh_postgres_database(&admin, "sammen_fuzz")?;
    for (engine, env) in [
        ("sqlite", vec![]),
        ("postgres", vec![("SAMMEN_DATABASE_URL", pg_url.as_str())]),
    ] {
        let server = TestServer::start(&format!("fuzz-{engine}"), &env)?;
        for (role, hint) in [("citizen", "freja"), ("caseworker", "mette.hansen")] {
            eprintln!("fuzzing on {engine} as {role}");
            sh(Command::new(&python)
                .arg(root().join("tests/fuzz/fuzz.py"))
                .args([server.url.as_str(), role, hint])
                .arg(&schemathesis))?;
        }
    }
    Ok(())
}

/// Installs the pinned schemathesis once; returns its command.
fn install() -> anyhow::Result<PathBuf> {
    require_program(
        "python3",
        "Python 3",
        "apt-get install python3 python3-venv",
    )?;
    let venv = root().join("target/fuzz-venv");
    let bin = venv.join("bin/schemathesis");
    let marker = venv.join(SCHEMATHESIS);
    if bin.exists() && marker.exists() {
        return Ok(bin);
    }
    sh(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    sh(Command::new(venv.join("bin/pip")).args(["install", "-q", SCHEMATHESIS]))?;
    std::fs::write(&marker, "")?;
    Ok(bin)
}
