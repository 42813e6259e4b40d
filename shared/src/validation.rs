//! Rules for what people type, checked the same way in the browser (as they type) and on the
//! server (which never trusts the browser).
//!
//! A little over 400 lines: every rule and its limit in one place, shared by the web client and
//! the server, so the two cannot drift apart; the tests are in `validation/tests.rs`.

use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::i18n::fill;

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
    /// Not a date, or not written as YYYY-MM-DD.
    InvalidDate,
    EndBeforeStart,
    InTheFuture,
    YearOutOfRange {
        min: i32,
        max: i32,
    },
    /// The file is larger than allowed.
    FileTooLarge {
        max_mb: u32,
    },
    /// The file is not a PDF, JPEG or PNG (judged by its content, not its name).
    FileType,
    /// Only possible once the step is done.
    NotDone,
    /// The citizen already has as many documents as one person may store.
    TooManyFiles {
        max: u32,
    },
    /// This file would take the citizen past what one person may store.
    StorageFull {
        max_mb: u32,
    },
    /// Planned, started or done needs a step both have agreed to.
    NotAgreed,
    /// The text holds an invisible control character.
    ControlCharacter,
    /// Not an email address.
    InvalidEmail,
    /// The confirmation code is not the one we sent.
    WrongCode,
    /// The confirmation code is too old, or none was sent.
    CodeExpired,
    /// Too many wrong codes: a new one must be sent.
    TooManyTries,
    /// The conversation is closed for replies.
    ConversationClosed,
    /// Someone who is not in the citizen's team.
    NotInTeam,
    /// More files than one message may carry.
    TooManyAttachments {
        max: u32,
    },
    /// Tidspunktet er allerede gået. Vælg et senere tidspunkt.
    InThePast,
    /// Jobcentret holder lukket den dag. Vælg en anden dag.
    Holiday,
    /// Der er ikke møder på det tidspunkt. Vælg en af de ledige tider.
    OutsideAvailability,
    /// Det kan du ikke vælge her. Vælg en af mulighederne.
    NotOffered,
    /// Mødet er for tæt på til at flytte eller aflyse her. Skriv en besked til jobcentret i stedet.
    AfterDeadline,
    /// Tiderne overlapper hinanden. Ret dem, så de ikke går ind over hinanden.
    OverlapsItself,
    /// Mødet har ikke fundet sted endnu. Skriv referatet bagefter.
    NotHappenedYet,
    /// Mødet er aflyst.
    MeetingCancelled,
    /// Skriv tiden som TT:MM, fx 09:30.
    InvalidTime,
}

