//! Who may see what: citizens only their own, caseworkers only their caseload, and every list
//! view of a citizen's name goes to the access log once a day.

use reqwest::StatusCode;
use shared::auth::LoginKind;
use tests::{Engine, TestApp, on_both_engines};

on_both_engines!(
    citizen_cannot_reach_caseworker_endpoints,
    caseworker_cannot_reach_citizen_endpoints,
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
    let whats: Vec<(String, String)> = sammen::db_read!(&app.db, pool => sqlx::query_as(
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
