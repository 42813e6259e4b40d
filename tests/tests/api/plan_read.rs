//! Reading the whole plan: it holds every step with its comments and every request, in the
//! order people expect, and says the same as the answers each change gave.

use reqwest::{Method, StatusCode};
use serde_json::json;
use tests::{Engine, TestApp, caseworker_and_citizen, on_both_engines, wording};

on_both_engines!(the_whole_plan_holds_every_step_comment_and_request_in_order);

async fn the_whole_plan_holds_every_step_comment_and_request_in_order(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (cw, citizen, id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;

    let (_, empty) = citizen.get_json("/api/v1/me/plan").await;
    assert_eq!(empty["citizen_name"], "Freja Nielsen");
    assert_eq!(empty["steps"], json!([]), "a new plan has no steps");
    assert_eq!(empty["requests"], json!([]), "and no requests");

    let (status, first) = cw
        .json(
            Method::POST,
            &format!("/api/v1/citizens/{id}/plan/steps"),
            &json!({ "wording": wording("Praktik i en butik", "internship", Some("2027-02-01"), None) }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    let (status, second) = citizen
        .json(
            Method::POST,
            "/api/v1/me/plan/steps",
            &json!({ "wording": wording("Gå til tandlægen", "health", None, None) }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{second}");

    let comments = format!(
        "/api/v1/me/plan/steps/{}/comments",
        first["id"].as_str().unwrap()
    );
    citizen
        .json(
            Method::POST,
            &comments,
            &json!({ "body": "Gerne om formiddagen." }),
        )
        .await;
    let (status, commented) = cw
        .json(
            Method::POST,
            &format!(
                "/api/v1/citizens/{id}/plan/steps/{}/comments",
                first["id"].as_str().unwrap()
            ),
            &json!({ "body": "Det skriver jeg til butikken, \"Brugsen\" ❤️." }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{commented}");

    for option in ["mentor", "aids"] {
        let (status, asked) = citizen
            .json(
                Method::POST,
                "/api/v1/me/plan/requests",
                &json!({ "option": option, "message": "" }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{asked}");
    }

    let (status, plan) = citizen.get_json("/api/v1/me/plan").await;
    assert_eq!(status, StatusCode::OK);
    let steps = plan["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 2, "{plan}");
    assert_eq!(
        steps[0], commented,
        "the first step, as the last change to it answered"
    );
    assert_eq!(steps[1], second, "the second step, as it was proposed");
    assert_eq!(steps[1]["comments"], json!([]));
    let bodies: Vec<&str> = steps[0]["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["body"].as_str().unwrap())
        .collect();
    assert_eq!(
        bodies,
        [
            "Gerne om formiddagen.",
            "Det skriver jeg til butikken, \"Brugsen\" ❤️."
        ],
        "comments oldest first, text as written"
    );
    assert_eq!(steps[0]["comments"][0]["author_name"], "Freja Nielsen");
    assert_eq!(steps[0]["comments"][1]["author_name"], "Mette Hansen");
    assert_eq!(steps[0]["comments"][1]["author"], "caseworker");
    let options: Vec<&str> = plan["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["option"].as_str().unwrap())
        .collect();
    assert_eq!(options, ["aids", "mentor"], "requests newest first");

    let (status, theirs) = cw.get_json(&format!("/api/v1/citizens/{id}/plan")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(theirs, plan, "the caseworker reads the same plan");
    app.stop().await;
}

/// A counter from `/metrics` (the process's one recorder: servers of other tests running at
/// the same time count there too, so it only ever grows faster).
async fn counter(app: &TestApp, line: &str) -> u64 {
    let text = reqwest::get(app.url("/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    text.lines()
        .find(|l| l.starts_with(line))
        .and_then(|l| l.rsplit(' ').next())
        .map_or(0, |n| n.parse().unwrap())
}

async fn direct_reads(app: &TestApp) -> u64 {
    counter(
        app,
        "sammen_sqlite_direct_reads_total{outcome=\"answered\"}",
    )
    .await
}

async fn plans_with_the_session(app: &TestApp) -> u64 {
    counter(app, "sammen_plan_reads_total{from=\"session\"}").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sqlite_a_citizens_session_and_plan_are_read_directly_and_at_once_up_to_date() {
    let app = TestApp::spawn_with(Engine::Sqlite, |s| {
        s.memory.sessions = 0;
        s.memory.plans = 0;
    })
    .await;
    let (cw, citizen, id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    let (before, along_before) = (direct_reads(&app).await, plans_with_the_session(&app).await);
    for round in 1..=5 {
        let (status, _) = cw
            .json(
                Method::POST,
                &format!("/api/v1/citizens/{id}/plan/steps"),
                &json!({ "wording": wording(&format!("Skridt {round}"), "internship", None, None) }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED);
        let (status, plan) = citizen.get_json("/api/v1/me/plan").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            plan["steps"].as_array().unwrap().len(),
            round,
            "the step just added is in the citizen's next read"
        );
        let (_, again) = citizen.get_json("/api/v1/me/plan").await;
        assert_eq!(
            again, plan,
            "and in the one after, which the first kept ready"
        );
    }
    let (after, along_after) = (direct_reads(&app).await, plans_with_the_session(&app).await);
    assert!(
        after >= before + 15,
        "five changes and ten plan reads with nothing remembered: fifteen sessions read \
         directly ({before} before, {after} after)"
    );
    assert!(
        along_after >= along_before + 5,
        "each second read brought the plan, kept ready by the first, along \
         ({along_before} before, {along_after} after)"
    );
    app.stop().await;
}

on_both_engines!(a_citizens_plan_comes_ready_with_their_session_and_shows_every_change);

/// With nothing remembered by the instance, every read reaches the database: the plan comes
/// with the session's statement as the copy kept ready, and every change, by whatever way it
/// came, is in the next read.
async fn a_citizens_plan_comes_ready_with_their_session_and_shows_every_change(engine: Engine) {
    let app = TestApp::spawn_with(engine, |s| {
        s.memory.sessions = 0;
        s.memory.plans = 0;
    })
    .await;
    let (cw, citizen, id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    let (_, first) = citizen.get_json("/api/v1/me/plan").await;
    assert_eq!(first["citizen_name"], "Freja Nielsen");

    // What the next read answers is the copy the database keeps (here marked to tell it apart).
    let mut marked = first.clone();
    marked["own_goal"] = json!("fra den klar kopi");
    let marked_text = marked.to_string();
    set_ready_json(&app, &id, &marked_text).await;
    let (status, read) = citizen.get_json("/api/v1/me/plan").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(read, marked, "the ready copy is the answer");

    // A change through the API: the next read has it (the copy was made stale and kept anew).
    let (status, step) = cw
        .json(
            Method::POST,
            &format!("/api/v1/citizens/{id}/plan/steps"),
            &json!({ "wording": wording("Praktik i en butik", "internship", None, None) }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{step}");
    let (_, read) = citizen.get_json("/api/v1/me/plan").await;
    assert_eq!(read["steps"].as_array().unwrap().len(), 1, "{read}");
    assert_eq!(
        read["own_goal"], first["own_goal"],
        "the marked copy is gone"
    );

    // A change outside the plan's handlers: the municipality's list renames her.
    let file = "type,name,cpr,employee_login,team,primary_caseworker,backup_caseworker\n\
                citizen,Freja B. Nielsen,150307-1236,,,mette.hansen,lars.jensen\n";
    sammen::people::import::import_csv(&app.db, file.as_bytes(), &app.settings.cpr_key)
        .await
        .unwrap();
    let (_, read) = citizen.get_json("/api/v1/me/plan").await;
    assert_eq!(read["citizen_name"], "Freja B. Nielsen");
    let (_, theirs) = cw.get_json(&format!("/api/v1/citizens/{id}/plan")).await;
    assert_eq!(
        theirs, read,
        "the caseworker, reading the tables, sees the same plan"
    );
    app.stop().await;
}

async fn set_ready_json(app: &TestApp, citizen: &str, json: &str) {
    let id = uuid::Uuid::parse_str(citizen).unwrap();
    let sql = "UPDATE ready_plans SET json = $1 WHERE citizen_id = $2";
    let changed = match &app.db {
        sammen::db::Db::Sqlite { write, .. } => sqlx::query(sql)
            .bind(json)
            .bind(id)
            .execute(write)
            .await
            .unwrap()
            .rows_affected(),
        sammen::db::Db::Postgres { pool, .. } => sqlx::query(sql)
            .bind(json)
            .bind(id)
            .execute(pool)
            .await
            .unwrap()
            .rows_affected(),
    };
    assert_eq!(changed, 1, "the first read kept the plan ready");
}
