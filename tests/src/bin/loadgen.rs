//! A small load generator for `cargo xtask bench`: `concurrency` workers send GET requests to
//! one URL for a fixed time and it prints requests per second and latency percentiles as one
//! JSON line. Sessions come from a file of `cookie-value<TAB>citizen name` lines:
//!
//! - `warm`: worker `w` always uses session `w` (the same citizens again and again);
//! - `cold`: every request takes the next session of the file, so consecutive requests are
//!   different citizens.
//!
//! An answer counts only if it is 200 *and* the citizen's own plan (`"citizen_name":"<name>"`);
//! anything else is an error.
//!
//! loadgen <url> <tokens-file|-> <cookie-name> <concurrency> <seconds> [warm|cold]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (url, tokens, cookie, concurrency, seconds, mode) = match args.as_slice() {
        [u, t, c, n, s] => (u, t, c, n, s, "warm"),
        [u, t, c, n, s, m] => (u, t, c, n, s, m.as_str()),
        _ => anyhow::bail!(
            "usage: loadgen <url> <tokens-file|-> <cookie-name> <concurrency> <seconds> [warm|cold]"
        ),
    };
    let cold = mode == "cold";
    // (cookie header, the name the answer must carry)
    let sessions: Vec<(Option<String>, Option<String>)> = if tokens == "-" {
        vec![(None, None)]
    } else {
        std::fs::read_to_string(tokens)?
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| {
                let (token, name) = l.split_once('\t').unwrap_or((l, ""));
                let expected = (!name.is_empty())
                    .then(|| format!("\"citizen_name\":{}", serde_json::Value::from(name)));
                (Some(format!("{cookie}={token}")), expected)
            })
            .collect()
    };
    anyhow::ensure!(!sessions.is_empty(), "no sessions in {tokens}");
    let sessions = Arc::new(sessions);
    let next = Arc::new(AtomicUsize::new(0));
    let concurrency: usize = concurrency.parse()?;
    let duration = Duration::from_secs(seconds.parse()?);
    let warmup = Duration::from_secs(2);
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .build()?;

    let start = Instant::now();
    let mut workers = Vec::new();
    for w in 0..concurrency {
        let client = client.clone();
        let url = url.clone();
        let sessions = sessions.clone();
        let next = next.clone();
        workers.push(tokio::spawn(async move {
            let mut latencies = Vec::with_capacity(4096);
            let mut errors = 0u64;
            loop {
                let sent = Instant::now();
                if sent.duration_since(start) >= warmup + duration {
                    break;
                }
                let i = if cold {
                    next.fetch_add(1, Ordering::Relaxed)
                } else {
                    w
                };
                let (cookie, expected) = &sessions[i % sessions.len()];
                let mut request = client.get(&url);
                if let Some(cookie) = cookie {
                    request = request.header("cookie", cookie);
                }
                let ok = match request.send().await {
                    Ok(response) if response.status() == 200 => match response.bytes().await {
                        Ok(body) => expected
                            .as_ref()
                            .is_none_or(|e| body.windows(e.len()).any(|win| win == e.as_bytes())),
                        Err(_) => false,
                    },
                    _ => false,
                };
                if sent.duration_since(start) < warmup {
                    continue;
                }
                if ok {
                    latencies.push(sent.elapsed().as_micros() as u64);
                } else {
                    errors += 1;
                }
            }
            (latencies, errors)
        }));
    }
    let mut all = Vec::new();
    let mut errors = 0;
    for worker in workers {
        let (latencies, e) = worker.await?;
        all.extend(latencies);
        errors += e;
    }
    all.sort_unstable();
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0) as f64
            / 1000.0
    };
    println!(
        "{{\"requests\":{},\"rps\":{:.1},\"p50_ms\":{:.2},\"p99_ms\":{:.2},\"errors\":{}}}",
        all.len(),
        all.len() as f64 / duration.as_secs_f64(),
        pct(0.50),
        pct(0.99),
        errors
    );
    Ok(())
}
