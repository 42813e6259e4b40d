//! Bad input gets a clear message in the caller's language and changes nothing.

use reqwest::{Method, StatusCode};
use serde_json::json;
use shared::auth::LoginKind;
use tests::{Engine, TestApp, caseworker_and_citizen, on_both_engines, wording};

on_both_engines!(
    malformed_oversized_and_unknown_input_is_refused_clearly,
    bad_step_input_is_refused_field_by_field_and_changes_nothing,
);

async fn malformed_oversized_and_unknown_input_is_refused_clearly(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut browser = app.browser();
    browser.login(LoginKind::Citizen, "sofie").await;
    let put = |body: Vec<u8>, content_type: &str, lang: &str| {
        browser
            .send(Method::PUT, "/api/v1/session/language")
            .header("content-type", content_type)
            .header("accept-language", lang)
            .body(body)
    };

    let malformed = put(b"{\"lang\": ".to_vec(), "application/json", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
    let body: serde_json::Value = malformed.json().await.unwrap();
    assert_eq!(body["error"]["code"], "bad_request");
    assert_eq!(
        body["error"]["message"],
        "We could not understand what was sent. Nothing was changed."
    );

    let unknown_value = put(br#"{"lang":"de"}"#.to_vec(), "application/json", "da")
        .send()
        .await
        .unwrap();
    assert_eq!(unknown_value.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = unknown_value.json().await.unwrap();
    assert_eq!(body["error"]["code"], "validation");
    assert_eq!(body["error"]["fields"][0]["field"], "lang");
    assert_eq!(
        body["error"]["fields"][0]["message"],
        "Værdien er ikke gyldig."
    );

    let unknown_field = put(
        br#"{"lang":"da","admin":true}"#.to_vec(),
        "application/json",
        "da",
    )
    .send()
    .await
    .unwrap();
    assert_eq!(unknown_field.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = unknown_field.json().await.unwrap();
    assert_eq!(body["error"]["fields"][0]["field"], "admin");

    let not_json = put(
        b"lang=en".to_vec(),
        "application/x-www-form-urlencoded",
        "da",
    )
    .send()
    .await
    .unwrap();
    assert_eq!(not_json.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let mut huge = br#"{"lang":"en","padding":""#.to_vec();
    huge.extend(std::iter::repeat_n(b'x', 200 * 1024));
    huge.extend(b"\"}");
    let too_big = put(huge, "application/json", "da").send().await.unwrap();
    assert_eq!(too_big.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: serde_json::Value = too_big.json().await.unwrap();
    assert_eq!(body["error"]["code"], "payload_too_large");

    let language: (String,) = sammen::db_conn!(app.db.reader().await.expect("a database connection").conn(), pool => sqlx::query_as(
        "SELECT language FROM citizens WHERE name = 'Sofie Larsen'").fetch_one(pool).await)
    .unwrap();
    assert_eq!(
        language.0, "da",
        "none of the bad requests changed anything"
    );

    let (status, body) = browser.get_json("/api/v1/no-such-thing").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "not_found");
    let wrong_method = browser
        .send(Method::DELETE, "/api/v1/me/plan")
        .send()
        .await
        .unwrap();
    assert_eq!(
        wrong_method.status(),
        StatusCode::NOT_FOUND,
        "an operation that does not exist"
    );
    let body: serde_json::Value = wrong_method.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_found", "in the one error shape");
    app.stop().await;
}

async fn bad_step_input_is_refused_field_by_field_and_changes_nothing(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (cw, _, id) = caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    let path = format!("/api/v1/citizens/{id}/plan/steps");

    let (status, body) = cw.json(Method::POST, &path, &json!({ "wording": wording("Kursus", "education", Some("2027-03-01"), Some("2027-02-01")) })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["fields"][0]["field"], "wording.ends_on");
    assert_eq!(
        body["error"]["fields"][0]["message"],
        "Slutdatoen må ikke være før startdatoen."
    );

    let (_, body) = cw
        .json(
            Method::POST,
            &path,
            &json!({ "wording": wording("Kursus", "astronaut", Some("2027-02-30"), None) }),
        )
        .await;
    let fields: Vec<&str> = body["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["wording.step_type", "wording.starts_on"]);

    let long = "x".repeat(121);
    let (_, body) = cw
        .json(
            Method::POST,
            &path,
            &json!({ "wording": wording(&long, "education", None, None) }),
        )
        .await;
    assert_eq!(
        body["error"]["fields"][0]["message"],
        "Må højst være 120 tegn."
    );
    let (status, _) = cw
        .json(Method::POST, &path, &json!({ "wording": { "title": "x" } }))
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "missing fields are named, not a 500"
    );

    assert_eq!(app.count("plan_steps").await, 0);
    assert_eq!(app.count("plan_history").await, 0);
    app.stop().await;
}
