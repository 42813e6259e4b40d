//! A small load generator for `cargo xtask bench`: it sends requests to one URL for a fixed
//! time and prints requests per second and latency percentiles as one JSON line. Sessions come
//! from a file of `cookie-value<TAB>citizen name` lines:
//!
//! - `warm`: `concurrency` workers, worker `w` always uses session `w` (the same citizens again
//!   and again);
//! - `cold`: every request takes the next session of the file, so consecutive requests are
//!   different citizens;
//! - `mixed`: like `warm`, but every tenth request of a worker writes to its citizen's plan (a
//!   comment on a step, or "Det er vi enige om" to it, by turns): reads and writes are counted
//!   apart;
//! - `once`: like `cold`, but each session of the file exactly once and then stop, with no
//!   warm-up, the time `seconds` ignored: what a read costs the first time since a change (the
//!   benchmark runs it right after seeding, when no plan is kept ready yet);
//! - `open:<rate>`: like `cold`, but requests start at a fixed rate whether or not the earlier
//!   ones have been answered, and each latency counts from when its request was due. A closed
//!   loop waits for a slow answer before it sends the next request, and so hides the stall
//!   from the figures (coordinated omission); this does not.
//!
//! An answer counts only if it is 200 *and* the citizen's own (the plan carries
//! `"citizen_name":"<name>"`; a write answers with the step it changed); anything else is an
//! error. Errors are also counted apart as `refused` where the server answered 503 (full: its
//! load shedding refused the request before it changed anything) and `failed` where no answer
//! came (the connection failed), to tell overload from wrong answers.
//!
//! loadgen <url> <tokens-file|-> <cookie-name> <concurrency> <seconds> [warm|cold|once|mixed|open:<rate>]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;

mod mixed;
mod tally;

use tally::{Answer, Tally};

/// A session of the file: the cookie header and the text the citizen's plan must contain.
struct Session {
    cookie: Option<String>,
    expected: Option<String>,
}

const WARMUP: Duration = Duration::from_secs(2);

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (url, tokens, cookie, concurrency, seconds, mode) = match args.as_slice() {
        [u, t, c, n, s] => (u, t, c, n, s, "warm"),
        [u, t, c, n, s, m] => (u, t, c, n, s, m.as_str()),
        _ => anyhow::bail!(
            "usage: loadgen <url> <tokens-file|-> <cookie-name> <concurrency> <seconds> [warm|cold|once|mixed|open:<rate>]"
        ),
    };
    let sessions = Arc::new(read_sessions(tokens, cookie)?);
    let concurrency: usize = concurrency.parse()?;
    let load = Arc::new(Load {
        client: reqwest::Client::builder()
            .pool_max_idle_per_host(concurrency.max(256))
            .build()?,
        url: url.clone(),
        sessions,
        duration: Duration::from_secs(seconds.parse()?),
    });
    let json = match mode {
        "warm" | "cold" => load.closed(concurrency, mode == "cold").await?,
        "once" => load.once(concurrency).await?,
        "mixed" => load.mixed(concurrency).await?,
        open => {
            let rate: f64 = open
                .strip_prefix("open:")
                .ok_or_else(|| anyhow::anyhow!("unknown mode {open}"))?
                .parse()?;
            load.open(rate).await?
        }
    };
    println!("{json}");
    Ok(())
}

fn read_sessions(tokens: &str, cookie: &str) -> anyhow::Result<Vec<Session>> {
    if tokens == "-" {
        return Ok(vec![Session {
            cookie: None,
            expected: None,
        }]);
    }
    let sessions: Vec<Session> = std::fs::read_to_string(tokens)?
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (token, name) = l.split_once('\t').unwrap_or((l, ""));
            Session {
                cookie: Some(format!("{cookie}={token}")),
                expected: (!name.is_empty())
                    .then(|| format!("\"citizen_name\":{}", Value::from(name))),
            }
        })
        .collect();
    anyhow::ensure!(!sessions.is_empty(), "no sessions in {tokens}");
    Ok(sessions)
}

struct Load {
    client: reqwest::Client,
    url: String,
    sessions: Arc<Vec<Session>>,
    duration: Duration,
}

