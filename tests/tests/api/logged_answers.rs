//! Every caseworker answer that carries a citizen's data writes one entry in the citizen's
//! access log, and only real reads do: a table of every caseworker endpoint on a citizen
//! (`endpoints`), checked against the OpenAPI document so a new endpoint cannot be missed.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tests::{Engine, TestApp, caseworker_and_citizen, on_both_engines, pdf, upload, wording};

mod endpoints;

use endpoints::{Ids, caseworker_endpoints, meetings_for_the_table};

on_both_engines!(
    every_caseworker_answer_with_citizen_data_is_logged_once,
    reads_from_other_sites_are_refused_and_not_logged,
);

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
