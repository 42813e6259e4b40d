//! The table of every caseworker endpoint on a citizen, and the data it needs.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use shared::auth::LoginKind;
use tests::{TestApp, wording};

/// The ids the table's addresses are made of.
pub(super) struct Ids<'a> {
    pub(super) citizen: &'a str,
    pub(super) step: &'a str,
    pub(super) new_step: &'a str,
    pub(super) request: &'a str,
    pub(super) document: &'a str,
    pub(super) conversation: &'a str,
    pub(super) colleague: &'a str,
    pub(super) attachment: &'a str,
    /// A meeting ahead, and one that took place and whose summary the citizen answered.
    pub(super) upcoming: &'a str,
    pub(super) past: &'a str,
    /// Free times to move the upcoming meeting to, and to book a new one at.
    pub(super) move_to: i64,
    pub(super) book_at: i64,
}

/// `(method, path, body, expected status)` of every caseworker endpoint on a citizen.
pub(super) fn caseworker_endpoints(
    ids: &Ids<'_>,
) -> Vec<(Method, String, Option<Value>, StatusCode)> {
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

/// A meeting that has taken place and one ahead, for the table: the caseworker offers every
/// day, the citizen books, the clock passes the meeting, and the citizen books another.
pub(super) async fn meetings_for_the_table(
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
