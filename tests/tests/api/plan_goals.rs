//! The plan's goals and requests: "Mit mål" and the agreed goal kept with their history, a
//! request that waits for a reasoned answer, and a catalogue entry the municipality retires.

use reqwest::{Method, StatusCode};
use serde_json::json;
use tests::{Engine, TestApp, caseworker_and_citizen, on_both_engines, wording};

on_both_engines!(
    a_request_waits_for_a_reasoned_answer,
    goals_are_kept_with_their_history,
    the_municipality_can_retire_a_catalogue_entry,
);

async fn a_request_waits_for_a_reasoned_answer(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (cw, citizen, id) =
        caseworker_and_citizen(&app, "lars.jensen", "karim", "Karim Haddad").await;

    let (status, body) = citizen
        .json(
            Method::POST,
            "/api/v1/me/plan/requests",
            &json!({ "option": "timetravel", "message": "" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["fields"][0]["field"], "option");
    let (status, asked) = citizen
        .json(
            Method::POST,
            "/api/v1/me/plan/requests",
            &json!({ "option": "mentor", "message": "Én jeg kan spørge om jobsøgning" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        asked["answer"],
        serde_json::Value::Null,
        "waiting until answered"
    );
    assert!(asked["asked_at"].as_str().unwrap().ends_with('Z'));

    let request = asked["id"].as_str().unwrap();
    let path = format!("/api/v1/citizens/{id}/plan/requests/{request}/answer");
    let (status, _) = cw
        .json(Method::POST, &path, &json!({ "answer": "  " }))
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "an answer needs reasons"
    );
    let (status, answered) = cw
        .json(
            Method::POST,
            &path,
            &json!({ "answer": "Ja. Vi finder en mentor med erfaring fra dit fag." }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(answered["answer"]["caseworker_name"], "Lars Jensen");
    let (status, refused) = cw
        .json(Method::POST, &path, &json!({ "answer": "Nej alligevel" }))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "answered once");
    assert_eq!(refused["error"]["current"]["kind"], "plan_request");
    assert_eq!(
        refused["error"]["current"]["now"]["answer"]["text"],
        "Ja. Vi finder en mentor med erfaring fra dit fag.",
        "the refusal shows the answer the request already has"
    );
    let (_, plan) = citizen.get_json("/api/v1/me/plan").await;
    assert_eq!(
        plan["requests"][0]["answer"]["text"],
        "Ja. Vi finder en mentor med erfaring fra dit fag."
    );
    app.stop().await;
}

async fn goals_are_kept_with_their_history(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (cw, citizen, id) =
        caseworker_and_citizen(&app, "lars.jensen", "karim", "Karim Haddad").await;

    let (status, plan) = citizen
        .json(
            Method::PUT,
            "/api/v1/me/plan/own-goal",
            &json!({ "own_goal": "Et job hvor jeg bruger mine sprog" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(plan["own_goal"], "Et job hvor jeg bruger mine sprog");
    let (status, _) = citizen
        .json(
            Method::PUT,
            "/api/v1/me/plan/own-goal",
            &json!({ "own_goal": "æ".repeat(501) }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    let goals = format!("/api/v1/citizens/{id}/plan/goals");
    let (status, _) = cw
        .json(
            Method::PUT,
            &goals,
            &json!({ "agreed_goal": "Kommunikationsmedarbejder", "target_group": "nonsense" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, plan) = cw
        .json(
            Method::PUT,
            &goals,
            &json!({ "agreed_goal": "Kommunikationsmedarbejder", "target_group": "dagpenge" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(plan["target_group"], "dagpenge");
    assert_eq!(plan["own_goal"], "Et job hvor jeg bruger mine sprog");

    let (_, history) = citizen.get_json("/api/v1/me/plan/history").await;
    let events: Vec<&str> = history["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert_eq!(events, vec!["goals_changed", "own_goal_changed"]);
    assert_eq!(
        history["entries"][0]["changes"][1],
        json!({ "field": "target_group", "before": "", "after": "dagpenge" })
    );
    app.stop().await;
}

async fn the_municipality_can_retire_a_catalogue_entry(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (cw, _, id) = caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    let path = format!("/api/v1/citizens/{id}/plan/steps");
    let (status, step) = cw
        .json(
            Method::POST,
            &path,
            &json!({ "wording": wording("Mentor", "mentor", None, None) }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);

    let csv = "code,label_da,label_en\neducation,Uddannelse,Education\nother,Andet,Other\n";
    sammen::catalogue::import(&app.db, shared::api::Catalogue::StepType, csv.as_bytes())
        .await
        .unwrap();

    let (_, catalogues) = cw.get_json("/api/v1/catalogues").await;
    let mentor = catalogues["step_types"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["code"] == "mentor")
        .unwrap()
        .clone();
    assert_eq!(
        mentor["active"], false,
        "kept to name old steps, no longer offered"
    );
    let (status, _) = cw
        .json(
            Method::POST,
            &path,
            &json!({ "wording": wording("Ny mentor", "mentor", None, None) }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = cw
        .json(
            Method::PUT,
            &format!("{path}/{}", step["id"].as_str().unwrap()),
            &json!({
                "wording": wording("Mentor hver uge", "mentor", None, None), "version": 1,
            }),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "an existing step keeps its retired type"
    );
    app.stop().await;
}
