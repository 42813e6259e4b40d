//! Unit tests of `validation`.

use super::*;

#[test]
fn email_addresses_are_checked_for_their_shape() {
    for good in ["a@b.dk", "mette.hansen+sammen@kommune.dk", " x@y.com "] {
        assert_eq!(check_email(good), Ok(()), "{good}");
    }
    for bad in [
        "", "a", "a@b", "@b.dk", "a@.dk", "a@b.", "a b@c.dk", "a@b@c.dk",
    ] {
        assert_eq!(check_email(bad), Err(Problem::InvalidEmail), "{bad}");
    }
}

#[test]
fn dates_must_be_real() {
    assert_eq!(
        Date::parse("2026-02-28").map(Date::danish),
        Ok("28.02.2026".into())
    );
    assert_eq!(Date::parse("2028-02-29").map(|d| d.day), Ok(29));
    for bad in [
        "2026-02-29",
        "2026-13-01",
        "26-01-01",
        "2026-1-1",
        "",
        "i går",
    ] {
        assert_eq!(Date::parse(bad), Err(Problem::InvalidDate), "{bad}");
    }
}

#[test]
fn a_step_ending_before_it_starts_is_refused() {
    let w = crate::api::StepWording {
        title: "Praktik".into(),
        description: String::new(),
        step_type: "internship".into(),
        starts_on: Some("2026-12-01".into()),
        ends_on: Some("2026-11-01".into()),
        responsible: crate::api::Responsible::Citizen,
    };
    let problems = check_step(&w, &["internship"]).0;
    assert_eq!(
        problems,
        vec![("wording.ends_on".to_string(), Problem::EndBeforeStart)]
    );
    let problems = check_step(&w, &["other"]).0;
    assert!(problems.contains(&("wording.step_type".to_string(), Problem::Invalid)));
}

#[test]
fn counts_danish_letters_as_one_character_each() {
    assert_eq!(optional_text("æøå", 3), Ok(()));
    assert_eq!(optional_text("æøåx", 3), Err(Problem::TooLong { max: 3 }));
    assert_eq!(required_text("   ", 3), Err(Problem::Required));
}
