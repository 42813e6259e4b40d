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
