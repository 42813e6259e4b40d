//! "Beskeder" and "Indbakke": a citizen writes, is promised an answer, the caseworker answers
//! from the inbox; sending is idempotent, drafts survive, reads are logged, bad input changes
//! nothing.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use shared::auth::LoginKind;
use tests::{Engine, TestApp, caseworker_and_citizen, on_both_engines};

on_both_engines!(
    a_citizen_writes_is_promised_an_answer_and_the_caseworker_answers,
    a_retried_send_makes_one_message_and_gets_the_first_answer,
    a_draft_is_kept_on_the_server_for_any_device_until_it_is_sent,
    another_citizens_conversation_is_not_found_and_nothing_changes,
    bad_messages_are_refused_field_by_field_and_change_nothing,
);

/// The draft slot of a conversation not yet started.
const NEW: &str = "new";

pub(crate) fn key() -> String {
    uuid::Uuid::new_v4().to_string()
}

pub(crate) async fn start(citizen: &tests::Browser, subject: &str, body: &str) -> Value {
    let (status, sent) = citizen
        .json(
            Method::POST,
            "/api/v1/me/conversations",
            &json!({
                "subject": subject, "body": body, "topic": "plan", "idempotency_key": key(),
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    sent
}

/// The promise for a message sent now: `answer_within_working_days` working days on.
pub(crate) fn promised_today(app: &TestApp) -> String {
    let today = sammen::calendar::date_in_copenhagen(app.clock.now());
    sammen::calendar::working_days_after(today, app.settings.messages.answer_within_working_days)
        .to_string()
}

async fn a_citizen_writes_is_promised_an_answer_and_the_caseworker_answers(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (cw, citizen, id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;

    let (_, before) = citizen.get_json("/api/v1/me/conversations").await;
    assert_eq!(before["conversations"], json!([]));
    assert_eq!(
        before["recipient"]["name"], "Mette Hansen",
        "the citizen sees who the message goes to before sending"
    );

    let sent = start(
        &citizen,
        "Praktikplads",
        "Kan vi tale om en praktik i foråret?",
    )
    .await;
    let promised = promised_today(&app);
    assert_eq!(sent["answer_by"], promised.as_str());
    let today = sammen::calendar::date_in_copenhagen(app.clock.now()).to_string();
    assert!(promised > today, "the promise lies ahead: {promised}");
    let conversation = sent["conversation_id"].as_str().unwrap().to_string();

    // The caseworker's inbox: waiting, with the promised date, not overdue.
    let (status, inbox) = cw.get_json("/api/v1/inbox").await;
    assert_eq!(status, StatusCode::OK, "{inbox}");
    let entry = &inbox["conversations"][0];
    assert_eq!(entry["subject"], "Praktikplads");
    assert_eq!(entry["citizen_name"], "Freja Nielsen");
    assert_eq!(entry["answer_by"], promised.as_str());
    assert_eq!(entry["overdue"], false);
    assert_eq!(entry["unread"], true);
    assert_eq!(inbox["waiting"], 1);

    // Opening it: one access-log entry, and the citizen sees "read".
    let citizen_uuid: uuid::Uuid = id.parse().unwrap();
    let logged = sammen::audit::count_for(&app.db, citizen_uuid)
        .await
        .unwrap();
    let (status, thread) = cw
        .get_json(&format!(
            "/api/v1/citizens/{id}/conversations/{conversation}"
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{thread}");
    assert_eq!(
        thread["messages"][0]["body"],
        "Kan vi tale om en praktik i foråret?"
    );
    assert_eq!(
        sammen::audit::count_for(&app.db, citizen_uuid)
            .await
            .unwrap(),
        logged + 1,
        "opening a conversation is logged once"
    );
    let (_, log) = citizen.get_json("/api/v1/me/access-log").await;
    assert_eq!(log["entries"][0]["what"], "conversation");
    let (_, mine) = citizen
        .get_json(&format!("/api/v1/me/conversations/{conversation}"))
        .await;
    assert_eq!(mine["messages"][0]["read"], true, "Læst af jobcentret");
    assert_eq!(
        mine["hints"],
        Value::Null,
        "reply hints are for the caseworker"
    );

    // The answer ends the wait and is unread for the citizen.
    let (status, answer) = cw
        .json(
            Method::POST,
            &format!("/api/v1/citizens/{id}/conversations/{conversation}/messages"),
            &json!({"body": "Ja, lad os tale om det på mødet.", "idempotency_key": key()}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    assert_eq!(answer["answer_by"], Value::Null);
    let (_, list) = citizen.get_json("/api/v1/me/conversations").await;
    assert_eq!(list["unread"], 1);
    assert_eq!(list["conversations"][0]["unread"], true);
    assert_eq!(list["conversations"][0]["last_from"], "caseworker");
    assert_eq!(list["conversations"][0]["waiting_since"], Value::Null);
    let (_, inbox) = cw.get_json("/api/v1/inbox").await;
    assert_eq!(inbox["waiting"], 0, "answered: nobody waits");

    // The citizen writes again: a new promise, stored with the message.
    let (_, again) = citizen
        .json(
            Method::POST,
            &format!("/api/v1/me/conversations/{conversation}/messages"),
            &json!({"body": "Tak!", "idempotency_key": key()}),
        )
        .await;
    assert_eq!(again["answer_by"], promised.as_str());
    let (_, thread) = citizen
        .get_json(&format!("/api/v1/me/conversations/{conversation}"))
        .await;
    assert_eq!(thread["messages"].as_array().unwrap().len(), 3);
    assert_eq!(thread["messages"][1]["author_name"], "Mette Hansen");
    assert_eq!(thread["messages"][1]["read"], true, "opened just now");
    app.stop().await;
}

async fn a_retried_send_makes_one_message_and_gets_the_first_answer(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut citizen = app.browser();
    citizen.login(LoginKind::Citizen, "freja").await;
    let body =
        json!({"subject": "Hjælp", "body": "Hvornår er mit næste møde?", "idempotency_key": key()});
    // A double tap: both requests in flight at once, then a resend after a "timeout".
    let (a, b) = tokio::join!(
        citizen.json(Method::POST, "/api/v1/me/conversations", &body),
        citizen.json(Method::POST, "/api/v1/me/conversations", &body),
    );
    let (c_status, c) = citizen
        .json(Method::POST, "/api/v1/me/conversations", &body)
        .await;
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::OK, StatusCode::CREATED],
        "{} {}",
        a.1,
        b.1
    );
    assert_eq!(c_status, StatusCode::OK);
    assert_eq!(a.1["message_id"], b.1["message_id"]);
    assert_eq!(a.1["message_id"], c["message_id"]);
    assert_eq!(app.count("messages").await, 1);
    assert_eq!(app.count("conversations").await, 1);

    // The same for a reply.
    let conversation = c["conversation_id"].as_str().unwrap();
    let reply = json!({"body": "Og hvor?", "idempotency_key": key()});
    let path = format!("/api/v1/me/conversations/{conversation}/messages");
    let (x, y) = tokio::join!(
        citizen.json(Method::POST, &path, &reply),
        citizen.json(Method::POST, &path, &reply),
    );
    assert_eq!(x.1["message_id"], y.1["message_id"], "{} {}", x.1, y.1);
    assert_eq!(app.count("messages").await, 2);
    app.stop().await;
}

async fn a_draft_is_kept_on_the_server_for_any_device_until_it_is_sent(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut phone = app.browser();
    phone.login(LoginKind::Citizen, "freja").await;
    let (status, _) = phone
        .json(
            Method::PUT,
            &format!("/api/v1/me/drafts/{NEW}"),
            &json!({
                "subject": "Min ryg", "body": "Jeg har haft ondt i", "topic": "health",
            }),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);

    // Another device, another session: the same draft.
    let mut laptop = app.browser();
    laptop.login(LoginKind::Citizen, "freja").await;
    let (_, draft) = laptop.get_json(&format!("/api/v1/me/drafts/{NEW}")).await;
    assert_eq!(
        draft,
        json!({"subject": "Min ryg", "body": "Jeg har haft ondt i", "topic": "health"})
    );

    // Another citizen does not see it.
    let mut other = app.browser();
    other.login(LoginKind::Citizen, "henrik").await;
    let (_, theirs) = other.get_json(&format!("/api/v1/me/drafts/{NEW}")).await;
    assert_eq!(theirs["body"], "");

    // Sending clears it.
    start(&laptop, "Min ryg", "Jeg har haft ondt i ryggen.").await;
    let (_, after) = phone.get_json(&format!("/api/v1/me/drafts/{NEW}")).await;
    assert_eq!(after["body"], "", "sent: the draft is gone");
    app.stop().await;
}

async fn another_citizens_conversation_is_not_found_and_nothing_changes(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut freja = app.browser();
    freja.login(LoginKind::Citizen, "freja").await;
    let sent = start(&freja, "Mit emne", "Min tekst").await;
    let conversation = sent["conversation_id"].as_str().unwrap();

    let mut henrik = app.browser();
    henrik.login(LoginKind::Citizen, "henrik").await;
    let (status, body) = henrik
        .get_json(&format!("/api/v1/me/conversations/{conversation}"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert!(!body.to_string().contains("Mit emne"));
    let (status, _) = henrik
        .json(
            Method::POST,
            &format!("/api/v1/me/conversations/{conversation}/messages"),
            &json!({"body": "Hej", "idempotency_key": key()}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = henrik
        .json(
            Method::PUT,
            &format!("/api/v1/me/drafts/{conversation}"),
            &json!({"body": "x"}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    for bad in ["nope", "00000000-0000-0000-0000-000000000000"] {
        let (status, _) = freja
            .get_json(&format!("/api/v1/me/conversations/{bad}"))
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{bad}");
    }
    // A citizen at a caseworker's address, and at the inbox.
    let freja_id = {
        let mut cw = app.browser();
        cw.login(LoginKind::Employee, "mette.hansen").await;
        cw.citizen_id("Freja Nielsen").await
    };
    let (status, _) = henrik
        .get_json(&format!("/api/v1/citizens/{freja_id}/conversations"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = henrik.get_json("/api/v1/inbox").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("messages").await, 1);
    let (_, thread) = freja
        .get_json(&format!("/api/v1/me/conversations/{conversation}"))
        .await;
    assert_eq!(thread["messages"].as_array().unwrap().len(), 1);
    app.stop().await;
}

async fn bad_messages_are_refused_field_by_field_and_change_nothing(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut citizen = app.browser();
    citizen.login(LoginKind::Citizen, "freja").await;
    let long = "x".repeat(5001);
    for (body, field, words) in [
        (
            json!({"subject": "", "body": "", "idempotency_key": key()}),
            "subject",
            "Skal udfyldes",
        ),
        (
            json!({"subject": "Emne", "body": long, "idempotency_key": key()}),
            "body",
            "5000 tegn",
        ),
        (
            json!({"subject": "Emne", "body": "Tekst", "idempotency_key": "kort"}),
            "idempotency_key",
            "ikke gyldig",
        ),
        (
            json!({"subject": "Emne\u{0}", "body": "Tekst", "idempotency_key": key()}),
            "subject",
            "usynligt tegn",
        ),
    ] {
        let (status, answer) = citizen
            .json(Method::POST, "/api/v1/me/conversations", &body)
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
        let fields = answer["error"]["fields"].as_array().unwrap();
        let problem = fields
            .iter()
            .find(|f| f["field"] == field)
            .unwrap_or_else(|| panic!("{answer}"));
        assert!(
            problem["message"].as_str().unwrap().contains(words),
            "{answer}"
        );
    }
    let response = citizen
        .send(Method::POST, "/api/v1/me/conversations")
        .header("content-type", "application/json")
        .body("{\"subject\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let response = citizen
        .send(Method::POST, "/api/v1/me/conversations")
        .header("content-type", "application/json")
        .body(format!(
            "{{\"subject\":\"a\",\"body\":\"{}\",\"idempotency_key\":\"{}\"}}",
            "x".repeat(70_000),
            key()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(app.count("messages").await, 0);
    assert_eq!(app.count("conversations").await, 0);
    app.stop().await;
}
