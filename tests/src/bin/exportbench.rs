//! For `cargo xtask bench export`: a citizen with 200 MB of documents downloads everything
//! ("Download mine oplysninger") from a running server, and this prints the server's peak
//! memory while it streams the zip, next to its memory before, as one JSON line. The download
//! is checked: a zip with the data and every document, each of the right size.
//!
//! exportbench <base-url> <server-pid> <documents> <mb-per-document>

use std::io::Write;
use std::time::Instant;

fn status_kb(pid: &str, key: &str) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| anyhow::anyhow!("no {key} in /proc/{pid}/status"))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [base, pid, documents, mb] = args.as_slice() else {
        anyhow::bail!("usage: exportbench <base-url> <server-pid> <documents> <mb-per-document>");
    };
    let documents: usize = documents.parse()?;
    let size = mb.parse::<usize>()? * 1024 * 1024;
    let base = base.trim_end_matches('/');
    let client = reqwest::Client::builder().cookie_store(true).build()?;
    let landing = client
        .get(format!("{base}/auth/mitid/login?login_hint=sofie"))
        .send()
        .await?;
    anyhow::ensure!(
        landing.url().path().ends_with("/mit-overblik"),
        "login failed"
    );
    let session: serde_json::Value = client
        .get(format!("{base}/api/v1/session"))
        .send()
        .await?
        .json()
        .await?;
    let csrf = session["csrf_token"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let limitation: serde_json::Value = client
        .post(format!("{base}/api/v1/me/limitations"))
        .header("x-csrf-token", &csrf)
        .json(
            &serde_json::json!({ "category": "cognitive", "description": "Hukommelse",
            "work_impact": "", "meeting_impact": "", "professional": null }),
        )
        .send()
        .await?
        .json()
        .await?;
    let limitation = limitation["id"].as_str().unwrap_or_default().to_string();
    for i in 0..documents {
        let mut pdf = format!("%PDF-1.4\n% document {i}\n").into_bytes();
        pdf.resize(size, b' ');
        let status = client
            .post(format!(
                "{base}/api/v1/me/limitations/{limitation}/documents"
            ))
            .header("x-csrf-token", &csrf)
            .header("content-type", "application/pdf")
            .header("x-file-name", format!("bilag-{i}.pdf"))
            .body(pdf)
            .send()
            .await?
            .status();
        anyhow::ensure!(status.is_success(), "upload {i}: {status}");
    }
    // Forget the peak the uploads caused, so the figure is the export's alone.
    std::fs::write(format!("/proc/{pid}/clear_refs"), "5")?;
    let before_kb = status_kb(pid, "VmRSS:")?;

    let started = Instant::now();
    let mut response = client
        .get(format!("{base}/api/v1/me/export"))
        .send()
        .await?;
    anyhow::ensure!(
        response.status().is_success(),
        "export: {}",
        response.status()
    );
    let path = std::env::temp_dir().join(format!("sammen-export-{}.zip", std::process::id()));
    let mut file = std::fs::File::create(&path)?;
    let mut bytes = 0u64;
    while let Some(chunk) = response.chunk().await? {
        bytes += chunk.len() as u64;
        file.write_all(&chunk)?;
    }
    drop(file);
    let seconds = started.elapsed().as_secs_f64();
    let peak_kb = status_kb(pid, "VmHWM:")?;

    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path)?)?;
    anyhow::ensure!(
        zip.len() == documents + 1,
        "the zip holds {} files",
        zip.len()
    );
    let data: serde_json::Value = serde_json::from_reader(zip.by_name("mine-oplysninger.json")?)?;
    anyhow::ensure!(data["name"] == "Sofie Larsen", "the right citizen's data");
    for document in data["documents"].as_array().into_iter().flatten() {
        let name = document["file"].as_str().unwrap_or_default();
        let entry = zip.by_name(name)?;
        anyhow::ensure!(
            entry.size() as usize == size,
            "{name} has the uploaded size"
        );
    }
    let _ = std::fs::remove_file(&path);
    println!(
        "{{\"documents_mb\":{},\"zip_mb\":{:.1},\"seconds\":{seconds:.2},\"rss_before_mb\":{:.1},\"peak_mb\":{:.1}}}",
        documents * size / (1024 * 1024),
        bytes as f64 / 1_048_576.0,
        before_kb as f64 / 1024.0,
        peak_kb as f64 / 1024.0
    );
    Ok(())
}
