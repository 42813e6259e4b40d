//! Bad input gets a clear message in the caller's language and changes nothing.

use reqwest::{Method, StatusCode};
use shared::auth::LoginKind;
use tests::{Engine, TestApp, on_both_engines};

on_both_engines!(malformed_oversized_and_unknown_input_is_refused_clearly);

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
