//! Rules for what people type, checked the same way in the browser (as they type) and on the
//! server (which never trusts the browser).

use serde::{Deserialize, Serialize};

use crate::Lang;

/// What is wrong with one field. The server sends it with the field name; both sides show
/// `message(lang)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum Problem {
    Required,
    TooLong {
        max: u32,
    },
    /// A value the list does not offer, or a malformed value.
    Invalid,
}

impl Problem {
    pub fn message(self, lang: Lang) -> String {
        match (self, lang) {
            (Problem::Required, Lang::Da) => "Skal udfyldes.".into(),
            (Problem::Required, Lang::En) => "Must be filled in.".into(),
            (Problem::TooLong { max }, Lang::Da) => format!("Må højst være {max} tegn."),
            (Problem::TooLong { max }, Lang::En) => format!("Must be at most {max} characters."),
            (Problem::Invalid, Lang::Da) => "Værdien er ikke gyldig.".into(),
            (Problem::Invalid, Lang::En) => "The value is not valid.".into(),
        }
    }
}

/// Counts characters the way people do (not bytes), so "æøå" count as three.
pub fn char_count(text: &str) -> usize {
    text.chars().count()
}

/// Checks a required free-text field: trimmed, not empty, at most `max` characters.
pub fn required_text(text: &str, max: u32) -> Result<(), Problem> {
    let text = text.trim();
    if text.is_empty() {
        Err(Problem::Required)
    } else {
        optional_text(text, max)
    }
}

/// Checks an optional free-text field: at most `max` characters.
pub fn optional_text(text: &str, max: u32) -> Result<(), Problem> {
    if char_count(text) > max as usize {
        Err(Problem::TooLong { max })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_danish_letters_as_one_character_each() {
        assert_eq!(optional_text("æøå", 3), Ok(()));
        assert_eq!(optional_text("æøåx", 3), Err(Problem::TooLong { max: 3 }));
        assert_eq!(required_text("   ", 3), Err(Problem::Required));
    }
}