impl Problem {
    /// What is wrong, in the person's language (from the text catalogue).
    pub fn message(self, lang: Lang) -> String {
        let t = crate::i18n::texts(lang).validation;
        let n = |v: u32| v.to_string();
        match self {
            Problem::Required => t.required.into(),
            Problem::TooLong { max } => fill(t.too_long, &n(max)),
            Problem::Invalid => t.invalid.into(),
            Problem::InvalidDate => t.invalid_date.into(),
            Problem::EndBeforeStart => t.end_before_start.into(),
            Problem::InTheFuture => t.in_the_future.into(),
            Problem::YearOutOfRange { min, max } => fill(
                &fill(t.year_out_of_range, &min.to_string()),
                &max.to_string(),
            ),
            Problem::FileTooLarge { max_mb } => fill(t.file_too_large, &n(max_mb)),
            Problem::FileType => t.file_type.into(),
            Problem::NotDone => t.not_done.into(),
            Problem::TooManyFiles { max } => fill(t.too_many_files, &n(max)),
            Problem::StorageFull { max_mb } => fill(t.storage_full, &n(max_mb)),
            Problem::NotAgreed => t.not_agreed.into(),
            Problem::ControlCharacter => t.control_character.into(),
            Problem::InvalidEmail => t.invalid_email.into(),
            Problem::WrongCode => t.wrong_code.into(),
            Problem::CodeExpired => t.code_expired.into(),
            Problem::TooManyTries => t.too_many_tries.into(),
            Problem::ConversationClosed => t.conversation_closed.into(),
            Problem::NotInTeam => t.not_in_team.into(),
            Problem::TooManyAttachments { max } => fill(t.too_many_attachments, &n(max)),
            Problem::InThePast => t.in_the_past.into(),
            Problem::Holiday => t.meeting_holiday.into(),
            Problem::OutsideAvailability => t.outside_availability.into(),
            Problem::NotOffered => t.not_offered.into(),
            Problem::AfterDeadline => t.after_deadline.into(),
            Problem::OverlapsItself => t.overlaps_itself.into(),
            Problem::NotHappenedYet => t.not_happened_yet.into(),
            Problem::MeetingCancelled => t.meeting_cancelled.into(),
            Problem::InvalidTime => t.invalid_time.into(),
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

/// Checks an optional free-text field: at most `max` characters, and no control characters
/// but line breaks and tabs (PostgreSQL cannot store a NUL at all, and none of them belong in
/// what people write).
pub fn optional_text(text: &str, max: u32) -> Result<(), Problem> {
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        Err(Problem::ControlCharacter)
    } else if char_count(text) > max as usize {
        Err(Problem::TooLong { max })
    } else {
        Ok(())
    }
}

/// How long texts may be, in characters. The forms count down as people type.
pub mod limits {
    pub const OWN_GOAL: u32 = 500;
    pub const AGREED_GOAL: u32 = 500;
    pub const STEP_TITLE: u32 = 120;
    pub const STEP_DESCRIPTION: u32 = 2000;
    pub const COMMENT: u32 = 1000;
    pub const HELPED: u32 = 500;
    pub const REQUEST_MESSAGE: u32 = 500;
    pub const ANSWER: u32 = 2000;
    pub const COMPETENCE_TEXT: u32 = 200;
    pub const LIMITATION_TEXT: u32 = 1000;
    pub const INTERPRETER_LANGUAGE: u32 = 50;
    pub const FILE_NAME: u32 = 200;
    pub const MESSAGE_SUBJECT: u32 = 120;
    pub const MESSAGE_BODY: u32 = 5000;
    pub const HANDOVER_NOTE: u32 = 500;
    pub const EMAIL: u32 = 254;
    pub const IDEMPOTENCY_KEY: u32 = 64;
    pub const ATTACHMENTS_PER_MESSAGE: u32 = 5;
    pub const MEETING_PURPOSE: u32 = 1000;
    pub const MEETING_SUMMARY: u32 = 5000;
    pub const SUMMARY_COMMENT: u32 = 2000;
    pub const MEETING_PLACE: u32 = 300;
    /// Documentation files, in bytes.
    pub const DOCUMENT_BYTES: usize = 10 * 1024 * 1024;
    pub const DOCUMENT_MB: u32 = 10;
    pub const EARLIEST_YEAR: i32 = 1940;
}

/// A calendar date written `YYYY-MM-DD`, checked for real (no 31 February).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn parse(text: &str) -> Result<Date, Problem> {
        let mut parts = text.trim().splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(Problem::InvalidDate);
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(Problem::InvalidDate);
        }
        let year: i32 = y.parse().map_err(|_| Problem::InvalidDate)?;
        let month: u32 = m.parse().map_err(|_| Problem::InvalidDate)?;
        let day: u32 = d.parse().map_err(|_| Problem::InvalidDate)?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) || year < 1900
        {
            return Err(Problem::InvalidDate);
        }
        Ok(Date { year, month, day })
    }

    /// `dd.mm.åååå`, the Danish way.
    pub fn danish(self) -> String {
        format!("{:02}.{:02}.{:04}", self.day, self.month, self.year)
    }

    /// 0 for Monday … 6 for Sunday (Sakamoto's method, valid for the Gregorian calendar).
    pub fn weekday_from_monday(self) -> usize {
        const OFFSETS: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let year = if self.month < 3 {
            self.year - 1
        } else {
            self.year
        };
        let from_sunday = (year + year / 4 - year / 100
            + year / 400
            + OFFSETS[self.month as usize - 1]
            + self.day as i32)
            .rem_euclid(7);
        ((from_sunday + 6) % 7) as usize
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// Collects field problems; `field` names use the request's JSON paths (`wording.title`).
#[derive(Debug, Default)]
pub struct Problems(pub Vec<(String, Problem)>);

impl Problems {
    pub fn check(&mut self, field: &str, result: Result<(), Problem>) {
        if let Err(problem) = result {
            self.0.push((field.to_string(), problem));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Checks an optional date field and returns it parsed.
pub fn optional_date(problems: &mut Problems, field: &str, value: Option<&str>) -> Option<Date> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => None,
        Some(v) => match Date::parse(v) {
            Ok(d) => Some(d),
            Err(p) => {
                problems.0.push((field.to_string(), p));
                None
            }
        },
    }
}

/// Checks a step's words; `step_types` are the codes the catalogue offers.
pub fn check_step(w: &crate::api::StepWording, step_types: &[&str]) -> Problems {
    let mut p = Problems::default();
    p.check("wording.title", required_text(&w.title, limits::STEP_TITLE));
    p.check(
        "wording.description",
        optional_text(&w.description, limits::STEP_DESCRIPTION),
    );
    if !step_types.contains(&w.step_type.as_str()) {
        p.0.push(("wording.step_type".into(), Problem::Invalid));
    }
    let start = optional_date(&mut p, "wording.starts_on", w.starts_on.as_deref());
    let end = optional_date(&mut p, "wording.ends_on", w.ends_on.as_deref());
    if let (Some(start), Some(end)) = (start, end)
        && end < start
    {
        p.0.push(("wording.ends_on".into(), Problem::EndBeforeStart));
    }
    p
}

/// Checks a year field against a sensible range up to `max`.
pub fn optional_year(problems: &mut Problems, field: &str, year: Option<i32>, max: i32) {
    if let Some(y) = year
        && !(limits::EARLIEST_YEAR..=max).contains(&y)
    {
        problems.0.push((
            field.to_string(),
            Problem::YearOutOfRange {
                min: limits::EARLIEST_YEAR,
                max,
            },
        ));
    }
}

/// Checks a competence; `this_year` bounds the years (plus a few for education in progress).
pub fn check_competence(data: &crate::api::CompetenceData, this_year: i32) -> Problems {
    use crate::api::CompetenceData::*;
    let mut p = Problems::default();
    let max = limits::COMPETENCE_TEXT;
    match data {
        Education { field, year, .. } => {
            p.check("data.field", required_text(field, max));
            optional_year(&mut p, "data.year", *year, this_year + 6);
        }
        WorkExperience {
            role,
            workplace,
            from_year,
            to_year,
        } => {
            p.check("data.role", required_text(role, max));
            p.check("data.workplace", optional_text(workplace, max));
            optional_year(&mut p, "data.from_year", *from_year, this_year);
            optional_year(&mut p, "data.to_year", *to_year, this_year);
            if let (Some(from), Some(to)) = (from_year, to_year)
                && to < from
            {
                p.0.push(("data.to_year".into(), Problem::EndBeforeStart));
            }
        }
        Skill { name } => p.check("data.name", required_text(name, max)),
        Language { language, .. } => p.check("data.language", required_text(language, max)),
        DrivingLicence { category } => p.check("data.category", required_text(category, max)),
        Certificate { name, year } => {
            p.check("data.name", required_text(name, max));
            optional_year(&mut p, "data.year", *year, this_year);
        }
    }
    p
}

/// Checks a limitation; `today` bounds the professional's date.
pub fn check_limitation(input: &crate::api::LimitationInput, today: Date) -> Problems {
    let mut p = Problems::default();
    let max = limits::LIMITATION_TEXT;
    p.check("input.description", required_text(&input.description, max));
    p.check("input.work_impact", optional_text(&input.work_impact, max));
    p.check(
        "input.meeting_impact",
        optional_text(&input.meeting_impact, max),
    );
    if let Some(professional) = &input.professional {
        match Date::parse(&professional.date) {
            Ok(d) if d > today => {
                p.0.push(("input.professional.date".into(), Problem::InTheFuture))
            }
            Ok(_) => {}
            Err(problem) => p.0.push(("input.professional.date".into(), problem)),
        }
    }
    p
}

/// Checks accommodations (only the free-text interpreter language can be wrong).
/// Checks an email address: one `@`, something before it, a domain with a dot after it, no
/// spaces. Whether it reaches anyone is what the confirmation code finds out.
pub fn check_email(address: &str) -> Result<(), Problem> {
    let address = address.trim();
    optional_text(address, limits::EMAIL)?;
    let valid = match address.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !address.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if valid {
        Ok(())
    } else {
        Err(Problem::InvalidEmail)
    }
}

/// Checks a new conversation's subject and text.
pub fn check_new_conversation(subject: &str, body: &str) -> Problems {
    let mut p = Problems::default();
    p.check("subject", required_text(subject, limits::MESSAGE_SUBJECT));
    p.check("body", required_text(body, limits::MESSAGE_BODY));
    p
}

/// Checks a client's idempotency key: 8 to 64 letters, digits and dashes.
pub fn check_idempotency_key(key: &str) -> Result<(), Problem> {
    let ok = (8..=limits::IDEMPOTENCY_KEY as usize).contains(&key.len())
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if ok { Ok(()) } else { Err(Problem::Invalid) }
}

pub fn check_accommodations(a: &crate::api::Accommodations) -> Problems {
    let mut p = Problems::default();
    if let Some(language) = &a.interpreter_language {
        p.check(
            "interpreter_language",
            required_text(language, limits::INTERPRETER_LANGUAGE),
        );
    }
    p
}

#[cfg(test)]
mod tests;
