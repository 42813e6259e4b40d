//! Configuration: embedded defaults, then an optional TOML file (`SAMMEN_CONFIG` or `--config`),
//! then `SAMMEN_*` environment variables (nested keys with `__`, e.g.
//! `SAMMEN_SESSION__IDLE_TIMEOUT_SECONDS`). Secrets are `SecretString`s and never printed.
//!
//! One file, a little over 400 lines: every setting with its default and its documentation in
//! one place, so an operator reading it sees the whole configuration.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::auth::loa::Loa;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// `development` (the default) or `production`. Production refuses unsafe settings.
    pub mode: Mode,
    /// Address to listen on. Port 0 picks a free port (tests do this).
    pub listen: SocketAddr,
    /// The address people use to reach the portal; redirect URIs are built from it. Defaults
    /// to `http://<listen address>`.
    pub public_url: Option<Url>,
    /// `sqlite://path/to/file.db` (the default, under `./data/`) or `postgres://...`.
    #[serde(serialize_with = "ser_secret", deserialize_with = "de_secret")]
    pub database_url: SecretString,
    pub database_max_connections: u32,
    /// Requests an instance works on at once; more are answered at once with 503 and
    /// `Retry-After` instead of waiting in a queue (`http::shed`). Live event streams and
    /// `/healthz` are not counted.
    pub max_requests_in_flight: u32,
    /// The web client's built files (`cargo xtask web` writes them to `dist/`).
    pub web_dist: PathBuf,
    /// Where uploaded documentation files are kept (outside the database). Several instances
    /// must share it.
    pub files_dir: PathBuf,
    /// Key for the keyed hash under which CPR numbers are stored. Keep it secret and stable:
    /// changing it means no citizen can be matched to their MitID login until re-imported.
    #[serde(serialize_with = "ser_secret", deserialize_with = "de_secret")]
    pub cpr_key: SecretString,
    pub session: SessionSettings,
    pub citizen_login: OidcSettings,
    pub employee_login: OidcSettings,
    pub dev_idp: DevIdpSettings,
    /// `pretty` for people, `json` for log collectors.
    pub log_format: LogFormat,
    /// Serve `/metrics` on this address of its own (e.g. `127.0.0.1:9100`) instead of on
    /// `listen`. Production never serves metrics on the public address: without this setting
    /// it serves none.
    pub metrics_listen: Option<SocketAddr>,
    pub login: LoginSettings,
    pub uploads: UploadSettings,
    pub memory: MemorySettings,
    pub smtp: SmtpSettings,
    pub notify: NotifySettings,
    pub messages: MessageSettings,
    pub meetings: MeetingSettings,
    pub outbox: OutboxSettings,
}

/// Where emails go. Without `url`, development writes them as `.eml` files to `outbox.dir`;
/// production refuses to start without it.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpSettings {
    /// `smtp://host:port` (plain, or `?tls=required` for STARTTLS), `smtps://user:pass@host:465`.
    #[serde(serialize_with = "ser_opt_secret", deserialize_with = "de_opt_secret")]
    pub url: Option<SecretString>,
    /// The sender, e.g. `Sammen <ikke-svar@kommune.dk>`.
    pub from: String,
    /// Connections kept open to the SMTP server.
    pub pool_size: u32,
}

/// When notification emails are sent.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NotifySettings {
    /// A caseworker's message still unread after this long gets the citizen an email.
    pub unread_delay_seconds: u32,
    /// At most one email per conversation in this long.
    pub throttle_seconds: u32,
    /// Copenhagen time in which no email is sent (`"21:00-08:00"`; empty for none).
    pub quiet_hours: String,
    /// When caseworkers get their morning email about citizens waiting past the promise.
    pub caseworker_summary_at: String,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MessageSettings {
    /// Working days within which the jobcentre promises to answer a citizen's message.
    pub answer_within_working_days: u32,
}

/// Booking meetings.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingSettings {
    /// How many days ahead a citizen can book.
    pub horizon_days: u32,
    /// Hours before a meeting after which the citizen can no longer move or cancel it here.
    pub change_deadline_hours: u32,
    /// With nothing free at the primary caseworker within this many days, the backup is offered.
    pub backup_after_days: u32,
}

/// The worker that sends what the outbox holds.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OutboxSettings {
    /// How often the worker looks for due emails.
    pub poll_millis: u32,
    /// How long a claimed email is this instance's before another may try it.
    pub lease_seconds: u32,
    /// The longest wait between two tries of one email.
    pub max_backoff_seconds: u32,
    /// Development without SMTP: where `.eml` files are written.
    pub dir: PathBuf,
}

/// How much each instance remembers (see ADR 6); 0 remembers nothing, so every request reaches
/// the database (the cold benchmark uses that).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MemorySettings {
    /// Sessions an instance has checked.
    pub sessions: u32,
    /// Ready-made plan answers.
    pub plans: u32,
}

