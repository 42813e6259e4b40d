//! Several instances on one PostgreSQL database: what one instance remembers (sessions it has
//! checked, plans it has ready) must not outlive a change made through another.

use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::json;
use shared::auth::LoginKind;
use tests::{Engine, TestApp, wording};

/// Polls until `check` holds, for at most two seconds (announcements take milliseconds).
async fn soon<F, Fut>(what: &str, check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    soon_within(what, Duration::from_secs(2), check).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_logout_through_one_instance_ends_the_session_on_all() {
    let a = TestApp::spawn(Engine::Postgres).await;
    let b = a.spawn_beside().await;
    let mut browser = a.browser();
    browser.login(LoginKind::Citizen, "freja").await;
    let cookie = browser.cookie_header();
    let on_b = |path: &str| {
        reqwest::Client::new()
            .get(b.url(path))
            .header("cookie", cookie.clone())
            .send()
    };
    assert_eq!(
        on_b("/api/v1/me/plan").await.unwrap().status(),
        StatusCode::OK,
        "B now remembers the session"
    );
    assert_eq!(
        on_b("/api/v1/me/plan").await.unwrap().status(),
        StatusCode::OK
    );

    let logout = browser
        .send(Method::POST, "/api/v1/session/logout")
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), StatusCode::OK);

    let on_a = reqwest::Client::new()
        .get(a.url("/api/v1/me/plan"))
        .header("cookie", cookie.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(
        on_a.status(),
        StatusCode::UNAUTHORIZED,
        "at once on the instance that logged out"
    );
    soon("the logout reaching instance B", || async {
        on_b("/api/v1/me/plan").await.unwrap().status() == StatusCode::UNAUTHORIZED
    })
    .await;
    b.stop().await;
    a.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plan_change_through_one_instance_is_seen_on_all() {
    let a = TestApp::spawn(Engine::Postgres).await;
    let b = a.spawn_beside().await;
    let mut caseworker = a.browser();
    caseworker.login(LoginKind::Employee, "mette.hansen").await;
    let freja = caseworker.citizen_id("Freja Nielsen").await;
    let mut citizen = b.browser();
    citizen.login(LoginKind::Citizen, "freja").await;
    let steps = |plan: &serde_json::Value| plan["steps"].as_array().map(Vec::len).unwrap_or(0);
    let (_, plan) = citizen.get_json("/api/v1/me/plan").await;
    assert_eq!(steps(&plan), 0, "B has a copy of the empty plan");

    let (status, _) = caseworker
        .json(
            Method::POST,
            &format!("/api/v1/citizens/{freja}/plan/steps"),
            &json!({ "wording": wording("Praktik", "internship", None, None) }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);

    soon("the new step reaching instance B", || async {
        steps(&citizen.get_json("/api/v1/me/plan").await.1) == 1
    })
    .await;
    b.stop().await;
    a.stop().await;
}

/// An instance whose listening connection hangs silently (open, but nothing passes) must stop
/// trusting what it remembers within a few seconds, because it no longer hears its own
/// heartbeat: a logout through another instance then still ends the session there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silently_hanging_listener_is_noticed_by_its_heartbeat() {
    use secrecy::ExposeSecret;
    let a = TestApp::spawn(Engine::Postgres).await;
    let mut url = url::Url::parse(a.settings.database_url.expose_secret()).unwrap();
    let upstream = format!("{}:{}", url.host_str().unwrap(), url.port().unwrap_or(5432));
    let proxy = tests::proxy::FreezingProxy::start(upstream).await;
    url.set_port(Some(proxy.port)).unwrap();
    let b = a
        .spawn_beside_with(|s| s.database_url = url.to_string().into())
        .await;
    let mut browser = a.browser();
    browser.login(LoginKind::Citizen, "freja").await;
    let cookie = browser.cookie_header();
    let on_b = || {
        reqwest::Client::new()
            .get(b.url("/api/v1/me/plan"))
            .header("cookie", cookie.clone())
            .send()
    };
    // B hears its heartbeat, so it trusts and remembers the session.
    soon_within(
        "B to trust its memories",
        Duration::from_secs(5),
        || async { on_b().await.unwrap().status() == StatusCode::OK },
    )
    .await;

    proxy.freeze_listeners();
    tokio::time::sleep(Duration::from_secs(4)).await;
    let logout = browser
        .send(Method::POST, "/api/v1/session/logout")
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), StatusCode::OK);

    assert_eq!(
        on_b().await.unwrap().status(),
        StatusCode::UNAUTHORIZED,
        "B heard no announcement, but no heartbeat either, so it asked the database"
    );
    proxy.thaw();
    b.stop().await;
    a.stop().await;
}

async fn soon_within<F, Fut>(what: &str, limit: Duration, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let started = Instant::now();
    while !check().await {
        assert!(
            started.elapsed() < limit,
            "{what} did not happen within {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
