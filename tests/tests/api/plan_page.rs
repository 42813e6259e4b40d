//! *Min plan* as the server renders it: the citizen's whole plan before the web client has
//! arrived, worded as the client words it (labels for codes, Copenhagen time, "Mig" for her),
//! her words escaped, and nobody else's page.

use crate::overview_page::page;
use reqwest::{Method, StatusCode};
use serde_json::json;
use tests::{Engine, TestApp, caseworker_and_citizen, on_both_engines, wording};

on_both_engines!(
    a_citizen_gets_min_plan_as_html_with_her_whole_plan,
    a_step_changed_since_it_was_agreed_shows_what_changed,
);

async fn a_citizen_gets_min_plan_as_html_with_her_whole_plan(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (cw, karim, id) =
        caseworker_and_citizen(&app, "lars.jensen", "karim", "Karim Haddad").await;
    let (_, _, empty) = page(&karim, "/min-plan").await;
    assert!(empty.contains("<title>Min plan – Sammen</title>"));
    assert!(
        empty.contains("Der er ingen trin i planen endnu."),
        "{empty}"
    );

    let (status, _) = cw
        .json(
            Method::PUT,
            &format!("/api/v1/citizens/{id}/plan/goals"),
            &json!({ "agreed_goal": "Kommunikationsmedarbejder", "target_group": "dagpenge" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, step) = cw
        .json(
            Method::POST,
            &format!("/api/v1/citizens/{id}/plan/steps"),
            &json!({ "wording": wording("Praktik i en kommune", "internship", Some("2027-01-04"), None) }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{step}");
    let step = step["id"].as_str().unwrap();
    let (status, _) = karim
        .json(
            Method::POST,
            &format!("/api/v1/me/plan/steps/{step}/comments"),
            &json!({ "body": "Kan jeg starte <b>kl. 9</b>?" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, asked) = karim
        .json(
            Method::POST,
            "/api/v1/me/plan/requests",
            &json!({ "option": "mentor", "message": "" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let request = asked["id"].as_str().unwrap();
    let (status, _) = cw
        .json(
            Method::POST,
            &format!("/api/v1/citizens/{id}/plan/requests/{request}/answer"),
            &json!({ "answer": "Ja, vi finder en." }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);

    let (status, _, html) = page(&karim, "/min-plan").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<div id=\"boot\" data-server-rendered>"));
    assert!(html.contains("<h1 id=\"page-heading\" tabindex=\"-1\">Min plan</h1>"));
    assert!(
        html.contains("<a class=\"nav-link\" href=\"/min-plan\" aria-current=\"page\">"),
        "the menu marks where he is"
    );
    assert!(html.contains("Kommunikationsmedarbejder"));
    assert!(
        html.contains("<strong>Målgruppe: </strong>Dagpenge"),
        "codes read as the catalogue's words: {html}"
    );
    assert!(html.contains("Praktik i en kommune"));
    assert!(html.contains("<dd>Virksomhedspraktik</dd>"));
    assert!(html.contains("<dd>04.01.2027</dd>"));
    assert!(
        html.contains("<dd>Mig</dd>"),
        "responsible: him, in his words"
    );
    assert!(html.contains("Foreslået"));
    assert!(
        html.contains(">Det er vi enige om</button>"),
        "the proposal waits for him"
    );
    assert!(
        html.contains("Kan jeg starte &lt;b&gt;kl. 9&lt;/b&gt;?"),
        "his words are shown as written, never as markup"
    );
    assert!(!html.contains("<b>kl. 9</b>"));
    assert!(html.contains("<strong class=\"mr-3\">Karim Haddad</strong>"));
    assert!(
        html.contains(" kl. "),
        "comment times as the client words them"
    );
    assert!(html.contains("<h4>En mentor</h4>"));
    assert!(html.contains("Ja, vi finder en."));
    assert!(html.contains("Svar fra Lars Jensen, "), "{html}");
    // The controls come with the client; until then they say so by being disabled.
    assert!(html.contains(
        "<button type=\"submit\" class=\"button button-secondary\" disabled>Send kommentar</button>"
    ));
    assert!(
        !html.contains("Ret mål og målgruppe"),
        "no caseworker controls on his page"
    );
    assert!(!html.contains("110686"), "no CPR on the page");
    app.stop().await;
}

async fn a_step_changed_since_it_was_agreed_shows_what_changed(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (cw, henrik, id) =
        caseworker_and_citizen(&app, "mette.hansen", "henrik", "Henrik Sørensen").await;
    let (_, step) = cw
        .json(
            Method::POST,
            &format!("/api/v1/citizens/{id}/plan/steps"),
            &json!({ "wording": wording("Træning", "health", None, None) }),
        )
        .await;
    let step = step["id"].as_str().unwrap();
    let theirs = format!("/api/v1/citizens/{id}/plan/steps/{step}");
    let mine = format!("/api/v1/me/plan/steps/{step}");
    henrik
        .json(
            Method::POST,
            &format!("{mine}/agree"),
            &json!({ "version": 1 }),
        )
        .await;
    cw.json(
        Method::POST,
        &format!("{theirs}/agree"),
        &json!({ "version": 1 }),
    )
    .await;
    let (status, _) = cw
        .json(
            Method::PUT,
            &format!("{theirs}/status"),
            &json!({ "status": "in_progress" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, edited) = cw
        .json(
            Method::PUT,
            &theirs,
            &json!({ "version": 1, "wording": wording("Træning to gange om ugen", "health", None, None) }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{edited}");

    let (_, _, html) = page(&henrik, "/min-plan").await;
    assert!(html.contains("Træning to gange om ugen"));
    assert!(
        html.contains("<span class=\"plan-change-label\">Før: </span>Træning</dd>"),
        "{html}"
    );
    assert!(
        html.contains("<span class=\"plan-change-label\">Nu: </span>Træning to gange om ugen</dd>")
    );
    assert!(
        html.contains("<option value=\"in_progress\" selected>I gang</option>"),
        "the status is the one chosen: {html}"
    );
    app.stop().await;
}
