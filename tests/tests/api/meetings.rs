//! Meetings: the caseworker offers times, the citizen books, moves and cancels them with their
//! accommodations applied; no time is ever booked twice; the deadline, holidays, summer time,
//! the calendar file and "Det aftalte vi".

use std::time::Duration;

use jiff::civil::{Date, Weekday};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use shared::auth::LoginKind;
use tests::{Browser, Engine, TestApp, caseworker_and_citizen, on_both_engines};

on_both_engines!(
    a_citizen_books_with_accommodations_and_nobody_else_gets_the_time,
    fifty_bookings_of_one_time_at_once_leave_exactly_one_meeting,
    moving_and_cancelling_follow_the_deadline_and_the_calendar_file_follows_the_meeting,
    bad_times_and_bad_availability_are_refused_and_change_nothing,
    summer_time_days_offer_no_missing_and_no_double_times,
    the_backup_caseworker_is_offered_when_the_primary_has_nothing_soon,
    a_summary_is_written_after_the_meeting_answered_and_replied,
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

async fn save(cw: &Browser, hours: Value, exceptions: Value) -> Value {
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

fn all_times(free: &Value) -> Vec<i64> {
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
    let day = &offered["days"][0];
    assert_eq!(day["times"][0]["local_time"], "09:00");
    // 60 minutes within 09:00–12:00, every half hour: 09:00, 09:30, 10:00, 10:30, 11:00.
    assert_eq!(day["times"].as_array().unwrap().len(), 5, "{day}");
    let at = first_time(&offered);

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
fn calendar_week_holds(app: &TestApp, at: i64) -> bool {
    let today = sammen::calendar::date_in_copenhagen(app.clock.now());
    let day = sammen::calendar::date_in_copenhagen(sammen::db::Timestamp(at));
    day < today.checked_add(jiff::Span::new().days(7)).unwrap()
}

async fn fifty_bookings_of_one_time_at_once_leave_exactly_one_meeting(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    // On PostgreSQL half of them go to a second instance on the same database.
    let beside = match engine {
        Engine::Postgres => Some(app.spawn_beside().await),
        Engine::Sqlite => None,
    };
    let (mette, freja, freja_id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    let mut henrik = app.browser();
    henrik.login(LoginKind::Citizen, "henrik").await;
    offer_mornings(&mette).await;
    let at = first_time(&free(&freja, "?length=30").await);

    let mut racers: Vec<(Browser, String)> = vec![
        (freja, "/api/v1/me/meetings".to_string()),
        (henrik, "/api/v1/me/meetings".to_string()),
        (mette, format!("/api/v1/citizens/{freja_id}/meetings")),
    ];
    if let Some(second) = &beside {
        let mut karim_cw = second.browser();
        karim_cw.login(LoginKind::Employee, "mette.hansen").await;
        let mut freja2 = second.browser();
        freja2.login(LoginKind::Citizen, "freja").await;
        racers.push((karim_cw, format!("/api/v1/citizens/{freja_id}/meetings")));
        racers.push((freja2, "/api/v1/me/meetings".to_string()));
    }
    let racers = std::sync::Arc::new(racers);
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..50 {
        let racers = racers.clone();
        tasks.spawn(async move {
            let (who, path) = &racers[i % racers.len()];
            book(who, path, at, 30, "in_person").await
        });
    }
    let mut created = 0;
    let mut taken = 0;
    while let Some(done) = tasks.join_next().await {
        let (status, body) = done.unwrap();
        match status {
            StatusCode::CREATED => created += 1,
            StatusCode::CONFLICT => {
                assert_eq!(body["error"]["current"]["kind"], "slot_taken", "{body}");
                taken += 1;
            }
            other => panic!("{other}: {body}"),
        }
    }
    assert_eq!((created, taken), (1, 49));
    assert_eq!(app.count("meetings").await, 1);
    // 30 minutes and a 15-minute buffer: three quarter hours held, once.
    assert_eq!(app.count("meeting_blocks").await, 3);
    if let Some(second) = beside {
        second.stop().await;
    }
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
fn next_date(from: Date, pick: impl Fn(Date) -> bool) -> Date {
    let mut d = from.checked_add(jiff::Span::new().days(2)).unwrap();
    while !pick(d) {
        d = d.tomorrow().unwrap();
    }
    d
}

async fn bad_times_and_bad_availability_are_refused_and_change_nothing(engine: Engine) {
    let app = TestApp::spawn_with(engine, |s| s.meetings.horizon_days = 400).await;
    let (mette, freja, _) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    let saved = offer_mornings(&mette).await;

    // Availability that overlaps itself, or ends before it starts, is refused.
    for (hours, field, problem) in [
        (
            json!([{"weekday": 1, "starts": "09:00", "ends": "12:00"},
                   {"weekday": 1, "starts": "11:00", "ends": "13:00"}]),
            "hours[1].starts",
            "overlapper",
        ),
        (
            json!([{"weekday": 2, "starts": "12:00", "ends": "09:00"}]),
            "hours[0].ends",
            "",
        ),
        (
            json!([{"weekday": 2, "starts": "9", "ends": "10:00"}]),
            "hours[0].starts",
            "TT:MM",
        ),
    ] {
        let (status, answer) = mette
            .json(
                Method::PUT,
                "/api/v1/caseworker/availability",
                &json!({"hours": hours, "exceptions": [], "formats": ["phone"], "lengths": [30],
                        "buffer_minutes": 0, "address": "", "video_link": ""}),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
        assert_eq!(answer["error"]["fields"][0]["field"], field, "{answer}");
        assert!(
            answer["error"]["fields"][0]["message"]
                .as_str()
                .unwrap()
                .contains(problem)
        );
    }
    let (_, still) = mette.get_json("/api/v1/caseworker/availability").await;
    assert_eq!(still, saved, "refused changes change nothing");

    let today = sammen::calendar::date_in_copenhagen(app.clock.now());
    let at = |d: Date, h: i8, m: i8| {
        sammen::calendar::at_copenhagen(d, jiff::civil::time(h, m, 0, 0))
            .unwrap()
            .millis()
    };
    let christmas = next_date(today, |d| d.month() == 12 && d.day() == 25);
    let weekday = next_date(today, |d| {
        !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
            && !sammen::calendar::is_holiday(d)
    });
    let past = app.clock.now().millis() - 3_600_000;
    for (starts_at, length, format, field, words) in [
        (past, 30, "phone", "starts_at", "gået"),
        (at(christmas, 9, 0), 30, "phone", "starts_at", "lukket"),
        (at(weekday, 8, 0), 30, "phone", "starts_at", "ledige tider"),
        (at(weekday, 9, 15), 30, "phone", "starts_at", "ledige tider"),
        (
            at(weekday, 11, 30),
            60,
            "phone",
            "starts_at",
            "ledige tider",
        ),
        (
            at(weekday, 9, 0),
            45,
            "phone",
            "length_minutes",
            "ikke vælge",
        ),
        (at(weekday, 9, 0), 30, "video", "format", "ikke vælge"),
    ] {
        let (status, answer) = book(&freja, "/api/v1/me/meetings", starts_at, length, format).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
        assert_eq!(answer["error"]["fields"][0]["field"], field, "{answer}");
        let message = answer["error"]["fields"][0]["message"].as_str().unwrap();
        assert!(message.contains(words), "{message}");
    }
    // Malformed JSON and a wrong id are clear errors, never 500.
    let response = freja
        .send(Method::POST, "/api/v1/me/meetings")
        .header("content-type", "application/json")
        .body("{\"starts_at\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let (status, _) = freja
        .json(
            Method::POST,
            &format!("/api/v1/me/meetings/{}/move", "ikke-et-id"),
            &json!({"starts_at": 1}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(app.count("meetings").await, 0);
}

async fn summer_time_days_offer_no_missing_and_no_double_times(engine: Engine) {
    // Far enough ahead to reach a summer-time Sunday that is not Easter (as 28 March 2027 is).
    let app = TestApp::spawn_with(engine, |s| s.meetings.horizon_days = 800).await;
    let (mette, freja, _) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    // Sunday night hours, across the hour the clocks change.
    save(
        &mette,
        json!([{"weekday": 7, "starts": "01:00", "ends": "04:00"}]),
        json!([]),
    )
    .await;
    let offered = free(&freja, "?length=30").await;
    let today = sammen::calendar::date_in_copenhagen(app.clock.now());
    let last_sunday = |month: i8| {
        next_date(today, move |d| {
            d.month() == month
                && d.weekday() == Weekday::Sunday
                && d.day() > 24
                && !sammen::calendar::is_holiday(d)
        })
    };
    let local = |date: Date| -> Vec<String> {
        offered["days"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["date"] == date.to_string())
            .map(|d| {
                d["times"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| t["local_time"].as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(
        local(last_sunday(3)),
        ["01:00", "01:30", "03:00", "03:30"],
        "the hour that does not exist is not offered"
    );
    assert_eq!(
        local(last_sunday(10)),
        ["01:00", "01:30", "02:00", "02:30", "03:00", "03:30"],
        "the hour that comes twice is offered once"
    );
    let times = all_times(&offered);
    let unique: std::collections::HashSet<_> = times.iter().collect();
    assert_eq!(unique.len(), times.len());
    // An ordinary Sunday has all six.
    assert_eq!(
        local(next_date(today, |d| d.weekday() == Weekday::Sunday && d.month() == 1)),
        ["01:00", "01:30", "02:00", "02:30", "03:00", "03:30"]
    );
}

async fn the_backup_caseworker_is_offered_when_the_primary_has_nothing_soon(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (mette, freja, _) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    let mut lars = app.browser();
    lars.login(LoginKind::Employee, "lars.jensen").await;
    let today = sammen::calendar::date_in_copenhagen(app.clock.now());
    let away_until = today.checked_add(jiff::Span::new().days(14)).unwrap();
    let hours: Vec<Value> = (1..=5)
        .map(|d| json!({"weekday": d, "starts": "09:00", "ends": "12:00"}))
        .collect();
    save(
        &mette,
        json!(hours),
        json!([{"from": today.to_string(), "until": away_until.to_string(), "reason": "holiday"}]),
    )
    .await;
    offer_mornings(&lars).await;

    let offered = free(&freja, "").await;
    assert_eq!(offered["caseworker"]["name"], "Mette Hansen");
    let first = offered["days"][0]["date"].as_str().unwrap();
    assert!(
        first > away_until.to_string().as_str(),
        "Mette's times after her holiday"
    );
    assert_eq!(offered["backup_offer"]["caseworker"]["name"], "Lars Jensen");

    let backup = free(&freja, "?backup=true").await;
    assert_eq!(backup["caseworker"]["name"], "Lars Jensen");
    assert_eq!(backup["backup_offer"], Value::Null);
    let (status, meeting) = freja
        .json(
            Method::POST,
            "/api/v1/me/meetings",
            &json!({"starts_at": first_time(&backup), "length_minutes": 30,
                    "format": "phone", "with_backup": true, "idempotency_key": key()}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{meeting}");
    assert_eq!(meeting["caseworker"]["name"], "Lars Jensen");

    // With a free time soon at Mette, no backup is offered.
    save(&mette, json!(hours), json!([])).await;
    assert_eq!(free(&freja, "").await["backup_offer"], Value::Null);
}

/// The ids of the past meetings waiting for the caseworker on their "Mine møder".
async fn waiting_on(caseworker: &Browser) -> Vec<String> {
    let (status, week) = caseworker.get_json("/api/v1/caseworker/meetings").await;
    assert_eq!(status, StatusCode::OK, "{week}");
    week["waiting"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect()
}

async fn a_summary_is_written_after_the_meeting_answered_and_replied(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (mut mette, mut freja, freja_id) =
        caseworker_and_citizen(&app, "mette.hansen", "freja", "Freja Nielsen").await;
    offer_mornings(&mette).await;
    let at = first_time(&free(&freja, "?length=30").await);
    // "Indkald": Mette books it for Freja, who confirms.
    let (status, meeting) = book(
        &mette,
        &format!("/api/v1/citizens/{freja_id}/meetings"),
        at,
        30,
        "in_person",
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{meeting}");
    assert_eq!(meeting["status"], "proposed");
    let id = meeting["id"].as_str().unwrap().to_string();
    let (status, confirmed) = freja
        .json(
            Method::POST,
            &format!("/api/v1/me/meetings/{id}/confirm"),
            &json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{confirmed}");
    assert_eq!(confirmed["status"], "booked");
    assert_eq!(confirmed["place"], "Jobcentret, Rådhusvej 1");

    let summary_path = format!("/api/v1/citizens/{freja_id}/meetings/{id}/summary");
    let summary = json!({"text": "Vi aftalte, at du søger praktik.", "proposed_steps": ["Søg praktik hos Netto"]});
    let (status, early) = mette.json(Method::PUT, &summary_path, &summary).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{early}");
    assert!(
        early["error"]["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("endnu")
    );

    let wait = (at + 40 * 60_000 - app.clock.now().millis()) / 1000;
    app.clock
        .advance(Duration::from_secs(u64::try_from(wait).unwrap()));
    freja.login(LoginKind::Citizen, "freja").await;
    mette.login(LoginKind::Employee, "mette.hansen").await;
    assert_eq!(
        waiting_on(&mette).await,
        vec![id.clone()],
        "held, not summed up: it waits for Mette"
    );
    let (status, written) = mette.json(Method::PUT, &summary_path, &summary).await;
    assert_eq!(status, StatusCode::OK, "{written}");
    assert!(waiting_on(&mette).await.is_empty(), "summed up");
    let (_, plan) = freja.get_json("/api/v1/me/plan").await;
    let step = &plan["steps"][0];
    assert_eq!(step["wording"]["title"], "Søg praktik hos Netto");
    assert_eq!(
        step["citizen_agreed"], false,
        "a proposal the citizen must agree to: {step}"
    );

    let answer_path = format!("/api/v1/me/meetings/{id}/summary/response");
    let (status, _) = freja
        .json(
            Method::POST,
            &answer_path,
            &json!({"response": "disagreed", "comment": " "}),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a different view needs words"
    );
    let (status, answered) = freja
        .json(
            Method::POST,
            &answer_path,
            &json!({"response": "disagreed", "comment": "Jeg sagde, jeg vil i lære."}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{answered}");
    assert_eq!(
        waiting_on(&mette).await,
        vec![id.clone()],
        "understood differently: it waits for Mette's answer"
    );
    let (status, replied) = mette
        .json(
            Method::POST,
            &format!("/api/v1/citizens/{freja_id}/meetings/{id}/summary/reply"),
            &json!({"text": "Tak. Så skriver vi læreplads i planen."}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{replied}");
    assert!(waiting_on(&mette).await.is_empty(), "answered");
    let (_, list) = freja.get_json("/api/v1/me/meetings").await;
    let s = &list["past"][0]["summary"];
    assert_eq!(s["citizen_response"], "disagreed");
    assert_eq!(s["citizen_comment"], "Jeg sagde, jeg vil i lære.");
    assert_eq!(
        s["caseworker_reply"],
        "Tak. Så skriver vi læreplads i planen."
    );
}
