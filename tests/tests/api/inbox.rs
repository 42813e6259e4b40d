//! "Indbakke" from the caseworker's side: filters, a conversation the caseworker starts, the
//! backup answering while the primary is away, and handing a conversation to a colleague.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use shared::auth::LoginKind;
use tests::{Engine, TestApp, caseworker_and_citizen, on_both_engines};

use crate::messages::{key, start};

on_both_engines!(
    the_inbox_filters_by_waiting_overdue_and_name,
    a_caseworker_starts_a_conversation_and_can_say_no_reply_is_needed,
    while_the_primary_caseworker_is_away_the_backup_answers_and_the_log_says_so,
    a_conversation_is_handed_to_a_colleague_in_the_team_only,
);

async fn the_inbox_filters_by_waiting_overdue_and_name(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut freja = app.browser();
    freja.login(LoginKind::Citizen, "freja").await;
    start(&freja, "Først", "Jeg skrev først").await;
    // A week later Henrik writes; Freja's promise has passed.
    app.clock
        .advance(std::time::Duration::from_secs(7 * 24 * 3600));
    let mut henrik = app.browser();
    henrik.login(LoginKind::Citizen, "henrik").await;
    start(&henrik, "Senere", "Jeg skrev senere").await;
    let mut cw = app.browser();
    cw.login(LoginKind::Employee, "mette.hansen").await;

    let (_, waiting) = cw.get_json("/api/v1/inbox?filter=waiting").await;
    let names: Vec<_> = waiting["conversations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["citizen_name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        names,
        ["Freja Nielsen", "Henrik Sørensen"],
        "longest waiting first"
    );
    assert_eq!(waiting["overdue"], 1);
    let (_, overdue) = cw.get_json("/api/v1/inbox?filter=overdue").await;
    assert_eq!(overdue["conversations"].as_array().unwrap().len(), 1);
    assert_eq!(overdue["conversations"][0]["overdue"], true);
    let (_, found) = cw.get_json("/api/v1/inbox?filter=all&q=s%C3%B8r").await;
    assert_eq!(found["conversations"].as_array().unwrap().len(), 1);
    assert_eq!(found["conversations"][0]["citizen_name"], "Henrik Sørensen");
    let (status, _) = cw.get_json("/api/v1/inbox?filter=nonsense").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // 50 a page: 53 waiting conversations are two pages, the longest waiting on the first.
    for n in 0..51 {
        start(&henrik, &format!("Nummer {n}"), "Tekst").await;
    }
    let (_, first) = cw.get_json("/api/v1/inbox?filter=waiting&page=1").await;
    assert_eq!(
        (first["total"].as_u64(), first["pages"].as_u64()),
        (Some(53), Some(2))
    );
    assert_eq!(first["conversations"].as_array().unwrap().len(), 50);
    assert_eq!(first["conversations"][0]["subject"], "Først");
    let (_, second) = cw.get_json("/api/v1/inbox?filter=waiting&page=2").await;
    assert_eq!(second["conversations"].as_array().unwrap().len(), 3);
    for c in second["conversations"].as_array().unwrap() {
        assert!(c["subject"].as_str().unwrap().starts_with("Nummer"), "{c}");
    }
    assert_eq!(second["waiting"], 53, "the counts are of every page");
    let (_, beyond) = cw.get_json("/api/v1/inbox?filter=waiting&page=99").await;
    assert_eq!(beyond["page"], 2, "past the last page: the last page");
    app.stop().await;
}

