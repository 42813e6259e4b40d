//! "Hvem har set mine oplysninger" and "Download mine oplysninger".

use reqwest::{Method, StatusCode};
use serde_json::json;
use tests::{Engine, TestApp, caseworker_and_citizen, on_both_engines, wording};

on_both_engines!(
    the_citizen_sees_who_looked_and_why,
    the_download_holds_everything_and_nobody_else
);

async fn the_citizen_sees_who_looked_and_why(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (mette, freja, id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    let mut lars = app.browser();
    lars.login(shared::auth::LoginKind::Employee, "lars.jensen")
        .await;
    mette.get_json(&format!("/api/v1/citizens/{id}/plan")).await;
    lars.get_json(&format!("/api/v1/citizens/{id}/profile"))
        .await;
    let henrik = mette.citizen_id("Henrik Sørensen").await;
    mette
        .get_json(&format!("/api/v1/citizens/{henrik}/plan"))
        .await;

    let (status, log) = freja.get_json("/api/v1/me/access-log").await;

    assert_eq!(status, StatusCode::OK);
    let entries: Vec<(String, String, String, String)> = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap().to_string();
            (s("caseworker_name"), s("team"), s("what"), s("purpose"))
        })
        .collect();
    let expected = [
        ("Lars Jensen", "Team Nord", "profile", "casework_as_backup"),
        ("Mette Hansen", "Team Nord", "plan", "casework"),
        // Mette opened "Mine borgere" (Lars did not): Freja's name was on it.
        ("Mette Hansen", "Team Nord", "caseload_list", "casework"),
    ];
    assert_eq!(
        entries,
        expected.map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
    );
    let (status, _) = mette.get_json("/api/v1/me/access-log").await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "the access log is the citizen's page"
    );
    app.stop().await;
}

async fn the_download_holds_everything_and_nobody_else(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (mette, freja, id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    let mut henrik = app.browser();
    henrik
        .login(shared::auth::LoginKind::Citizen, "henrik")
        .await;
    henrik
        .json(
            Method::POST,
            "/api/v1/me/competences",
            &json!({ "kind": "skill", "name": "Henriks truckkort" }),
        )
        .await;

    freja
        .json(
            Method::PUT,
            "/api/v1/me/plan/own-goal",
            &json!({ "own_goal": "Blive pædagog" }),
        )
        .await;
    let (_, step) = mette
        .json(
            Method::POST,
            &format!("/api/v1/citizens/{id}/plan/steps"),
            &json!({ "wording": wording("Snak med UU-vejleder", "youth_guidance", None, None) }),
        )
        .await;
    freja
        .json(
            Method::POST,
            &format!(
                "/api/v1/me/plan/steps/{}/comments",
                step["id"].as_str().unwrap()
            ),
            &json!({ "body": "Gerne i næste uge" }),
        )
        .await;
    freja
        .json(
            Method::POST,
            "/api/v1/me/competences",
            &json!({ "kind": "driving_licence", "category": "B" }),
        )
        .await;
    let (_, limitation) = freja
        .json(Method::POST, "/api/v1/me/limitations", &json!({ "category": "psychological", "description": "Jeg bliver hurtigt stresset", "work_impact": "", "meeting_impact": "Korte møder", "professional": null }))
        .await;
    let document = freja
        .send(
            Method::POST,
            &format!(
                "/api/v1/me/limitations/{}/documents",
                limitation["id"].as_str().unwrap()
            ),
        )
        .header("content-type", "image/png")
        .header("x-file-name", "note.png")
        .body(b"\x89PNG\r\n\x1a\nFREJA".to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(document.status(), StatusCode::CREATED);
    freja
        .json(Method::PUT, "/api/v1/me/consent", &json!({ "given": true }))
        .await;
    mette
        .get_json(&format!("/api/v1/citizens/{id}/profile"))
        .await;

    let response = freja
        .client
        .get(freja.url("/api/v1/me/export"))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("sammen-mine-oplysninger.zip")
    );
    assert_eq!(response.headers()["content-type"], "application/zip");
    let bytes = response.bytes().await.unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a zip file");
    let export: serde_json::Value = {
        let file = zip
            .by_name("mine-oplysninger.json")
            .expect("the data as JSON");
        serde_json::from_reader(file).unwrap()
    };
    assert_eq!(export["name"], "Freja Nielsen");
    assert_eq!(export["caseworker"]["name"], "Mette Hansen");
    assert_eq!(export["plan"]["own_goal"], "Blive pædagog");
    assert_eq!(
        export["plan"]["steps"][0]["comments"][0]["body"],
        "Gerne i næste uge"
    );
    assert!(export["plan_history"].as_array().unwrap().len() >= 3);
    assert_eq!(export["competences"][0]["data"]["category"], "B");
    assert_eq!(
        export["limitations"][0]["input"]["description"],
        "Jeg bliver hurtigt stresset"
    );
    let document = export["documents"][0]["file"].as_str().unwrap().to_string();
    assert!(
        document.starts_with("dokumenter/") && document.ends_with(".png"),
        "{document}"
    );
    let mut content = Vec::new();
    std::io::Read::read_to_end(
        &mut zip.by_name(&document).expect("the document"),
        &mut content,
    )
    .unwrap();
    assert_eq!(
        content, b"\x89PNG\r\n\x1a\nFREJA",
        "the document as uploaded"
    );
    assert_eq!(zip.len(), 2, "the data and the one document, nothing else");
    assert_eq!(export["consent"]["given"], true);
    assert_eq!(export["consent_history"].as_array().unwrap().len(), 1);
    assert_eq!(export["access_log"][0]["what"], "profile_and_limitations");
    let text = export.to_string();
    for other in ["Henrik", "Sofie", "Karim", "truckkort", "1503071236"] {
        assert!(
            !text.contains(other),
            "the download holds nothing about {other}"
        );
    }
    app.stop().await;
}
