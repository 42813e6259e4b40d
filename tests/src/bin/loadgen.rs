//! A small load generator for `cargo xtask bench`: `concurrency` workers send GET requests to
//! one URL for a fixed time, each with a session cookie from a file, and it prints requests per
//! second and latency percentiles as one JSON line. Only 200 answers count; others are errors.
//!
//! loadgen <url> <tokens-file|-> <cookie-name> <concurrency> <seconds>

use std::time::{Duration, Instant};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [url, tokens, cookie, concurrency, seconds] = args.as_slice() else {
        anyhow::bail!("usage: loadgen <url> <tokens-file|-> <cookie-name> <concurrency> <seconds>");
    };
    let tokens: Vec<String> = if tokens == "-" {
        vec![String::new()]
    } else {
        std::fs::read_to_string(tokens)?
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    };
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
        let cookie = if tokens[0].is_empty() {
            None
        } else {
            Some(format!("{cookie}={}", tokens[w % tokens.len()]))
        };
        workers.push(tokio::spawn(async move {
            let mut latencies = Vec::with_capacity(4096);
            let mut errors = 0u64;
            loop {
                let sent = Instant::now();
                if sent.duration_since(start) >= warmup + duration {
                    break;
                }
                let mut request = client.get(&url);
                if let Some(cookie) = &cookie {
                    request = request.header("cookie", cookie);
                }
                let ok = match request.send().await {
                    Ok(response) => response.status() == 200 && response.bytes().await.is_ok(),
                    Err(_) => false,
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