async fn a_caseworker_starts_a_conversation_and_can_say_no_reply_is_needed(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (cw, citizen, id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    let (status, sent) = cw
        .json(Method::POST, &format!("/api/v1/citizens/{id}/conversations"), &json!({
            "subject": "Dit møde", "body": "Husk vores møde på tirsdag.", "idempotency_key": key(),
        }))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    assert_eq!(
        sent["answer_by"],
        Value::Null,
        "nobody waits for the citizen"
    );
    let conversation = sent["conversation_id"].as_str().unwrap();
    let (_, list) = citizen.get_json("/api/v1/me/conversations").await;
    assert_eq!(list["unread"], 1);

    let (_, reply) = citizen
        .json(
            Method::POST,
            &format!("/api/v1/me/conversations/{conversation}/messages"),
            &json!({"body": "Tak, det passer fint.", "idempotency_key": key()}),
        )
        .await;
    assert!(reply["answer_by"].is_string());
    let path = format!("/api/v1/citizens/{id}/conversations/{conversation}/no-reply-needed");
    let response = cw.send(Method::POST, &path).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let (_, inbox) = cw.get_json("/api/v1/inbox").await;
    assert_eq!(inbox["waiting"], 0, "kræver ikke svar: the promise is kept");
    let (_, thread) = citizen
        .get_json(&format!("/api/v1/me/conversations/{conversation}"))
        .await;
    assert_eq!(thread["no_reply_needed"], true);
    assert_eq!(thread["messages"][1]["read"], true);
    // Only a caseworker may say so.
    let response = citizen.send(Method::POST, &path).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    // Closed: a reply is refused and changes nothing.
    let close = format!("/api/v1/citizens/{id}/conversations/{conversation}/close");
    assert_eq!(
        citizen
            .send(Method::POST, &close)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        cw.send(Method::POST, &close).send().await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    let before = app.count("messages").await;
    let (status, answer) = citizen
        .json(
            Method::POST,
            &format!("/api/v1/me/conversations/{conversation}/messages"),
            &json!({"body": "En sidste ting", "idempotency_key": key()}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert!(
        answer["error"]["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("lukket"),
        "{answer}"
    );
    assert_eq!(app.count("messages").await, before);
    let (_, thread) = citizen
        .get_json(&format!("/api/v1/me/conversations/{conversation}"))
        .await;
    assert_eq!(thread["summary"]["closed"], true);
    app.stop().await;
}

async fn while_the_primary_caseworker_is_away_the_backup_answers_and_the_log_says_so(
    engine: Engine,
) {
    let app = TestApp::spawn(engine).await;
    let (mette, freja, id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    let mut lars = app.browser();
    lars.login(LoginKind::Employee, "lars.jensen").await;
    let today = sammen::calendar::date_in_copenhagen(app.clock.now());
    let until = today
        .checked_add(jiff::Span::new().days(7))
        .unwrap()
        .to_string();

    // Bad periods change nothing.
    for (bad, field) in [
        (
            json!({"from": today.to_string(), "until": "2020-01-01"}),
            "until",
        ),
        (json!({"from": "i morgen", "until": until}), "from"),
        (json!({"from": today.to_string(), "until": null}), "until"),
    ] {
        let (status, answer) = mette.json(Method::PUT, "/api/v1/away", &bad).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {answer}");
        assert_eq!(answer["error"]["fields"][0]["field"], field, "{answer}");
    }
    let (_, team) = mette.get_json("/api/v1/team").await;
    assert_eq!(team["away"], json!({"from": null, "until": null}));

    let (status, away) = mette
        .json(
            Method::PUT,
            "/api/v1/away",
            &json!({"from": today.to_string(), "until": until}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{away}");
    let (_, list) = freja.get_json("/api/v1/me/conversations").await;
    assert_eq!(
        list["recipient"]["name"], "Lars Jensen",
        "the backup answers meanwhile"
    );
    assert_eq!(list["cover"]["away_name"], "Mette Hansen");
    assert_eq!(list["cover"]["away_until"], until.as_str());

    let sent = start(&freja, "Mens Mette er væk", "Hvem hjælper mig?").await;
    let conversation = sent["conversation_id"].as_str().unwrap();
    let (_, inbox) = lars.get_json("/api/v1/inbox").await;
    assert_eq!(inbox["conversations"][0]["subject"], "Mens Mette er væk");
    assert_eq!(inbox["conversations"][0]["caseworker_name"], "Lars Jensen");
    let (status, _) = lars
        .get_json(&format!(
            "/api/v1/citizens/{id}/conversations/{conversation}"
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, log) = freja.get_json("/api/v1/me/access-log").await;
    assert_eq!(log["entries"][0]["caseworker_name"], "Lars Jensen");
    assert_eq!(
        log["entries"][0]["purpose"], "casework_as_backup",
        "stedfortræder"
    );

    // Back again: Mette answers new messages.
    mette
        .json(
            Method::PUT,
            "/api/v1/away",
            &json!({"from": null, "until": null}),
        )
        .await;
    let (_, list) = freja.get_json("/api/v1/me/conversations").await;
    assert_eq!(list["recipient"]["name"], "Mette Hansen");
    assert_eq!(list["cover"], Value::Null);
    app.stop().await;
}

async fn a_conversation_is_handed_to_a_colleague_in_the_team_only(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (mette, freja, id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    let sent = start(&freja, "Overdragelse", "Hej").await;
    let conversation = sent["conversation_id"].as_str().unwrap();
    let (_, team) = mette.get_json("/api/v1/team").await;
    let lars = team["colleagues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Lars Jensen")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let path = format!("/api/v1/citizens/{id}/conversations/{conversation}/handover");

    // Not to someone outside the team, nor to oneself: nothing changes.
    let outsider = uuid::Uuid::new_v4();
    let (status, answer) = mette
        .json(Method::POST, &path, &json!({"to": outsider, "note": ""}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert!(
        answer["error"]["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("team")
    );
    let me = app.db.clone();
    let _ = me;
    let (status, answer) = mette
        .json(
            Method::POST,
            &path,
            &json!({"to": lars, "note": "x".repeat(501)}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(app.count("messages").await, 1);

    let response = mette
        .send(Method::POST, &path)
        .json(&json!({"to": lars, "note": "Lars kender til uddannelser."}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let (_, thread) = freja
        .get_json(&format!("/api/v1/me/conversations/{conversation}"))
        .await;
    let note = &thread["messages"][1];
    assert_eq!(note["from"], "system");
    assert_eq!(
        note["body"],
        "Din sag er overdraget til Lars Jensen.\n\nLars kender til uddannelser."
    );
    assert_eq!(thread["summary"]["caseworker_name"], "Lars Jensen");
    // A citizen cannot hand over.
    let response = freja
        .send(Method::POST, &path)
        .json(&json!({"to": lars, "note": ""}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    app.stop().await;
}
