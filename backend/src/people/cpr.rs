//! CPR numbers are only used to match a MitID login to a citizen the municipality has imported.
//! They are kept as a keyed hash (HMAC-SHA256): the number itself is never stored or logged.

use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretString};
use sha2::Sha256;

/// A CPR number that has passed the format check: ten digits with a real date in front.
pub struct Cpr(String);

impl Cpr {
    /// Accepts `DDMMYYXXXX` or `DDMMYY-XXXX`. Does not apply the modulus-11 check, which CPR
    /// numbers issued since 2007 no longer always pass.
    pub fn parse(input: &str) -> Option<Cpr> {
        let digits: String = input.trim().chars().filter(|c| *c != '-').collect();
        if digits.len() != 10 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let day: u32 = digits[0..2].parse().ok()?;
        let month: u32 = digits[2..4].parse().ok()?;
        if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
            return None;
        }
        Some(Cpr(digits))
    }

    /// The keyed hash the database stores and matches on.
    pub fn hmac(&self, key: &SecretString) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(key.expose_secret().as_bytes())
            .expect("HMAC accepts keys of any length");
        mac.update(self.0.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

impl std::fmt::Debug for Cpr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cpr(**********)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_both_spellings_and_hashes_them_the_same() {
        let key = SecretString::from("k");
        let a = Cpr::parse("0101801234").unwrap().hmac(&key);
        let b = Cpr::parse("010180-1234").unwrap().hmac(&key);
        assert_eq!(a, b);
        assert!(!a.contains("0101801234"));
    }

    #[test]
    fn refuses_what_is_not_a_cpr_number() {
        for bad in [
            "",
            "123",
            "3213801234",
            "0113801234",
            "01018O1234",
            "01018012345",
        ] {
            assert!(Cpr::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn debug_does_not_print_the_number() {
        assert_eq!(
            format!("{:?}", Cpr::parse("0101801234").unwrap()),
            "Cpr(**********)"
        );
    }
}
