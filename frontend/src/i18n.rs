//! The chosen language: remembered in the browser, reflected in `<html lang>`, and the source of
//! every text on screen (through `use_texts`).

use dioxus::prelude::*;
use shared::Lang;
use shared::i18n::{Texts, texts};

use crate::dom;

/// Shared with the server, which renders the start page in the same language.
const COOKIE: &str = "sammen_lang";
const STORAGE_KEY: &str = "sammen.lang";

/// The language at start: the one chosen before, else the browser's, else Danish.
pub fn initial_lang() -> Lang {
    dom::cookie_get(COOKIE)
        .or_else(|| dom::storage_get(STORAGE_KEY))
        .and_then(|code| Lang::from_code(&code))
        .or_else(|| {
            dom::browser_languages()
                .iter()
                .find_map(|tag| Lang::from_code(tag.split('-').next()?))
        })
        .unwrap_or_default()
}

/// Changes the language everywhere (the screen, `<html lang>`, the API's messages) and
/// remembers it. The one place the language changes.
pub fn set_lang(mut signal: Signal<Lang>, lang: Lang) {
    signal.set(lang);
    crate::api::set_lang(lang);
    dom::cookie_set(COOKIE, lang.code());
    dom::storage_set(STORAGE_KEY, lang.code());
    dom::set_html_lang(lang.code());
}

pub fn use_lang() -> Signal<Lang> {
    use_context::<Signal<Lang>>()
}

/// The texts in the current language; the component re-renders when it changes.
pub fn use_texts() -> &'static Texts {
    texts(use_lang()())
}