/// Limits on starting logins, which anyone can do without being logged in.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LoginSettings {
    /// Login starts allowed per client address and minute (a burst of as many is allowed).
    pub starts_per_minute: u32,
    /// At most this many started, unanswered logins are kept; beyond it new starts are refused
    /// until old ones expire.
    pub max_pending: u32,
}

/// Limits on what one citizen can store.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct UploadSettings {
    pub max_documents_per_citizen: u32,
    pub max_bytes_per_citizen: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Development,
    Production,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SessionSettings {
    /// A session ends after this long without activity (WCAG 2.2.1: the client warns first).
    pub idle_timeout_seconds: u32,
    /// How long before the idle timeout the client shows "Forbliv logget ind".
    pub idle_warning_seconds: u32,
    /// A session ends after this long, active or not.
    pub absolute_timeout_seconds: u32,
    /// How long a started login may take before its answer is refused.
    pub login_timeout_seconds: u32,
    /// A session is marked active at most this often, so reading pages is not a database write
    /// per request; the same write checks that the session still exists, so a session removed
    /// behind an instance's back stops working within this time. Idle time is exact to it.
    pub touch_interval_seconds: u32,
}

/// One OpenID Connect provider. Left empty with the dev simulator on, it points at the simulator.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OidcSettings {
    /// The issuer identifier exactly as the provider writes it: kept as a string and compared
    /// character for character (OpenID Connect Discovery §4.3), so `https://broker.example`
    /// does not become `https://broker.example/`.
    pub issuer: Option<String>,
    pub client_id: Option<String>,
    #[serde(serialize_with = "ser_opt_secret", deserialize_with = "de_opt_secret")]
    pub client_secret: Option<SecretString>,
    /// Space-separated scopes, `openid` included.
    pub scopes: String,
    /// The lowest level of assurance accepted; `None` accepts logins without a level.
    pub min_loa: Option<Loa>,
    /// The ID-token claim that names the person in the municipality's own records
    /// (employees: their login; citizens: the CPR claim).
    pub match_claim: String,
    /// Extra authorization parameters some brokers want (Signaturgruppen's `idp_values`).
    pub extra_params: Vec<(String, String)>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DevIdpSettings {
    /// Serve the MitID and employee login simulator at `/dev/mitid` and `/dev/medarbejder`.
    /// Refused in production mode.
    pub enabled: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            mode: Mode::Development,
            listen: "127.0.0.1:8080".parse().expect("valid default address"),
            public_url: None,
            database_url: SecretString::from("sqlite://data/sammen.db"),
            database_max_connections: 16,
            max_requests_in_flight: 256,
            web_dist: PathBuf::from("dist"),
            files_dir: PathBuf::from("data/files"),
            cpr_key: SecretString::from(DEV_CPR_KEY),
            session: SessionSettings {
                idle_timeout_seconds: 30 * 60,
                idle_warning_seconds: 2 * 60,
                absolute_timeout_seconds: 8 * 60 * 60,
                login_timeout_seconds: 10 * 60,
                touch_interval_seconds: shared::api::SESSION_TOUCH_SECONDS,
            },
            citizen_login: OidcSettings {
                issuer: None,
                client_id: None,
                client_secret: None,
                scopes: "openid mitid ssn".into(),
                min_loa: Some(Loa::Substantial),
                match_claim: "dk.cpr".into(),
                extra_params: vec![],
            },
            employee_login: OidcSettings {
                issuer: None,
                client_id: None,
                client_secret: None,
                scopes: "openid profile".into(),
                min_loa: None,
                match_claim: "preferred_username".into(),
                extra_params: vec![],
            },
            dev_idp: DevIdpSettings { enabled: false },
            log_format: LogFormat::Pretty,
            metrics_listen: None,
            login: LoginSettings {
                starts_per_minute: 20,
                max_pending: 10_000,
            },
            uploads: UploadSettings {
                max_documents_per_citizen: 50,
                max_bytes_per_citizen: 200 * 1024 * 1024,
            },
            memory: MemorySettings {
                sessions: 50_000,
                plans: 20_000,
            },
            smtp: SmtpSettings {
                url: None,
                from: "Sammen <ikke-svar@sammen.localhost>".into(),
                pool_size: 4,
            },
            notify: NotifySettings {
                unread_delay_seconds: 5 * 60,
                throttle_seconds: 30 * 60,
                quiet_hours: "21:00-08:00".into(),
                caseworker_summary_at: "08:00".into(),
            },
            messages: MessageSettings {
                answer_within_working_days: 2,
            },
            meetings: MeetingSettings {
                horizon_days: 28,
                change_deadline_hours: 24,
                backup_after_days: 10,
            },
            outbox: OutboxSettings {
                poll_millis: 1000,
                lease_seconds: 60,
                max_backoff_seconds: 300,
                dir: PathBuf::from("data/outbox"),
            },
        }
    }
}

