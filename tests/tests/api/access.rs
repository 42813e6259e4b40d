//! Who may see what: citizens only their own, caseworkers only their caseload, and every list
//! view of a citizen's name goes to the access log once a day.

use reqwest::StatusCode;
use shared::auth::LoginKind;
use tests::{Engine, TestApp, on_both_engines};

on_both_engines!(
    citizen_cannot_reach_caseworker_endpoints,
    caseworker_cannot_reach_citizen_endpoints,
    each_side_is_refused_at_the_other_sides_addresses,
    anonymous_requests_are_unauthenticated,
    caseload_views_are_logged_once_a_day_per_citizen,
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
