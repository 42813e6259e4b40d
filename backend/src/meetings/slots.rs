//! Which times a caseworker can be booked at: their weekly hours on the days that are neither
//! a public holiday nor one of their exceptions, every half hour, in Copenhagen time. On the
//! night summer time starts a time that does not exist is never offered, and on the night it
//! ends a time that exists twice is offered once (the first). Pure: the caller brings the taken
//! blocks and the clock.

use std::collections::HashSet;

use jiff::ToSpan;
use jiff::civil::{Date, Time};

use crate::calendar::{self, copenhagen, is_holiday};
use crate::db::Timestamp;

/// A meeting holds its caseworker in blocks of a quarter hour (`meeting_blocks`). Copenhagen's
/// offsets are whole hours, so local quarter hours are UTC quarter hours too.
pub const BLOCK_MILLIS: i64 = 15 * 60_000;
/// Times are offered every half hour from the start of a span of hours.
const STEP_MINUTES: i64 = 30;

/// What a caseworker offers, as the free-time search needs it.
#[derive(Clone, Debug, Default)]
pub struct Offer {
    /// (weekday 1–7, from, until).
    pub hours: Vec<(i8, Time, Time)>,
    /// Days without meetings, both included.
    pub exceptions: Vec<(Date, Date)>,
    pub buffer_minutes: i64,
}

impl Offer {
    fn closed(&self, date: Date) -> bool {
        is_holiday(date)
            || self
                .exceptions
                .iter()
                .any(|(f, u)| *f <= date && date <= *u)
    }
}

/// The quarter hours a meeting from `starts_at` of `length` minutes and its buffer hold.
pub fn blocks(starts_at: Timestamp, length_minutes: i64, buffer_minutes: i64) -> Vec<i64> {
    let first = starts_at.millis().div_euclid(BLOCK_MILLIS) * BLOCK_MILLIS;
    let end = starts_at.millis() + (length_minutes + buffer_minutes) * 60_000;
    (0..)
        .map(|i| first + i * BLOCK_MILLIS)
        .take_while(|b| *b < end)
        .collect()
}

/// The moment a local date and time is, if that time exists on that date.
fn existing(date: Date, time: Time) -> Option<Timestamp> {
    let wall = date.to_datetime(time);
    let zoned = wall.to_zoned(copenhagen()).ok()?;
    // In the gap the time zone moves the time on; such a time does not exist.
    (zoned.datetime() == wall).then(|| Timestamp(zoned.timestamp().as_millisecond()))
}

/// Why a date has no times, or its free starts.
pub fn free_on(
    offer: &Offer,
    date: Date,
    length_minutes: i64,
    now: Timestamp,
    taken: &HashSet<i64>,
) -> Vec<Timestamp> {
    if offer.closed(date) {
        return vec![];
    }
    let weekday = date.weekday().to_monday_one_offset();
    let mut out = vec![];
    for (_, from, until) in offer.hours.iter().filter(|(d, _, _)| *d == weekday) {
        let Some(window_end) = calendar::at_copenhagen(date, *until) else {
            continue;
        };
        let mut t = *from;
        loop {
            if let Some(start) = existing(date, t) {
                let end = start.plus_millis(length_minutes * 60_000);
                if end > window_end {
                    break;
                }
                let free = blocks(start, length_minutes, offer.buffer_minutes)
                    .iter()
                    .all(|b| !taken.contains(b));
                if start > now && free && !out.contains(&start) {
                    out.push(start);
                }
            }
            match t.checked_add(STEP_MINUTES.minutes()) {
                Ok(next) if next > t => t = next,
                _ => break,
            }
        }
    }
    out.sort();
    out
}

/// Free starts on each of `days` days from `first`, days without any left out.
pub fn free_times(
    offer: &Offer,
    first: Date,
    days: u32,
    length_minutes: i64,
    now: Timestamp,
    taken: &HashSet<i64>,
) -> Vec<(Date, Vec<Timestamp>)> {
    let mut out = vec![];
    let mut date = first;
    for _ in 0..days {
        let times = free_on(offer, date, length_minutes, now, taken);
        if !times.is_empty() {
            out.push((date, times));
        }
        match date.tomorrow() {
            Ok(next) => date = next,
            Err(_) => break,
        }
    }
    out
}

/// Why `starts_at` cannot be booked, if the time is not free. `Taken` means it would be free
/// but another meeting holds it.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    InThePast,
    Holiday,
    OutsideAvailability,
    Taken,
}