/// Only good enough for development; production refuses to start with it.
const DEV_CPR_KEY: &str = "sammen-development-cpr-key-not-for-production";

impl Settings {
    /// Reads defaults, then the TOML file if given, then `SAMMEN_*` environment variables.
    pub fn load(file: Option<&Path>) -> anyhow::Result<Settings> {
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        if let Some(file) = file {
            if !file.exists() {
                bail!("configuration file {} does not exist", file.display());
            }
            figment = figment.merge(Toml::file(file));
        }
        // SAMMEN_CONFIG names the file, SAMMEN_LOG is the log filter, SAMMEN_TEST_* belong to
        // the test suite: none of them are settings.
        let env = Env::prefixed("SAMMEN_")
            .filter(|key| key != "config" && key != "log" && !key.as_str().starts_with("test_"))
            .split("__");
        figment = figment.merge(env);
        let settings: Settings = figment.extract().context("invalid configuration")?;
        settings.check()?;
        Ok(settings)
    }

    /// Refuses combinations that would be unsafe or cannot work.
    pub fn check(&self) -> anyhow::Result<()> {
        for (name, login) in [
            ("citizen_login", &self.citizen_login),
            ("employee_login", &self.employee_login),
        ] {
            if let Some(issuer) = &login.issuer
                && Url::parse(issuer).is_err()
            {
                bail!("{name}.issuer is not a URL: {issuer}");
            }
        }
        if self.max_requests_in_flight == 0 {
            bail!("max_requests_in_flight must be at least 1");
        }
        if self.login.starts_per_minute == 0 || self.login.max_pending == 0 {
            bail!("login.starts_per_minute and login.max_pending must be at least 1");
        }
        let s = &self.session;
        if s.touch_interval_seconds == 0 || s.touch_interval_seconds > 60 {
            bail!("session.touch_interval_seconds must be between 1 and 60");
        }
        if s.idle_warning_seconds >= s.idle_timeout_seconds {
            bail!("session.idle_warning_seconds must be shorter than session.idle_timeout_seconds");
        }
        crate::calendar::QuietHours::parse(&self.notify.quiet_hours)
            .map_err(|e| anyhow::anyhow!("notify.quiet_hours: {e}"))?;
        jiff::civil::Time::strptime("%H:%M", &self.notify.caseworker_summary_at)
            .context("notify.caseworker_summary_at must be a time like 08:00")?;
        if self.smtp.from.parse::<lettre::message::Mailbox>().is_err() {
            bail!("smtp.from is not an email address: {}", self.smtp.from);
        }
        if let Some(url) = &self.smtp.url
            && Url::parse(url.expose_secret()).is_err()
        {
            bail!("smtp.url is not a URL");
        }
        if self.smtp.pool_size == 0
            || self.outbox.poll_millis == 0
            || self.outbox.lease_seconds == 0
        {
            bail!("smtp.pool_size, outbox.poll_millis and outbox.lease_seconds must be at least 1");
        }
        if self.mode == Mode::Production {
            if self.dev_idp.enabled {
                bail!("the dev MitID simulator (dev_idp.enabled) must not run in production mode");
            }
            if self.cpr_key.expose_secret() == DEV_CPR_KEY
                || self.cpr_key.expose_secret().len() < 32
            {
                bail!("production mode needs its own cpr_key of at least 32 characters");
            }
            for (name, login) in [
                ("citizen_login", &self.citizen_login),
                ("employee_login", &self.employee_login),
            ] {
                if login.issuer.is_none()
                    || login.client_id.is_none()
                    || login.client_secret.is_none()
                {
                    bail!(
                        "production mode needs {name}.issuer, {name}.client_id and {name}.client_secret"
                    );
                }
            }
            if self
                .public_url
                .as_ref()
                .is_none_or(|u| u.scheme() != "https")
            {
                bail!("production mode needs an https public_url");
            }
            if self.smtp.url.is_none() {
                bail!(
                    "production mode needs smtp.url (SAMMEN_SMTP__URL): emails must reach people"
                );
            }
        }
        Ok(())
    }

    pub fn is_sqlite(&self) -> bool {
        self.database_url.expose_secret().starts_with("sqlite:")
    }
}

// Serialising only feeds the embedded defaults into figment, so it must carry the value;
// `Debug` (what logs use) prints secrets as `[REDACTED]`.
fn ser_secret<S: serde::Serializer>(v: &SecretString, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(v.expose_secret())
}

fn de_secret<'de, D: serde::Deserializer<'de>>(d: D) -> Result<SecretString, D::Error> {
    String::deserialize(d).map(SecretString::from)
}

fn ser_opt_secret<S: serde::Serializer>(v: &Option<SecretString>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.serialize_some(v.expose_secret()),
        None => s.serialize_none(),
    }
}

fn de_opt_secret<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<SecretString>, D::Error> {
    Option::<String>::deserialize(d).map(|v| v.map(SecretString::from))
}

#[cfg(test)]
mod tests;
