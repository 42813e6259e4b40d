//! Meeting emails through the outbox to a real SMTP server: confirmations with the calendar
//! file (one UID, SEQUENCE raised, METHOD:CANCEL), reminders 24 and 2 hours before, cancelled
//! with the meeting, a call-in ("Indkald") that asks to confirm, and nothing in them but the
//! kind of meeting and when.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::json;
use tests::smtp::SmtpServer;
use tests::{Engine, TestApp, caseworker_and_citizen, on_both_engines};

on_both_engines!(confirmations_reminders_and_call_ins_are_emailed_and_follow_the_meeting);

async fn outbox_reminders(app: &TestApp, meeting: &str) -> Vec<(i64, bool)> {
    let id: uuid::Uuid = meeting.parse().unwrap();
    let rows: Vec<(i64, Option<i64>)> =
        sammen::db_conn!(app.db.writer().await.unwrap().conn(), c => sqlx::query_as(
        "SELECT due_at, cancelled_at FROM outbox WHERE meeting_id = $1 \
         AND kind = 'meeting_reminder' ORDER BY created_at, due_at")
        .bind(id).fetch_all(&mut *c).await)
        .unwrap();
    rows.into_iter().map(|(d, c)| (d, c.is_none())).collect()
}

async fn confirmations_reminders_and_call_ins_are_emailed_and_follow_the_meeting(engine: Engine) {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let app = TestApp::spawn_with(engine, move |s| {
        s.smtp.url = Some(url.into());
        s.notify.quiet_hours = String::new();
    })
    .await;
    let (mette, freja, freja_id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    // The address, confirmed with its code.
    let (status, _) = freja
        .json(
            Method::PUT,
            "/api/v1/me/email",
            &json!({"address": "freja@example.dk"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let text = smtp.wait_for(1).await[0].text();
    let code: String = text
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 6)
        .unwrap()
        .to_string();
    let (status, _) = freja
        .json(
            Method::POST,
            "/api/v1/me/email/confirm",
            &json!({"code": code}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = freja
        .json(
            Method::PUT,
            "/api/v1/me/accommodations",
            &json!({
                "meeting_channels": [], "time_of_day": "any", "longer_meetings": false,
                "companion": false, "interpreter_language": null, "written_summary": false,
                "easy_read": false, "step_free_access": false, "reminder_channels": ["email"],
                "reminder_timing": "both",
            }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let hours: Vec<serde_json::Value> = (1..=5)
        .map(|d| json!({"weekday": d, "starts": "09:00", "ends": "12:00"}))
        .collect();
    let (status, _) = mette
        .json(
            Method::PUT,
            "/api/v1/caseworker/availability",
            &json!({"hours": hours, "exceptions": [], "formats": ["in_person"], "lengths": [30],
                    "buffer_minutes": 0, "address": "Rådhusvej 1", "video_link": ""}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, free) = freja.get_json("/api/v1/me/meetings/free-times").await;
    let soon = app.clock.now().millis() + 50 * 3_600_000;
    let times: Vec<i64> = free["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["times"].as_array().unwrap().iter())
        .map(|t| t["starts_at"].as_i64().unwrap())
        .filter(|t| *t > soon)
        .collect();
    let (first, later) = (times[0], times[1]);

    let (status, meeting) = freja
        .json(
            Method::POST,
            "/api/v1/me/meetings",
            &json!({"starts_at": first, "length_minutes": 30, "format": "in_person",
                    "purpose": "Min ryg og praktikken", "idempotency_key": uuid::Uuid::new_v4().to_string()}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{meeting}");
    let id = meeting["id"].as_str().unwrap().to_string();
    let booked = smtp.wait_for(2).await[1].clone();
    assert_eq!(booked.subject(), "Dit møde med jobcentret er booket");
    let everything = booked.everything();
    for private in ["Mette", "ryg", "Rådhusvej", "Freja"] {
        assert!(!everything.contains(private), "{private} in {everything}");
    }
    assert!(
        booked.text().contains("møde på jobcentret den "),
        "{}",
        booked.text()
    );
    let ics = booked.calendar().expect("the calendar file is attached");
    assert!(ics.contains(&format!("UID:{id}@sammen")), "{ics}");
    assert!(ics.contains("SEQUENCE:0"));
    assert_eq!(
        outbox_reminders(&app, &id).await,
        [
            (first - 24 * 3_600_000, true),
            (first - 2 * 3_600_000, true)
        ],
        "reminders 24 and 2 hours before"
    );

    let (status, _) = freja
        .json(
            Method::POST,
            &format!("/api/v1/me/meetings/{id}/move"),
            &json!({"starts_at": later}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let moved = smtp.wait_for(3).await[2].clone();
    assert_eq!(moved.subject(), "Dit møde med jobcentret er flyttet");
    let ics = moved.calendar().unwrap();
    assert!(
        ics.contains(&format!("UID:{id}@sammen")) && ics.contains("SEQUENCE:1"),
        "{ics}"
    );
    assert_eq!(
        outbox_reminders(&app, &id).await,
        [
            (first - 24 * 3_600_000, false),
            (first - 2 * 3_600_000, false),
            (later - 24 * 3_600_000, true),
            (later - 2 * 3_600_000, true),
        ],
        "the old reminders are cancelled, new ones queued"
    );

    // A day before: the reminder, without a calendar file.
    let wait = (later - 24 * 3_600_000 - app.clock.now().millis()) / 1000 + 60;
    app.clock
        .advance(Duration::from_secs(u64::try_from(wait).unwrap()));
    let reminder = smtp.wait_for(4).await[3].clone();
    assert_eq!(reminder.subject(), "Husk dit møde med jobcentret");
    assert!(reminder.calendar().is_none());
    assert!(!reminder.everything().contains("Mette"));

    // The caseworker cancels it: the email says so and carries METHOD:CANCEL; the 2-hour
    // reminder is never sent.
    let mut mette = mette;
    mette
        .login(shared::auth::LoginKind::Employee, "mette.hansen")
        .await;
    let (status, _) = mette
        .json(
            Method::POST,
            &format!("/api/v1/citizens/{freja_id}/meetings/{id}/cancel"),
            &json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let cancelled = smtp.wait_for(5).await[4].clone();
    assert_eq!(cancelled.subject(), "Dit møde med jobcentret er aflyst");
    assert!(cancelled.calendar().unwrap().contains("METHOD:CANCEL"));
    let wait = (later - 2 * 3_600_000 - app.clock.now().millis()) / 1000 + 60;
    app.clock
        .advance(Duration::from_secs(u64::try_from(wait).unwrap()));
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        smtp.received().len(),
        5,
        "no reminder for a cancelled meeting"
    );

    // "Indkald": the caseworker's booking says the citizen is called in and should confirm.
    mette
        .login(shared::auth::LoginKind::Employee, "mette.hansen")
        .await;
    let (_, free) = mette
        .get_json(&format!("/api/v1/citizens/{freja_id}/meetings/free-times"))
        .await;
    let at = free["days"][0]["times"][0]["starts_at"].as_i64().unwrap();
    let (status, called) = mette
        .json(
            Method::POST,
            &format!("/api/v1/citizens/{freja_id}/meetings"),
            &json!({"starts_at": at, "length_minutes": 30, "format": "in_person",
                    "idempotency_key": uuid::Uuid::new_v4().to_string()}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{called}");
    assert_eq!(called["status"], "proposed");
    let called_in = smtp.wait_for(6).await[5].clone();
    assert_eq!(
        called_in.subject(),
        "Jobcentret har indkaldt dig til et møde"
    );
    assert!(
        called_in.text().contains("bekræfte tiden"),
        "{}",
        called_in.text()
    );
    assert!(!called_in.everything().contains("Mette"));
    let ics = called_in.calendar().expect("the calendar file is attached");
    assert!(ics.contains(&format!("UID:{}@sammen", called["id"].as_str().unwrap())));
}
