use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// A moment in UTC, as milliseconds since 1970. Stored as BIGINT in both engines so comparisons
/// and indexes behave the same; shown to people in Europe/Copenhagen time by the clients.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, sqlx::Type,
)]
#[sqlx(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn now() -> Timestamp {
        let ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0);
        Timestamp(i64::try_from(ms).unwrap_or(i64::MAX))
    }

    pub fn plus_millis(self, ms: i64) -> Timestamp {
        Timestamp(self.0.saturating_add(ms))
    }

    pub fn plus_seconds(self, seconds: i64) -> Timestamp {
        Timestamp(self.0.saturating_add(seconds.saturating_mul(1000)))
    }

    pub fn minus_seconds(self, seconds: i64) -> Timestamp {
        Timestamp(self.0.saturating_sub(seconds.saturating_mul(1000)))
    }

    pub fn millis(self) -> i64 {
        self.0
    }

    /// RFC 3339 in UTC (`2026-11-26T20:19:38.123Z`), as the API writes instants.
    pub fn rfc3339(self) -> String {
        let nanos = i128::from(self.0) * 1_000_000;
        time::OffsetDateTime::from_unix_timestamp_nanos(nanos)
            .ok()
            .and_then(|t| {
                t.format(&time::format_description::well_known::Rfc3339)
                    .ok()
            })
            .unwrap_or_default()
    }

    /// Today's date in Copenhagen (close enough at the day's edges for "not in the future").
    pub fn today_copenhagen() -> shared::validation::Date {
        // Denmark is UTC+1 in winter and UTC+2 in summer; +2 h never makes a past date future.
        let t = time::OffsetDateTime::now_utc() + time::Duration::hours(2);
        shared::validation::Date {
            year: t.year(),
            month: u32::from(u8::from(t.month())),
            day: u32::from(t.day()),
        }
    }

    /// The UTC day number, used to keep at most one "saw you on my list" entry per day.
    pub fn day(self) -> i64 {
        self.0.div_euclid(86_400_000)
    }
}
