//! Fresh, migrated databases of either engine for the server's own unit tests: a SQLite file
//! in the temporary folder, or a database of its own on the PostgreSQL server the integration
//! tests use (`SAMMEN_TEST_POSTGRES_URL`, default postgres://postgres@127.0.0.1:5432/postgres).

use secrecy::SecretString;
use sqlx::Connection as _;

use super::{Db, Engine};

pub struct Fresh {
    pub db: Db,
    cleanup: Cleanup,
}

enum Cleanup {
    File(std::path::PathBuf),
    Postgres { admin: String, name: String },
}

impl Fresh {
    pub async fn new(engine: Engine) -> Fresh {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let (url, cleanup) = match engine {
            Engine::Sqlite => {
                let path = std::env::temp_dir().join(format!("sammen-unit-{id}.db"));
                (format!("sqlite://{}", path.display()), Cleanup::File(path))
            }
            Engine::Postgres => {
                let admin = std::env::var("SAMMEN_TEST_POSTGRES_URL")
                    .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
                let name = format!("sammen_unit_{id}");
                let mut conn = sqlx::PgConnection::connect(&admin)
                    .await
                    .unwrap_or_else(|e| panic!("PostgreSQL must run at {admin}: {e}"));
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut conn)
                    .await
                    .expect("a database for the test");
                let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
                (format!("{base}/{name}"), Cleanup::Postgres { admin, name })
            }
        };
        let db = Db::connect(&SecretString::from(url), 4)
            .await
            .expect("the test database opens");
        db.migrate().await.expect("migrations run");
        Fresh { db, cleanup }
    }

    pub async fn remove(self) {
        self.db.close().await;
        match self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::Postgres { admin, name } => {
                if let Ok(mut conn) = sqlx::PgConnection::connect(&admin).await {
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .execute(&mut conn)
                        .await;
                }
            }
        }
    }
}
