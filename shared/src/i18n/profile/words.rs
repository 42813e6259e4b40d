//! How a profile reads to people: one line per competence, file sizes and kinds. The web client
//! and the server's rendered *Min profil* both word profiles with these.

use crate::Lang;
use crate::api::CompetenceData;
use crate::i18n::{Texts, fill};

/// One line for a competence: "Kommunikation – Kandidat, 2012".
pub fn summary(t: &Texts, data: &CompetenceData) -> String {
    let p = t.profile;
    let year = |y: &Option<i32>| y.map(|y| y.to_string());
    let (main, details): (String, Vec<String>) = match data {
        CompetenceData::Education {
            level,
            field,
            year: y,
        } => (
            field.clone(),
            [Some(p.education_level(*level).to_string()), year(y)]
                .into_iter()
                .flatten()
                .collect(),
        ),
        CompetenceData::WorkExperience {
            role,
            workplace,
            from_year,
            to_year,
        } => {
            let span = match (from_year, to_year) {
                (Some(f), Some(to)) => Some(format!("{f}–{to}")),
                (Some(f), None) => Some(fill(p.since_year, &f.to_string())),
                (None, Some(to)) => Some(fill(p.until_year, &to.to_string())),
                (None, None) => None,
            };
            let place = (!workplace.trim().is_empty()).then(|| workplace.clone());
            (role.clone(), [place, span].into_iter().flatten().collect())
        }
        CompetenceData::Skill { name } => (name.clone(), Vec::new()),
        CompetenceData::Language { language, level } => {
            (language.clone(), vec![p.language_level(*level).to_string()])
        }
        CompetenceData::DrivingLicence { category } => {
            (fill(p.driving_category_value, category), Vec::new())
        }
        CompetenceData::Certificate { name, year: y } => {
            (name.clone(), year(y).into_iter().collect())
        }
    };
    if details.is_empty() {
        main
    } else {
        format!("{main} – {}", details.join(", "))
    }
}

/// "1,2 MB" or "35 kB" (Danish decimal comma).
pub fn file_size(bytes: i64, t: &Texts, lang: Lang) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    let bytes = bytes.max(0) as f64;
    if bytes >= MB {
        let text = format!("{:.1}", bytes / MB);
        let text = if lang == Lang::Da {
            text.replace('.', ",")
        } else {
            text
        };
        fill(t.profile.size_mb, &text)
    } else {
        let kb = (bytes / 1024.0).ceil().max(1.0) as u64;
        fill(t.profile.size_kb, &kb.to_string())
    }
}

/// "PDF", "PNG", … from a content type.
pub fn file_kind(content_type: &str) -> String {
    content_type
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_uppercase()
}
