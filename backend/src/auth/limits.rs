//! Limits on starting logins. Anyone can start one without being logged in, and each start
//! stores a pending login, so a flood from one address is refused (per address, with `governor`)
//! and the number of pending logins is capped. A refused start is answered at once with 429 and
//! a plain page; nobody else is slowed down.

use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::db::{Db, Timestamp};
use crate::db_conn;

pub struct LoginLimiter {
    per_address: DefaultKeyedRateLimiter<IpAddr>,
}

impl LoginLimiter {
    pub fn new(starts_per_minute: u32) -> LoginLimiter {
        let rate = NonZeroU32::new(starts_per_minute).unwrap_or(NonZeroU32::MIN);
        LoginLimiter {
            per_address: RateLimiter::keyed(Quota::per_minute(rate)),
        }
    }

    /// Whether a login may start from this address now (and counts it).
    pub fn allow(&self, address: IpAddr) -> bool {
        self.per_address.check_key(&client_key(address)).is_ok()
    }

    /// Forgets addresses that have been quiet long enough, so the table cannot grow for ever.
    pub fn tidy(&self) {
        self.per_address.retain_recent();
        self.per_address.shrink_to_fit();
    }
}

/// One key per client: an IPv6 client controls its whole /64, so that is what is counted.
fn client_key(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

/// How many started logins are waiting for their answer.
pub async fn pending_count(db: &Db) -> Result<i64, sqlx::Error> {
    let row: (i64,) = db_conn!(db.reader().await?.conn(), pool => sqlx::query_as(
        "SELECT COUNT(*) FROM pending_logins WHERE expires_at > $1 AND used_at IS NULL")
        .bind(Timestamp::now())
        .fetch_one(pool)
        .await)?;
    Ok(row.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_address_is_limited_and_others_are_not() {
        let limiter = LoginLimiter::new(3);
        let a: IpAddr = "203.0.113.7".parse().unwrap();
        let b: IpAddr = "203.0.113.8".parse().unwrap();
        assert!((0..3).all(|_| limiter.allow(a)));
        assert!(
            !limiter.allow(a),
            "the fourth start within a minute is refused"
        );
        assert!(limiter.allow(b), "another address is not slowed down");
    }

    #[test]
    fn an_ipv6_client_is_counted_by_its_64() {
        let limiter = LoginLimiter::new(1);
        assert!(limiter.allow("2001:db8:1:2::1".parse().unwrap()));
        assert!(!limiter.allow("2001:db8:1:2:ffff::9".parse().unwrap()));
        assert!(limiter.allow("2001:db8:1:3::1".parse().unwrap()));
    }
}
