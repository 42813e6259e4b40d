//! A server that is full says "try again in a moment" at once, in the person's language, and
//! loses nothing: what it refused changed nothing, what it was working on still succeeds, and
//! live event streams and `/healthz` are never turned away.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::json;
use tests::{Engine, TestApp, caseworker_and_citizen, on_both_engines};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

on_both_engines!(a_full_server_says_try_again_and_loses_nothing);

async fn a_full_server_says_try_again_and_loses_nothing(engine: Engine) {
    let app = TestApp::spawn_with(engine, |s| s.max_requests_in_flight = 1).await;
    let (_cw, citizen, _id) =
        caseworker_and_citizen(&app, "lars.jensen", "karim", "Karim Haddad").await;

    // The one slot is taken by a request whose body is still on its way: a citizen asking
    // for a mentor on a slow connection.
    let body =
        json!({ "option": "mentor", "message": "Én jeg kan spørge om jobsøgning" }).to_string();
    let (first, rest) = body.split_at(10);
    let address = app.url("/").socket_addrs(|| None).unwrap()[0];
    let head = format!(
        "POST /api/v1/me/plan/requests HTTP/1.1\r\nhost: {address}\r\ncookie: {}\r\n\
         x-csrf-token: {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
         connection: close\r\n\r\n{first}",
        citizen.cookie_header(),
        citizen.csrf.as_deref().unwrap(),
        body.len(),
    );

    // Until the server has it, plan reads still succeed; then they are refused at once. Had
    // the slow request come while a read held the slot, it was itself refused (a 503, with
    // nothing saved): then it is sent again.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    let (mut held, refused) = 'held: loop {
        let mut held = TcpStream::connect(address).await.unwrap();
        held.write_all(head.as_bytes()).await.unwrap();
        loop {
            let response = citizen
                .send(Method::GET, "/api/v1/me/plan")
                .send()
                .await
                .unwrap();
            if response.status() == StatusCode::SERVICE_UNAVAILABLE {
                break 'held (held, response);
            }
            assert_eq!(response.status(), StatusCode::OK);
            assert!(tokio::time::Instant::now() < deadline, "never refused");
            let mut answer = [0u8; 12];
            match tokio::time::timeout(Duration::from_millis(10), held.read(&mut answer)).await {
                Err(_) => continue,
                Ok(read) => {
                    let read = read.unwrap();
                    assert_eq!(
                        &answer[..read],
                        b"HTTP/1.1 503",
                        "only a refusal answers early"
                    );
                    break;
                }
            }
        }
    };
    assert_eq!(refused.headers()["retry-after"], "2");
    let error: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(error["error"]["code"], "unavailable");
    assert_eq!(
        error["error"]["message"],
        "Sammen er ikke tilgængelig lige nu. Prøv igen om lidt."
    );
    let english = citizen
        .send(Method::GET, "/api/v1/me/plan")
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(english.status(), StatusCode::SERVICE_UNAVAILABLE);
    let error: serde_json::Value = english.json().await.unwrap();
    assert_eq!(
        error["error"]["message"],
        "Sammen is not available right now. Please try again in a moment."
    );

    // A refused change is not made.
    let (status, _) = citizen
        .json(
            Method::POST,
            "/api/v1/me/plan/requests",
            &json!({ "option": "job_training", "message": "Praktik i en butik" }),
        )
        .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);

    // A page the server renders says it in words, as a page.
    let page = citizen
        .send(Method::GET, "/mit-overblik")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(page.headers()["retry-after"], "2");
    let page = page.text().await.unwrap();
    assert!(page.contains("Der er travlt lige nu"), "{page}");

    // Live updates and the health check are not turned away.
    let events = reqwest::Client::new()
        .get(app.url("/api/v1/events"))
        .header("cookie", citizen.cookie_header())
        .send()
        .await
        .unwrap();
    assert_eq!(events.status(), StatusCode::OK);
    let health = reqwest::get(app.url("/healthz")).await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);

    // The held request finishes and is answered as usual.
    held.write_all(rest.as_bytes()).await.unwrap();
    let mut answer = String::new();
    tokio::time::timeout(Duration::from_secs(5), held.read_to_string(&mut answer))
        .await
        .expect("the held request is answered")
        .unwrap();
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");

    // The server answers again, and the plan holds exactly what was accepted.
    let (status, plan) = citizen.get_json("/api/v1/me/plan").await;
    assert_eq!(status, StatusCode::OK);
    let requests = plan["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert_eq!(requests[0]["option"], "mentor");
    drop(events);
}
