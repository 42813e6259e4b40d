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

    pub fn plus_seconds(self, seconds: i64) -> Timestamp {
        Timestamp(self.0.saturating_add(seconds.saturating_mul(1000)))
    }

    pub fn minus_seconds(self, seconds: i64) -> Timestamp {
        Timestamp(self.0.saturating_sub(seconds.saturating_mul(1000)))
    }

    pub fn millis(self) -> i64 {
        self.0
    }

    /// The UTC day number, used to keep at most one "saw you on my list" entry per day.
    pub fn day(self) -> i64 {
        self.0.div_euclid(86_400_000)
    }
}
