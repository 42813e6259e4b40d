//! `sammen`: the server and its maintenance commands.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};
use sammen::config::Settings;
use sammen::db::Db;
use sammen::people::import::{ImportError, import_csv};
use sammen::{Application, dev_idp};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "sammen",
    version,
    about = "Sammen – the jobcentre's self-service portal"
)]
struct Cli {
    /// A TOML configuration file (environment variables SAMMEN_* override it).
    #[arg(long, env = "SAMMEN_CONFIG", global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the portal (the default).
    Serve,
    /// Import citizens, caseworkers and caseload from a CSV file (all rows or none).
    Import { file: PathBuf },
    /// Replace one of the municipality's lists from a CSV file (code,label_da,label_en):
    /// target_group, step_type or option. Entries not in the file stop being offered.
    Catalogue { name: String, file: PathBuf },
    /// Import the built-in demo people (the same file the simulator's test identities come from).
    SeedDemo {
        /// Also give them example plans and profiles (only where theirs are still empty).
        #[arg(long)]
        examples: bool,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Operators' session commands.
    Sessions {
        #[command(subcommand)]
        command: SessionsCommand,
    },
    /// For `cargo xtask bench` only: fill an empty database with many citizens and print
    /// session cookies for some of them. Refused in production mode.
    #[command(hide = true)]
    BenchSeed {
        citizens: u32,
        /// How many of them get a session.
        #[arg(long, default_value_t = 64)]
        sessions: u32,
        /// Where to write the session cookie values, one per line.
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum SessionsCommand {
    /// End sessions now, on every instance (announced to instances sharing a PostgreSQL
    /// database at once; an instance on SQLite notices within 30 seconds).
    #[command(group(clap::ArgGroup::new("whose").required(true).multiple(false)))]
    End {
        /// Every session of everyone.
        #[arg(long, group = "whose")]
        all: bool,
        /// Every session of one citizen, by their id in Sammen (never a CPR number).
        #[arg(long, group = "whose", value_name = "ID")]
        citizen: Option<uuid::Uuid>,
        /// Every session of one caseworker, by their employee login.
        #[arg(long, group = "whose", value_name = "LOGIN")]
        employee: Option<String>,
    },
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match run().await {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run() -> anyhow::Result<std::process::ExitCode> {
    let cli = Cli::parse();
    let settings = Settings::load(cli.config.as_deref())?;
    sammen::http::telemetry::init_logging(settings.log_format);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let app = Application::build(settings).await?;
            app.run_until_stopped(shutdown_signal()).await?;
        }
        Command::Import { file } => {
            let input = std::fs::File::open(&file)
                .with_context(|| format!("cannot open {}", file.display()))?;
            return import(&settings, input).await;
        }
        Command::Catalogue { name, file } => {
            let catalogue = shared::api::Catalogue::from_code(&name).with_context(|| {
                format!("unknown list {name}: use target_group, step_type or option")
            })?;
            let input = std::fs::File::open(&file)
                .with_context(|| format!("cannot open {}", file.display()))?;
            let db = Db::connect(&settings.database_url, 2).await?;
            db.migrate().await?;
            let n = sammen::catalogue::import(&db, catalogue, input).await?;
            db.close().await;
            println!("{name}: {n} entries offered");
        }
        Command::SeedDemo { examples } => {
            let code = import(&settings, dev_idp::DEMO_PEOPLE_CSV.as_bytes()).await?;
            if examples && code == std::process::ExitCode::SUCCESS {
                let db = Db::connect(&settings.database_url, 2).await?;
                let n = sammen::demo::seed_examples(&db, &settings.cpr_key).await?;
                db.close().await;
                println!("example plans and profiles: {n} citizens");
            }
            return Ok(code);
        }
        Command::BenchSeed {
            citizens,
            sessions,
            out,
        } => {
            if settings.mode == sammen::config::Mode::Production {
                anyhow::bail!("bench-seed is refused in production mode");
            }
            let db = Db::connect(&settings.database_url, 2).await?;
            db.migrate().await?;
            let tokens = sammen::bench_seed::seed(&db, citizens, sessions).await?;
            std::fs::write(&out, tokens.join("\n"))?;
            db.close().await;
        }
        Command::Sessions {
            command:
                SessionsCommand::End {
                    all,
                    citizen,
                    employee,
                },
        } => {
            use sammen::auth::session::{Whose, end_all_of};
            let whose = match (all, citizen, employee) {
                (true, _, _) => Whose::All,
                (_, Some(id), _) => Whose::Citizen(id),
                (_, _, Some(login)) => Whose::Employee(login),
                _ => {
                    anyhow::bail!("say whose sessions: --all, --citizen <id> or --employee <login>")
                }
            };
            let db = Db::connect(&settings.database_url, 2).await?;
            db.migrate().await?;
            let bus = sammen::cache_bus::Bus::new(&db);
            let n = end_all_of(&db, &bus, &whose).await?;
            db.close().await;
            println!("sessions ended: {n}");
        }
        Command::Migrate => {
            let db = Db::connect(&settings.database_url, 2).await?;
            db.migrate().await?;
            println!("migrations applied");
        }
    }
    Ok(std::process::ExitCode::SUCCESS)
}

async fn import(
    settings: &Settings,
    input: impl std::io::Read,
) -> anyhow::Result<std::process::ExitCode> {
    let db = Db::connect(&settings.database_url, 2).await?;
    db.migrate().await?;
    let result = import_csv(&db, input, &settings.cpr_key).await;
    db.close().await;
    match result {
        Ok(report) => {
            println!("imported: {report}");
            Ok(std::process::ExitCode::SUCCESS)
        }
        Err(ImportError::Rows(errors)) => {
            for error in &errors {
                eprintln!("{error}");
            }
            eprintln!("{} problem(s); nothing was imported", errors.len());
            Ok(std::process::ExitCode::from(2))
        }
        Err(ImportError::Database(err)) => Err(err.into()),
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}
