//! What the database refuses when two requests race past every check a handler made (a unique
//! key taken meanwhile, a row removed meanwhile, a rule of a table) reaches the person as the
//! matching "try again" answer, never a 500, and changes nothing; fifty bookings of one
//! meeting time at once leave exactly one meeting.

use crate::meetings::{book, first_time, free, offer_mornings};
use reqwest::StatusCode;
use sammen::db::Db;
use sammen::error::AppError;
use shared::auth::LoginKind;
use tests::{Browser, Engine, TestApp, caseworker_and_citizen, on_both_engines};
use uuid::Uuid;

on_both_engines!(
    constraint_violations_become_the_right_user_errors,
    fifty_bookings_of_one_time_at_once_leave_exactly_one_meeting,
);

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
        Db::Postgres { pool, .. } => {
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

async fn fifty_bookings_of_one_time_at_once_leave_exactly_one_meeting(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    // On PostgreSQL half of them go to a second instance on the same database.
    let beside = match engine {
        Engine::Postgres => Some(app.spawn_beside().await),
        Engine::Sqlite => None,
    };
    let (mette, freja, freja_id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    let mut henrik = app.browser();
    henrik.login(LoginKind::Citizen, "henrik").await;
    offer_mornings(&mette).await;
    let at = first_time(&free(&freja, "?length=30").await);

    let mut racers: Vec<(Browser, String)> = vec![
        (freja, "/api/v1/me/meetings".to_string()),
        (henrik, "/api/v1/me/meetings".to_string()),
        (mette, format!("/api/v1/citizens/{freja_id}/meetings")),
    ];
    if let Some(second) = &beside {
        let mut karim_cw = second.browser();
        karim_cw.login(LoginKind::Employee, "mette.hansen").await;
        let mut freja2 = second.browser();
        freja2.login(LoginKind::Citizen, "freja").await;
        racers.push((karim_cw, format!("/api/v1/citizens/{freja_id}/meetings")));
        racers.push((freja2, "/api/v1/me/meetings".to_string()));
    }
    let racers = std::sync::Arc::new(racers);
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..50 {
        let racers = racers.clone();
        tasks.spawn(async move {
            let (who, path) = &racers[i % racers.len()];
            book(who, path, at, 30, "in_person").await
        });
    }
    let mut created = 0;
    let mut taken = 0;
    while let Some(done) = tasks.join_next().await {
        let (status, body) = done.unwrap();
        match status {
            StatusCode::CREATED => created += 1,
            StatusCode::CONFLICT => {
                assert_eq!(body["error"]["current"]["kind"], "slot_taken", "{body}");
                taken += 1;
            }
            other => panic!("{other}: {body}"),
        }
    }
    assert_eq!((created, taken), (1, 49));
    assert_eq!(app.count("meetings").await, 1);
    // 30 minutes and a 15-minute buffer: three quarter hours held, once.
    assert_eq!(app.count("meeting_blocks").await, 3);
    if let Some(second) = beside {
        second.stop().await;
    }
}
