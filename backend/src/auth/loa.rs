//! Level of assurance. Brokers spell it differently (Signaturgruppen: NSIS URIs in `loa`,
//! Criipto: `urn:grn:authn:dk:mitid:substantial`, Signicat: `SUBSTANTIAL`); all map to one enum.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Loa {
    Low,
    Substantial,
    High,
}

pub const NSIS_LOW: &str = "https://data.gov.dk/concept/core/nsis/Low";
pub const NSIS_SUBSTANTIAL: &str = "https://data.gov.dk/concept/core/nsis/Substantial";
pub const NSIS_HIGH: &str = "https://data.gov.dk/concept/core/nsis/High";

impl Loa {
    /// Reads any of the spellings the brokers use. Unknown values are `None`, never a guess.
    pub fn parse(value: &str) -> Option<Loa> {
        let last = value
            .rsplit(['/', ':'])
            .next()
            .unwrap_or(value)
            .to_ascii_lowercase();
        match last.as_str() {
            "low" | "lav" => Some(Loa::Low),
            "substantial" | "betydelig" => Some(Loa::Substantial),
            "high" | "høj" => Some(Loa::High),
            _ => None,
        }
    }

    pub fn nsis_uri(self) -> &'static str {
        match self {
            Loa::Low => NSIS_LOW,
            Loa::Substantial => NSIS_SUBSTANTIAL,
            Loa::High => NSIS_HIGH,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Loa::Low => "low",
            Loa::Substantial => "substantial",
            Loa::High => "high",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_brokers_spelling() {
        assert_eq!(Loa::parse(NSIS_SUBSTANTIAL), Some(Loa::Substantial));
        assert_eq!(Loa::parse("urn:grn:authn:dk:mitid:high"), Some(Loa::High));
        assert_eq!(Loa::parse("LOW"), Some(Loa::Low));
        assert_eq!(
            Loa::parse("https://data.gov.dk/concept/core/nsis/loa/Substantial"),
            Some(Loa::Substantial)
        );
        assert_eq!(Loa::parse("very-high"), None);
        assert!(Loa::Low < Loa::Substantial && Loa::Substantial < Loa::High);
    }
}
