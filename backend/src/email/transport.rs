//! How emails leave: lettre over SMTP with pooled connections, or, in development without
//! SMTP, `.eml` files in `outbox.dir` that `/dev/outbox` lists.

use std::path::PathBuf;
use std::time::Duration;

use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;

use crate::config::Settings;

#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(PathBuf),
}

/// Why a try failed: whether to try again, and a short description without personal data
/// (an SMTP server's reply may quote the address, so only its code is kept).
pub struct Failure {
    pub permanent: bool,
    pub description: String,
}

impl Transport {
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Transport> {
        match &settings.smtp.url {
            Some(url) => {
                let smtp = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())
                    .map_err(|e| anyhow::anyhow!("smtp.url cannot be used: {e}"))?
                    .timeout(Some(Duration::from_secs(20)))
                    .pool_config(PoolConfig::new().max_size(settings.smtp.pool_size))
                    .build();
                Ok(Transport::Smtp(smtp))
            }
            None => {
                std::fs::create_dir_all(&settings.outbox.dir).map_err(|e| {
                    anyhow::anyhow!("cannot create {}: {e}", settings.outbox.dir.display())
                })?;
                Ok(Transport::Files(settings.outbox.dir.clone()))
            }
        }
    }

    pub async fn send(&self, email: Message) -> Result<(), Failure> {
        match self {
            Transport::Smtp(smtp) => smtp.send(email).await.map(|_| ()).map_err(|e| {
                let code = e.status().map(|c| c.to_string());
                Failure {
                    permanent: e.is_permanent(),
                    description: match (code, e.is_timeout()) {
                        (Some(code), _) => format!("SMTP server answered {code}"),
                        (None, true) => "SMTP server did not answer in time".into(),
                        (None, false) => "SMTP server could not be reached".into(),
                    },
                }
            }),
            Transport::Files(dir) => AsyncFileTransport::<Tokio1Executor>::new(dir)
                .send(email)
                .await
                .map(|_| ())
                .map_err(|e| Failure {
                    permanent: false,
                    description: format!("could not write the email file: {e}"),
                }),
        }
    }
}
