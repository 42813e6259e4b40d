//! *Min profil* as the server renders it: the citizen's competences, limitations with their
//! documents, accommodations as she chose them and her email address, before the web client has
//! arrived, her words escaped, and nobody else's page.

use crate::overview_page::page;
use reqwest::{Method, StatusCode};
use serde_json::json;
use shared::api::API_PREFIX;
use tests::{Engine, TestApp, caseworker_and_citizen, on_both_engines, pdf, upload};

on_both_engines!(a_citizen_gets_min_profil_as_html_with_her_own_profile,);

async fn a_citizen_gets_min_profil_as_html_with_her_own_profile(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (_cw, henrik, _id) =
        caseworker_and_citizen(&app, "mette.hansen", "henrik", "Henrik Sørensen").await;
    let (_, _, empty) = page(&henrik, "/min-profil").await;
    assert!(empty.contains("<title>Min profil – Sammen</title>"));
    assert!(empty.contains("<p class=\"profile-empty\">"), "{empty}");

    let (status, _) = henrik
        .json(
            Method::POST,
            "/api/v1/me/competences",
            &json!({ "kind": "skill", "name": "Truckkort <i>A</i>" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, added) = henrik
        .json(
            Method::POST,
            "/api/v1/me/limitations",
            &json!({
                "category": "physical",
                "description": "Jeg kan ikke løfte tungt.",
                "work_impact": "",
                "meeting_impact": "Jeg skal kunne rejse mig undervejs.",
                "professional": { "kind": "doctor", "date": "2026-09-14" },
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{added}");
    let limitation = added["id"].as_str().unwrap();
    let (status, document) = upload(
        &henrik,
        limitation,
        "l%C3%A6geerkl%C3%A6ring.pdf",
        pdf(),
        "application/pdf",
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{document}");
    let document = document["id"].as_str().unwrap();
    let (status, _) = henrik
        .json(
            Method::PUT,
            "/api/v1/me/accommodations",
            &json!({
                "meeting_channels": ["phone"],
                "time_of_day": "morning",
                "longer_meetings": false,
                "companion": true,
                "interpreter_language": "Arabisk",
                "written_summary": false,
                "easy_read": false,
                "step_free_access": false,
                "reminder_channels": ["email"],
                "reminder_timing": "both",
            }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = henrik
        .json(
            Method::PUT,
            "/api/v1/me/email",
            &json!({"address": "henrik@example.org"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);

    let (status, _, html) = page(&henrik, "/min-profil").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<div id=\"boot\" data-server-rendered>"));
    assert!(html.contains("<h1 id=\"page-heading\" tabindex=\"-1\">Min profil</h1>"));
    assert!(html.contains("<a class=\"nav-link\" href=\"/min-profil\" aria-current=\"page\">"));
    assert!(
        html.contains("<li>Truckkort &lt;i&gt;A&lt;/i&gt;<div class=\"profile-actions\">"),
        "his words are shown as written, never as markup: {html}"
    );
    assert!(html.contains("Jeg kan ikke løfte tungt."));
    assert!(html.contains("Beskrevet af: "), "{html}");
    assert!(html.contains("14.09.2026"));
    assert!(
        html.contains(&format!(
            "<a href=\"{API_PREFIX}/me/documents/{document}\" download=\"lægeerklæring.pdf\">lægeerklæring.pdf</a>"
        )),
        "{html}"
    );
    assert!(html.contains("<a href=\"/min-profil/samtykke\">"));
    assert!(
        html.contains("id=\"meeting_channels-phone\" class=\"form-checkbox\" checked"),
        "his choices are ticked"
    );
    assert!(html.contains("id=\"meeting_channels-video\" class=\"form-checkbox\" disabled"));
    assert!(html.contains("value=\"Arabisk\""));
    assert!(html.contains("id=\"time_of_day-morning\" name=\"time_of_day\" class=\"form-radio\" value=\"morning\" checked"));
    assert!(html.contains("Adressen er ikke bekræftet."));
    assert!(html.contains("Vi har sendt en kode til henrik@example.org."));
    assert!(html.contains("value=\"henrik@example.org\""));
    assert!(html.contains("<a href=\"/hvem-har-set-mine-oplysninger\">"));
    assert!(!html.contains("040571"), "no CPR on the page");
    app.stop().await;
}
