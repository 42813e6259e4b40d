//! How the benchmark's server reaches PostgreSQL. On one machine, the way to reach it is its
//! Unix socket: no TCP, no TLS. Across a network it is TCP, with TLS where the server offers
//! it (sqlx's default, `sslmode=prefer`, takes TLS if offered). The cold reads are measured
//! both ways, since TLS costs both the server and PostgreSQL CPU on the cores they share here.

use std::path::Path;
use std::process::Command;

/// The routes to one benchmark database.
pub struct Routes {
    /// Through the socket, where there is one.
    pub socket: Option<String>,
    /// Over TCP, as given.
    pub tcp: String,
    /// Whether a TCP connection negotiates TLS.
    pub tls: bool,
}

impl Routes {
    /// `tcp` is `postgres://user@host:port/database`.
    pub fn of(tcp: String) -> Routes {
        let dir = std::env::var("SAMMEN_BENCH_POSTGRES_SOCKET")
            .unwrap_or_else(|_| "/var/run/postgresql".into());
        let port = tcp
            .rsplit_once('/')
            .and_then(|(before, _)| before.rsplit_once(':'))
            .and_then(|(_, port)| port.parse::<u16>().ok())
            .unwrap_or(5432);
        let socket = Path::new(&dir)
            .join(format!(".s.PGSQL.{port}"))
            .exists()
            .then(|| {
                let (before, database) = tcp.rsplit_once('/').unwrap_or((&tcp, ""));
                let user = before
                    .trim_start_matches("postgres://")
                    .trim_start_matches("postgresql://")
                    .split_once('@')
                    .map_or("postgres", |(user, _)| user);
                format!("postgres://{user}@localhost/{database}?host={dir}&port={port}")
            });
        let tls = Command::new("psql")
            .args([
                tcp.as_str(),
                "-Atc",
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            ])
            .output()
            .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "t");
        Routes { socket, tcp, tls }
    }

    /// The route the server takes first: the socket where there is one.
    pub fn first(&self) -> &str {
        self.socket.as_deref().unwrap_or(&self.tcp)
    }

    /// The other route, if there are two.
    pub fn over_tcp(&self) -> Option<&str> {
        self.socket.as_ref().map(|_| self.tcp.as_str())
    }

    pub fn describe(&self) -> String {
        let tcp = if self.tls {
            "TCP with TLS"
        } else {
            "TCP without TLS"
        };
        match &self.socket {
            Some(_) => format!(
                "postgres: through PostgreSQL's Unix socket (the same machine); pg-tcp: {tcp} to the same server, as across a network"
            ),
            None => format!("postgres: {tcp} (no Unix socket found)"),
        }
    }
}
