//! *Mit overblik* as the server renders it: what a citizen sees before the web client has
//! arrived (or where it cannot run), that it follows the data, that nobody else gets it, and
//! that its language switch is remembered for emails too; and that none of the pages the
//! server renders for a citizen goes to anyone else.

use reqwest::{Method, StatusCode};
use serde_json::json;
use shared::auth::LoginKind;
use tests::{Browser, Engine, TestApp, caseworker_and_citizen, on_both_engines};

on_both_engines!(
    a_citizen_gets_mit_overblik_as_html_with_her_own_data,
    mit_overblik_follows_messages_and_the_plan,
    only_a_logged_in_citizen_gets_the_rendered_page,
    switching_language_on_mit_overblik_is_remembered_for_emails,
    log_af_on_the_rendered_page_ends_the_session_without_the_web_client,
);

/// A page as a browser gets it: status, headers and HTML.
pub(crate) async fn page(
    browser: &Browser,
    path: &str,
) -> (StatusCode, reqwest::header::HeaderMap, String) {
    let response = browser.client.get(browser.url(path)).send().await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    (status, headers, response.text().await.unwrap())
}

async fn a_citizen_gets_mit_overblik_as_html_with_her_own_data(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut freja = app.browser();
    let landing = freja.login(LoginKind::Citizen, "freja").await;
    assert_eq!(landing.path(), "/mit-overblik");

    let (status, headers, html) = page(&freja, "/mit-overblik").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["cache-control"], "no-store");
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(html.contains("<html lang=\"da\">"));
    assert!(html.contains("<title>Mit overblik – Sammen</title>"));
    assert!(html.contains("<h1 id=\"page-heading\" tabindex=\"-1\">Mit overblik</h1>"));
    assert!(html.contains("Hej Freja Nielsen"));
    assert!(html.contains("Mette Hansen") && html.contains("Lars Jensen"));
    assert!(html.contains("Du har ingen plan endnu"));
    assert!(html.contains("Du har ingen møder med jobcentret lige nu."));
    assert!(html.contains("Du har ingen beskeder."));
    assert!(
        html.contains("<a class=\"nav-link\" href=\"/mit-overblik\" aria-current=\"page\">"),
        "the menu marks where she is"
    );
    assert!(!html.contains("150307"), "no CPR on the page");
    // The web client comes behind the page, and only its start script is in the page: no
    // preload makes its WebAssembly compete with the page's own files.
    assert!(html.contains("<div id=\"boot\" data-server-rendered>"));
    assert!(!html.contains(".wasm"));
    app.stop().await;
}

