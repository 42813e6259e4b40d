//! Meetings: the caseworker offers times, the citizen books, moves and cancels them with their
//! accommodations applied; the deadline, holidays and the calendar file. Bad times and summer
//! time: `meeting_times`; "Det aftalte vi": `meeting_summaries`; fifty bookings at once: `races`.

use std::time::Duration;

use jiff::civil::Date;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use shared::auth::LoginKind;
use tests::{Browser, Engine, TestApp, caseworker_and_citizen, on_both_engines};

on_both_engines!(
    a_citizen_books_with_accommodations_and_nobody_else_gets_the_time,
    moving_and_cancelling_follow_the_deadline_and_the_calendar_file_follows_the_meeting,
);

pub(crate) fn key() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Weekdays 09:00–12:00, in person and by phone, 30 or 60 minutes, 15 minutes between.
pub(crate) async fn offer_mornings(cw: &Browser) -> Value {
    let hours: Vec<Value> = (1..=5)
        .map(|d| json!({"weekday": d, "starts": "09:00", "ends": "12:00"}))
        .collect();
    save(cw, json!(hours), json!([])).await
}

pub(crate) async fn save(cw: &Browser, hours: Value, exceptions: Value) -> Value {
    let (status, saved) = cw
        .json(
            Method::PUT,
            "/api/v1/caseworker/availability",
            &json!({
                "hours": hours, "exceptions": exceptions,
                "formats": ["in_person", "phone"], "lengths": [30, 60], "buffer_minutes": 15,
                "address": "Jobcentret, Rådhusvej 1", "video_link": "",
            }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    saved
}

pub(crate) async fn free(citizen: &Browser, query: &str) -> Value {
    let path = String::from("/api/v1/me/meetings/free-times") + query;
    let (status, free) = citizen.get_json(&path).await;
    assert_eq!(status, StatusCode::OK, "{free}");
    free
}

pub(crate) fn first_time(free: &Value) -> i64 {
    free["days"][0]["times"][0]["starts_at"]
        .as_i64()
        .expect("a free time")
}

/// The first free day after today: today's times depend on the hour a test runs at (one
/// starting this minute is gone the next).
pub(crate) fn after_today<'a>(app: &TestApp, free: &'a Value) -> &'a Value {
    let today = sammen::calendar::date_in_copenhagen(app.clock.now()).to_string();
    free["days"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date"].as_str().is_some_and(|date| date > today.as_str()))
        .expect("a free day after today")
}

pub(crate) fn all_times(free: &Value) -> Vec<i64> {
    free["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["times"].as_array().unwrap().iter())
        .map(|t| t["starts_at"].as_i64().unwrap())
        .collect()
}

pub(crate) async fn book(
    who: &Browser,
    path: &str,
    at: i64,
    length: u16,
    format: &str,
) -> (StatusCode, Value) {
    who.json(
        Method::POST,
        path,
        &json!({
            "starts_at": at, "length_minutes": length, "format": format,
            "purpose": "Praktik i foråret", "idempotency_key": key(),
        }),
    )
    .await
}

async fn a_citizen_books_with_accommodations_and_nobody_else_gets_the_time(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (mette, freja, freja_id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    let mut henrik = app.browser();
    henrik.login(LoginKind::Citizen, "henrik").await;

    let (_, none) = freja.get_json("/api/v1/me/meetings").await;
    assert_eq!(none["upcoming"], json!([]), "no meetings before booking");
    let before = free(&freja, "").await;
    assert_eq!(
        before["days"],
        json!([]),
        "nothing offered before the caseworker offers"
    );

    offer_mornings(&mette).await;
    let (status, _) = freja
        .json(
            Method::PUT,
            "/api/v1/me/accommodations",
            &json!({
                "meeting_channels": ["phone"], "time_of_day": "morning", "longer_meetings": true,
                "companion": true, "interpreter_language": "arabisk", "written_summary": false,
                "easy_read": false, "step_free_access": true, "reminder_channels": ["email"],
                "reminder_timing": "both",
            }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);

    let offered = free(&freja, "").await;
    assert_eq!(offered["caseworker"]["name"], "Mette Hansen");
    assert_eq!(
        offered["length_minutes"], 60,
        "a longer meeting: the longest offered"
    );
    assert_eq!(offered["preferred_format"], "phone");
    assert_eq!(offered["needs"]["companion"], true);
    assert_eq!(offered["needs"]["interpreter_language"], "arabisk");
    let day = after_today(&app, &offered);
    assert_eq!(day["times"][0]["local_time"], "09:00");
    // 60 minutes within 09:00–12:00, every half hour: 09:00, 09:30, 10:00, 10:30, 11:00.
    assert_eq!(day["times"].as_array().unwrap().len(), 5, "{day}");
    let at = day["times"][0]["starts_at"].as_i64().expect("a free time");

    let body = json!({
        "starts_at": at, "length_minutes": 60, "format": "phone",
        "purpose": "Praktik i foråret", "idempotency_key": "freja-booking-1",
    });
    let (status, meeting) = freja.json(Method::POST, "/api/v1/me/meetings", &body).await;
    assert_eq!(status, StatusCode::CREATED, "{meeting}");
    assert_eq!(meeting["status"], "booked");
    assert_eq!(meeting["local_start"], "09:00");
    assert_eq!(meeting["local_end"], "10:00");
    assert_eq!(meeting["needs"]["step_free_access"], true);
    assert_eq!(meeting["needs"]["longer_meeting"], true);
    let (_, overview) = freja.get_json("/api/v1/overview").await;
    assert_eq!(
        overview["next_meeting"]["id"], meeting["id"],
        "Mit overblik shows it"
    );
    assert_eq!(overview["next_meeting"]["format"], "phone");
    let (status, again) = freja.json(Method::POST, "/api/v1/me/meetings", &body).await;
    assert_eq!(status, StatusCode::OK, "a retry answers as the first time");
    assert_eq!(again["id"], meeting["id"]);
    assert_eq!(app.count("meetings").await, 1);

    // The time, and the 15 minutes after it, are gone for Henrik.
    let henriks = free(&henrik, "?length=30").await;
    let times = all_times(&henriks);
    assert!(!times.contains(&at), "the booked time is not offered again");
    assert!(
        !times.contains(&(at + 60 * 60_000)),
        "nor 10:00, inside the buffer"
    );
    assert!(times.contains(&(at + 90 * 60_000)), "10:30 is free");
    let (status, taken) = book(&henrik, "/api/v1/me/meetings", at, 30, "phone").await;
    assert_eq!(status, StatusCode::CONFLICT, "{taken}");
    assert_eq!(taken["error"]["current"]["kind"], "slot_taken");
    let nearest = taken["error"]["current"]["now"].as_array().unwrap();
    assert!(!nearest.is_empty() && nearest.len() <= 3, "{taken}");
    assert!(nearest.iter().all(|t| t["starts_at"] != at));

    // Mette's week shows it with what Freja needs; her read of Freja's meetings is logged.
    let (status, week) = mette.get_json("/api/v1/caseworker/meetings").await;
    assert_eq!(status, StatusCode::OK, "{week}");
    let mine = week["meetings"].as_array().unwrap();
    let freja_meeting = mine.iter().find(|m| m["id"] == meeting["id"]);
    if calendar_week_holds(&app, at) {
        let m = freja_meeting.expect("the meeting is in the week");
        assert_eq!(m["citizen_name"], "Freja Nielsen");
        assert_eq!(m["needs"]["interpreter_language"], "arabisk");
    }
    let (status, hers) = mette
        .get_json(&format!("/api/v1/citizens/{freja_id}/meetings"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(hers["upcoming"][0]["purpose"], "Praktik i foråret");
    let (_, log) = freja.get_json("/api/v1/me/access-log").await;
    assert!(
        log["entries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["what"] == "meetings"),
        "{log}"
    );
    // Another citizen's meeting is not found.
    let id = meeting["id"].as_str().unwrap();
    let (status, _) = henrik
        .json(
            Method::POST,
            &format!("/api/v1/me/meetings/{id}/cancel"),
            &json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, still) = freja.get_json("/api/v1/me/meetings").await;
    assert_eq!(still["upcoming"][0]["status"], "booked");
}

/// Whether a moment falls within the seven days from today in Copenhagen.
pub(crate) fn calendar_week_holds(app: &TestApp, at: i64) -> bool {
    let today = sammen::calendar::date_in_copenhagen(app.clock.now());
    let day = sammen::calendar::date_in_copenhagen(sammen::db::Timestamp(at));
    day < today.checked_add(jiff::Span::new().days(7)).unwrap()
}

async fn moving_and_cancelling_follow_the_deadline_and_the_calendar_file_follows_the_meeting(
    engine: Engine,
) {
    let app = TestApp::spawn(engine).await;
    let (mut mette, mut freja, freja_id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    offer_mornings(&mette).await;
    // A time at least two days ahead, so the 24-hour deadline lies ahead too.
    let soon = app.clock.now().millis() + 50 * 3_600_000;
    let times: Vec<i64> = all_times(&free(&freja, "?length=30").await)
        .into_iter()
        .filter(|t| *t > soon)
        .collect();
    let (first, later) = (times[0], times[3]);
    let (status, meeting) = book(&freja, "/api/v1/me/meetings", first, 30, "in_person").await;
    assert_eq!(status, StatusCode::CREATED, "{meeting}");
    let id = meeting["id"].as_str().unwrap().to_string();

    let ics = calendar_file(&freja, &id).await;
    assert_eq!(ics.0, first);
    assert_eq!(ics.2, 0);
    assert!(ics.1.starts_with(&id), "UID is the meeting: {}", ics.1);

    let (status, moved) = freja
        .json(
            Method::POST,
            &format!("/api/v1/me/meetings/{id}/move"),
            &json!({"starts_at": later}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    assert_eq!(moved["starts_at"], later);
    assert!(
        all_times(&free(&freja, "?length=30").await).contains(&first),
        "the old time is free again"
    );
    let (start, uid, sequence) = calendar_file(&freja, &id).await;
    assert_eq!((start, sequence), (later, 1), "same UID, sequence raised");
    assert_eq!(uid, ics.1);

    // Inside 24 hours the citizen can no longer move or cancel, and is told why.
    let until_deadline = (later - app.clock.now().millis()) / 1000 - 23 * 3600;
    app.clock
        .advance(Duration::from_secs(u64::try_from(until_deadline).unwrap()));
    // Days later: both log in again.
    freja.login(LoginKind::Citizen, "freja").await;
    mette.login(LoginKind::Employee, "mette.hansen").await;
    let (_, list) = freja.get_json("/api/v1/me/meetings").await;
    assert_eq!(list["upcoming"][0]["can_change"], false);
    let (status, refused) = freja
        .json(
            Method::POST,
            &format!("/api/v1/me/meetings/{id}/cancel"),
            &json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(refused["error"]["fields"][0]["field"], "meeting");
    assert!(
        refused["error"]["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("besked"),
        "offers to write a message instead: {refused}"
    );
    let (_, unchanged) = freja.get_json("/api/v1/me/meetings").await;
    assert_eq!(unchanged["upcoming"][0]["status"], "booked");

    // The caseworker can still cancel it; the calendar file then cancels it too.
    let (status, _) = mette
        .json(
            Method::POST,
            &format!("/api/v1/citizens/{freja_id}/meetings/{id}/cancel"),
            &json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, after) = freja.get_json("/api/v1/me/meetings").await;
    assert_eq!(after["upcoming"], json!([]));
    let (_, overview) = freja.get_json("/api/v1/overview").await;
    assert_eq!(
        overview["next_meeting"],
        Value::Null,
        "a cancelled meeting is not next"
    );
    let response = freja
        .send(
            Method::GET,
            &format!("/api/v1/me/meetings/{id}/calendar.ics"),
        )
        .send()
        .await
        .unwrap();
    let text = response.text().await.unwrap();
    assert!(text.contains("METHOD:CANCEL"), "{text}");
    assert_eq!(app.count("meeting_blocks").await, 0);
}

/// The calendar file's DTSTART (as UTC milliseconds), UID and SEQUENCE, read by a calendar
/// parser.
async fn calendar_file(who: &Browser, id: &str) -> (i64, String, i64) {
    let response = who
        .send(
            Method::GET,
            &format!("/api/v1/me/meetings/{id}/calendar.ics"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let text = response.text().await.unwrap();
    let calendar = ical::IcalParser::new(text.as_bytes())
        .next()
        .expect("one calendar")
        .expect("it parses");
    let event = &calendar.events[0];
    let prop = |name: &str| {
        event
            .properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_else(|| panic!("{name} in {text}"))
    };
    let start = prop("DTSTART");
    assert!(start.ends_with('Z'), "written in UTC: {start}");
    let start: jiff::Timestamp = jiff::fmt::strtime::parse("%Y%m%dT%H%M%SZ", &start)
        .unwrap()
        .to_datetime()
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .unwrap()
        .timestamp();
    assert!(!text.contains("Praktik"), "no purpose in the file");
    (
        start.as_millisecond(),
        prop("UID"),
        prop("SEQUENCE").parse().unwrap(),
    )
}

/// The next date after `from` (at least two days on) that is `weekday` and passes `pick`.
pub(crate) fn next_date(from: Date, pick: impl Fn(Date) -> bool) -> Date {
    let mut d = from.checked_add(jiff::Span::new().days(2)).unwrap();
    while !pick(d) {
        d = d.tomorrow().unwrap();
    }
    d
}
