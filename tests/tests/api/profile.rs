//! "Min profil": competences, limitations with documents (health information: shown to
//! caseworkers only with consent), accommodations as data.

use reqwest::{Method, StatusCode};
use serde_json::json;
use tests::{Engine, TestApp, caseworker_and_citizen, on_both_engines, pdf, upload};

on_both_engines!(
    competences_are_added_changed_and_removed,
    limitations_stay_hidden_without_consent_and_after_withdrawal,
    documents_are_judged_by_content_and_size,
    accommodations_are_kept_as_choices,
    another_citizens_ids_reach_nothing,
);

fn limitation() -> serde_json::Value {
    json!({
        "category": "physical",
        "description": "Jeg kan ikke løfte tungt eller stå stille længe.",
        "work_impact": "Skiftende arbejdsstillinger, ingen løft over 5 kg.",
        "meeting_impact": "Jeg skal kunne rejse mig undervejs.",
        "professional": { "kind": "doctor", "date": "2026-09-14" },
    })
}

async fn competences_are_added_changed_and_removed(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (cw, citizen, id) =
        caseworker_and_citizen(&app, "lars.jensen", "karim", "Karim Haddad").await;

    let (status, education) = citizen
        .json(Method::POST, "/api/v1/me/competences", &json!({ "kind": "education", "level": "master", "field": "Kommunikation", "year": 2012 }))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{education}");
    citizen
        .json(
            Method::POST,
            "/api/v1/me/competences",
            &json!({ "kind": "language", "language": "Arabisk", "level": "native" }),
        )
        .await;
    let (status, body) = citizen
        .json(Method::POST, "/api/v1/me/competences", &json!({ "kind": "work_experience", "role": "Oversætter", "workplace": "", "from_year": 2019, "to_year": 2015 }))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["fields"][0]["field"], "data.to_year");
    let (status, _) = citizen
        .json(
            Method::POST,
            "/api/v1/me/competences",
            &json!({ "kind": "superpower", "name": "x" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    let competence = education["id"].as_str().unwrap();
    let (status, changed) = citizen
        .json(Method::PUT, &format!("/api/v1/me/competences/{competence}"), &json!({ "kind": "education", "level": "master", "field": "Kommunikation og sprog", "year": 2012 }))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(changed["data"]["field"], "Kommunikation og sprog");

    let (_, profile) = cw.get_json(&format!("/api/v1/citizens/{id}/profile")).await;
    let kinds: Vec<&str> = profile["competences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["data"]["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        vec!["education", "language"],
        "caseworkers always see competences"
    );

    let response = citizen
        .send(
            Method::DELETE,
            &format!("/api/v1/me/competences/{competence}"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let (_, profile) = citizen.get_json("/api/v1/me/profile").await;
    assert_eq!(profile["competences"].as_array().unwrap().len(), 1);
    app.stop().await;
}

async fn limitations_stay_hidden_without_consent_and_after_withdrawal(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (cw, citizen, id) =
        caseworker_and_citizen(&app, "mette.hansen", "henrik", "Henrik Sørensen").await;
    let (status, added) = citizen
        .json(Method::POST, "/api/v1/me/limitations", &limitation())
        .await;
    assert_eq!(status, StatusCode::CREATED, "{added}");
    let limitation_id = added["id"].as_str().unwrap().to_string();
    let (status, document) = upload(
        &citizen,
        &limitation_id,
        "l%C3%A6geerkl%C3%A6ring.pdf",
        pdf(),
        "application/pdf",
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{document}");
    let document_id = document["id"].as_str().unwrap().to_string();
    let their_document = format!("/api/v1/citizens/{id}/documents/{document_id}");

    let (_, profile) = cw.get_json(&format!("/api/v1/citizens/{id}/profile")).await;
    assert_eq!(
        profile["limitations"],
        json!({ "visibility": "hidden", "exists": true }),
        "only that there is something"
    );
    assert!(
        !profile.to_string().contains("løfte"),
        "no trace of the health information"
    );
    assert_eq!(
        cw.client
            .get(cw.url(&their_document))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );

    let (status, consent) = citizen
        .json(Method::PUT, "/api/v1/me/consent", &json!({ "given": true }))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(consent["given"], true);
    let (_, profile) = cw.get_json(&format!("/api/v1/citizens/{id}/profile")).await;
    assert_eq!(profile["limitations"]["visibility"], "visible");
    assert_eq!(
        profile["limitations"]["items"][0]["input"]["description"],
        "Jeg kan ikke løfte tungt eller stå stille længe."
    );
    assert_eq!(
        profile["limitations"]["items"][0]["documents"][0]["file_name"],
        "lægeerklæring.pdf"
    );
    let download = cw.client.get(cw.url(&their_document)).send().await.unwrap();
    assert_eq!(download.status(), StatusCode::OK);
    assert!(
        download.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    assert_eq!(download.bytes().await.unwrap().to_vec(), pdf());

    citizen
        .json(
            Method::PUT,
            "/api/v1/me/consent",
            &json!({ "given": false }),
        )
        .await;
    let (_, profile) = cw.get_json(&format!("/api/v1/citizens/{id}/profile")).await;
    assert_eq!(
        profile["limitations"],
        json!({ "visibility": "hidden", "exists": true }),
        "withdrawal hides them again"
    );
    assert_eq!(
        cw.client
            .get(cw.url(&their_document))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );

    let whats: Vec<(String,)> = sammen::db_conn!(app.db.reader().await.expect("a database connection").conn(), pool => sqlx::query_as(
        "SELECT what FROM access_log WHERE what <> 'caseload_list' ORDER BY at, id").fetch_all(pool).await)
    .unwrap();
    let whats: Vec<&str> = whats.iter().map(|w| w.0.as_str()).collect();
    assert_eq!(
        whats,
        vec!["profile", "profile_and_limitations", "document", "profile"]
    );
    app.stop().await;
}

async fn documents_are_judged_by_content_and_size(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut citizen = app.browser();
    citizen
        .login(shared::auth::LoginKind::Citizen, "sofie")
        .await;
    let (_, added) = citizen
        .json(Method::POST, "/api/v1/me/limitations", &limitation())
        .await;
    let limitation_id = added["id"].as_str().unwrap().to_string();

    let (status, body) = upload(
        &citizen,
        &limitation_id,
        "scan.pdf",
        b"MZ\x90\x00 not a pdf".to_vec(),
        "application/pdf",
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        body["error"]["fields"][0]["message"],
        "Filen skal være en PDF, JPEG eller PNG."
    );

    let mut big = pdf();
    big.resize(10 * 1024 * 1024 + 1, b' ');
    let (status, body) = upload(&citizen, &limitation_id, "stor.pdf", big, "application/pdf").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        body["error"]["fields"][0]["message"],
        "Filen er for stor. Den må højst fylde 10 MB."
    );

    let mut exactly = pdf();
    exactly.resize(10 * 1024 * 1024, b' ');
    let (status, _) = upload(
        &citizen,
        &limitation_id,
        "præcis.pdf",
        exactly,
        "application/pdf",
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "10 MB is allowed");
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let (status, body) = upload(&citizen, &limitation_id, "billede.jpg", png, "image/jpeg").await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        body["content_type"], "image/png",
        "the content decides, not the name"
    );
    assert_eq!(
        body["file_name"], "billede.png",
        "the extension follows the content"
    );
    assert_eq!(app.count("limitation_documents").await, 2);
    app.stop().await;
}

async fn accommodations_are_kept_as_choices(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (cw, citizen, id) =
        caseworker_and_citizen(&app, "lars.jensen", "sofie", "Sofie Larsen").await;
    let (_, profile) = citizen.get_json("/api/v1/me/profile").await;
    assert_eq!(
        profile["accommodations"]["time_of_day"], "any",
        "defaults before anything is chosen"
    );

    let choices = json!({
        "meeting_channels": ["phone", "video"],
        "time_of_day": "morning",
        "longer_meetings": true,
        "companion": true,
        "interpreter_language": null,
        "written_summary": true,
        "easy_read": true,
        "step_free_access": false,
        "reminder_channels": ["sms"],
        "reminder_timing": "both",
    });
    let (status, saved) = citizen
        .json(Method::PUT, "/api/v1/me/accommodations", &choices)
        .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(saved, choices);
    let (_, profile) = cw.get_json(&format!("/api/v1/citizens/{id}/profile")).await;
    assert_eq!(
        profile["accommodations"], choices,
        "the caseworker sees how to meet the citizen"
    );

    let mut bad = choices.clone();
    bad["interpreter_language"] = json!("x".repeat(51));
    let (status, body) = citizen
        .json(Method::PUT, "/api/v1/me/accommodations", &bad)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["fields"][0]["field"], "interpreter_language");
    bad["interpreter_language"] = json!(null);
    bad["time_of_day"] = json!("midnight");
    let (status, _) = citizen
        .json(Method::PUT, "/api/v1/me/accommodations", &bad)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, profile) = citizen.get_json("/api/v1/me/profile").await;
    assert_eq!(
        profile["accommodations"], choices,
        "refused saves changed nothing"
    );
    app.stop().await;
}

async fn another_citizens_ids_reach_nothing(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut henrik = app.browser();
    henrik
        .login(shared::auth::LoginKind::Citizen, "henrik")
        .await;
    let mut freja = app.browser();
    freja.login(shared::auth::LoginKind::Citizen, "freja").await;
    let (_, added) = henrik
        .json(Method::POST, "/api/v1/me/limitations", &limitation())
        .await;
    let limitation_id = added["id"].as_str().unwrap().to_string();
    let (_, document) = upload(&henrik, &limitation_id, "a.pdf", pdf(), "application/pdf").await;
    let document_id = document["id"].as_str().unwrap().to_string();
    let (_, competence) = henrik
        .json(
            Method::POST,
            "/api/v1/me/competences",
            &json!({ "kind": "skill", "name": "Truckkort" }),
        )
        .await;

    let (status, _) = freja
        .json(
            Method::PUT,
            &format!("/api/v1/me/limitations/{limitation_id}"),
            &limitation(),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = upload(&freja, &limitation_id, "b.pdf", pdf(), "application/pdf").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        freja
            .client
            .get(freja.url(&format!("/api/v1/me/documents/{document_id}")))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    let delete = freja
        .send(
            Method::DELETE,
            &format!("/api/v1/me/documents/{document_id}"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(delete.status(), StatusCode::NOT_FOUND);
    let delete = freja
        .send(
            Method::DELETE,
            &format!(
                "/api/v1/me/competences/{}",
                competence["id"].as_str().unwrap()
            ),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(delete.status(), StatusCode::NOT_FOUND);

    let (_, profile) = henrik.get_json("/api/v1/me/profile").await;
    assert_eq!(
        profile["limitations"]["items"][0]["documents"]
            .as_array()
            .unwrap()
            .len(),
        1,
        "nothing of Henrik's changed"
    );
    assert_eq!(profile["competences"].as_array().unwrap().len(), 1);
    let mine = henrik
        .client
        .get(henrik.url(&format!("/api/v1/me/documents/{document_id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(mine.bytes().await.unwrap().to_vec(), pdf());
    app.stop().await;
}
