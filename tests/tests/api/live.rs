//! Live updates: a server-sent event stream that says "your messages changed" or "your
//! meetings changed" (never what),
//! on the instance that made the change and on another one sharing PostgreSQL.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::json;
use tests::{Browser, Engine, TestApp, caseworker_and_citizen, on_both_engines};

on_both_engines!(
    a_new_message_and_a_read_mark_reach_the_other_side_live,
    a_booking_and_a_cancellation_reach_the_other_side_live,
);

/// Opens `/api/v1/events` with this browser's session on `app` and reads until `want`.
struct Events {
    response: reqwest::Response,
    seen: String,
}

impl Events {
    async fn open(app: &TestApp, browser: &Browser) -> Events {
        let response = reqwest::Client::new()
            .get(app.url("/api/v1/events"))
            .header("cookie", browser.cookie_header())
            .header("accept", "text/event-stream")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response.headers()["content-type"].to_str().unwrap(),
            "text/event-stream"
        );
        let mut events = Events {
            response,
            seen: String::new(),
        };
        events.next("event: ready").await;
        events
    }

    /// Waits (at most 5 s) for `what` to arrive after what was read so far.
    async fn next(&mut self, what: &str) -> String {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        loop {
            if let Some(at) = self.seen.find(what) {
                let upto = at + what.len();
                let got = self.seen[..upto].to_string();
                self.seen.drain(..upto);
                return got;
            }
            let chunk = tokio::time::timeout_at(deadline, self.response.chunk())
                .await
                .unwrap_or_else(|_| panic!("no {what:?} within 5 s; saw {:?}", self.seen))
                .unwrap()
                .expect("the stream stays open");
            self.seen.push_str(&String::from_utf8_lossy(&chunk));
        }
    }
}

async fn a_new_message_and_a_read_mark_reach_the_other_side_live(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (cw, citizen, _) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    live_between(&app, &app, &cw, &citizen).await;
    app.stop().await;
}

/// The citizen writes through `a`; the caseworker, listening on `b`, hears of it; the
/// caseworker opens it through `b` and the citizen, listening on `a`, hears the read mark.
async fn live_between(a: &TestApp, b: &TestApp, cw: &Browser, citizen: &Browser) {
    let mut caseworker_hears = Events::open(b, cw).await;
    let mut citizen_hears = Events::open(a, citizen).await;
    let (status, sent) = citizen
        .json(
            Method::POST,
            "/api/v1/me/conversations",
            &json!({
                "subject": "Hemmeligt emne", "body": "Hemmelig tekst",
                "idempotency_key": uuid::Uuid::new_v4().to_string(),
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let heard = caseworker_hears.next("event: messages").await;
    assert!(!heard.contains("Hemmelig"), "no content in events: {heard}");

    let conversation = sent["conversation_id"].as_str().unwrap();
    let citizen_id = cw.citizen_id("Freja Nielsen").await;
    let opened = reqwest::Client::new()
        .get(b.url(&format!(
            "/api/v1/citizens/{citizen_id}/conversations/{conversation}"
        )))
        .header("cookie", cw.cookie_header())
        .send()
        .await
        .unwrap();
    assert_eq!(opened.status(), StatusCode::OK);
    citizen_hears.next("event: messages").await;
    let (_, thread) = citizen
        .get_json(&format!("/api/v1/me/conversations/{conversation}"))
        .await;
    assert_eq!(
        thread["messages"][0]["read"], true,
        "fetched after the event"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_events_reach_a_client_connected_to_another_instance() {
    let a = TestApp::spawn(Engine::Postgres).await;
    let b = a.spawn_beside().await;
    let (cw, citizen, _) =
        caseworker_and_citizen(&a, "mette.hansen", "freja", "Freja Nielsen").await;
    live_between(&a, &b, &cw, &citizen).await;
    b.stop().await;
    a.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_event_stream_needs_a_session() {
    let app = TestApp::spawn(Engine::Sqlite).await;
    let response = reqwest::get(app.url("/api/v1/events")).await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    app.stop().await;
}

async fn a_booking_and_a_cancellation_reach_the_other_side_live(engine: Engine) {
    use crate::meetings::{book, first_time, free, offer_mornings};
    let app = TestApp::spawn(engine).await;
    let (cw, citizen, _) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    offer_mornings(&cw).await;
    let at = first_time(&free(&citizen, "?length=30").await);
    let mut caseworker_hears = Events::open(&app, &cw).await;
    let mut citizen_hears = Events::open(&app, &citizen).await;
    let (status, booked) = book(&citizen, "/api/v1/me/meetings", at, 30, "phone").await;
    assert_eq!(status, StatusCode::CREATED, "{booked}");
    let heard = caseworker_hears.next("event: meetings").await;
    assert!(!heard.contains("Praktik"), "no purpose in events: {heard}");
    citizen_hears.next("event: meetings").await;

    let (_, week) = cw.get_json("/api/v1/caseworker/meetings").await;
    assert_eq!(
        week["meetings"][0]["id"], booked["id"],
        "fetched after the event"
    );
    // The first free time is inside the citizen's change deadline; the caseworker cancels.
    let cancel = format!(
        "/api/v1/citizens/{}/meetings/{}/cancel",
        cw.citizen_id("Freja Nielsen").await,
        booked["id"].as_str().unwrap()
    );
    let (status, _) = cw.json(Method::POST, &cancel, &json!(null)).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    citizen_hears.next("event: meetings").await;
    let (_, mine) = citizen.get_json("/api/v1/me/meetings").await;
    assert_eq!(
        mine["upcoming"],
        json!([]),
        "a cancelled meeting is gone: {mine}"
    );
    // Open streams would hold the graceful shutdown.
    drop((caseworker_hears, citizen_hears));
    app.stop().await;
}
