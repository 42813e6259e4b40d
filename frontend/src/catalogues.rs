//! The municipality's lists (target groups, step types, options to ask about), loaded once per
//! visit and shared by every page that shows or offers their entries.
//!
//! The lists change when the law changes, not while someone fills in a form, so one load per
//! visit is enough; a page reload fetches them again.

use dioxus::prelude::*;
use shared::Lang;
use shared::api::{Catalogue, CatalogueEntry, CataloguesResponse};

use crate::api::{self, ApiFailure};

/// The lists as the server last sent them; `None` until the first answer.
static CATALOGUES: GlobalSignal<Option<CataloguesResponse>> = Signal::global(|| None);

/// Makes sure the lists are here. Pages await this before they show anything that needs a label.
pub async fn load() -> Result<(), ApiFailure> {
    if CATALOGUES.peek().is_some() {
        return Ok(());
    }
    let lists = api::plan::catalogues().await?;
    *CATALOGUES.write() = Some(lists);
    Ok(())
}

fn entries(lists: &CataloguesResponse, kind: Catalogue) -> &[CatalogueEntry] {
    match kind {
        Catalogue::TargetGroup => &lists.target_groups,
        Catalogue::StepType => &lists.step_types,
        Catalogue::Option => &lists.options,
    }
}

/// The name of a code in the chosen language; the code itself if the list does not know it.
pub fn label(kind: Catalogue, code: &str, lang: Lang) -> String {
    match &*CATALOGUES.read() {
        Some(lists) => CataloguesResponse::label(entries(lists, kind), code, lang).to_string(),
        None => code.to_string(),
    }
}

/// The `(code, label)` choices a form offers: the active entries, plus `keep` when it is an
/// entry no longer offered, so editing an old plan never changes a value behind anyone's back.
pub fn choices(kind: Catalogue, lang: Lang, keep: Option<&str>) -> Vec<(String, String)> {
    let lists = CATALOGUES.read();
    let Some(lists) = &*lists else {
        return Vec::new();
    };
    entries(lists, kind)
        .iter()
        .filter(|e| e.active || keep == Some(e.code.as_str()))
        .map(|e| (e.code.clone(), e.label(lang).to_string()))
        .collect()
}
