//! `mixed`: 64 citizens reading their plans, every tenth request a write to it (a comment, or
//! "Det er vi enige om" to a step's current version, by turns); reads and writes counted apart.

use std::sync::Arc;
use std::time::Instant;

use serde_json::Value;

use super::tally::{Answer, Tally};
use super::{Load, Session, WARMUP};

impl Load {
    pub(super) async fn mixed(self: Arc<Self>, concurrency: usize) -> anyhow::Result<String> {
        let api = self
            .url
            .strip_suffix("/me/plan")
            .ok_or_else(|| anyhow::anyhow!("a mixed load reads /api/v1/me/plan"))?
            .to_string();
        let start = Instant::now();
        let workers = (0..concurrency).map(|w| {
            let (load, api) = (self.clone(), api.clone());
            tokio::spawn(async move {
                let api = api.as_str();
                let session = &load.sessions[w % load.sessions.len()];
                let csrf = load.csrf_token(api, session).await;
                let (mut reads, mut writes) = (Tally::default(), Tally::default());
                let mut steps: Vec<(String, i64)> = Vec::new();
                let mut n = 0usize;
                while start.elapsed() < WARMUP + load.duration {
                    n += 1;
                    let sent = Instant::now();
                    let counted = sent.duration_since(start) >= WARMUP;
                    if n.is_multiple_of(10) && !steps.is_empty() {
                        let (step, version) = &steps[(n / 10) % steps.len()];
                        let ok = load
                            .write(
                                api,
                                session,
                                csrf.as_deref(),
                                step,
                                *version,
                                n.is_multiple_of(20),
                            )
                            .await;
                        if counted {
                            writes.count(sent, ok);
                        }
                        continue;
                    }
                    let answer = load.read(session).await;
                    if let Answer::Right(plan) = &answer {
                        steps = step_versions(plan);
                    }
                    if counted {
                        reads.count_answer(sent, &answer);
                    }
                }
                (reads, writes)
            })
        });
        let (mut reads, mut writes) = (Tally::default(), Tally::default());
        for worker in workers.collect::<Vec<_>>() {
            let (r, w) = worker.await?;
            reads.add(r);
            writes.add(w);
        }
        Ok(format!(
            "{{{},{}}}",
            reads.json("read_", self.duration),
            writes.json("write_", self.duration)
        ))
    }

    async fn csrf_token(&self, api: &str, session: &Session) -> Option<String> {
        let response = self
            .client
            .get(format!("{api}/session"))
            .header("cookie", session.cookie.as_deref()?)
            .send()
            .await
            .ok()?;
        let session: Value = response.json().await.ok()?;
        session["csrf_token"].as_str().map(str::to_string)
    }

    /// A comment on the step, or agreeing to its current version; right when the answer is
    /// that step.
    async fn write(
        &self,
        api: &str,
        session: &Session,
        csrf: Option<&str>,
        step: &str,
        version: i64,
        agree: bool,
    ) -> bool {
        let (Some(cookie), Some(csrf)) = (&session.cookie, csrf) else {
            return false;
        };
        let request = if agree {
            self.client
                .post(format!("{api}/me/plan/steps/{step}/agree"))
                .json(&serde_json::json!({ "version": version }))
        } else {
            self.client
                .post(format!("{api}/me/plan/steps/{step}/comments"))
                .json(&serde_json::json!({ "body": "Jeg har ringet til dem i dag." }))
        };
        let Ok(response) = request
            .header("cookie", cookie)
            .header("x-csrf-token", csrf)
            .send()
            .await
        else {
            return false;
        };
        if response.status() != 200 {
            return false;
        }
        response
            .json::<Value>()
            .await
            .is_ok_and(|changed| changed["id"].as_str() == Some(step))
    }
}

/// The plan's steps and their versions; parsing costs the loader, not the server.
fn step_versions(plan: &[u8]) -> Vec<(String, i64)> {
    let plan: Value = serde_json::from_slice(plan).unwrap_or(Value::Null);
    plan["steps"]
        .as_array()
        .map(|steps| {
            steps
                .iter()
                .filter_map(|s| Some((s["id"].as_str()?.to_string(), s["version"].as_i64()?)))
                .collect()
        })
        .unwrap_or_default()
}
