//! Who may see what: citizens only their own, caseworkers only their caseload, and every list
//! view of a citizen's name goes to the access log once a day.

use reqwest::{Method, StatusCode};
use serde_json::json;
use shared::auth::LoginKind;
use tests::{Engine, TestApp, caseworker_and_citizen, on_both_engines, wording};

on_both_engines!(
    citizen_cannot_reach_caseworker_endpoints,
    caseworker_cannot_reach_citizen_endpoints,
    each_side_is_refused_at_the_other_sides_addresses,
    anonymous_requests_are_unauthenticated,
    caseload_views_are_logged_once_a_day_per_citizen,
    caseworkers_reach_only_their_caseload,
    every_caseworker_read_writes_exactly_one_access_log_entry,
);

async fn citizen_cannot_reach_caseworker_endpoints(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut browser = app.browser();
    browser.login(LoginKind::Citizen, "freja").await;

    let (status, body) = browser.get_json("/api/v1/caseload").await;

    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["error"]["code"], "forbidden");
    assert!(
        !body.to_string().contains("Henrik"),
        "nothing about other citizens leaks"
    );
    app.stop().await;
}

async fn caseworker_cannot_reach_citizen_endpoints(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut browser = app.browser();
    browser.login(LoginKind::Employee, "lars.jensen").await;

    let (status, body) = browser.get_json("/api/v1/overview").await;

    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["error"]["code"], "forbidden");
    app.stop().await;
}

