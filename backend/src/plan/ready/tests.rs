//! The ready copy on both engines: it is what a read serves, every kind of change to what a
//! plan shows makes it stale in the same transaction, and a copy built before a change is never
//! kept.

use serde_json::Value;
use uuid::Uuid;

use super::{Source, keep, own_json};
use crate::db::testing::Fresh;
use crate::db::{Db, Engine};
use crate::db_conn;

/// The citizen's ($1) first step.
const FIRST_STEP: &str =
    "(SELECT id FROM plan_steps WHERE citizen_id = $1 ORDER BY created_at LIMIT 1)";

/// `bench-seed`'s citizens are numbered; their ids are their numbers.
fn citizen(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

async fn run(db: &Db, sql: &str, id: Uuid) {
    db_conn!(db.writer().await.unwrap().conn(), c => sqlx::query(sql).bind(id).execute(c).await.map(|_| ()))
        .unwrap();
}

async fn row(db: &Db, id: Uuid) -> Option<(i64, Option<String>)> {
    db_conn!(db.writer().await.unwrap().conn(), c => sqlx::query_as(
        "SELECT version, json FROM ready_plans WHERE citizen_id = $1")
        .bind(id)
        .fetch_optional(c)
        .await)
    .unwrap()
}

async fn read(db: &Db, id: Uuid) -> (Value, Source) {
    let (json, source) = own_json(db, id).await.unwrap().expect("the citizen exists");
    (serde_json::from_slice(&json).unwrap(), source)
}

async fn the_ready_copy_is_served_and_never_older_than_the_plan(engine: Engine) {
    let fresh = Fresh::new(engine).await;
    let db = &fresh.db;
    crate::bench_seed::seed(db, 2, 0).await.unwrap();
    let (one, two) = (citizen(1), citizen(2));
    let (caseworker,): (Uuid,) = db_conn!(db.writer().await.unwrap().conn(), c =>
        sqlx::query_as("SELECT id FROM caseworkers").fetch_one(c).await)
    .unwrap();

    // Seeding wrote plans, so each has a row saying its copy is stale.
    assert!(matches!(row(db, one).await, Some((v, None)) if v > 0));
    let (plan, source) = read(db, one).await;
    assert_eq!(source, Source::Built);
    assert_eq!(plan["citizen_name"], "Borger 1");
    assert_eq!(plan["steps"].as_array().unwrap().len(), 10);
    let (version, kept) = row(db, one).await.unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(kept.as_deref().unwrap()).unwrap(),
        plan,
        "the copy kept is the answer given"
    );

    // The next read is the copy, whatever it holds.
    db_conn!(db.writer().await.unwrap().conn(), c => sqlx::query(
        "UPDATE ready_plans SET json = '{\"the\":\"copy\"}' WHERE citizen_id = $1")
        .bind(one).execute(c).await.map(|_| ()))
    .unwrap();
    assert_eq!(
        read(db, one).await,
        (serde_json::json!({"the": "copy"}), Source::Ready)
    );

    // A step changed behind the API's back: the copy is stale at once, the other plan's not.
    let (two_before, _) = {
        read(db, two).await;
        row(db, two).await.unwrap()
    };
    run(
        db,
        &format!("UPDATE plan_steps SET title = 'Nyt trin' WHERE id = {FIRST_STEP}"),
        one,
    )
    .await;
    let (after, copy) = row(db, one).await.unwrap();
    assert!(
        after > version && copy.is_none(),
        "a change makes the copy stale"
    );
    assert_eq!(
        row(db, two).await.unwrap().0,
        two_before,
        "and only its own"
    );
    let (plan, source) = read(db, one).await;
    assert_eq!(source, Source::Built);
    assert_eq!(plan["steps"][0]["wording"]["title"], "Nyt trin");

    // A reader that built the plan before a change and keeps it after: nothing is kept.
    let built = crate::plan::store::load_own(db, one)
        .await
        .unwrap()
        .unwrap();
    run(
        db,
        "UPDATE plans SET own_goal = 'Et nyt mål' WHERE citizen_id = $1",
        one,
    )
    .await;
    let old = serde_json::to_string(&built.plan).unwrap();
    let mut writer = db.writer().await.unwrap();
    keep(&mut writer.conn(), one, built.version, &old)
        .await
        .unwrap();
    drop(writer);
    assert!(
        row(db, one).await.unwrap().1.is_none(),
        "a copy of an overtaken state is not kept"
    );
    let (plan, _) = read(db, one).await;
    assert_eq!(plan["own_goal"], "Et nyt mål");

    // Names: the citizen's, and a caseworker's on a comment.
    let comment = format!(
        "INSERT INTO step_comments (id, step_id, citizen_id, author_role, caseworker_id, body, created_at) \
         VALUES ($2, {FIRST_STEP}, $1, 'caseworker', $3, 'Godt gået', 1)"
    );
    db_conn!(db.writer().await.unwrap().conn(), c => sqlx::query(&comment)
        .bind(one).bind(Uuid::new_v4()).bind(caseworker).execute(c).await.map(|_| ()))
    .unwrap();
    let (plan, _) = read(db, one).await;
    assert_eq!(
        plan["steps"][0]["comments"][0]["author_name"],
        "Bench Caseworker"
    );
    assert_eq!(read(db, one).await.1, Source::Ready);
    run(
        db,
        "UPDATE caseworkers SET name = 'Mette Hansen' WHERE id = $1",
        caseworker,
    )
    .await;
    let (plan, source) = read(db, one).await;
    assert_eq!(
        source,
        Source::Built,
        "a caseworker's new name makes their plans stale"
    );
    assert_eq!(
        plan["steps"][0]["comments"][0]["author_name"],
        "Mette Hansen"
    );
    run(
        db,
        "UPDATE citizens SET name = 'Freja Nielsen' WHERE id = $1",
        one,
    )
    .await;
    assert_eq!(read(db, one).await.0["citizen_name"], "Freja Nielsen");
    // A write that changes nothing shown (the same name) leaves the copy as it is.
    run(db, "UPDATE citizens SET name = name WHERE id = $1", one).await;
    assert_eq!(read(db, one).await.1, Source::Ready);

    // Requests, and deletions.
    db_conn!(db.writer().await.unwrap().conn(), c => sqlx::query(
        "INSERT INTO option_requests (id, citizen_id, option_code, message, asked_at) VALUES ($1, $2, 'mentor', '', 5)")
        .bind(Uuid::new_v4()).bind(one).execute(c).await.map(|_| ()))
    .unwrap();
    assert_eq!(
        read(db, one).await.0["requests"].as_array().unwrap().len(),
        1
    );
    run(db, "DELETE FROM step_comments WHERE citizen_id = $1", one).await;
    assert_eq!(
        read(db, one).await.0["steps"][0]["comments"],
        serde_json::json!([])
    );

    // A change rolled back changes nothing, its copy's staleness included.
    let (before, _) = read(db, one).await;
    let mut tx = db.begin().await.unwrap();
    db_conn!(tx.conn(), c => sqlx::query("UPDATE plans SET agreed_goal = 'Lager' WHERE citizen_id = $1")
        .bind(one).execute(c).await.map(|_| ()))
    .unwrap();
    drop(tx); // not committed: rolled back
    assert_eq!(read(db, one).await, (before, Source::Ready));

    assert!(
        own_json(db, citizen(99)).await.unwrap().is_none(),
        "no such citizen"
    );
    fresh.remove().await;
}

#[tokio::test]
async fn on_sqlite_the_ready_copy_is_served_and_never_older_than_the_plan() {
    the_ready_copy_is_served_and_never_older_than_the_plan(Engine::Sqlite).await;
}

#[tokio::test]
async fn on_postgres_the_ready_copy_is_served_and_never_older_than_the_plan() {
    the_ready_copy_is_served_and_never_older_than_the_plan(Engine::Postgres).await;
}
