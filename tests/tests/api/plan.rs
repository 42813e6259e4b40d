//! "Min plan": made together, every change kept, agreement by both, conflicts shown not lost.
//! Goals and requests: `plan_goals`; who may read a plan: `access`.

use reqwest::{Method, StatusCode};
use serde_json::json;
use tests::{Engine, TestApp, caseworker_and_citizen, on_both_engines, wording};

on_both_engines!(
    the_plan_a_citizen_reads_shows_every_change_at_once,
    a_step_is_agreed_only_when_both_have_accepted_its_wording,
    changing_an_agreed_step_needs_new_agreement_and_shows_what_changed,
    a_second_simultaneous_edit_gets_both_versions_and_overwrites_nothing,
    citizens_propose_their_own_steps_but_change_only_those,
    comments_and_what_helped_make_what_we_achieved_together,
);

async fn a_step_is_agreed_only_when_both_have_accepted_its_wording(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (cw, citizen, id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;

    let (status, step) = cw
        .json(Method::POST, &format!("/api/v1/citizens/{id}/plan/steps"), &json!({
            "wording": wording("Praktik i en børnehave", "internship", Some("2027-01-04"), Some("2027-02-26")),
        }))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{step}");
    assert_eq!(step["status"], "proposed");
    assert_eq!(step["caseworker_agreed"], true);
    assert_eq!(step["citizen_agreed"], false);
    assert_eq!(step["agreed"], false);

    let (_, plan) = citizen.get_json("/api/v1/me/plan").await;
    let seen = &plan["steps"][0];
    assert_eq!(seen["wording"]["title"], "Praktik i en børnehave");
    let (status, agreed) = citizen
        .json(
            Method::POST,
            &format!(
                "/api/v1/me/plan/steps/{}/agree",
                seen["id"].as_str().unwrap()
            ),
            &json!({ "version": seen["version"] }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{agreed}");
    assert_eq!(agreed["agreed"], true);
    assert_eq!(
        agreed["status"], "planned",
        "an agreed proposal becomes planned"
    );

    let (_, history) = citizen.get_json("/api/v1/me/plan/history").await;
    let events: Vec<(String, String)> = history["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["event"].as_str().unwrap().into(),
                e["actor_name"].as_str().unwrap_or("Sammen").into(),
            )
        })
        .collect();
    assert_eq!(
        events,
        vec![
            ("step_became_agreed".into(), "Sammen".into()),
            ("step_agreed".into(), "Freja Nielsen".into()),
            ("step_proposed".into(), "Mette Hansen".into()),
        ]
    );
    app.stop().await;
}

async fn changing_an_agreed_step_needs_new_agreement_and_shows_what_changed(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (cw, citizen, id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    let (_, step) = cw
        .json(
            Method::POST,
            &format!("/api/v1/citizens/{id}/plan/steps"),
            &json!({ "wording": wording("Mentor hver uge", "mentor", None, None) }),
        )
        .await;
    let step_id = step["id"].as_str().unwrap().to_string();
    citizen
        .json(
            Method::POST,
            &format!("/api/v1/me/plan/steps/{step_id}/agree"),
            &json!({ "version": 1 }),
        )
        .await;

    let (status, changed) = cw
        .json(
            Method::PUT,
            &format!("/api/v1/citizens/{id}/plan/steps/{step_id}"),
            &json!({
                "wording": wording("Mentor hver anden uge", "mentor", None, None), "version": 1,
            }),
        )
        .await;

    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(changed["version"], 2);
    assert_eq!(changed["agreed"], false, "a change needs new agreement");
    assert_eq!(changed["caseworker_agreed"], true);
    assert_eq!(changed["citizen_agreed"], false);
    assert_eq!(
        changed["previously_agreed"]["title"], "Mentor hver uge",
        "what was agreed is still shown"
    );
    let (_, history) = citizen.get_json("/api/v1/me/plan/history").await;
    let change = &history["entries"][0];
    assert_eq!(change["event"], "step_changed");
    assert_eq!(
        change["changes"],
        json!([{ "field": "wording.title", "before": "Mentor hver uge", "after": "Mentor hver anden uge" }])
    );

    let (_, again) = citizen
        .json(
            Method::POST,
            &format!("/api/v1/me/plan/steps/{step_id}/agree"),
            &json!({ "version": 2 }),
        )
        .await;
    assert_eq!(again["agreed"], true);
    assert_eq!(again["previously_agreed"], serde_json::Value::Null);
    app.stop().await;
}

async fn a_second_simultaneous_edit_gets_both_versions_and_overwrites_nothing(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (mette, _citizen, id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    let mut lars = app.browser();
    lars.login(shared::auth::LoginKind::Employee, "lars.jensen")
        .await;
    let (_, step) = mette
        .json(
            Method::POST,
            &format!("/api/v1/citizens/{id}/plan/steps"),
            &json!({ "wording": wording("Jobsøgning", "job_search", None, None) }),
        )
        .await;
    let step_id = step["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/citizens/{id}/plan/steps/{step_id}");

    // Both saves are in flight at once: whichever the database takes first wins, and the
    // other meets the version check there, not a check made before it.
    let five =
        json!({ "wording": wording("Søg 5 job om ugen", "job_search", None, None), "version": 1 });
    let ten =
        json!({ "wording": wording("Søg 10 job om ugen", "job_search", None, None), "version": 1 });
    let ((a, a_body), (b, b_body)) = tokio::join!(
        mette.json(Method::PUT, &path, &five),
        lars.json(Method::PUT, &path, &ten),
    );
    let mut statuses = [a, b];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::OK, StatusCode::CONFLICT],
        "{a_body} {b_body}"
    );
    let (winner, body) = if a == StatusCode::OK {
        (&a_body, &b_body)
    } else {
        (&b_body, &a_body)
    };
    let won = winner["wording"]["title"].as_str().unwrap().to_string();
    assert_eq!(body["error"]["code"], "conflict");
    assert_eq!(body["error"]["current"]["kind"], "plan_step");
    assert_eq!(
        body["error"]["current"]["now"]["wording"]["title"],
        won.as_str(),
        "the answer carries the step as the winner left it"
    );
    assert_eq!(body["error"]["current"]["now"]["version"], 2);
    let (_, plan) = mette.get_json(&format!("/api/v1/citizens/{id}/plan")).await;
    assert_eq!(
        plan["steps"][0]["wording"]["title"],
        won.as_str(),
        "the second save overwrote nothing"
    );
    app.stop().await;
}

async fn citizens_propose_their_own_steps_but_change_only_those(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (cw, citizen, id) =
        caseworker_and_citizen(&app, "lars.jensen", "sofie", "Sofie Larsen").await;
    let (_, theirs) = cw
        .json(
            Method::POST,
            &format!("/api/v1/citizens/{id}/plan/steps"),
            &json!({ "wording": wording("Samtale med psykolog", "health", None, None) }),
        )
        .await;

    let (status, mine) = citizen
        .json(
            Method::POST,
            "/api/v1/me/plan/steps",
            &json!({ "wording": wording("Gå en tur hver dag", "health", None, None) }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(mine["proposed_by"], "citizen");
    assert_eq!(mine["citizen_agreed"], true);
    assert_eq!(mine["caseworker_agreed"], false);

    let (status, _) = citizen
        .json(
            Method::PUT,
            &format!("/api/v1/me/plan/steps/{}", theirs["id"].as_str().unwrap()),
            &json!({
                "wording": wording("Ingen psykolog", "health", None, None), "version": 1,
            }),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "the caseworker's proposal is commented on, not rewritten"
    );
    let (status, edited) = citizen
        .json(
            Method::PUT,
            &format!("/api/v1/me/plan/steps/{}", mine["id"].as_str().unwrap()),
            &json!({
                "wording": wording("Gå en tur hver morgen", "health", None, None), "version": 1,
            }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(edited["wording"]["title"], "Gå en tur hver morgen");
    let (_, plan) = cw.get_json(&format!("/api/v1/citizens/{id}/plan")).await;
    assert_eq!(plan["steps"][0]["wording"]["title"], "Samtale med psykolog");
    app.stop().await;
}

async fn comments_and_what_helped_make_what_we_achieved_together(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (cw, citizen, id) =
        caseworker_and_citizen(&app, "mette.hansen", "henrik", "Henrik Sørensen").await;
    let (_, step) = cw
        .json(
            Method::POST,
            &format!("/api/v1/citizens/{id}/plan/steps"),
            &json!({ "wording": wording("Genoptræning af ryggen", "health", None, None) }),
        )
        .await;
    let step_id = step["id"].as_str().unwrap().to_string();
    let mine = format!("/api/v1/me/plan/steps/{step_id}");
    let theirs = format!("/api/v1/citizens/{id}/plan/steps/{step_id}");

    citizen
        .json(
            Method::POST,
            &format!("{mine}/comments"),
            &json!({ "body": "Kan det være om eftermiddagen?" }),
        )
        .await;
    let (_, commented) = cw
        .json(
            Method::POST,
            &format!("{theirs}/comments"),
            &json!({ "body": "Ja, det finder vi ud af." }),
        )
        .await;
    let authors: Vec<&str> = commented["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["author_name"].as_str().unwrap())
        .collect();
    assert_eq!(authors, vec!["Henrik Sørensen", "Mette Hansen"]);

    let (status, body) = citizen
        .json(
            Method::PUT,
            &format!("{mine}/helped"),
            &json!({ "text": "At starte langsomt" }),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "only done steps have 'Det hjalp'"
    );
    assert_eq!(body["error"]["fields"][0]["field"], "text");

    // Done only once both have agreed to the step.
    let (status, _) = citizen
        .json(
            Method::POST,
            &format!("{mine}/agree"),
            &json!({ "version": 1 }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = cw
        .json(
            Method::PUT,
            &format!("{theirs}/status"),
            &json!({ "status": "done" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    citizen
        .json(
            Method::PUT,
            &format!("{mine}/helped"),
            &json!({ "text": "At starte langsomt" }),
        )
        .await;
    let (_, done) = cw
        .json(
            Method::PUT,
            &format!("{theirs}/helped"),
            &json!({ "text": "Henrik holdt fast hver uge" }),
        )
        .await;
    assert_eq!(done["helped_citizen"], "At starte langsomt");
    assert_eq!(done["helped_caseworker"], "Henrik holdt fast hver uge");
    app.stop().await;
}

async fn the_plan_a_citizen_reads_shows_every_change_at_once(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (cw, citizen, id) =
        caseworker_and_citizen(&app, "lars.jensen", "sofie", "Sofie Larsen").await;
    let steps = |plan: &serde_json::Value| plan["steps"].as_array().map(Vec::len).unwrap_or(0);
    let (_, first) = citizen.get_json("/api/v1/me/plan").await;
    let (_, again) = citizen.get_json("/api/v1/me/plan").await;
    assert_eq!(first, again);
    assert_eq!(steps(&again), 0);

    let (_, step) = cw
        .json(
            Method::POST,
            &format!("/api/v1/citizens/{id}/plan/steps"),
            &json!({ "wording": wording("Mentor", "mentor", None, None) }),
        )
        .await;
    let (_, plan) = citizen.get_json("/api/v1/me/plan").await;
    assert_eq!(steps(&plan), 1, "a step the caseworker just added is there");

    let comments = format!(
        "/api/v1/citizens/{id}/plan/steps/{}/comments",
        step["id"].as_str().unwrap()
    );
    cw.json(
        Method::POST,
        &comments,
        &json!({ "body": "Vi starter i januar" }),
    )
    .await;
    let (_, plan) = citizen.get_json("/api/v1/me/plan").await;
    assert_eq!(
        plan["steps"][0]["comments"][0]["body"],
        "Vi starter i januar"
    );
    let goals = format!("/api/v1/citizens/{id}/plan/goals");
    cw.json(
        Method::PUT,
        &goals,
        &json!({ "agreed_goal": "Butiksassistent", "target_group": null }),
    )
    .await;
    let (_, plan) = citizen.get_json("/api/v1/me/plan").await;
    assert_eq!(plan["agreed_goal"], "Butiksassistent");
    app.stop().await;
}