async fn mit_overblik_follows_messages_and_the_plan(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (cw, freja, id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    let started = crate::messages::start(&freja, "Mit praktiksted", "Kan vi tale om det?").await;
    let conversation = started["conversation_id"].as_str().unwrap().to_string();
    let (_, _, html) = page(&freja, "/mit-overblik").await;
    assert!(html.contains("Du har ingen ulæste beskeder."), "{html}");
    assert!(html.contains(&format!(
        "Nyeste samtale: <a href=\"/beskeder/{conversation}\">Mit praktiksted</a>"
    )));

    let (status, answer) = cw
        .json(
            Method::POST,
            &format!("/api/v1/citizens/{id}/conversations/{conversation}/messages"),
            &json!({"body": "Ja, på mødet.", "idempotency_key": crate::messages::key()}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let (status, step) = cw
        .json(
            Method::POST,
            &format!("/api/v1/citizens/{id}/plan/steps"),
            &json!({ "wording": tests::wording("Praktik i en butik", "internship", None, None) }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{step}");

    let (_, _, html) = page(&freja, "/mit-overblik").await;
    assert!(
        html.contains("<strong>Du har 1 ulæst besked.</strong>"),
        "{html}"
    );
    assert!(html.contains("Der er 1 trin i din plan."), "{html}");
    assert!(
        html.contains("Trin der venter på, at du siger «Det er vi enige om»: 1"),
        "{html}"
    );
    assert!(
        !html.contains("Ja, på mødet."),
        "message text stays in the conversation"
    );
    app.stop().await;
}

/// The pages the server renders for a logged-in citizen (Min plan and Min profil have their own
/// files for what they show).
const RENDERED: [(&str, &str); 3] = [
    ("/mit-overblik", "My overview"),
    ("/min-plan", "My plan"),
    ("/min-profil", "My profile"),
];

async fn only_a_logged_in_citizen_gets_the_rendered_page(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let nobody = app.browser();
    let mut mette = app.browser();
    mette.login(LoginKind::Employee, "mette.hansen").await;
    let mut freja = app.browser();
    freja.login(LoginKind::Citizen, "freja").await;
    for (path, english) in RENDERED {
        let (status, _, html) = page(&nobody, path).await;
        assert_eq!(
            status,
            StatusCode::OK,
            "{path}: the web client says what to do"
        );
        assert!(!html.contains("data-server-rendered"), "{path}");
        let (_, _, html) = page(&mette, path).await;
        assert!(
            !html.contains("data-server-rendered") && !html.contains("Freja"),
            "{path}"
        );

        // `?lang=` on any of them switches and comes back to the same page.
        let switched = freja
            .client
            .get(freja.url(&format!("{path}?lang=en")))
            .send()
            .await
            .unwrap();
        assert!(switched.status().is_redirection(), "{path}");
        assert_eq!(switched.headers()["location"], path);
        let (_, _, html) = page(&freja, path).await;
        assert!(html.contains("data-server-rendered"), "{path}");
        assert!(
            html.contains("<html lang=\"en\">") && html.contains(english),
            "{path}: {html}"
        );
        freja
            .client
            .get(freja.url(&format!("{path}?lang=da")))
            .send()
            .await
            .unwrap();
    }

    let logout = freja
        .send(Method::POST, "/api/v1/session/logout")
        .send()
        .await
        .unwrap();
    assert!(logout.status().is_success(), "{}", logout.status());
    for (path, _) in RENDERED {
        let (_, _, html) = page(&freja, path).await;
        assert!(
            !html.contains("data-server-rendered") && !html.contains("Freja"),
            "{path}: after logging out the old cookie shows nothing of hers"
        );
    }
    app.stop().await;
}

async fn switching_language_on_mit_overblik_is_remembered_for_emails(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut freja = app.browser();
    freja.login(LoginKind::Citizen, "freja").await;
    let switched = freja
        .client
        .get(freja.url("/mit-overblik?lang=en"))
        .send()
        .await
        .unwrap();
    assert!(switched.status().is_redirection());
    assert_eq!(switched.headers()["location"], "/mit-overblik");
    assert!(
        switched.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .starts_with("sammen_lang=en")
    );
    let (_, _, html) = page(&freja, "/mit-overblik").await;
    assert!(html.contains("<html lang=\"en\">") && html.contains("My overview"));
    assert!(html.contains("Hello Freja Nielsen"), "{html}");
    let language: (String,) = sammen::db_conn!(app.db.reader().await.expect("a database connection").conn(), pool => sqlx::query_as(
        "SELECT language FROM citizens WHERE name = 'Freja Nielsen'").fetch_one(pool).await)
        .unwrap();
    assert_eq!(language.0, "en", "emails follow the choice");
    app.stop().await;
}

/// The value of the first `name="{name}"` field of a page.
fn field(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).map(|at| at + marker.len()).unwrap();
    html[start..start + html[start..].find('"').unwrap()].to_string()
}

async fn post_form(browser: &Browser, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let body: String = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    browser
        .client
        .post(browser.url(path))
        .header("content-type", "application/x-www-form-urlencoded")
        // What a browser sends for a form post under `Referrer-Policy: no-referrer`.
        .header("origin", "null")
        .header("sec-fetch-site", "same-origin")
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn log_af_on_the_rendered_page_ends_the_session_without_the_web_client(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut freja = app.browser();
    freja.login(LoginKind::Citizen, "freja").await;
    let cookie = freja.cookie_header();
    let (_, _, html) = page(&freja, "/mit-overblik").await;
    assert!(html.contains("<form class=\"contents\" method=\"post\" action=\"/log-af\">"));
    let token = field(&html, "csrf");

    // Without the session's token (a form on another site, an old page) nothing ends.
    let refused = post_form(&freja, "/log-af", &[("csrf", "not-the-token")]).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("Du blev ikke logget af")
    );
    let cross_site = freja
        .client
        .post(freja.url("/log-af"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", "https://elsewhere.example")
        .body(format!("csrf={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        cross_site.status(),
        StatusCode::FORBIDDEN,
        "another site's form"
    );
    let refused = post_form(&freja, "/log-af", &[]).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(freja.get_json("/api/v1/session").await.0, StatusCode::OK);

    let done = post_form(&freja, "/log-af", &[("csrf", &token)]).await;
    assert_eq!(done.status(), StatusCode::OK);
    assert!(
        done.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("Max-Age=0"),
        "the session cookie is removed"
    );
    let html = done.text().await.unwrap();
    assert!(html.contains("Du er logget af Sammen"), "{html}");
    assert!(html.contains("Log af hos MitID"));
    // The hint for MitID travels in the form, not in the address.
    let action = &html[html.find("<form method=\"post\" action=\"").unwrap() + 29..];
    let action = &action[..action.find('"').unwrap()];
    assert!(
        !action.contains("token") && !action.contains('?'),
        "{action}"
    );
    assert!(!field(&html, "id_token_hint").is_empty());

    // The old cookie is worth nothing now, and a second press changes nothing.
    let replay = reqwest::Client::new()
        .get(app.url("/api/v1/session"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), StatusCode::UNAUTHORIZED);
    let again = post_form(&freja, "/log-af", &[("csrf", &token)]).await;
    assert!(again.status().is_redirection());
    assert_eq!(again.headers()["location"], "/logget-af");
    app.stop().await;
}
