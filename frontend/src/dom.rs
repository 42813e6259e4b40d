//! The few browser calls Dioxus does not make for us: title, focus, `<html lang>`, storage,
//! timers and form posts. Everything here tolerates a missing window (host builds and tests).

use wasm_bindgen::JsCast;

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

pub fn set_title(title: &str) {
    if let Some(doc) = document() {
        doc.set_title(title);
    }
}

/// Keeps `<html lang>` in step with the chosen language, for screen readers and translation.
pub fn set_html_lang(code: &str) {
    if let Some(html) = document().and_then(|d| d.document_element()) {
        let _ = html.set_attribute("lang", code);
    }
}

/// Moves keyboard and screen-reader focus to an element (the page heading after navigation).
pub fn focus(id: &str) {
    if let Some(el) = document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

pub fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Whether `#boot` is a whole page the server rendered (`backend/src/server_pages`) rather than
/// index.html's loading frame: then it stays in view until the client's own page is ready.
pub fn boot_is_server_rendered() -> bool {
    document()
        .and_then(|d| d.get_element_by_id("boot"))
        .is_some_and(|el| el.has_attribute("data-server-rendered"))
}

/// Removes what index.html or the server showed until the client ran. Focus on a link there
/// moves to the same link (address and words) in the client's page, so a keyboard user keeps
/// their place.
pub fn remove_boot_frame() {
    let Some(doc) = document() else { return };
    let Some(boot) = doc.get_element_by_id("boot") else {
        return;
    };
    let focused = doc
        .active_element()
        .filter(|el| boot.contains(Some(el)))
        .and_then(|el| Some((el.get_attribute("href")?, el.text_content()?)));
    boot.remove();
    let Some((href, words)) = focused else { return };
    let selector = format!("#main a[href=\"{}\"]", href.replace('"', ""));
    let Ok(links) = doc.query_selector_all(&selector) else {
        return;
    };
    let same = (0..links.length())
        .filter_map(|i| links.item(i))
        .filter(|node| node.text_content().as_deref() == Some(words.as_str()))
        .find_map(|node| node.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(link) = same {
        let _ = link.focus();
    }
}

/// A cookie the page may read (the language choice; the session cookie is HttpOnly).
pub fn cookie_get(name: &str) -> Option<String> {
    let doc: web_sys::HtmlDocument = document()?.dyn_into().ok()?;
    let cookies = doc.cookie().ok()?;
    cookies.split(';').find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        (key == name).then(|| value.to_string())
    })
}

/// Sets a cookie for the whole site for a year.
pub fn cookie_set(name: &str, value: &str) {
    if let Some(doc) = document().and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok()) {
        let _ = doc.set_cookie(&format!(
            "{name}={value}; Path=/; Max-Age=31536000; SameSite=Lax"
        ));
    }
}

pub fn storage_get(key: &str) -> Option<String> {
    web_sys::window()?
        .local_storage()
        .ok()??
        .get_item(key)
        .ok()?
}

pub fn storage_set(key: &str, value: &str) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(key, value);
    }
}

/// The browser's preferred language tags, most preferred first.
pub fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|v| v.as_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Milliseconds since 1970, from the browser's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Waits without blocking the page.
pub async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Full-page navigation (to the server's login routes, which are not client routes).
pub fn go_to(url: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(url);
    }
}

/// Posts a form the way a browser would (used to log out at the provider without putting the
/// ID token in a URL).
pub fn post_form(action: &str, fields: &[(String, String)]) {
    let Some(doc) = document() else { return };
    let Ok(form) = doc.create_element("form") else {
        return;
    };
    let _ = form.set_attribute("method", "post");
    let _ = form.set_attribute("action", action);
    let _ = form.set_attribute("hidden", "");
    for (name, value) in fields {
        if let Ok(input) = doc.create_element("input") {
            let _ = input.set_attribute("type", "hidden");
            let _ = input.set_attribute("name", name);
            let _ = input.set_attribute("value", value);
            let _ = form.append_child(&input);
        }
    }
    if let Some(body) = doc.body() {
        let _ = body.append_child(&form);
    }
    if let Ok(form) = form.dyn_into::<web_sys::HtmlFormElement>() {
        let _ = form.submit();
    }
}

/// A fresh random key (a UUID from the browser's cryptographic generator): what makes a
/// resent message the same message.
pub fn random_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| {
            format!(
                "k{}-{}",
                now_ms() as u64,
                (js_sys::Math::random() * 1e12) as u64
            )
        })
}
