//! "Det aftalte vi": the caseworker sums a meeting up afterwards, the citizen answers, the
//! caseworker replies, and *Mine møder* shows what still waits.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::json;
use shared::auth::LoginKind;
use tests::{Browser, Engine, TestApp, caseworker_and_citizen, on_both_engines};

use crate::meetings::{after_today, book, free, offer_mornings};

on_both_engines!(a_summary_is_written_after_the_meeting_answered_and_replied,);

/// The ids of the past meetings waiting for the caseworker on their "Mine møder".
async fn waiting_on(caseworker: &Browser) -> Vec<String> {
    let (status, week) = caseworker.get_json("/api/v1/caseworker/meetings").await;
    assert_eq!(status, StatusCode::OK, "{week}");
    week["waiting"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect()
}

async fn a_summary_is_written_after_the_meeting_answered_and_replied(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (mut mette, mut freja, freja_id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    offer_mornings(&mette).await;
    let offered = free(&freja, "?length=30").await;
    let at = after_today(&app, &offered)["times"][0]["starts_at"]
        .as_i64()
        .expect("a free time");
    // "Indkald": Mette books it for Freja, who confirms.
    let (status, meeting) = book(
        &mette,
        &format!("/api/v1/citizens/{freja_id}/meetings"),
        at,
        30,
        "in_person",
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{meeting}");
    assert_eq!(meeting["status"], "proposed");
    let id = meeting["id"].as_str().unwrap().to_string();
    let (status, confirmed) = freja
        .json(
            Method::POST,
            &format!("/api/v1/me/meetings/{id}/confirm"),
            &json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{confirmed}");
    assert_eq!(confirmed["status"], "booked");
    assert_eq!(confirmed["place"], "Jobcentret, Rådhusvej 1");

    let summary_path = format!("/api/v1/citizens/{freja_id}/meetings/{id}/summary");
    let summary = json!({"text": "Vi aftalte, at du søger praktik.", "proposed_steps": ["Søg praktik hos Netto"]});
    let (status, early) = mette.json(Method::PUT, &summary_path, &summary).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{early}");
    assert!(
        early["error"]["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("endnu")
    );

    let wait = (at + 40 * 60_000 - app.clock.now().millis()) / 1000;
    app.clock
        .advance(Duration::from_secs(u64::try_from(wait).unwrap()));
    freja.login(LoginKind::Citizen, "freja").await;
    mette.login(LoginKind::Employee, "mette.hansen").await;
    assert_eq!(
        waiting_on(&mette).await,
        vec![id.clone()],
        "held, not summed up: it waits for Mette"
    );
    let (status, written) = mette.json(Method::PUT, &summary_path, &summary).await;
    assert_eq!(status, StatusCode::OK, "{written}");
    assert!(waiting_on(&mette).await.is_empty(), "summed up");
    let (_, plan) = freja.get_json("/api/v1/me/plan").await;
    let step = &plan["steps"][0];
    assert_eq!(step["wording"]["title"], "Søg praktik hos Netto");
    assert_eq!(
        step["citizen_agreed"], false,
        "a proposal the citizen must agree to: {step}"
    );

    let answer_path = format!("/api/v1/me/meetings/{id}/summary/response");
    let (status, _) = freja
        .json(
            Method::POST,
            &answer_path,
            &json!({"response": "disagreed", "comment": " "}),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a different view needs words"
    );
    let (status, answered) = freja
        .json(
            Method::POST,
            &answer_path,
            &json!({"response": "disagreed", "comment": "Jeg sagde, jeg vil i lære."}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{answered}");
    assert_eq!(
        waiting_on(&mette).await,
        vec![id.clone()],
        "understood differently: it waits for Mette's answer"
    );
    let (status, replied) = mette
        .json(
            Method::POST,
            &format!("/api/v1/citizens/{freja_id}/meetings/{id}/summary/reply"),
            &json!({"text": "Tak. Så skriver vi læreplads i planen."}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{replied}");
    assert!(waiting_on(&mette).await.is_empty(), "answered");
    let (_, list) = freja.get_json("/api/v1/me/meetings").await;
    let s = &list["past"][0]["summary"];
    assert_eq!(s["citizen_response"], "disagreed");
    assert_eq!(s["citizen_comment"], "Jeg sagde, jeg vil i lære.");
    assert_eq!(
        s["caseworker_reply"],
        "Tak. Så skriver vi læreplads i planen."
    );
}
