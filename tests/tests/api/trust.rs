//! What a hostile client, a third-party provider and an operator found (the trust issue): no
//! client can grow the server's memory, ended sessions stop working, every caseworker answer
//! that carries a citizen's data is logged (and only real reads are), and nothing personal is
//! kept in clear.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use shared::auth::LoginKind;
use tests::{Engine, TestApp, caseworker_and_citizen, on_both_engines, pdf, upload, wording};

on_both_engines!(
    a_flood_of_made_up_methods_adds_no_metrics_series,
    metrics_can_live_on_an_address_of_their_own,
    login_starts_are_limited_per_address,
    pending_logins_are_capped,
    uploads_are_limited_per_citizen_and_leave_no_file_behind,
    a_session_removed_from_the_database_stops_working,
    operators_end_the_sessions_of_one_person_or_everyone,
    every_caseworker_answer_with_citizen_data_is_logged_once,
    reads_from_other_sites_are_refused_and_not_logged,
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

async fn a_session_removed_from_the_database_stops_working(engine: Engine) {
    let app = TestApp::spawn_with(engine, |s| s.session.touch_interval_seconds = 1).await;
    let mut freja = app.browser();
    freja.login(LoginKind::Citizen, "freja").await;
    assert_eq!(
        freja.get_json("/api/v1/me/plan").await.0,
        StatusCode::OK,
        "remembered now"
    );

    sammen::db_conn!(app.db.writer().await.expect("a database connection").conn(), pool => sqlx::query("DELETE FROM sessions").execute(pool).await.map(|r| r.rows_affected()))
        .unwrap();
    tokio::time::sleep(Duration::from_millis(1_200)).await;

    assert_eq!(
        freja.get_json("/api/v1/me/plan").await.0,
        StatusCode::UNAUTHORIZED,
        "the instance noticed the row is gone"
    );
    app.stop().await;
}

async fn operators_end_the_sessions_of_one_person_or_everyone(engine: Engine) {
    use sammen::auth::session::{Whose, end_all_of};
    let app = TestApp::spawn(engine).await;
    let bus = sammen::cache_bus::Bus::new(&app.db);
    let (mette, freja, freja_id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    let mut henrik = app.browser();
    henrik.login(LoginKind::Citizen, "henrik").await;

    let ended = end_all_of(&app.db, &bus, &Whose::Citizen(freja_id.parse().unwrap()))
        .await
        .unwrap();
    assert_eq!(ended, 1);
    let ended = end_all_of(&app.db, &bus, &Whose::Employee("mette.hansen".into()))
        .await
        .unwrap();
    assert_eq!(ended, 1);
    assert_eq!(app.count("sessions").await, 1, "Henrik's session is left");
    assert_eq!(end_all_of(&app.db, &bus, &Whose::All).await.unwrap(), 1);
    assert_eq!(app.count("sessions").await, 0);
    drop((mette, freja, henrik));
    app.stop().await;
}

/// `(method, path, body, expected status)` of every caseworker endpoint on a citizen.
/// The ids the table's addresses are made of.
struct Ids<'a> {
    citizen: &'a str,
    step: &'a str,
    new_step: &'a str,
    request: &'a str,
    document: &'a str,
    conversation: &'a str,
    colleague: &'a str,
    attachment: &'a str,
    /// A meeting ahead, and one that took place and whose summary the citizen answered.
    upcoming: &'a str,
    past: &'a str,
    /// Free times to move the upcoming meeting to, and to book a new one at.
    move_to: i64,
    book_at: i64,
}

fn caseworker_endpoints(ids: &Ids<'_>) -> Vec<(Method, String, Option<Value>, StatusCode)> {
    let Ids {
        citizen: c,
        step,
        new_step,
        request,
        document,
        conversation,
        colleague,
        attachment,
        upcoming,
        past,
        move_to,
        book_at,
    } = *ids;
    let talk = format!("/api/v1/citizens/{c}/conversations");
    let meet = format!("/api/v1/citizens/{c}/meetings");
    let plan = format!("/api/v1/citizens/{c}/plan");
    let s = format!("{plan}/steps/{step}");
    let goals = json!({ "agreed_goal": "Uddannelse som pædagog", "target_group": null });
    vec![
        (Method::GET, plan.clone(), None, StatusCode::OK),
        (Method::GET, format!("{plan}/history"), None, StatusCode::OK),
        (
            Method::PUT,
            format!("{plan}/goals"),
            Some(goals.clone()),
            StatusCode::OK,
        ),
        // The same goals again: nothing changes, but the answer is the plan.
        (
            Method::PUT,
            format!("{plan}/goals"),
            Some(goals),
            StatusCode::OK,
        ),
        (
            Method::POST,
            format!("{plan}/steps"),
            Some(json!({ "wording": wording("Jobsamtale", "job_search", None, None) })),
            StatusCode::CREATED,
        ),
        (
            Method::PUT,
            format!("{plan}/steps/{new_step}"),
            Some(
                json!({ "wording": wording("Jobsamtaler", "job_search", None, None), "version": 1 }),
            ),
            StatusCode::OK,
        ),
        // A stale edit: refused with the step as it is now.
        (
            Method::PUT,
            format!("{plan}/steps/{new_step}"),
            Some(json!({ "wording": wording("Gammel", "job_search", None, None), "version": 1 })),
            StatusCode::CONFLICT,
        ),
        // Agreeing again to an agreed step.
        (
            Method::POST,
            format!("{s}/agree"),
            Some(json!({ "version": 1 })),
            StatusCode::OK,
        ),
        (
            Method::PUT,
            format!("{s}/status"),
            Some(json!({ "status": "in_progress" })),
            StatusCode::OK,
        ),
        (
            Method::PUT,
            format!("{s}/status"),
            Some(json!({ "status": "in_progress" })),
            StatusCode::OK,
        ),
        (
            Method::PUT,
            format!("{s}/status"),
            Some(json!({ "status": "done" })),
            StatusCode::OK,
        ),
        (
            Method::POST,
            format!("{s}/comments"),
            Some(json!({ "body": "Godt gået" })),
            StatusCode::OK,
        ),
        (
            Method::PUT,
            format!("{s}/helped"),
            Some(json!({ "text": "Det gav ro" })),
            StatusCode::OK,
        ),
        (
            Method::POST,
            format!("{plan}/requests/{request}/answer"),
            Some(json!({ "answer": "Ja, vi finder en mentor." })),
            StatusCode::OK,
        ),
        (
            Method::GET,
            format!("/api/v1/citizens/{c}/profile"),
            None,
            StatusCode::OK,
        ),
        (
            Method::GET,
            format!("/api/v1/citizens/{c}/documents/{document}"),
            None,
            StatusCode::OK,
        ),
        (Method::GET, talk.clone(), None, StatusCode::OK),
        (
            Method::GET,
            format!("{talk}/{conversation}"),
            None,
            StatusCode::OK,
        ),
        (
            Method::POST,
            format!("{talk}/{conversation}/messages"),
            Some(
                json!({ "body": "Ja, det gør vi.", "idempotency_key": uuid::Uuid::new_v4().to_string() }),
            ),
            StatusCode::CREATED,
        ),
        (
            Method::POST,
            format!("{talk}/{conversation}/no-reply-needed"),
            None,
            StatusCode::NO_CONTENT,
        ),
        // These carry no data of the citizen's (see `NOT_READS`).
        (
            Method::POST,
            talk.clone(),
            Some(
                json!({ "subject": "Møde", "body": "Vi ses", "idempotency_key": uuid::Uuid::new_v4().to_string() }),
            ),
            StatusCode::CREATED,
        ),
        (
            Method::PUT,
            format!("/api/v1/citizens/{c}/drafts/{conversation}"),
            Some(json!({ "body": "Kære Freja" })),
            StatusCode::NO_CONTENT,
        ),
        (
            Method::GET,
            format!("/api/v1/citizens/{c}/drafts/{conversation}"),
            None,
            StatusCode::OK,
        ),
        (
            Method::GET,
            format!("/api/v1/citizens/{c}/attachments/{attachment}"),
            None,
            StatusCode::OK,
        ),
        // JSON is not a PDF, JPEG or PNG: refused, and nothing was read.
        (
            Method::POST,
            format!("/api/v1/citizens/{c}/attachments"),
            Some(json!({ "not": "a file" })),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Method::POST,
            format!("{talk}/{conversation}/handover"),
            Some(json!({ "to": colleague, "note": "Lars tager over." })),
            StatusCode::NO_CONTENT,
        ),
        (
            Method::POST,
            format!("{talk}/{conversation}/close"),
            None,
            StatusCode::NO_CONTENT,
        ),
        (Method::GET, meet.clone(), None, StatusCode::OK),
        (
            Method::GET,
            format!("{meet}/free-times"),
            None,
            StatusCode::OK,
        ),
        (
            Method::POST,
            meet.clone(),
            Some(json!({ "starts_at": book_at,
                         "length_minutes": 30, "format": "phone",
                         "idempotency_key": "trust-table-booking" })),
            StatusCode::CREATED,
        ),
        (
            Method::GET,
            format!("{meet}/{upcoming}/calendar.ics"),
            None,
            StatusCode::OK,
        ),
        // The reply first: a new summary asks the citizen again.
        (
            Method::POST,
            format!("{meet}/{past}/summary/reply"),
            Some(json!({ "text": "Tak for svaret." })),
            StatusCode::OK,
        ),
        (
            Method::PUT,
            format!("{meet}/{past}/summary"),
            Some(json!({ "text": "Vi aftalte en praktik." })),
            StatusCode::OK,
        ),
        (
            Method::POST,
            format!("{meet}/{upcoming}/move"),
            Some(json!({ "starts_at": move_to })),
            StatusCode::OK,
        ),
        (
            Method::POST,
            format!("{meet}/{upcoming}/cancel"),
            None,
            StatusCode::NO_CONTENT,
        ),
    ]
}

/// Caseworker endpoints that answer with nothing of the citizen's: starting a conversation
/// (its answer is the new ids), uploading a file of their own, and their own drafts. They write no entry, so the
/// log shows what was seen, not every key the caseworker typed.
const NOT_READS: [&str; 5] = [
    "POST /api/v1/citizens/{citizen}/conversations",
    // A cancellation answers with nothing.
    "POST /api/v1/citizens/{citizen}/meetings/{meeting}/cancel",
    "POST /api/v1/citizens/{citizen}/attachments",
    "PUT /api/v1/citizens/{citizen}/drafts/{slot}",
    "GET /api/v1/citizens/{citizen}/drafts/{slot}",
];

/// The OpenAPI path template of a concrete path.
fn template(path: &str, ids: &[(&str, &str)]) -> String {
    let mut t = path.to_string();
    for (id, name) in ids {
        t = t.replace(id, &format!("{{{name}}}"));
    }
    t
}

/// A meeting that has taken place and one ahead, for the table: the caseworker offers every
/// day, the citizen books, the clock passes the meeting, and the citizen books another.
async fn meetings_for_the_table(
    app: &TestApp,
    cw: &mut tests::Browser,
    freja: &mut tests::Browser,
    c: &str,
) -> (String, String, i64, i64) {
    let hours: Vec<Value> = (1..=7)
        .map(|d| json!({"weekday": d, "starts": "00:00", "ends": "23:45"}))
        .collect();
    let (status, _) = cw
        .json(
            Method::PUT,
            "/api/v1/caseworker/availability",
            &json!({"hours": hours, "exceptions": [], "formats": ["phone"], "lengths": [30],
                    "buffer_minutes": 0, "address": "", "video_link": ""}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let book = async |freja: &tests::Browser| {
        let (_, free) = freja.get_json("/api/v1/me/meetings/free-times").await;
        let at = free["days"][0]["times"][0]["starts_at"].as_i64().unwrap();
        let (status, meeting) = freja
            .json(
                Method::POST,
                "/api/v1/me/meetings",
                &json!({"starts_at": at, "length_minutes": 30, "format": "phone",
                        "idempotency_key": uuid::Uuid::new_v4().to_string()}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{meeting}");
        (meeting["id"].as_str().unwrap().to_string(), at)
    };
    let (past, at) = book(freja).await;
    let wait = (at + 31 * 60_000 - app.clock.now().millis()) / 1000;
    app.clock
        .advance(std::time::Duration::from_secs(u64::try_from(wait).unwrap()));
    cw.login(LoginKind::Employee, "mette.hansen").await;
    freja.login(LoginKind::Citizen, "freja").await;
    let (upcoming, _) = book(freja).await;
    let (_, free) = freja.get_json("/api/v1/me/meetings/free-times").await;
    let later = free["days"][1]["times"][0]["starts_at"].as_i64().unwrap();
    let other = free["days"][2]["times"][0]["starts_at"].as_i64().unwrap();
    // The past one has a summary the citizen answered.
    let (status, _) = cw
        .json(
            Method::PUT,
            &format!("/api/v1/citizens/{c}/meetings/{past}/summary"),
            &json!({ "text": "Vi talte om praktik." }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = freja
        .json(
            Method::POST,
            &format!("/api/v1/me/meetings/{past}/summary/response"),
            &json!({ "response": "agreed" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    (upcoming, past, later, other)
}

async fn every_caseworker_answer_with_citizen_data_is_logged_once(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (mut cw, mut freja, c) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    let (_, proposed) = cw
        .json(
            Method::POST,
            &format!("/api/v1/citizens/{c}/plan/steps"),
            &json!({ "wording": wording("Praktik", "internship", None, None) }),
        )
        .await;
    let step = proposed["id"].as_str().unwrap().to_string();
    let (status, _) = freja
        .json(
            Method::POST,
            &format!("/api/v1/me/plan/steps/{step}/agree"),
            &json!({ "version": 1 }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, asked) = freja
        .json(
            Method::POST,
            "/api/v1/me/plan/requests",
            &json!({ "option": "mentor", "message": "" }),
        )
        .await;
    let request = asked["id"].as_str().unwrap().to_string();
    freja
        .json(Method::PUT, "/api/v1/me/consent", &json!({ "given": true }))
        .await;
    let (_, limitation) = freja
        .json(
            Method::POST,
            "/api/v1/me/limitations",
            &json!({ "category": "psychological", "description": "Stress", "work_impact": "",
                     "meeting_impact": "", "professional": null }),
        )
        .await;
    let (_, document) = upload(
        &freja,
        limitation["id"].as_str().unwrap(),
        "a.pdf",
        pdf(),
        "application/pdf",
    )
    .await;
    let document = document["id"].as_str().unwrap().to_string();
    let attachment: Value = freja
        .send(Method::POST, "/api/v1/me/attachments")
        .header("x-file-name", "cv.pdf")
        .body(pdf())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let attachment = attachment["id"].as_str().unwrap().to_string();
    let (_, sent) = freja
        .json(
            Method::POST,
            "/api/v1/me/conversations",
            &json!({ "subject": "Praktik", "body": "Kan vi tale om praktik?",
                     "idempotency_key": uuid::Uuid::new_v4().to_string(),
                     "attachments": [attachment] }),
        )
        .await;
    let conversation = sent["conversation_id"].as_str().unwrap().to_string();
    // The step the table creates gets an id only when created; a placeholder until then.
    let (_, team) = cw.get_json("/api/v1/team").await;
    let colleague = team["colleagues"][0]["id"].as_str().unwrap().to_string();
    let (upcoming, past, move_to, book_at) =
        meetings_for_the_table(&app, &mut cw, &mut freja, &c).await;
    let mut endpoints = caseworker_endpoints(&Ids {
        citizen: &c,
        step: &step,
        new_step: "NEW",
        request: &request,
        document: &document,
        conversation: &conversation,
        colleague: &colleague,
        attachment: &attachment,
        upcoming: &upcoming,
        past: &past,
        move_to,
        book_at,
    });

    let (_, openapi) = cw.get_json("/api/v1/openapi.json").await;
    let mut documented: Vec<String> = openapi["paths"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(path, _)| path.starts_with("/api/v1/citizens/"))
        .flat_map(|(path, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .map(move |m| format!("{} {path}", m.to_uppercase()))
        })
        .collect();
    documented.sort();
    let ids = [
        (c.as_str(), "citizen"),
        (step.as_str(), "step"),
        ("NEW", "step"),
        (request.as_str(), "request"),
        (document.as_str(), "id"),
        (attachment.as_str(), "attachment"),
        (upcoming.as_str(), "meeting"),
        (past.as_str(), "meeting"),
    ];
    // A conversation is `{conversation}` in its own address and `{slot}` in a draft's.
    let template = |path: &str, ids: &[(&str, &str)]| {
        let t = template(path, ids);
        if t.contains("/drafts/") {
            t.replace(&conversation, "{slot}")
        } else {
            t.replace(&conversation, "{conversation}")
        }
    };
    let mut tested: Vec<String> = endpoints
        .iter()
        .map(|(m, p, _, _)| format!("{m} {}", template(p, &ids)))
        .collect();
    tested.sort();
    tested.dedup();
    assert_eq!(
        tested, documented,
        "every caseworker endpoint is in this table"
    );

    let citizen_id: uuid::Uuid = c.parse().unwrap();
    let mut new_step: Option<String> = None;
    for (method, path, body, expected) in endpoints.iter_mut() {
        if let Some(id) = &new_step {
            *path = path.replace("NEW", id.as_str());
        }
        let before = sammen::audit::count_for(&app.db, citizen_id).await.unwrap();
        let mut request = cw.send(method.clone(), path);
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        assert_eq!(status, *expected, "{method} {path}: {text}");
        if path.ends_with("/plan/steps") {
            let created: Value = serde_json::from_str(&text).unwrap();
            new_step = Some(created["id"].as_str().unwrap().to_string());
        }
        let after = sammen::audit::count_for(&app.db, citizen_id).await.unwrap();
        let endpoint = format!("{method} {}", template(path, &ids));
        let expected = if NOT_READS.contains(&endpoint.as_str()) {
            0
        } else {
            1
        };
        assert_eq!(
            after,
            before + expected,
            "{method} {path} ({status}) writes {expected} access-log entries"
        );
    }
    app.stop().await;
}

async fn reads_from_other_sites_are_refused_and_not_logged(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (cw, _freja, c) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    let citizen_id: uuid::Uuid = c.parse().unwrap();
    let path = format!("/api/v1/citizens/{c}/plan");
    let before = sammen::audit::count_for(&app.db, citizen_id).await.unwrap();

    for (site, mode) in [
        ("cross-site", "navigate"),
        ("same-site", "cors"),
        ("none", "navigate"),
    ] {
        let response = cw
            .client
            .get(cw.url(&path))
            .header("sec-fetch-site", site)
            .header("sec-fetch-mode", mode)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{site} {mode}");
    }
    assert_eq!(
        sammen::audit::count_for(&app.db, citizen_id).await.unwrap(),
        before,
        "no read was logged that the caseworker never made"
    );

    let ours = cw
        .client
        .get(cw.url(&path))
        .header("sec-fetch-site", "same-origin")
        .header("sec-fetch-mode", "cors")
        .send()
        .await
        .unwrap();
    assert_eq!(
        ours.status(),
        StatusCode::OK,
        "the portal's own pages still read"
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
