//! Sessions: logging out here and at the provider, the idle timeout, "stay logged in", and CSRF.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use shared::auth::LoginKind;
use tests::{Engine, TestApp, caseworker_and_citizen, on_both_engines};

on_both_engines!(
    logout_ends_the_session_here_and_at_the_provider,
    idle_session_ends_and_keep_alive_extends_it,
    a_session_ends_after_eight_hours_however_active_and_is_purged,
    activity_is_recorded_soon_after_the_request_that_read_the_session,
    state_changes_without_the_csrf_token_are_refused,
    state_changes_from_another_site_are_refused,
    language_choice_is_remembered_for_the_citizen,
    a_session_removed_from_the_database_stops_working,
    operators_end_the_sessions_of_one_person_or_everyone,
);

async fn logout_ends_the_session_here_and_at_the_provider(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut browser = app.browser();
    browser.login(LoginKind::Citizen, "freja").await;
    let old_cookie = browser.cookie_header();

    let response = browser
        .send(Method::POST, "/api/v1/session/logout")
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::OK);
    let body: serde_json::Value = response.json().await.unwrap();
    assert!(
        !browser.session_cookie_present().await,
        "the portal session ended first"
    );
    assert_eq!(app.count("sessions").await, 0);
    // A copy of the old cookie (a stolen one, or another tab's) opens nothing any more.
    let replayed = reqwest::Client::new()
        .get(app.url("/api/v1/me/plan"))
        .header("cookie", &old_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(
        replayed.status(),
        StatusCode::UNAUTHORIZED,
        "the old cookie is refused"
    );
    let form = &body["end_session"];
    assert_eq!(form["action"], app.url("/dev/mitid/end_session").as_str());
    let fields: Vec<(String, String)> = form["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["name"].as_str().unwrap().into(),
                f["value"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(
        fields
            .iter()
            .any(|(n, v)| n == "id_token_hint" && v.split('.').count() == 3)
    );
    // Posting the form (as the browser does) ends the provider session and comes back.
    let back = browser
        .client
        .post(form["action"].as_str().unwrap())
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert!(back.status().is_redirection());
    let location = back.headers()["location"].to_str().unwrap();
    assert_eq!(app.url(location).path(), "/logget-af");
    app.stop().await;
}

async fn idle_session_ends_and_keep_alive_extends_it(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut browser = app.browser();
    browser.login(LoginKind::Citizen, "freja").await;
    let (_, session) = browser.get_json("/api/v1/session").await;
    assert_eq!(
        session["idle_timeout_seconds"],
        30 * 60,
        "30 minutes by default"
    );

    app.clock.advance(minutes(20));
    let kept = browser
        .send(Method::POST, "/api/v1/session/keep-alive")
        .send()
        .await
        .unwrap();
    assert_eq!(
        kept.status(),
        StatusCode::NO_CONTENT,
        "'Forbliv logget ind' works"
    );
    app.clock.advance(minutes(20));
    let (status, _) = browser.get_json("/api/v1/overview").await;
    assert_eq!(
        status,
        StatusCode::OK,
        "40 minutes after login, 20 after keeping it alive: still logged in"
    );

    app.clock.advance(minutes(31));
    let (status, body) = browser.get_json("/api/v1/overview").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "31 minutes idle");
    assert_eq!(body["error"]["code"], "unauthenticated");
    app.stop().await;
}

/// A session read from the database (nothing remembered) has its activity written in a batch
/// shortly after the request: it still counts, for this instance and any other.
async fn activity_is_recorded_soon_after_the_request_that_read_the_session(engine: Engine) {
    let app = TestApp::spawn_with(engine, |s| s.memory.sessions = 0).await;
    let mut browser = app.browser();
    browser.login(LoginKind::Citizen, "freja").await;

    app.clock.advance(minutes(20));
    let (status, _) = browser.get_json("/api/v1/overview").await;
    assert_eq!(status, StatusCode::OK);
    let requested_at = app.clock.now().millis();
    let started = std::time::Instant::now();
    loop {
        let (seen,): (i64,) = sammen::db_conn!(app.db.reader().await.expect("a database connection").conn(), c => sqlx::query_as(
            "SELECT MAX(last_seen_at) FROM sessions").fetch_one(c).await)
        .unwrap();
        if seen >= requested_at - 5_000 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "the activity was not written within 3 s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    app.clock.advance(minutes(20));
    let (status, _) = browser.get_json("/api/v1/overview").await;
    assert_eq!(
        status,
        StatusCode::OK,
        "40 minutes after login but 20 after the last request: still logged in"
    );
    app.stop().await;
}

fn minutes(n: u64) -> Duration {
    Duration::from_secs(n * 60)
}

/// However active, a session ends 8 hours after login; and the purge then removes it, and only
/// what has ended.
async fn a_session_ends_after_eight_hours_however_active_and_is_purged(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut busy = app.browser();
    busy.login(LoginKind::Citizen, "freja").await;
    // Active every 25 minutes, so the idle timeout never ends it, until 7 h 55 min.
    for round in 1..=19 {
        app.clock.advance(minutes(25));
        let (status, _) = busy.get_json("/api/v1/overview").await;
        assert_eq!(status, StatusCode::OK, "{} minutes after login", round * 25);
    }
    app.clock.advance(minutes(6));
    let (status, _) = busy.get_json("/api/v1/overview").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "8 h 1 min after login");

    let mut fresh = app.browser();
    fresh.login(LoginKind::Employee, "mette.hansen").await;
    assert_eq!(
        app.count("sessions").await,
        2,
        "the ended row waits for the purge"
    );
    let idle = i64::from(app.settings.session.idle_timeout_seconds);
    let removed = sammen::auth::session::purge_expired(&app.db, app.clock.now(), idle)
        .await
        .unwrap();
    assert!(removed >= 1);
    assert_eq!(
        app.count("sessions").await,
        1,
        "only the ended session went"
    );
    let (status, _) = fresh.get_json("/api/v1/caseload").await;
    assert_eq!(status, StatusCode::OK, "the caseworker's new session works");
    app.stop().await;
}

async fn state_changes_without_the_csrf_token_are_refused(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut browser = app.browser();
    browser.login(LoginKind::Citizen, "freja").await;

    let without = browser
        .client
        .post(browser.url("/api/v1/session/logout"))
        .send()
        .await
        .unwrap();
    assert_eq!(without.status(), StatusCode::FORBIDDEN);
    let body: serde_json::Value = without.json().await.unwrap();
    assert_eq!(body["error"]["code"], "csrf_failed");

    let wrong = browser
        .client
        .post(browser.url("/api/v1/session/logout"))
        .header(shared::api::CSRF_HEADER, "not-the-token")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);
    assert!(
        browser.session_cookie_present().await,
        "nothing changed: still logged in"
    );
    assert_eq!(app.count("sessions").await, 1);
    app.stop().await;
}