/// Every operation of the OpenAPI document, as (method, path with its parameters filled in).
async fn operations(app: &TestApp, citizen: &str) -> Vec<(reqwest::Method, String)> {
    let doc: serde_json::Value = reqwest::get(app.url("/api/v1/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut found = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let concrete = path.replace("{citizen}", citizen).replace(['{', '}'], "");
        for method in item.as_object().unwrap().keys() {
            let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            found.push((method, concrete.clone()));
        }
    }
    found
}

/// The same handler serves both sides; which side may use an address is decided by the address
/// alone. A citizen at a caseworker's address (even with their own id) and a caseworker at a
/// citizen's are refused before anything is read or changed.
async fn each_side_is_refused_at_the_other_sides_addresses(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut caseworker = app.browser();
    caseworker.login(LoginKind::Employee, "mette.hansen").await;
    let freja_id = caseworker.citizen_id("Freja Nielsen").await;
    let mut citizen = app.browser();
    citizen.login(LoginKind::Citizen, "freja").await;
    let log_before = app.count("access_log").await;
    let history_before = app.count("plan_history").await;

    let ops = operations(&app, &freja_id).await;
    let caseworker_side: Vec<_> = ops
        .iter()
        .filter(|(_, p)| p.starts_with("/api/v1/citizens/"))
        .collect();
    let citizen_side: Vec<_> = ops
        .iter()
        .filter(|(_, p)| p.starts_with("/api/v1/me/"))
        .collect();
    assert!(
        caseworker_side.len() >= 10 && citizen_side.len() >= 10,
        "{ops:?}"
    );
    for (method, path) in caseworker_side {
        let response = citizen
            .send(method.clone(), path)
            .json(&serde_json::json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::FORBIDDEN,
            "citizen at {method} {path}"
        );
    }
    for (method, path) in citizen_side {
        let response = caseworker
            .send(method.clone(), path)
            .json(&serde_json::json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::FORBIDDEN,
            "caseworker at {method} {path}"
        );
    }
    assert_eq!(
        app.count("access_log").await,
        log_before,
        "nothing was read"
    );
    assert_eq!(
        app.count("plan_history").await,
        history_before,
        "nothing changed"
    );
    app.stop().await;
}

async fn anonymous_requests_are_unauthenticated(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let browser = app.browser();
    for path in ["/api/v1/session", "/api/v1/overview", "/api/v1/caseload"] {
        let (status, body) = browser.get_json(path).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(body["error"]["code"], "unauthenticated", "{path}");
    }
    app.stop().await;
}

async fn caseload_views_are_logged_once_a_day_per_citizen(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut browser = app.browser();
    browser.login(LoginKind::Employee, "lars.jensen").await;
    assert_eq!(app.count("access_log").await, 0);

    for _ in 0..3 {
        let (status, _) = browser.get_json("/api/v1/caseload").await;
        assert_eq!(status, StatusCode::OK);
    }

    assert_eq!(
        app.count("access_log").await,
        4,
        "one entry per citizen on the list, not per view"
    );
    let whats: Vec<(String, String)> = sammen::db_conn!(app.db.reader().await.expect("a database connection").conn(), pool => sqlx::query_as(
        "SELECT what, purpose FROM access_log ORDER BY purpose").fetch_all(pool).await)
    .unwrap();
    let expected = [
        ("caseload_list", "casework"),
        ("caseload_list", "casework"),
        ("caseload_list", "casework_as_backup"),
        ("caseload_list", "casework_as_backup"),
    ];
    assert_eq!(
        whats,
        expected.map(|(w, p)| (w.to_string(), p.to_string())),
        "Lars's own two citizens and the two he is backup for"
    );
    app.stop().await;
}

async fn caseworkers_reach_only_their_caseload(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut lars = app.browser();
    lars.login(shared::auth::LoginKind::Employee, "lars.jensen")
        .await;
    let (mette, freja, freja_id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    let henrik = mette.citizen_id("Henrik Sørensen").await;
    // Henrik moves to a caseworker in another team, with Lars as backup: Mette loses access.
    let file = "type,name,cpr,employee_login,team,primary_caseworker,backup_caseworker\n\
                caseworker,Nina Holm,,nina.holm,Team Syd,,\n\
                citizen,Henrik Sørensen,040571-2219,,,nina.holm,lars.jensen\n";
    sammen::people::import::import_csv(&app.db, file.as_bytes(), &app.settings.cpr_key)
        .await
        .unwrap();
    let log_before = app.count("access_log").await;

    for path in [
        format!("/api/v1/citizens/{henrik}/plan"),
        format!("/api/v1/citizens/{henrik}/profile"),
        "/api/v1/citizens/not-an-id/plan".into(),
    ] {
        let (status, body) = mette.get_json(&path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(body["error"]["code"], "not_found");
    }
    let (status, _) = mette
        .json(
            Method::POST,
            &format!("/api/v1/citizens/{henrik}/plan/steps"),
            &json!({ "wording": wording("x", "other", None, None) }),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.count("access_log").await,
        log_before,
        "refused reads are not logged as reads"
    );

    // A citizen cannot reach another citizen's step through their own plan either.
    let (status, henriks_step) = lars
        .json(
            Method::POST,
            &format!("/api/v1/citizens/{henrik}/plan/steps"),
            &json!({ "wording": wording("Henriks trin", "other", None, None) }),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::CREATED,
        "the backup caseworker still may"
    );
    let step = henriks_step["id"].as_str().unwrap();
    let (status, _) = freja
        .json(
            Method::POST,
            &format!("/api/v1/me/plan/steps/{step}/comments"),
            &json!({ "body": "hej" }),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = freja
        .json(
            Method::POST,
            &format!("/api/v1/me/plan/steps/{step}/agree"),
            &json!({ "version": 1 }),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, plan) = mette
        .get_json(&format!("/api/v1/citizens/{freja_id}/plan"))
        .await;
    assert_eq!(plan["steps"].as_array().unwrap().len(), 0);
    let comments: (i64,) = sammen::db_conn!(app.db.reader().await.expect("a database connection").conn(), pool => sqlx::query_as("SELECT COUNT(*) FROM step_comments").fetch_one(pool).await).unwrap();
    assert_eq!(comments.0, 0);
    app.stop().await;
}

async fn every_caseworker_read_writes_exactly_one_access_log_entry(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (mette, citizen, id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    let mut lars = app.browser();
    lars.login(shared::auth::LoginKind::Employee, "lars.jensen")
        .await;
    let logged = |app: &TestApp| {
        let db = app.db.clone();
        let id = id.clone();
        async move {
            let rows: Vec<(String, String)> = sammen::db_conn!(db.reader().await.expect("a database connection").conn(), pool => sqlx::query_as(
                "SELECT what, purpose FROM access_log WHERE what <> 'caseload_list' ORDER BY at, id").fetch_all(pool).await)
            .unwrap();
            let _ = id;
            rows
        }
    };

    mette.get_json(&format!("/api/v1/citizens/{id}/plan")).await;
    assert_eq!(logged(&app).await, vec![("plan".into(), "casework".into())]);
    mette
        .get_json(&format!("/api/v1/citizens/{id}/profile"))
        .await;
    lars.get_json(&format!("/api/v1/citizens/{id}/plan")).await;
    mette
        .json(
            Method::POST,
            &format!("/api/v1/citizens/{id}/plan/steps"),
            &json!({ "wording": wording("Kursus", "education", None, None) }),
        )
        .await;
    citizen.get_json("/api/v1/me/plan").await;

    assert_eq!(
        logged(&app).await,
        vec![
            ("plan".into(), "casework".into()),
            ("profile".into(), "casework".into()),
            ("plan".into(), "casework_as_backup".into()),
            ("plan".into(), "casework".into()),
        ],
        "one entry per caseworker answer with the citizen's data (a read, or a change answered \
         with the step); the citizen's own reads add none"
    );
    app.stop().await;
}