impl Load {
    /// GETs the URL as the session and checks that the answer is that citizen's.
    async fn read(&self, session: &Session) -> Answer {
        let mut request = self.client.get(&self.url);
        if let Some(cookie) = &session.cookie {
            request = request.header("cookie", cookie);
        }
        let Ok(response) = request.send().await else {
            return Answer::Failed;
        };
        match response.status().as_u16() {
            200 => {}
            503 => return Answer::Refused,
            _ => return Answer::Wrong,
        }
        let Ok(body) = response.bytes().await else {
            return Answer::Failed;
        };
        // A substring search that costs the shared cores little: a byte-by-byte one took a
        // fifth of the load generator's time per plan, time the server then did not get.
        let right = session
            .expected
            .as_ref()
            .is_none_or(|e| memchr::memmem::find(&body, e.as_bytes()).is_some());
        if right {
            Answer::Right(body)
        } else {
            Answer::Wrong
        }
    }

    async fn closed(self: Arc<Self>, concurrency: usize, cold: bool) -> anyhow::Result<String> {
        let next = Arc::new(AtomicUsize::new(0));
        let start = Instant::now();
        let workers = (0..concurrency).map(|w| {
            let (load, next) = (self.clone(), next.clone());
            tokio::spawn(async move {
                let mut tally = Tally::default();
                while start.elapsed() < WARMUP + load.duration {
                    let sent = Instant::now();
                    let i = if cold {
                        next.fetch_add(1, Ordering::Relaxed)
                    } else {
                        w
                    };
                    let answer = load.read(&load.sessions[i % load.sessions.len()]).await;
                    if sent.duration_since(start) >= WARMUP {
                        tally.count_answer(sent, &answer);
                    }
                }
                tally
            })
        });
        let mut all = Tally::default();
        for tally in workers.collect::<Vec<_>>() {
            all.add(tally.await?);
        }
        Ok(format!("{{{}}}", all.json("", self.duration)))
    }

    async fn once(self: Arc<Self>, concurrency: usize) -> anyhow::Result<String> {
        let next = Arc::new(AtomicUsize::new(0));
        let start = Instant::now();
        let workers = (0..concurrency).map(|_| {
            let (load, next) = (self.clone(), next.clone());
            tokio::spawn(async move {
                let mut tally = Tally::default();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(session) = load.sessions.get(i) else {
                        break;
                    };
                    let sent = Instant::now();
                    let answer = load.read(session).await;
                    tally.count_answer(sent, &answer);
                }
                tally
            })
        });
        let mut all = Tally::default();
        for tally in workers.collect::<Vec<_>>() {
            all.add(tally.await?);
        }
        Ok(format!("{{{}}}", all.json("", start.elapsed())))
    }

    async fn open(self: Arc<Self>, rate: f64) -> anyhow::Result<String> {
        let load = self;
        let interval = Duration::from_secs_f64(1.0 / rate);
        let start = Instant::now() + Duration::from_millis(100);
        let total = ((WARMUP + load.duration).as_secs_f64() * rate) as usize;
        let mut answers = Vec::with_capacity(total);
        for i in 0..total {
            let due = start + interval * i as u32;
            tokio::time::sleep_until(due.into()).await;
            let load = load.clone();
            answers.push(tokio::spawn(async move {
                let answer = load.read(&load.sessions[i % load.sessions.len()]).await;
                (due, answer, due.elapsed().as_micros() as u64)
            }));
        }
        let mut tally = Tally::default();
        for answer in answers {
            let (due, answer, micros) = answer.await?;
            if due.duration_since(start) < WARMUP {
                continue;
            }
            match answer {
                Answer::Right(_) => tally.latencies.push(micros),
                Answer::Refused => {
                    tally.errors += 1;
                    tally.refused += 1;
                }
                Answer::Failed => {
                    tally.errors += 1;
                    tally.failed += 1;
                }
                Answer::Wrong => tally.errors += 1,
            }
        }
        Ok(format!(
            "{{\"rate\":{rate:.0},{}}}",
            tally.json("", load.duration)
        ))
    }
}
