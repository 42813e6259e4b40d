//! What operators and browsers rely on: health, readiness, metrics, the OpenAPI document,
//! security headers, and the web client's routes.

use reqwest::{Method, StatusCode};
use tests::{Engine, TestApp, on_both_engines};

on_both_engines!(
    the_start_page_works_without_the_web_client,
    health_readiness_and_metrics_answer,
    openapi_document_describes_the_api,
    every_response_carries_the_security_headers,
    client_routes_get_the_web_client,
);

async fn health_readiness_and_metrics_answer(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let client = reqwest::Client::new();
    assert_eq!(
        client
            .get(app.url("/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        client
            .get(app.url("/readyz"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    let metrics = client
        .get(app.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(metrics.contains("http_requests_total"), "{metrics}");
    app.stop().await;
}

async fn openapi_document_describes_the_api(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let doc: serde_json::Value = reqwest::get(app.url("/api/v1/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for path in [
        "/api/v1/session",
        "/api/v1/session/logout",
        "/api/v1/overview",
        "/api/v1/caseload",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
    assert!(doc["components"]["schemas"]["ApiError"].is_object());

    // The document comes from the routes: every operation in it is served (without a session
    // it asks for one or refuses; never "no such address"), and each two-sided one is there
    // for the citizen and, with the `citizen` parameter, for the caseworker.
    let paths = doc["paths"].as_object().unwrap();
    let client = reqwest::Client::new();
    for (path, item) in paths {
        for (method, operation) in item.as_object().unwrap() {
            let concrete = path.replace(['{', '}'], "");
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let response = client
                .request(method.clone(), app.url(&concrete))
                .send()
                .await
                .unwrap();
            assert!(
                ![StatusCode::NOT_FOUND, StatusCode::METHOD_NOT_ALLOWED]
                    .contains(&response.status()),
                "{method} {path} is documented but not served: {}",
                response.status()
            );
            if let Some(rest) = path.strip_prefix("/api/v1/me/") {
                let twin = format!("/api/v1/citizens/{{citizen}}/{rest}");
                if let Some(twin_op) = doc["paths"][&twin].get(method.as_str().to_lowercase()) {
                    let params = twin_op["parameters"].as_array().unwrap();
                    assert!(params.iter().any(|p| p["name"] == "citizen"), "{twin}");
                    assert_ne!(twin_op["operationId"], operation["operationId"], "{twin}");
                }
            }
        }
    }
    for two_sided in [
        "plan",
        "plan/history",
        "plan/steps",
        "plan/steps/{step}/agree",
        "profile",
        "documents/{id}",
    ] {
        assert!(
            paths.contains_key(&format!("/api/v1/me/{two_sided}")),
            "{two_sided}"
        );
        assert!(
            paths.contains_key(&format!("/api/v1/citizens/{{citizen}}/{two_sided}")),
            "{two_sided}"
        );
    }

    // And every API address a client uses is documented: these tests' own, exactly; the web
    // client's, whose addresses all live in `frontend/src/api/` and are often written relative
    // to whose data they are about (`/plan/steps` at `/me` or `/citizens/{id}`), as the end of
    // a documented address.
    let documented: Vec<String> = paths.keys().map(|p| normalised(p)).collect();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap();
    // Addresses the tests use on purpose because they do not exist, and the document itself.
    let made_up = [
        "/api/v1/x{}",
        "/api/v1/nothing",
        "/api/v1/no-such-thing",
        "/api/v1/openapi.json",
    ];
    for path in literals_in(&root.join("tests/tests"), "\"/api/v1/") {
        let path =
            normalised(&format!("/api/v1/{path}")).replace("/citizens/not-an-id/", "/citizens/{}/");
        if made_up.contains(&path.as_str()) {
            continue;
        }
        assert!(
            documented.contains(&path),
            "{path} is used by a test but not documented"
        );
    }
    let web_client = literals_in(&root.join("frontend/src/api"), "\"/");
    assert!(web_client.len() >= 20, "{web_client:?}");
    for rest in web_client {
        // A format string that only joins parts (`{step}{rest}`) is no address of its own.
        if rest.contains("{rest}") {
            continue;
        }
        let rest = normalised(&format!("/{rest}"));
        assert!(
            documented.iter().any(|d| d.ends_with(&rest)),
            "{rest} is used by the web client but no documented address ends with it"
        );
    }
    app.stop().await;
}

/// A path with every `{parameter}` written as `{}`, so documented and used paths compare.
fn normalised(path: &str) -> String {
    let mut out = String::new();
    let mut in_param = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_param = true;
                out.push_str("{}");
            }
            '}' => in_param = false,
            _ if !in_param => out.push(c),
            _ => {}
        }
    }
    out
}

/// The string literals in a folder's Rust files that start with `prefix` (a quote and the start
/// of an address), without it, up to the closing quote or a query string.
fn literals_in(dir: &std::path::Path, prefix: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            // This file writes documented paths, not addresses it calls.
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with(file!()) {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (at, _) in text.match_indices(prefix) {
                let rest = &text[at + prefix.len()..];
                let end = rest.find(['"', '?']).unwrap_or(rest.len());
                let tail = &rest[..end];
                // A literal ending in `/` is a prefix that code compares with, not an address.
                if !tail.is_empty() && !tail.ends_with('/') {
                    found.push(tail.to_string());
                }
            }
        }
    }
    found
}

async fn every_response_carries_the_security_headers(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    for path in ["/", "/api/v1/session", "/mit-overblik", "/healthz"] {
        let response = reqwest::get(app.url(path)).await.unwrap();
        let h = response.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{path}: {csp}"
        );
        assert!(csp.contains("object-src 'none'"));
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        assert!(h.contains_key("x-request-id"), "{path}");
    }
    let api = reqwest::get(app.url("/api/v1/session")).await.unwrap();
    assert_eq!(api.headers()["cache-control"], "no-store");
    app.stop().await;
}

/// The web client as `cargo xtask test` built it (it sets `TEST_WEB_CLIENT_DIST`): the client's
/// addresses get its index.html, never cached, and everything that page loads (script, wasm,
/// styles, fonts) is served, cached for good under its hashed name.
async fn client_routes_get_the_web_client(engine: Engine) {
    let dist = std::env::var("TEST_WEB_CLIENT_DIST").expect(
        "this test needs the built web client: run it through `cargo xtask test`, which builds \
         it and sets TEST_WEB_CLIENT_DIST",
    );
    let app = TestApp::spawn_with(engine, |s| s.web_dist = dist.into()).await;
    let mut index = String::new();
    for path in ["/mit-overblik", "/min-plan", "/log-paa/fejl/expired"] {
        let response = reqwest::get(app.url(path)).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-cache");
        index = response.text().await.unwrap();
        assert!(index.contains("<html lang=\"da\">"), "{path}");
        assert!(
            index.contains("<script type=\"module\" src=\"/assets/js/boot"),
            "{path} is the built client, not the placeholder: {index}"
        );
    }
    let assets: Vec<&str> = index
        .match_indices("\"/assets/")
        .map(|(at, _)| {
            let rest = &index[at + 1..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    assert!(assets.len() >= 5, "{assets:?}");
    let mut wasm = false;
    for asset in assets {
        let response = reqwest::get(app.url(asset)).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{asset}");
        assert!(
            response.headers()["cache-control"]
                .to_str()
                .unwrap()
                .contains("immutable"),
            "{asset}"
        );
        if asset.ends_with(".wasm") {
            wasm = true;
            assert_eq!(response.headers()["content-type"], "application/wasm");
        }
    }
    assert!(wasm, "the page preloads the client's wasm");
    app.stop().await;
}

async fn the_start_page_works_without_the_web_client(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut browser = app.browser();

    let response = browser.client.get(browser.url("/")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let html = response.text().await.unwrap();
    assert!(html.contains("<html lang=\"da\">") && html.contains("Velkommen til Sammen"));
    assert!(
        html.contains("href=\"/auth/mitid/login?lang=da\""),
        "the MitID button is a plain link"
    );
    assert!(!html.contains("<script"), "no script needed to log in");

    // The language choice is a cookie the web client shares.
    let switched = browser
        .client
        .get(browser.url("/?lang=en"))
        .send()
        .await
        .unwrap();
    assert!(switched.status().is_redirection());
    assert!(
        switched.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .starts_with("sammen_lang=en")
    );
    let html = browser
        .client
        .get(browser.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("<html lang=\"en\">") && html.contains("Welcome to Sammen"));

    browser
        .login(shared::auth::LoginKind::Citizen, "freja")
        .await;
    let html = browser
        .client
        .get(browser.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("href=\"/mit-overblik\""),
        "a logged-in citizen is offered the way back"
    );
    assert!(!html.contains("/auth/mitid/login"));
    assert!(!html.contains("Freja"), "the page names nobody");
    app.stop().await;
}

/// The OpenAPI document says what the server accepts: the same maximum lengths as the shared
/// validation (so the fuzzer and any client know them), dates as dates, and the upload's media
/// types.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_carries_the_real_limits() {
    use shared::validation::limits;
    let app = TestApp::spawn(Engine::Sqlite).await;
    let doc: serde_json::Value = reqwest::get(app.url("/api/v1/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let schema =
        |name: &str, field: &str| doc["components"]["schemas"][name]["properties"][field].clone();
    for (name, field, max) in [
        ("OwnGoalRequest", "own_goal", limits::OWN_GOAL),
        ("GoalsRequest", "agreed_goal", limits::AGREED_GOAL),
        ("StepWording", "title", limits::STEP_TITLE),
        ("StepWording", "description", limits::STEP_DESCRIPTION),
        ("CommentRequest", "body", limits::COMMENT),
        ("HelpedRequest", "text", limits::HELPED),
        ("NewOptionRequest", "message", limits::REQUEST_MESSAGE),
        ("AnswerRequest", "answer", limits::ANSWER),
        ("LimitationInput", "description", limits::LIMITATION_TEXT),
        ("LimitationInput", "work_impact", limits::LIMITATION_TEXT),
        (
            "Accommodations",
            "interpreter_language",
            limits::INTERPRETER_LANGUAGE,
        ),
    ] {
        assert_eq!(
            schema(name, field)["maxLength"],
            serde_json::json!(max),
            "{name}.{field}: {}",
            schema(name, field)
        );
    }
    assert_eq!(schema("StepWording", "starts_on")["format"], "date");
    let upload =
        &doc["paths"]["/api/v1/me/limitations/{id}/documents"]["post"]["requestBody"]["content"];
    for media in ["application/pdf", "image/jpeg", "image/png"] {
        assert!(
            upload.get(media).is_some(),
            "the upload takes {media}: {upload}"
        );
    }
    app.stop().await;
}
