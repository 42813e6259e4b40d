//! Reading the whole plan: it holds every step with its comments and every request, in the
//! order people expect, and says the same as the answers each change gave.

use reqwest::{Method, StatusCode};
use serde_json::json;
use tests::{Engine, TestApp, caseworker_and_citizen, on_both_engines, wording};

on_both_engines!(the_whole_plan_holds_every_step_comment_and_request_in_order);

async fn the_whole_plan_holds_every_step_comment_and_request_in_order(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (cw, citizen, id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;

    let (_, empty) = citizen.get_json("/api/v1/me/plan").await;
    assert_eq!(empty["citizen_name"], "Freja Nielsen");
    assert_eq!(empty["steps"], json!([]), "a new plan has no steps");
    assert_eq!(empty["requests"], json!([]), "and no requests");

    let (status, first) = cw
        .json(
            Method::POST,
            &format!("/api/v1/citizens/{id}/plan/steps"),
            &json!({ "wording": wording("Praktik i en butik", "internship", Some("2027-02-01"), None) }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    let (status, second) = citizen
        .json(
            Method::POST,
            "/api/v1/me/plan/steps",
            &json!({ "wording": wording("Gå til tandlægen", "health", None, None) }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{second}");

    let comments = format!(
        "/api/v1/me/plan/steps/{}/comments",
        first["id"].as_str().unwrap()
    );
    citizen
        .json(
            Method::POST,
            &comments,
            &json!({ "body": "Gerne om formiddagen." }),
        )
        .await;
    let (status, commented) = cw
        .json(
            Method::POST,
            &format!(
                "/api/v1/citizens/{id}/plan/steps/{}/comments",
                first["id"].as_str().unwrap()
            ),
            &json!({ "body": "Det skriver jeg til butikken, \"Brugsen\" ❤️." }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{commented}");

    for option in ["mentor", "aids"] {
        let (status, asked) = citizen
            .json(
                Method::POST,
                "/api/v1/me/plan/requests",
                &json!({ "option": option, "message": "" }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{asked}");
    }

    let (status, plan) = citizen.get_json("/api/v1/me/plan").await;
    assert_eq!(status, StatusCode::OK);
    let steps = plan["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 2, "{plan}");
    assert_eq!(
        steps[0], commented,
        "the first step, as the last change to it answered"
    );
    assert_eq!(steps[1], second, "the second step, as it was proposed");
    assert_eq!(steps[1]["comments"], json!([]));
    let bodies: Vec<&str> = steps[0]["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["body"].as_str().unwrap())
        .collect();
    assert_eq!(
        bodies,
        [
            "Gerne om formiddagen.",
            "Det skriver jeg til butikken, \"Brugsen\" ❤️."
        ],
        "comments oldest first, text as written"
    );
    assert_eq!(steps[0]["comments"][0]["author_name"], "Freja Nielsen");
    assert_eq!(steps[0]["comments"][1]["author_name"], "Mette Hansen");
    assert_eq!(steps[0]["comments"][1]["author"], "caseworker");
    let options: Vec<&str> = plan["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["option"].as_str().unwrap())
        .collect();
    assert_eq!(options, ["aids", "mentor"], "requests newest first");

    let (status, theirs) = cw.get_json(&format!("/api/v1/citizens/{id}/plan")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(theirs, plan, "the caseworker reads the same plan");
    app.stop().await;
}

/// The answered direct reads so far, from `/metrics` (the process's one recorder: servers of
/// other tests running at the same time count there too, so this only ever grows faster).
async fn direct_reads(app: &TestApp) -> u64 {
    let text = reqwest::get(app.url("/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    text.lines()
        .find(|l| l.starts_with("sammen_sqlite_direct_reads_total{outcome=\"answered\"}"))
        .and_then(|l| l.rsplit(' ').next())
        .map_or(0, |n| n.parse().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sqlite_a_citizens_session_and_plan_are_read_directly_and_at_once_up_to_date() {
    let app = TestApp::spawn_with(Engine::Sqlite, |s| {
        s.memory.sessions = 0;
        s.memory.plans = 0;
    })
    .await;
    let (cw, citizen, id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    let before = direct_reads(&app).await;
    for round in 1..=5 {
        let (status, _) = cw
            .json(
                Method::POST,
                &format!("/api/v1/citizens/{id}/plan/steps"),
                &json!({ "wording": wording(&format!("Skridt {round}"), "internship", None, None) }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED);
        let (status, plan) = citizen.get_json("/api/v1/me/plan").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            plan["steps"].as_array().unwrap().len(),
            round,
            "the step just added is in the citizen's next read"
        );
    }
    let after = direct_reads(&app).await;
    assert!(
        after >= before + 10,
        "five plan reads with nothing remembered: five sessions and five plans read directly \
         ({before} before, {after} after)"
    );
    app.stop().await;
}
