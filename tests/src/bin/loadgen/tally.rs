//! What the load generator counts: the latencies of right answers, and the ones that were not.

use std::time::{Duration, Instant};

use axum::body::Bytes;

/// Latencies in microseconds of the answers that were right, and how many were not; of
/// those, how many the server refused as too busy (503, its load shedding: it changed nothing
/// and says to try again), which is by design, not a wrong answer.
#[derive(Default)]
pub struct Tally {
    pub latencies: Vec<u64>,
    pub errors: u64,
    pub refused: u64,
    /// Of the errors, the requests that got no answer at all (the connection failed).
    pub failed: u64,
}

/// What a read got.
pub enum Answer {
    Right(Bytes),
    /// 503: the server is full.
    Refused,
    /// No answer: the connection could not be made or broke.
    Failed,
    Wrong,
}

impl Tally {
    pub fn count_answer(&mut self, since: Instant, answer: &Answer) {
        match answer {
            Answer::Refused => self.refused += 1,
            Answer::Failed => self.failed += 1,
            _ => {}
        }
        self.count(since, matches!(answer, Answer::Right(_)));
    }

    pub fn count(&mut self, since: Instant, ok: bool) {
        if ok {
            self.latencies.push(since.elapsed().as_micros() as u64);
        } else {
            self.errors += 1;
        }
    }

    pub fn add(&mut self, other: Tally) {
        self.latencies.extend(other.latencies);
        self.errors += other.errors;
        self.refused += other.refused;
        self.failed += other.failed;
    }

    /// `"<prefix>requests":…,"<prefix>rps":…,"<prefix>p50_ms":…,"<prefix>p99_ms":…`
    pub fn json(mut self, prefix: &str, duration: Duration) -> String {
        self.latencies.sort_unstable();
        let all = &self.latencies;
        let pct = |p: f64| {
            all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
                .copied()
                .unwrap_or(0) as f64
                / 1000.0
        };
        format!(
            "\"{prefix}requests\":{},\"{prefix}rps\":{:.1},\"{prefix}p50_ms\":{:.2},\"{prefix}p99_ms\":{:.2},\"{prefix}errors\":{},\"{prefix}refused\":{},\"{prefix}failed\":{}",
            all.len(),
            all.len() as f64 / duration.as_secs_f64(),
            pct(0.50),
            pct(0.99),
            self.errors,
            self.refused,
            self.failed
        )
    }
}
