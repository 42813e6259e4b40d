//! `sammen bench-seed <citizens>`: fills a fresh database with many citizens for
//! `cargo xtask bench` — each with 10 plan steps, 5 competences, a caseworker — and opens
//! sessions for some of them, printing each cookie value with the citizen's name (so the load
//! generator can check that every answer is that citizen's plan). Refused in production mode.
//!
//! The rows are generated inside the database (a recursive CTE in SQLite, generate_series in
//! PostgreSQL), so 100,000 citizens take seconds, not minutes.

use anyhow::bail;

use crate::auth::session::{self, NewSession, Role};
use crate::db::{Db, Engine, Timestamp};
use crate::db_conn;

/// Returns one line per session: the cookie value, a tab, the citizen's name.
pub async fn seed(db: &Db, citizens: u32, sessions: u32) -> anyhow::Result<Vec<String>> {
    let existing: (i64,) = db_conn!(db.writer().await?.conn(), pool => sqlx::query_as("SELECT COUNT(*) FROM citizens").fetch_one(pool).await)?;
    if existing.0 > 0 {
        bail!("bench-seed needs an empty database");
    }
    let now = Timestamp::now();
    // Ids follow the row numbers, so every insert appends to the indexes instead of landing at
    // random places in them: seeding is fast and the data's layout is that of a long-lived
    // database (UUID v7 ids are time-ordered too).
    let (numbers, citizen_id, row_id) = match db.engine() {
        Engine::Sqlite => (
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1) SELECT i FROM n",
            "unhex(printf('%032x', i))",
            "unhex(printf('%016x%016x', i, j))",
        ),
        Engine::Postgres => (
            "SELECT generate_series(1, $1::bigint) AS i",
            "lpad(to_hex(i), 32, '0')::uuid",
            "(lpad(to_hex(i), 16, '0') || lpad(to_hex(j), 16, '0'))::uuid",
        ),
    };
    let steps = "SELECT i, j FROM numbers CROSS JOIN (SELECT 1 AS j UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL \
                 SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL \
                 SELECT 9 UNION ALL SELECT 10) AS s";
    let competences = "SELECT i, 100 + j AS j FROM numbers CROSS JOIN (SELECT 1 AS j UNION ALL SELECT 2 UNION ALL \
                       SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5) AS s";
    let with = |body: String| match db.engine() {
        Engine::Sqlite => format!(
            "WITH RECURSIVE numbers(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM numbers WHERE i < $1) {body}"
        ),
        Engine::Postgres => format!("WITH numbers AS ({numbers}) {body}"),
    };
    let statements = [
        "INSERT INTO caseworkers (id, employee_login, name, team, created_at, updated_at) \
         VALUES ($3, 'bench.caseworker', 'Bench Caseworker', 'Bench', $2, $2)"
            .to_string(),
        with(format!(
            "INSERT INTO citizens (id, cpr_hmac, name, language, created_at, updated_at) \
             SELECT {citizen_id}, 'bench-' || i, 'Borger ' || i, 'da', $2, $2 FROM numbers"
        )),
        with(format!(
            "INSERT INTO caseload (citizen_id, primary_caseworker_id, backup_caseworker_id, updated_at) \
             SELECT {citizen_id}, $3, NULL, $2 FROM numbers"
        )),
        with(format!(
            "INSERT INTO plans (citizen_id, own_goal, agreed_goal, target_group, updated_at) \
             SELECT {citizen_id}, 'Et fast job med gode kolleger', 'Lagermedarbejder', 'dagpenge', $2 FROM numbers"
        )),
        with(format!(
            "INSERT INTO plan_steps (id, citizen_id, title, description, step_type, starts_on, ends_on, responsible, \
             status, proposed_by, version, citizen_agreed_version, caseworker_agreed_version, agreed_wording, \
             helped_citizen, helped_caseworker, created_at, updated_at) \
             SELECT {row_id}, {citizen_id}, 'Trin ' || j, 'Et trin i planen, beskrevet i et par sætninger.', \
             'job_search', '2027-01-04', '2027-02-26', 'citizen', 'planned', 'caseworker', 1, 1, 1, NULL, NULL, NULL, \
             $2 + j, $2 + j FROM ({steps}) AS t"
        )),
        with(format!(
            "INSERT INTO competences (id, citizen_id, kind, data, created_at, updated_at) \
             SELECT {row_id}, {citizen_id}, 'skill', '{{\"kind\":\"skill\",\"name\":\"Færdighed ' || j || '\"}}', \
             $2 + j, $2 + j FROM ({competences}) AS t"
        )),
    ];
    let caseworker = uuid::Uuid::now_v7();
    let mut tx = db.begin().await?;
    for sql in &statements {
        crate::db_conn!(tx.conn(), c => sqlx::query(sql)
            .bind(i64::from(citizens))
            .bind(now)
            .bind(caseworker)
            .execute(&mut *c)
            .await
            .map(|_| ()))?;
    }
    tx.commit().await?;
    if db.engine() == Engine::Postgres {
        db_conn!(db.writer().await?.conn(), pool => sqlx::query("ANALYZE").execute(pool).await.map(|_| ()))?;
    }

    let ids: Vec<(uuid::Uuid, String)> = db_conn!(db.writer().await?.conn(), pool => sqlx::query_as(
        "SELECT id, name FROM citizens ORDER BY cpr_hmac LIMIT $1").bind(i64::from(sessions)).fetch_all(pool).await)?;
    let mut tokens = Vec::new();
    for (id, name) in ids {
        let token = session::create(
            db,
            crate::db::Timestamp::now(),
            NewSession {
                role: Role::Citizen,
                user_id: id,
                provider: "mitid",
                id_token: "bench",
                loa: Some("substantial"),
                absolute_timeout_seconds: 8 * 60 * 60,
            },
        )
        .await?;
        tokens.push(format!("{token}\t{name}"));
    }
    Ok(tokens)
}
