//! The municipality's lists (target groups, step types, options to ask about), loaded once per
//! visit and shared by every page that shows or offers their entries.
//!
//! The lists change when the law changes, not while someone fills in a form, so one load per
//! visit is enough; a page reload fetches them again.

use dioxus::prelude::*;
use shared::Lang;
use shared::api::{Catalogue, CataloguesResponse};

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

/// The name of a code in the chosen language; the code itself if the list does not know it.
pub fn label(kind: Catalogue, code: &str, lang: Lang) -> String {
    match &*CATALOGUES.read() {
        Some(lists) => lists.label_of(kind, code, lang).to_string(),
        None => code.to_string(),
    }
}

/// The `(code, label)` choices a form offers (see `CataloguesResponse::choices`).
pub fn choices(kind: Catalogue, lang: Lang, keep: Option<&str>) -> Vec<(String, String)> {
    CATALOGUES
        .read()
        .as_ref()
        .map(|lists| lists.choices(kind, lang, keep))
        .unwrap_or_default()
}

/// The lists as loaded, if they are.
pub fn lists() -> Option<CataloguesResponse> {
    CATALOGUES.read().clone()
}
