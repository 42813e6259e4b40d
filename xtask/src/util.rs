use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

/// The workspace root (the xtask lives one level below it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask is inside the workspace")
        .to_path_buf()
}

/// Runs a command in the workspace root, failing with its name if it fails.
pub fn run(cmd: &mut Command) -> anyhow::Result<()> {
    let shown = format!("{cmd:?}");
    eprintln!("$ {shown}");
    let status = cmd
        .current_dir_if_unset()
        .status()
        .with_context(|| format!("cannot start {shown}"))?;
    if !status.success() {
        bail!("{shown} failed with {status}");
    }
    Ok(())
}

trait CurrentDir {
    fn current_dir_if_unset(&mut self) -> &mut Self;
}

impl CurrentDir for Command {
    fn current_dir_if_unset(&mut self) -> &mut Self {
        if self.get_current_dir().is_none() {
            self.current_dir(root());
        }
        self
    }
}

pub fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// Installs an npm project's packages from its lockfile if they are missing.
pub fn npm_ci(dir: &Path, marker: &str) -> anyhow::Result<()> {
    if dir.join("node_modules").join(marker).exists() {
        return Ok(());
    }
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(dir))
}

/// The `sammen` binary cargo built for a profile.
pub fn sammen_binary(release: bool) -> PathBuf {
    root()
        .join("target")
        .join(if release { "release" } else { "debug" })
        .join("sammen")
}

/// Makes sure the wasm target of the pinned toolchain is installed: `rust-toolchain.toml`'s
/// `targets` is not honoured where that toolchain is already present (a linked toolchain, or one
/// installed before the file named the target), so a fresh machine would fail deep in the build.
pub fn ensure_wasm_target() -> anyhow::Result<()> {
    const TARGET: &str = "wasm32-unknown-unknown";
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .current_dir(root())
        .output();
    let installed = match installed {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).into_owned(),
        // Without rustup, trust whatever provides the toolchain to have the target.
        _ => return Ok(()),
    };
    if installed.lines().any(|l| l.trim() == TARGET) {
        return Ok(());
    }
    eprintln!("The web client needs the {TARGET} target; installing it with rustup.");
    run(Command::new("rustup").args(["target", "add", TARGET])).with_context(|| {
        format!("could not install the {TARGET} target: run `rustup target add {TARGET}`")
    })
}

/// Stops with one sentence when a program the tests need is missing.
pub fn require_program(path: &str, what: &str, install: &str) -> anyhow::Result<()> {
    let found = if path.contains('/') {
        Path::new(path).exists()
    } else {
        Command::new("sh")
            .args(["-c", &format!("command -v {path}")])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !found {
        bail!("{what} is missing ({path}); install it with: {install}");
    }
    Ok(())
}

/// Stops with one sentence when PostgreSQL does not answer at `host:port`.
pub fn require_postgres(url: &str) -> anyhow::Result<()> {
    let rest = url.split("://").nth(1).unwrap_or(url);
    let host_port = rest
        .rsplit_once('@')
        .map_or(rest, |(_, hp)| hp)
        .split('/')
        .next()
        .unwrap_or("127.0.0.1:5432");
    let address = if host_port.contains(':') {
        host_port.to_string()
    } else {
        format!("{host_port}:5432")
    };
    let reachable = std::net::ToSocketAddrs::to_socket_addrs(&address)
        .ok()
        .and_then(|mut a| a.next())
        .is_some_and(|a| {
            std::net::TcpStream::connect_timeout(&a, std::time::Duration::from_secs(3)).is_ok()
        });
    if !reachable {
        bail!(
            "PostgreSQL does not answer at {address}; the tests need it (user postgres, trust \
             authentication). Start it with: pg_ctlcluster <version> main start (Debian), or set \
             SAMMEN_TEST_POSTGRES_URL"
        );
    }
    Ok(())
}

/// Drops and creates a database on the test PostgreSQL server (`admin` is the URL of a database
/// there to connect to); returns the new database's URL. Fuzzing and benchmarks use it.
pub fn fresh_postgres_database(admin: &str, name: &str) -> anyhow::Result<String> {
    require_program(
        "psql",
        "psql (PostgreSQL's client)",
        "apt-get install postgresql-client",
    )?;
    run(Command::new("psql").args([
        admin,
        "-q",
        "-c",
        &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
        "-c",
        &format!("CREATE DATABASE {name}"),
    ]))?;
    let base = admin.rsplit_once('/').map_or(admin, |(b, _)| b);
    Ok(format!("{base}/{name}"))
}
