//! The `sammen` binary as operators use it: `import`, `serve`, and what it writes to its logs.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

const SAMMEN: &str = env!("CARGO_BIN_EXE_sammen");

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sammen-cli-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn sammen(dir: &Path) -> Command {
    let mut cmd = Command::new(SAMMEN);
    cmd.current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env(
            "SAMMEN_DATABASE_URL",
            format!("sqlite://{}", dir.join("sammen.db").display()),
        );
    cmd
}

#[test]
fn import_reports_bad_rows_by_line_and_keeps_nothing_then_imports_once() {
    let dir = temp_dir();
    let header = "type,name,cpr,employee_login,team,primary_caseworker,backup_caseworker\n";
    let good = format!(
        "{header}caseworker,Nina Holm,,nina.holm,Team Syd,,\ncitizen,Ole Berg,010203-4444,,,nina.holm,\n"
    );
    let bad = format!("{good}citizen,Bo Dahl,12345,,,nina.holm,\n");
    std::fs::write(dir.join("bad.csv"), &bad).unwrap();
    std::fs::write(dir.join("good.csv"), &good).unwrap();

    let out = sammen(&dir).args(["import", "bad.csv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("line 4: cpr is not a valid CPR number"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was imported"), "{stderr}");

    let first = sammen(&dir).args(["import", "good.csv"]).output().unwrap();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(String::from_utf8_lossy(&first.stdout).contains("caseworkers: 1 created"));
    let again = sammen(&dir).args(["import", "good.csv"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&again.stdout);
    assert!(
        stdout.contains("caseworkers: 0 created, 0 updated; citizens: 0 created, 0 updated"),
        "{stdout}"
    );
    assert!(stdout.contains("rows unchanged: 2"), "{stdout}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn production_mode_refuses_the_simulator() {
    let dir = temp_dir();
    let out = sammen(&dir)
        .env("SAMMEN_MODE", "production")
        .env("SAMMEN_DEV_IDP__ENABLED", "true")
        .arg("serve")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("must not run in production mode"));
    let _ = std::fs::remove_dir_all(dir);
}

/// Logs in and out through the simulator with debug logging on, then reads everything the
/// server wrote: no CPR number, name, cookie, code or token may be in it.
#[tokio::test]
async fn logs_carry_no_personal_data_or_secrets() {
    let dir = temp_dir();
    assert!(sammen(&dir).arg("seed-demo").status().unwrap().success());
    let mut server = sammen(&dir)
        .env("SAMMEN_DEV_IDP__ENABLED", "true")
        .env("SAMMEN_LISTEN", "127.0.0.1:0")
        .env("SAMMEN_LOG", "debug")
        .env("SAMMEN_LOG_FORMAT", "json")
        .arg("serve")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = server.stdout.take().unwrap();
    let (lines_tx, lines_rx) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    let mut log = Vec::new();
    let base = loop {
        let line = lines_rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the server starts");
        let url = serde_json::from_str::<serde_json::Value>(&line)
            .ok()
            .and_then(|v| v["url"].as_str().map(str::to_string));
        log.push(line);
        if let Some(url) = url {
            break url;
        }
    };

    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let landing = client
        .get(format!("{base}auth/mitid/login?login_hint=freja"))
        .send()
        .await
        .unwrap();
    assert!(landing.url().path().ends_with("/mit-overblik"));
    let session: serde_json::Value = client
        .get(format!("{base}api/v1/session"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let csrf = session["csrf_token"].as_str().unwrap().to_string();
    let overview = client
        .get(format!("{base}api/v1/overview"))
        .send()
        .await
        .unwrap();
    assert!(overview.status().is_success());
    let logout: serde_json::Value = client
        .post(format!("{base}api/v1/session/logout"))
        .header("x-csrf-token", &csrf)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id_token = logout["end_session"]["fields"][0]["value"]
        .as_str()
        .unwrap()
        .to_string();

    tokio::time::sleep(Duration::from_millis(300)).await;
    let _ = server.kill();
    let _ = server.wait();
    log.extend(lines_rx.try_iter());
    let log = log.join("\n");

    assert!(
        log.contains("logged in"),
        "the login itself is logged: {log}"
    );
    for secret in [
        "1503071236",
        "150307-1236",
        "Freja",
        "Nielsen",
        &csrf,
        &id_token,
        "code=",
        "state=",
        "sammen_session=",
    ] {
        assert!(!log.contains(secret), "the log contains {secret:?}");
    }
    let _ = std::fs::remove_dir_all(dir);
}
