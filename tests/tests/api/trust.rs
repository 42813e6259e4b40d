//! What a hostile client, a third-party provider and an operator found (the trust issue): no
//! client can grow the server's memory, a step needs both to agree, and nothing personal is
//! kept in clear. Ended sessions are in `session`, the logging of caseworker answers in
//! `logged_answers`.

use reqwest::{Method, StatusCode};
use serde_json::json;
use shared::auth::LoginKind;
use tests::{Engine, TestApp, caseworker_and_citizen, on_both_engines, pdf, upload, wording};

on_both_engines!(
    a_flood_of_made_up_methods_adds_no_metrics_series,
    metrics_can_live_on_an_address_of_their_own,
    login_starts_are_limited_per_address,
    pending_logins_are_capped,
    uploads_are_limited_per_citizen_and_leave_no_file_behind,
    a_step_is_not_planned_or_done_before_both_agree,
    the_id_token_is_not_kept_in_clear,
    development_mode_says_so_on_every_page,
    a_text_with_a_nul_character_is_refused_and_changes_nothing,
);

/// Found by the fuzzer: PostgreSQL cannot store a NUL, which made this a 500 there.
async fn a_text_with_a_nul_character_is_refused_and_changes_nothing(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut sofie = app.browser();
    sofie.login(LoginKind::Citizen, "sofie").await;
    let (status, body) = sofie
        .json(
            Method::POST,
            "/api/v1/me/limitations",
            &json!({ "category": "cognitive", "description": "Træt\u{0}", "work_impact": "",
                     "meeting_impact": "Pause\u{7}", "professional": null }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["fields"][0]["field"], "input.description");
    assert!(
        body["error"]["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("usynligt tegn"),
        "{body}"
    );
    assert_eq!(app.count("limitations").await, 0);
    let (status, _) = sofie
        .json(
            Method::PUT,
            "/api/v1/me/plan/own-goal",
            &json!({ "own_goal": "Job\u{0}" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    app.stop().await;
}

async fn metrics_lines(url: reqwest::Url) -> usize {
    let text = reqwest::get(url).await.unwrap().text().await.unwrap();
    assert!(
        text.contains("http_requests_total"),
        "these are the metrics"
    );
    text.lines().count()
}

async fn a_flood_of_made_up_methods_adds_no_metrics_series(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let client = reqwest::Client::new();
    let metrics = app.url("/metrics");
    // One request of a known kind first, so the flood's own series exist already.
    let method = Method::from_bytes(b"WARMUP").unwrap();
    client
        .request(method, app.url("/api/v1/nothing"))
        .send()
        .await
        .unwrap();
    let before = metrics_lines(metrics.clone()).await;

    for i in 0..300 {
        let method = Method::from_bytes(format!("M{i}X").as_bytes()).unwrap();
        let status = client
            .request(method, app.url(&format!("/api/v1/x{i}")))
            .send()
            .await
            .unwrap()
            .status();
        assert!(status.is_client_error(), "{status}");
    }

    let after = metrics_lines(metrics).await;
    // Other tests in this process add their own routes meanwhile; 300 new methods would add
    // thousands of lines (a counter and a histogram each).
    assert!(
        after < before + 100,
        "300 made-up methods added {} lines to /metrics",
        after - before
    );
    app.stop().await;
}

async fn metrics_can_live_on_an_address_of_their_own(engine: Engine) {
    let app = TestApp::spawn_with(engine, |s| {
        s.metrics_listen = Some("127.0.0.1:0".parse().unwrap());
    })
    .await;
    let public = reqwest::get(app.url("/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !public.contains("http_requests_total"),
        "the public address shows no metrics"
    );
    metrics_lines(app.metrics_url.clone().expect("a metrics address")).await;
    app.stop().await;
}

/// A login start as a browser sends it; returns the status and the body.
async fn start_login(app: &TestApp) -> (StatusCode, String) {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = client
        .get(app.url("/auth/mitid/login"))
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

async fn login_starts_are_limited_per_address(engine: Engine) {
    let app = TestApp::spawn_with(engine, |s| s.login.starts_per_minute = 5).await;
    for _ in 0..5 {
        assert_eq!(start_login(&app).await.0, StatusCode::SEE_OTHER);
    }

    let (status, page) = start_login(&app).await;

    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(page.contains("Prøv igen om lidt"), "{page}");
    assert!(page.contains("<html lang=\"da\">"));
    assert_eq!(
        app.count("pending_logins").await,
        5,
        "the refused start stored nothing"
    );
    app.stop().await;
}

async fn pending_logins_are_capped(engine: Engine) {
    let app = TestApp::spawn_with(engine, |s| s.login.max_pending = 3).await;
    for _ in 0..3 {
        assert_eq!(start_login(&app).await.0, StatusCode::SEE_OTHER);
    }
    assert_eq!(start_login(&app).await.0, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.count("pending_logins").await, 3);
    app.stop().await;
}

fn files_in(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0)
}

async fn uploads_are_limited_per_citizen_and_leave_no_file_behind(engine: Engine) {
    let app = TestApp::spawn_with(engine, |s| {
        s.uploads.max_documents_per_citizen = 2;
        s.uploads.max_bytes_per_citizen = 3 * 1024 * 1024;
    })
    .await;
    let mut sofie = app.browser();
    sofie.login(LoginKind::Citizen, "sofie").await;
    let (_, added) = sofie
        .json(
            Method::POST,
            "/api/v1/me/limitations",
            &json!({
                "category": "cognitive",
                "description": "Jeg har svært ved at huske beskeder.",
                "work_impact": "",
                "meeting_impact": "",
                "professional": null,
            }),
        )
        .await;
    let limitation = added["id"].as_str().expect("a limitation").to_string();

    // A PDF named .html is stored and served as .pdf.
    let (status, saved) = upload(
        &sofie,
        &limitation,
        "erklaering.html",
        pdf(),
        "application/pdf",
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{saved}");
    assert_eq!(saved["file_name"], "erklaering.pdf");
    let download = sofie
        .client
        .get(sofie.url(&format!(
            "/api/v1/me/documents/{}",
            saved["id"].as_str().unwrap()
        )))
        .send()
        .await
        .unwrap();
    let disposition = download.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        disposition.contains("erklaering.pdf") && !disposition.contains(".html"),
        "{disposition}"
    );

    // Too many bytes in all: refused, and the file written before the check is gone again.
    let mut big = pdf();
    big.resize(3 * 1024 * 1024, b' ');
    let (status, body) = upload(&sofie, &limitation, "stor.pdf", big, "application/pdf").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body["error"]["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("højst 3 MB i alt"),
        "{body}"
    );
    assert_eq!(files_in(&app.settings.files_dir), 1, "no file stays behind");

    let (status, _) = upload(&sofie, &limitation, "to.pdf", pdf(), "application/pdf").await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, body) = upload(&sofie, &limitation, "tre.pdf", pdf(), "application/pdf").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body["error"]["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("allerede 2 dokumenter"),
        "{body}"
    );
    assert_eq!(app.count("limitation_documents").await, 2);
    assert_eq!(
        files_in(&app.settings.files_dir),
        2,
        "one file per saved document"
    );
    app.stop().await;
}

async fn a_step_is_not_planned_or_done_before_both_agree(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (cw, _freja, c) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    let (_, proposed) = cw
        .json(
            Method::POST,
            &format!("/api/v1/citizens/{c}/plan/steps"),
            &json!({ "wording": wording("Praktik", "internship", None, None) }),
        )
        .await;
    let step = proposed["id"].as_str().unwrap();
    for status in ["planned", "in_progress", "done"] {
        let (code, body) = cw
            .json(
                Method::PUT,
                &format!("/api/v1/citizens/{c}/plan/steps/{step}/status"),
                &json!({ "status": status }),
            )
            .await;
        assert_eq!(code, StatusCode::UNPROCESSABLE_ENTITY, "{status}: {body}");
        assert!(
            body["error"]["fields"][0]["message"]
                .as_str()
                .unwrap()
                .contains("enige"),
            "{body}"
        );
    }
    let (_, plan) = cw.get_json(&format!("/api/v1/citizens/{c}/plan")).await;
    assert_eq!(plan["steps"][0]["status"], "proposed", "nothing changed");
    app.stop().await;
}

async fn the_id_token_is_not_kept_in_clear(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    // A broker that puts the CPR number and the name in the ID token.
    app.misbehave(LoginKind::Citizen, "personal_id_token").await;
    let mut henrik = app.browser();
    assert_eq!(
        henrik.login(LoginKind::Citizen, "henrik").await.path(),
        "/mit-overblik"
    );

    let (sealed,): (String,) =
        sammen::db_conn!(app.db.reader().await.expect("a database connection").conn(), pool =>
        sqlx::query_as("SELECT id_token_sealed FROM sessions").fetch_one(pool).await)
        .unwrap();
    // A JWT in clear starts `{"alg"` or `{"typ"`, in base64 `eyJhbGci` or `eyJ0eXAi`. (Three
    // letters, `eyJ`, also turn up by chance in random sealed bytes: about one run in 200.)
    for clear in ["eyJhbGci", "eyJ0eXAi", "Henrik", "040571"] {
        assert!(!sealed.contains(clear), "the stored hint shows {clear}");
    }

    // Logout still sends the provider its hint, opened with the cookie.
    let (status, logout) = henrik
        .json(Method::POST, "/api/v1/session/logout", &json!({}))
        .await;
    assert_eq!(status, StatusCode::OK);
    let hint = logout["end_session"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "id_token_hint")
        .map(|f| f["value"].as_str().unwrap().to_string())
        .unwrap();
    assert!(
        hint.starts_with("eyJ") && hint.split('.').count() == 3,
        "{hint}"
    );
    app.stop().await;
}

async fn development_mode_says_so_on_every_page(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let start = reqwest::get(app.url("/"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        start.contains("Udviklingsudgave – ikke til rigtige borgere"),
        "{start}"
    );
    assert!(start.contains("Development version – not for real citizens"));
    let client_page = reqwest::get(app.url("/mit-overblik"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        client_page.contains("Udviklingsudgave"),
        "the web client's page too"
    );
    app.stop().await;

    let production = sammen::config::Settings {
        mode: sammen::config::Mode::Production,
        ..sammen::config::Settings::default()
    };
    assert_eq!(
        sammen::http::static_files::dev_banner(&production),
        "",
        "none in production"
    );
}
