//! What the benchmark binaries share: a load loop that checks every answer, percentiles, and a
//! fresh database per run.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use uuid::Uuid;

/// Seconds each load measures, after one second of warm-up.
pub const SECONDS: u64 = 8;

pub struct Load {
    pub rps: f64,
    pub p50: f64,
    pub p99: f64,
    pub errors: u64,
}

pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// `workers` loops for `SECONDS` (after one second of warm-up); `request(worker)` answers
/// whether the answer was the right one.
pub async fn load<F, Fut>(workers: usize, request: F) -> Load
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let request = Arc::new(request);
    let errors = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let warmup = Duration::from_secs(1);
    let end = warmup + Duration::from_secs(SECONDS);
    let mut tasks = Vec::new();
    for w in 0..workers {
        let (request, errors) = (request.clone(), errors.clone());
        tasks.push(tokio::spawn(async move {
            let mut times = Vec::new();
            while start.elapsed() < end {
                let sent = Instant::now();
                let ok = request(w).await;
                if start.elapsed() > warmup {
                    if ok {
                        times.push(sent.elapsed().as_secs_f64() * 1000.0);
                    } else {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
            times
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap_or_default());
    }
    all.sort_by(|a, b| a.total_cmp(b));
    Load {
        rps: all.len() as f64 / SECONDS as f64,
        p50: percentile(&all, 0.5),
        p99: percentile(&all, 0.99),
        errors: errors.load(Ordering::Relaxed),
    }
}

pub async fn database(engine: &str, bench: &str) -> anyhow::Result<String> {
    match engine {
        "sqlite" => {
            let dir =
                std::env::temp_dir().join(format!("sammen-{bench}-{}", Uuid::new_v4().simple()));
            std::fs::create_dir_all(&dir)?;
            Ok(format!("sqlite://{}", dir.join("sammen.db").display()))
        }
        _ => {
            let name = format!("sammen_{bench}_{}", Uuid::new_v4().simple());
            let admin = crate::postgres_admin_url();
            let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&admin).await?;
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await?;
            let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
            Ok(format!("{base}/{name}"))
        }
    }
}
