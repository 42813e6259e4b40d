//! Days and hours as people in Denmark count them: Copenhagen time (with the tz database, so
//! summer time starts and ends on the right night), working days, Danish public holidays and
//! the hours in which nobody should get an email.

use jiff::ToSpan;
use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;

use crate::db::Timestamp;

/// Europe/Copenhagen from the bundled tz database: the same rules on every machine. Looked up
/// once: a free-time search converts hundreds of local times per request.
pub fn copenhagen() -> TimeZone {
    static ZONE: std::sync::LazyLock<TimeZone> =
        std::sync::LazyLock::new(|| TimeZone::get("Europe/Copenhagen").unwrap_or(TimeZone::UTC));
    ZONE.clone()
}

/// The date in Copenhagen at a moment.
pub fn date_in_copenhagen(at: Timestamp) -> Date {
    moment(at).to_zoned(copenhagen()).date()
}

fn moment(at: Timestamp) -> jiff::Timestamp {
    jiff::Timestamp::from_millisecond(at.millis()).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

fn to_timestamp(t: jiff::Timestamp) -> Timestamp {
    Timestamp(t.as_millisecond())
}

/// Easter Sunday (the anonymous Gregorian algorithm).
fn easter(year: i16) -> Date {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(year, month as i8, day as i8).unwrap_or(Date::MIN)
}

/// Whether the jobcentre is closed on this date: the Danish public holidays (nytårsdag,
/// skærtorsdag, langfredag, påskedag, 2. påskedag, Kristi himmelfartsdag, pinsedag,
/// 2. pinsedag, juledag, 2. juledag) and the days public offices close by custom
/// (grundlovsdag, juleaftensdag, nytårsaftensdag). Store bededag stopped being a holiday in 2024.
pub fn is_holiday(date: Date) -> bool {
    let fixed = matches!(
        (date.month(), date.day()),
        (1, 1) | (6, 5) | (12, 24) | (12, 25) | (12, 26) | (12, 31)
    );
    if fixed {
        return true;
    }
    let easter = easter(date.year());
    let from_easter = [-3i64, -2, 0, 1, 39, 49, 50];
    from_easter
        .iter()
        .any(|days| easter.checked_add(days.days()).ok() == Some(date))
}

pub fn is_working_day(date: Date) -> bool {
    !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday) && !is_holiday(date)
}

/// The date `working_days` working days after `from` (a day that is not a working day counts
/// from the next one): sent on a Tuesday with 2 days, the answer is due on Thursday.
pub fn working_days_after(from: Date, working_days: u32) -> Date {
    let mut date = from;
    let mut left = working_days;
    while left > 0 {
        date = date.tomorrow().unwrap_or(date);
        if is_working_day(date) {
            left -= 1;
        }
    }
    date
}

/// A daily span of local time in which nobody gets an email, e.g. 21:00–08:00 (it may cross
/// midnight). Parsed from `"21:00-08:00"`; an empty text means no quiet hours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuietHours {
    pub from: Time,
    pub until: Time,
}

impl QuietHours {
    pub fn parse(text: &str) -> Result<Option<QuietHours>, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let (from, until) = text
            .split_once('-')
            .ok_or_else(|| format!("quiet hours must look like 21:00-08:00, not {text:?}"))?;
        let parse = |t: &str| {
            Time::strptime("%H:%M", t.trim()).map_err(|_| format!("{t:?} is not a time like 08:00"))
        };
        let (from, until) = (parse(from)?, parse(until)?);
        if from == until {
            return Err("quiet hours must start and end at different times".into());
        }
        Ok(Some(QuietHours { from, until }))
    }

    fn contains(&self, t: Time) -> bool {
        if self.from < self.until {
            t >= self.from && t < self.until
        } else {
            t >= self.from || t < self.until
        }
    }

    /// The first moment at or after `at` outside the quiet hours, in Copenhagen time: an email
    /// due at 23:10 waits until 08:00 the next morning, on whatever UTC offset that morning has.
    pub fn next_allowed(&self, at: Timestamp) -> Timestamp {
        let tz = copenhagen();
        let zoned = moment(at).to_zoned(tz.clone());
        if !self.contains(zoned.time()) {
            return at;
        }
        let mut date = zoned.date();
        if self.from > self.until && zoned.time() >= self.from {
            date = date.tomorrow().unwrap_or(date);
        }
        match date.to_datetime(self.until).to_zoned(tz) {
            Ok(morning) => to_timestamp(morning.timestamp()),
            Err(_) => at,
        }
    }
}

/// Local time in Copenhagen at a date and time, as a moment (the later one when the clock is
/// turned back, the moment after the gap when it is turned forward).
pub fn at_copenhagen(date: Date, time: Time) -> Option<Timestamp> {
    date.to_datetime(time)
        .to_zoned(copenhagen())
        .ok()
        .map(|z| to_timestamp(z.timestamp()))
}

