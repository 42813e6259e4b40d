//! Lists the municipality can change (the law changes): target groups, step types, and the
//! options a citizen can ask about.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CatalogueEntry {
    pub code: String,
    pub label_da: String,
    pub label_en: String,
    /// Inactive entries are no longer offered but still name what old plans used.
    pub active: bool,
}

impl CatalogueEntry {
    pub fn label(&self, lang: crate::Lang) -> &str {
        match lang {
            crate::Lang::Da => &self.label_da,
            crate::Lang::En => &self.label_en,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CataloguesResponse {
    pub target_groups: Vec<CatalogueEntry>,
    pub step_types: Vec<CatalogueEntry>,
    pub options: Vec<CatalogueEntry>,
}

impl CataloguesResponse {
    /// The label of a code in a list, or the code itself if unknown.
    pub fn label<'a>(list: &'a [CatalogueEntry], code: &'a str, lang: crate::Lang) -> &'a str {
        list.iter()
            .find(|e| e.code == code)
            .map(|e| e.label(lang))
            .unwrap_or(code)
    }

    pub fn entries(&self, kind: Catalogue) -> &[CatalogueEntry] {
        match kind {
            Catalogue::TargetGroup => &self.target_groups,
            Catalogue::StepType => &self.step_types,
            Catalogue::Option => &self.options,
        }
    }

    /// The name of a code in one of the lists; the code itself if the list does not know it.
    pub fn label_of<'a>(&'a self, kind: Catalogue, code: &'a str, lang: crate::Lang) -> &'a str {
        Self::label(self.entries(kind), code, lang)
    }

    /// The `(code, label)` choices a form offers: the active entries, plus `keep` when it is an
    /// entry no longer offered, so editing an old plan never changes a value behind anyone's
    /// back.
    pub fn choices(
        &self,
        kind: Catalogue,
        lang: crate::Lang,
        keep: Option<&str>,
    ) -> Vec<(String, String)> {
        self.entries(kind)
            .iter()
            .filter(|e| e.active || keep == Some(e.code.as_str()))
            .map(|e| (e.code.clone(), e.label(lang).to_string()))
            .collect()
    }
}

/// The catalogues Sammen knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Catalogue {
    TargetGroup,
    StepType,
    Option,
}

impl Catalogue {
    pub const ALL: [Catalogue; 3] = [
        Catalogue::TargetGroup,
        Catalogue::StepType,
        Catalogue::Option,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Catalogue::TargetGroup => "target_group",
            Catalogue::StepType => "step_type",
            Catalogue::Option => "option",
        }
    }

    pub fn from_code(code: &str) -> Option<Catalogue> {
        Catalogue::ALL.into_iter().find(|c| c.code() == code)
    }
}