/// Checks one start against the offer; `last_day` is the last date that may be booked.
pub fn check(
    offer: &Offer,
    starts_at: Timestamp,
    length_minutes: i64,
    now: Timestamp,
    last_day: Date,
    taken: &HashSet<i64>,
) -> Result<(), Refusal> {
    if starts_at <= now {
        return Err(Refusal::InThePast);
    }
    let date = calendar::date_in_copenhagen(starts_at);
    if is_holiday(date) {
        return Err(Refusal::Holiday);
    }
    if date > last_day {
        return Err(Refusal::OutsideAvailability);
    }
    if free_on(offer, date, length_minutes, now, taken).contains(&starts_at) {
        return Ok(());
    }
    if free_on(offer, date, length_minutes, now, &HashSet::new()).contains(&starts_at) {
        return Err(Refusal::Taken);
    }
    Err(Refusal::OutsideAvailability)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, time};

    fn every_day(from: Time, until: Time) -> Offer {
        Offer {
            hours: (1..=7).map(|d| (d, from, until)).collect(),
            exceptions: vec![],
            buffer_minutes: 0,
        }
    }

    fn local(ts: &[Timestamp]) -> Vec<String> {
        ts.iter()
            .map(|t| {
                calendar::time_in_copenhagen(*t)
                    .strftime("%H:%M")
                    .to_string()
            })
            .collect()
    }

    const LONG_AGO: Timestamp = Timestamp(0);

    #[test]
    fn the_hour_summer_time_skips_is_never_offered() {
        // 29 March 2026: 02:00 becomes 03:00. (In 2027 it is Easter Sunday, a holiday.)
        let offer = every_day(time(1, 0, 0, 0), time(4, 0, 0, 0));
        let times = free_on(&offer, date(2026, 3, 29), 30, LONG_AGO, &HashSet::new());
        assert_eq!(local(&times), ["01:00", "01:30", "03:00", "03:30"]);
        // Each is a different moment, half an hour apart except across the gap.
        assert_eq!(times[1].millis() - times[0].millis(), 30 * 60_000);
        assert_eq!(times[2].millis() - times[1].millis(), 30 * 60_000);
    }

    #[test]
    fn the_hour_that_comes_twice_when_summer_time_ends_is_offered_once() {
        // 31 October 2027: 03:00 becomes 02:00 again.
        let offer = every_day(time(1, 0, 0, 0), time(4, 0, 0, 0));
        let times = free_on(&offer, date(2027, 10, 31), 30, LONG_AGO, &HashSet::new());
        assert_eq!(
            local(&times),
            ["01:00", "01:30", "02:00", "02:30", "03:00", "03:30"]
        );
        let unique: HashSet<_> = times.iter().collect();
        assert_eq!(unique.len(), times.len());
    }

    #[test]
    fn a_day_time_on_a_summer_time_day_has_the_new_offset() {
        let offer = every_day(time(9, 0, 0, 0), time(10, 0, 0, 0));
        let before = free_on(&offer, date(2026, 3, 28), 30, LONG_AGO, &HashSet::new());
        let after = free_on(&offer, date(2026, 3, 29), 30, LONG_AGO, &HashSet::new());
        // 09:00 is 08:00 UTC in winter and 07:00 UTC in summer: 23 hours apart.
        assert_eq!(after[0].millis() - before[0].millis(), 23 * 3_600_000);
    }

    #[test]
    fn holidays_exceptions_the_past_taken_blocks_and_the_end_of_the_hours() {
        let mut offer = every_day(time(9, 0, 0, 0), time(12, 0, 0, 0));
        assert!(free_on(&offer, date(2026, 12, 25), 30, LONG_AGO, &HashSet::new()).is_empty());
        offer
            .exceptions
            .push((date(2026, 12, 7), date(2026, 12, 8)));
        assert!(free_on(&offer, date(2026, 12, 8), 30, LONG_AGO, &HashSet::new()).is_empty());
        let day = date(2026, 12, 9);
        let all = free_on(&offer, day, 60, LONG_AGO, &HashSet::new());
        assert_eq!(
            local(&all),
            ["09:00", "09:30", "10:00", "10:30", "11:00"],
            "an hour must end by 12:00"
        );
        // A meeting at 09:30 with a 15-minute buffer holds 09:30–10:45 for a 60-minute one.
        offer.buffer_minutes = 15;
        let taken: HashSet<i64> = blocks(all[1], 60, 15).into_iter().collect();
        assert_eq!(taken.len(), 5);
        // 11:00 and 11:30 are free (a buffer may pass the end of the hours); 09:00 is not:
        // 09:00 + 30 min + 15 min buffer reaches 09:45, which 09:30's meeting holds.
        assert_eq!(
            local(&free_on(&offer, day, 30, LONG_AGO, &taken)),
            ["11:00", "11:30"]
        );
        assert_eq!(
            check(&offer, all[0], 30, LONG_AGO, day, &taken),
            Err(Refusal::Taken)
        );
        assert_eq!(
            check(&offer, all[0], 30, all[0], day, &HashSet::new()),
            Err(Refusal::InThePast)
        );
        let christmas = calendar::at_copenhagen(date(2026, 12, 25), time(9, 0, 0, 0)).unwrap();
        assert_eq!(
            check(
                &offer,
                christmas,
                30,
                LONG_AGO,
                date(2027, 1, 1),
                &HashSet::new()
            ),
            Err(Refusal::Holiday)
        );
        let quarter_past = all[0].plus_millis(15 * 60_000);
        assert_eq!(
            check(&offer, quarter_past, 30, LONG_AGO, day, &HashSet::new()),
            Err(Refusal::OutsideAvailability)
        );
    }
}