async fn state_changes_from_another_site_are_refused(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut browser = app.browser();
    browser.login(LoginKind::Citizen, "freja").await;

    let cross_origin = browser
        .send(Method::POST, "/api/v1/session/logout")
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(cross_origin.status(), StatusCode::FORBIDDEN);
    let cross_site = browser
        .send(Method::POST, "/api/v1/session/logout")
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);
    assert!(browser.session_cookie_present().await);
    app.stop().await;
}

async fn language_choice_is_remembered_for_the_citizen(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut browser = app.browser();
    browser.login(LoginKind::Citizen, "karim").await;

    let response = browser
        .send(Method::PUT, "/api/v1/session/language")
        .json(&serde_json::json!({ "lang": "en" }))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let language: (String,) = sammen::db_conn!(app.db.reader().await.expect("a database connection").conn(), pool => sqlx::query_as(
        "SELECT language FROM citizens WHERE name = 'Karim Haddad'").fetch_one(pool).await)
    .unwrap();
    assert_eq!(language.0, "en");
    app.stop().await;
}

async fn a_session_removed_from_the_database_stops_working(engine: Engine) {
    let app = TestApp::spawn_with(engine, |s| s.session.touch_interval_seconds = 1).await;
    let mut freja = app.browser();
    freja.login(LoginKind::Citizen, "freja").await;
    assert_eq!(
        freja.get_json("/api/v1/me/plan").await.0,
        StatusCode::OK,
        "remembered now"
    );

    sammen::db_conn!(app.db.writer().await.expect("a database connection").conn(), pool => sqlx::query("DELETE FROM sessions").execute(pool).await.map(|r| r.rows_affected()))
        .unwrap();
    tokio::time::sleep(Duration::from_millis(1_200)).await;

    assert_eq!(
        freja.get_json("/api/v1/me/plan").await.0,
        StatusCode::UNAUTHORIZED,
        "the instance noticed the row is gone"
    );
    app.stop().await;
}

async fn operators_end_the_sessions_of_one_person_or_everyone(engine: Engine) {
    use sammen::auth::session::{Whose, end_all_of};
    let app = TestApp::spawn(engine).await;
    let bus = sammen::cache_bus::Bus::new(&app.db);
    let (mette, freja, freja_id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    let mut henrik = app.browser();
    henrik.login(LoginKind::Citizen, "henrik").await;

    let ended = end_all_of(&app.db, &bus, &Whose::Citizen(freja_id.parse().unwrap()))
        .await
        .unwrap();
    assert_eq!(ended, 1);
    let ended = end_all_of(&app.db, &bus, &Whose::Employee("mette.hansen".into()))
        .await
        .unwrap();
    assert_eq!(ended, 1);
    assert_eq!(app.count("sessions").await, 1, "Henrik's session is left");
    assert_eq!(end_all_of(&app.db, &bus, &Whose::All).await.unwrap(), 1);
    assert_eq!(app.count("sessions").await, 0);
    drop((mette, freja, henrik));
    app.stop().await;
}