/// The Copenhagen wall-clock time of a moment.
pub fn time_in_copenhagen(at: Timestamp) -> Time {
    moment(at).to_zoned(copenhagen()).time()
}

/// An API instant (RFC 3339) as the web client words it (`frontend/src/format.rs`), in
/// Copenhagen time: `26.11.2026 kl. 21.30`, or `26.11.2026 at 21:30` in English. Anything else
/// is shown as it came.
pub fn worded_instant(rfc3339: &str, lang: shared::Lang) -> String {
    let Ok(at) = rfc3339.parse::<jiff::Timestamp>() else {
        return rfc3339.to_string();
    };
    let local = at.to_zoned(copenhagen());
    let day = local.strftime("%d.%m.%Y");
    match lang {
        shared::Lang::Da => format!("{day} kl. {}", local.strftime("%H.%M")),
        shared::Lang::En => format!("{day} at {}", local.strftime("%H:%M")),
    }
}

/// The Copenhagen date of an API instant, `dd.mm.åååå`.
pub fn worded_day(rfc3339: &str) -> String {
    match rfc3339.parse::<jiff::Timestamp>() {
        Ok(at) => at.to_zoned(copenhagen()).strftime("%d.%m.%Y").to_string(),
        Err(_) => rfc3339.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, time};

    #[test]
    fn easter_and_the_holidays_that_hang_on_it() {
        assert_eq!(easter(2026), date(2026, 4, 5));
        assert_eq!(easter(2027), date(2027, 3, 28));
        for d in [
            date(2026, 4, 2),  // skærtorsdag
            date(2026, 4, 3),  // langfredag
            date(2026, 4, 6),  // 2. påskedag
            date(2026, 5, 14), // Kristi himmelfart
            date(2026, 5, 25), // 2. pinsedag
            date(2026, 12, 25),
            date(2027, 1, 1),
        ] {
            assert!(is_holiday(d), "{d} is a holiday");
        }
        assert!(
            !is_holiday(date(2026, 5, 1)),
            "store bededag is gone; 1 May is no holiday"
        );
        assert!(is_working_day(date(2026, 12, 1)));
    }

    #[test]
    fn an_answer_promise_skips_weekends_and_holidays() {
        // Tuesday 1 December 2026 + 2 working days: Thursday 3 December.
        assert_eq!(working_days_after(date(2026, 12, 1), 2), date(2026, 12, 3));
        // Friday + 2: Tuesday.
        assert_eq!(working_days_after(date(2026, 12, 4), 2), date(2026, 12, 8));
        // 23 December + 2: 24–27 are closed, so Monday 28 and Tuesday 29.
        assert_eq!(
            working_days_after(date(2026, 12, 23), 2),
            date(2026, 12, 29)
        );
        // Wednesday before Easter 2026 + 1: Thursday to Monday are closed; Tuesday 7 April.
        assert_eq!(working_days_after(date(2026, 4, 1), 1), date(2026, 4, 7));
    }

    #[test]
    fn quiet_hours_cross_midnight_and_follow_summer_time() {
        let quiet = QuietHours::parse("21:00-08:00").unwrap().unwrap();
        let at = |d: Date, t: Time| at_copenhagen(d, t).unwrap();
        // 20:59 is fine; 21:00 and 03:00 wait until 08:00.
        let evening = at(date(2026, 12, 1), time(20, 59, 0, 0));
        assert_eq!(quiet.next_allowed(evening), evening);
        let morning = at(date(2026, 12, 2), time(8, 0, 0, 0));
        assert_eq!(
            quiet.next_allowed(at(date(2026, 12, 1), time(21, 0, 0, 0))),
            morning
        );
        assert_eq!(
            quiet.next_allowed(at(date(2026, 12, 2), time(3, 0, 0, 0))),
            morning
        );
        // The night summer time starts (29 March 2026): 08:00 the next morning is 06:00 UTC.
        let night = at(date(2026, 3, 28), time(23, 30, 0, 0));
        let next = quiet.next_allowed(night);
        assert_eq!(time_in_copenhagen(next), time(8, 0, 0, 0));
        assert_eq!(next.millis() - night.millis(), (7 * 60 + 30) * 60_000);
        assert_eq!(QuietHours::parse("").unwrap(), None);
        assert!(QuietHours::parse("8-9").is_err());
    }

    #[test]
    fn instants_read_as_in_the_web_client_in_copenhagen_time() {
        use shared::Lang;
        // Winter (UTC+1) and summer (UTC+2), and midnight crossing the date.
        assert_eq!(
            worded_instant("2026-11-26T20:30:00Z", Lang::Da),
            "26.11.2026 kl. 21.30"
        );
        assert_eq!(
            worded_instant("2026-07-01T22:05:00Z", Lang::En),
            "02.07.2026 at 00:05"
        );
        assert_eq!(worded_day("2026-07-01T22:05:00Z"), "02.07.2026");
        assert_eq!(worded_instant("not a time", Lang::Da), "not a time");
    }
}
