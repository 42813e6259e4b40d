//! Files sent with messages: checked by content, within the citizen's storage, sent with one
//! message only, downloadable by the conversation's people only, always as a download.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use shared::auth::LoginKind;
use tests::{Browser, Engine, TestApp, caseworker_and_citizen, on_both_engines, pdf};

on_both_engines!(
    a_citizen_sends_a_file_that_only_the_conversations_people_can_download,
    files_that_are_not_what_they_say_too_large_or_too_many_are_refused,
);

async fn attach(browser: &Browser, path: &str, name: &str, bytes: Vec<u8>) -> (StatusCode, Value) {
    let response = browser
        .send(Method::POST, path)
        .header("content-type", "application/octet-stream")
        .header("x-file-name", name)
        .body(bytes)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn key() -> String {
    uuid::Uuid::new_v4().to_string()
}

async fn a_citizen_sends_a_file_that_only_the_conversations_people_can_download(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (cw, freja, id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    // A PDF called .html is kept as a PDF.
    let (status, file) = attach(
        &freja,
        "/api/v1/me/attachments",
        "l%C3%A6gebrev.html",
        pdf(),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{file}");
    assert_eq!(file["file_name"], "lægebrev.pdf");
    assert_eq!(file["content_type"], "application/pdf");
    let file_id = file["id"].as_str().unwrap().to_string();

    // Not sent yet: the caseworker cannot fetch it.
    let (status, _) = cw
        .get_json(&format!("/api/v1/citizens/{id}/attachments/{file_id}"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, sent) = freja
        .json(
            Method::POST,
            "/api/v1/me/conversations",
            &json!({
                "subject": "Lægebrev", "body": "Her er brevet.", "idempotency_key": key(),
                "attachments": [file_id],
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    let conversation = sent["conversation_id"].as_str().unwrap();
    let (_, thread) = cw
        .get_json(&format!(
            "/api/v1/citizens/{id}/conversations/{conversation}"
        ))
        .await;
    assert_eq!(
        thread["messages"][0]["attachments"][0]["file_name"],
        "lægebrev.pdf"
    );

    let citizen_uuid: uuid::Uuid = id.parse().unwrap();
    let logged = sammen::audit::count_for(&app.db, citizen_uuid)
        .await
        .unwrap();
    let response = cw
        .send(
            Method::GET,
            &format!("/api/v1/citizens/{id}/attachments/{file_id}"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert_eq!(response.bytes().await.unwrap().to_vec(), pdf());
    assert_eq!(
        sammen::audit::count_for(&app.db, citizen_uuid)
            .await
            .unwrap(),
        logged + 1
    );

    // Another citizen, and a second message with the same file: no.
    let mut henrik = app.browser();
    henrik.login(LoginKind::Citizen, "henrik").await;
    let (status, _) = henrik
        .get_json(&format!("/api/v1/me/attachments/{file_id}"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, answer) = freja
        .json(
            Method::POST,
            &format!("/api/v1/me/conversations/{conversation}/messages"),
            &json!({
                "body": "Igen", "idempotency_key": key(), "attachments": [file_id],
            }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(
        app.count("messages").await,
        1,
        "the refused reply is not kept"
    );
    app.stop().await;
}

async fn files_that_are_not_what_they_say_too_large_or_too_many_are_refused(engine: Engine) {
    let app = TestApp::spawn_with(engine, |s| s.uploads.max_documents_per_citizen = 7).await;
    let mut freja = app.browser();
    freja.login(LoginKind::Citizen, "freja").await;
    let (status, answer) = attach(
        &freja,
        "/api/v1/me/attachments",
        "scan.pdf",
        b"MZ\x90\x00 not a pdf".to_vec(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer["error"]["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("PDF, JPEG eller PNG"),
        "{answer}"
    );
    let mut big = pdf();
    big.resize(10 * 1024 * 1024 + 1, b' ');
    let (status, answer) = attach(&freja, "/api/v1/me/attachments", "stor.pdf", big).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer["error"]["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("10 MB"),
        "{answer}"
    );

    let mut ids = Vec::new();
    for n in 0..6 {
        let (status, file) =
            attach(&freja, "/api/v1/me/attachments", &format!("{n}.pdf"), pdf()).await;
        assert_eq!(status, StatusCode::CREATED, "{file}");
        ids.push(file["id"].as_str().unwrap().to_string());
    }
    let (status, answer) = freja
        .json(Method::POST, "/api/v1/me/conversations", &json!({
            "subject": "Mange", "body": "Seks filer", "idempotency_key": key(), "attachments": ids,
        }))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert!(
        answer["error"]["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("højst sende 5 filer"),
        "{answer}"
    );
    assert_eq!(app.count("conversations").await, 0);
    // The citizen's storage counts these files too: the eighth is refused.
    let (status, _) = attach(&freja, "/api/v1/me/attachments", "7.pdf", pdf()).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, answer) = attach(&freja, "/api/v1/me/attachments", "8.pdf", pdf()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert!(
        answer["error"]["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("7 dokumenter"),
        "{answer}"
    );
    app.stop().await;
}
