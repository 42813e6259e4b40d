//! What the database refuses when two requests race past every check a handler made (a unique
//! key taken meanwhile, a row removed meanwhile, a rule of a table) reaches the person as the
//! matching "try again" answer, never a 500, and changes nothing.

use reqwest::StatusCode;
use sammen::db::Db;
use sammen::error::AppError;
use tests::{Engine, TestApp, on_both_engines};
use uuid::Uuid;

on_both_engines!(constraint_violations_become_the_right_user_errors);

/// Runs one statement on the write side of either engine, binding the ids in order.
async fn run(db: &Db, sql: &str, ids: &[Uuid]) -> Result<u64, sqlx::Error> {
    match db {
        Db::Sqlite { write, .. } => {
            let mut q = sqlx::query(sql);
            for id in ids {
                q = q.bind(*id);
            }
            q.execute(write).await.map(|r| r.rows_affected())
        }
        Db::Postgres(pool) => {
            let mut q = sqlx::query(sql);
            for id in ids {
                q = q.bind(*id);
            }
            q.execute(pool).await.map(|r| r.rows_affected())
        }
    }
}

async fn constraint_violations_become_the_right_user_errors(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let row: (Uuid, Uuid) = sammen::db_conn!(app.db.reader().await.expect("a database connection").conn(), pool => sqlx::query_as(
        "SELECT citizen_id, primary_caseworker_id FROM caseload LIMIT 1").fetch_one(pool).await)
    .expect("the demo data has a caseload");
    let (citizen, caseworker) = row;
    let before = app.count("caseload").await;

    let taken = run(
        &app.db,
        "INSERT INTO caseload (citizen_id, primary_caseworker_id, updated_at) VALUES ($1, $2, 0)",
        &[citizen, caseworker],
    )
    .await
    .expect_err("a second caseload row for one citizen");
    assert_eq!(AppError::from(taken).status(), StatusCode::CONFLICT);

    let gone = run(
        &app.db,
        "INSERT INTO caseload (citizen_id, primary_caseworker_id, updated_at) VALUES ($1, $2, 0)",
        &[Uuid::now_v7(), caseworker],
    )
    .await
    .expect_err("a caseload row for a citizen who does not exist");
    assert_eq!(AppError::from(gone).status(), StatusCode::NOT_FOUND);

    let rule = run(
        &app.db,
        "UPDATE caseload SET backup_caseworker_id = primary_caseworker_id WHERE citizen_id = $1",
        &[citizen],
    )
    .await
    .expect_err("backup and primary caseworker the same person");
    assert_eq!(AppError::from(rule).status(), StatusCode::BAD_REQUEST);

    assert_eq!(app.count("caseload").await, before, "nothing changed");
    let backup_is_primary: (i64,) = sammen::db_conn!(app.db.reader().await.expect("a database connection").conn(), pool => sqlx::query_as(
        "SELECT COUNT(*) FROM caseload WHERE backup_caseworker_id = primary_caseworker_id")
        .fetch_one(pool).await)
    .unwrap();
    assert_eq!(backup_is_primary.0, 0);
    app.stop().await;
}
