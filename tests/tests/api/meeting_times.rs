//! Meeting times: bad times and bad availability change nothing, summer-time days, and the
//! backup caseworker offered when the primary has nothing soon.

use jiff::civil::{Date, Weekday};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use shared::auth::LoginKind;
use tests::{Engine, TestApp, caseworker_and_citizen, on_both_engines};

use crate::meetings::{all_times, book, first_time, free, key, next_date, offer_mornings, save};

on_both_engines!(
    bad_times_and_bad_availability_are_refused_and_change_nothing,
    summer_time_days_offer_no_missing_and_no_double_times,
    the_backup_caseworker_is_offered_when_the_primary_has_nothing_soon,
);

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
