//! The time Sammen works by. In production it is the system clock; tests move it forward to
//! reach timeouts, deadlines and reminders without sleeping. Code that decides something by
//! time (sessions now; messages and meetings next) asks the clock in `AppState`, never the
//! system, so a test can take it to any moment.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use crate::db::Timestamp;

/// A clock that runs with the system's, possibly ahead of it. Clones share one offset.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    ahead_ms: Arc<AtomicI64>,
}

impl Clock {
    /// The system's clock.
    pub fn system() -> Clock {
        Clock::default()
    }

    pub fn now(&self) -> Timestamp {
        Timestamp::now().plus_millis(self.ahead_ms.load(Ordering::Relaxed))
    }

    /// Moves this clock (and every clone of it) forward. Only tests do this: time never runs
    /// backwards, so nothing that was past becomes future again.
    pub fn advance(&self, by: Duration) {
        let ms = i64::try_from(by.as_millis()).unwrap_or(i64::MAX);
        self.ahead_ms.fetch_add(ms, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_move_together_and_only_forward() {
        let clock = Clock::system();
        let copy = clock.clone();
        let before = clock.now();
        copy.advance(Duration::from_secs(8 * 3600));
        let after = clock.now();
        assert!(after.millis() - before.millis() >= 8 * 3600 * 1000);
    }
}
