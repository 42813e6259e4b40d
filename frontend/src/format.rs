//! Dates and times as people in Denmark read them: Europe/Copenhagen time, `dd.mm.åååå`,
//! 24-hour clock. The API sends instants as RFC 3339 UTC and dates as `YYYY-MM-DD`.

use shared::Lang;
use wasm_bindgen::JsValue;

/// `26.11.2026 kl. 21.30` (Danish) or `26.11.2026 at 21:30` (English), in Copenhagen time.
pub fn datetime(rfc3339: &str, lang: Lang) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.to_string();
    }
    let day = part(
        &date,
        "da-DK",
        &[
            ("day", "2-digit"),
            ("month", "2-digit"),
            ("year", "numeric"),
        ],
    );
    let time = part(
        &date,
        "da-DK",
        &[
            ("hour", "2-digit"),
            ("minute", "2-digit"),
            ("hour12", "false"),
        ],
    );
    match lang {
        Lang::Da => format!("{day} kl. {time}"),
        Lang::En => format!("{day} at {}", time.replace('.', ":")),
    }
}

/// `26.11.2026`, in Copenhagen time.
pub fn day(rfc3339: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.to_string();
    }
    part(
        &date,
        "da-DK",
        &[
            ("day", "2-digit"),
            ("month", "2-digit"),
            ("year", "numeric"),
        ],
    )
}

/// A calendar date `YYYY-MM-DD` as `dd.mm.åååå`.
pub fn date(iso: &str) -> String {
    shared::i18n::plan::words::date(iso)
}

fn part(date: &js_sys::Date, locale: &str, fields: &[(&str, &str)]) -> String {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"timeZone".into(), &"Europe/Copenhagen".into());
    for (key, value) in fields {
        let value: JsValue = if *value == "false" {
            JsValue::FALSE
        } else {
            (*value).into()
        };
        let _ = js_sys::Reflect::set(&options, &(*key).into(), &value);
    }
    date.to_locale_string(locale, &options)
        .as_string()
        .unwrap_or_default()
}

/// A calendar date `YYYY-MM-DD` with its weekday: `torsdag den 3. december` or
/// `Thursday 3 December`, as a promise reads (worded in `shared`, like the server's pages).
pub fn long_date(iso: &str, lang: Lang) -> String {
    shared::i18n::meetings::long_date(iso, lang)
}
