//! The JSON API, one typed function per operation, grouped by feature (`api::plan::agree`,
//! `api::profile::add_competence`, …): the addresses live here and nowhere else in the client.
//!
//! The transport below is private to these modules. It keeps what every call needs in one
//! place: the language (error messages come back in it), the session's CSRF token for changes,
//! and the time of the last answer, from which the idle timer counts.

pub mod caseworker;
pub mod citizen;
pub mod meetings;
pub mod messages;
pub mod plan;
pub mod profile;
pub mod session;

use std::cell::{Cell, RefCell};

use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::Lang;
use shared::api::{API_PREFIX, ApiError, CSRF_HEADER, ConflictState, ErrorCode, FieldError};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::dom;

thread_local! {
    static LANG: Cell<Lang> = const { Cell::new(Lang::Da) };
    static CSRF: RefCell<String> = const { RefCell::new(String::new()) };
    static LAST_ACTIVITY: Cell<f64> = const { Cell::new(0.0) };
}

/// The language calls ask for; `i18n::set_lang` keeps it in step with the screen's.
pub(crate) fn set_lang(lang: Lang) {
    LANG.with(|l| l.set(lang));
}

fn set_csrf(token: &str) {
    CSRF.with(|c| *c.borrow_mut() = token.to_string());
}

/// When the server last saw us (ms since 1970): the idle timer counts from here.
pub fn last_activity() -> f64 {
    LAST_ACTIVITY.with(Cell::get)
}

fn mark_activity() {
    LAST_ACTIVITY.with(|a| a.set(dom::now_ms()));
}

/// Why a call did not succeed, as the page should explain it.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiFailure {
    pub code: ErrorCode,
    /// The server's message, already in the chosen language.
    pub message: Option<String>,
    pub fields: Vec<FieldError>,
    /// With `Conflict`: the thing as someone else left it.
    pub current: Option<ConflictState>,
}

impl ApiFailure {
    fn of(code: ErrorCode) -> ApiFailure {
        ApiFailure {
            code,
            message: None,
            fields: Vec::new(),
            current: None,
        }
    }

    /// The message to show: the server's, or the catalogue's for the code.
    pub fn text(&self, lang: Lang) -> String {
        self.message
            .clone()
            .unwrap_or_else(|| shared::i18n::texts(lang).error(self.code).to_string())
    }
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiFailure> {
    let text = call("GET", path, None).await?;
    serde_json::from_str(&text).map_err(|_| ApiFailure::of(ErrorCode::Internal))
}

async fn send<B: Serialize, T: DeserializeOwned>(
    method: &str,
    path: &str,
    body: &B,
) -> Result<T, ApiFailure> {
    let body = serde_json::to_string(body).map_err(|_| ApiFailure::of(ErrorCode::BadRequest))?;
    let text = call(method, path, Some(body)).await?;
    serde_json::from_str(&text).map_err(|_| ApiFailure::of(ErrorCode::Internal))
}

/// A change whose answer has no body (204).
async fn send_no_content<B: Serialize>(
    method: &str,
    path: &str,
    body: Option<&B>,
) -> Result<(), ApiFailure> {
    let body = match body {
        Some(b) => {
            Some(serde_json::to_string(b).map_err(|_| ApiFailure::of(ErrorCode::BadRequest))?)
        }
        None => None,
    };
    call(method, path, body).await.map(|_| ())
}

/// Uploads a file as the raw request body; its name travels percent-encoded in `X-File-Name`
/// (never in the URL: file names can say things about health).
async fn upload<T: DeserializeOwned>(path: &str, file: &web_sys::File) -> Result<T, ApiFailure> {
    let name = String::from(js_sys::encode_uri_component(&file.name()));
    let text = call_with("POST", path, Some(Body::File(file, &name))).await?;
    serde_json::from_str(&text).map_err(|_| ApiFailure::of(ErrorCode::Internal))
}

enum Body<'a> {
    Json(String),
    File(&'a web_sys::File, &'a str),
}

async fn call(method: &str, path: &str, body: Option<String>) -> Result<String, ApiFailure> {
    call_with(method, path, body.map(Body::Json)).await
}

async fn call_with(method: &str, path: &str, body: Option<Body<'_>>) -> Result<String, ApiFailure> {
    let unavailable = |_| ApiFailure::of(ErrorCode::Unavailable);
    let window = web_sys::window().ok_or(ApiFailure::of(ErrorCode::Unavailable))?;
    let headers = web_sys::Headers::new().map_err(unavailable)?;
    let _ = headers.set("accept", "application/json");
    let _ = headers.set("accept-language", LANG.with(Cell::get).code());
    if method != "GET" {
        let _ = CSRF.with(|c| headers.set(CSRF_HEADER, &c.borrow()));
    }
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    match &body {
        Some(Body::Json(json)) => {
            let _ = headers.set("content-type", "application/json");
            init.set_body(&JsValue::from_str(json));
        }
        Some(Body::File(file, name)) => {
            let kind = file.type_();
            let _ = headers.set(
                "content-type",
                if kind.is_empty() {
                    "application/octet-stream"
                } else {
                    &kind
                },
            );
            let _ = headers.set("x-file-name", name);
            init.set_body(file);
        }
        None => {}
    }
    init.set_headers(&headers);
    let mut cancel = CancelOnDrop(None);
    if method == "GET"
        && let Ok(controller) = web_sys::AbortController::new()
    {
        init.set_signal(Some(&controller.signal()));
        cancel.0 = Some(controller);
    }
    let url = format!("{API_PREFIX}{path}");
    let request = web_sys::Request::new_with_str_and_init(&url, &init).map_err(unavailable)?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(unavailable)?
        .dyn_into()
        .map_err(unavailable)?;
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    cancel.0 = None;
    interpret(response.status(), text)
}

/// A read whose answer nobody waits for any more (the page fetched it again, or was left) is
/// cancelled, so the browser does not keep it open. Writes are left to finish.
struct CancelOnDrop(Option<web_sys::AbortController>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        if let Some(controller) = self.0.take() {
            controller.abort();
        }
    }
}

/// Uploads a file as `upload` does, over XMLHttpRequest, whose upload reports its progress:
/// `on_progress` hears the percentage sent.
async fn upload_with_progress<T: DeserializeOwned>(
    path: &str,
    file: &web_sys::File,
    mut on_progress: impl FnMut(u32) + 'static,
) -> Result<T, ApiFailure> {
    use wasm_bindgen::closure::Closure;
    let unavailable = |_| ApiFailure::of(ErrorCode::Unavailable);
    let xhr = web_sys::XmlHttpRequest::new().map_err(unavailable)?;
    xhr.open("POST", &format!("{API_PREFIX}{path}"))
        .map_err(unavailable)?;
    let name = String::from(js_sys::encode_uri_component(&file.name()));
    let kind = file.type_();
    let _ = xhr.set_request_header("accept", "application/json");
    let _ = xhr.set_request_header("accept-language", LANG.with(Cell::get).code());
    let _ = CSRF.with(|c| xhr.set_request_header(CSRF_HEADER, &c.borrow()));
    let _ = xhr.set_request_header(
        "content-type",
        if kind.is_empty() {
            "application/octet-stream"
        } else {
            &kind
        },
    );
    let _ = xhr.set_request_header("x-file-name", &name);
    let progress =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
            if e.length_computable() && e.total() > 0.0 {
                on_progress((e.loaded() / e.total() * 100.0).round() as u32);
            }
        });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    }
    let mut resolver: Option<js_sys::Function> = None;
    let done = js_sys::Promise::new(&mut |resolve, _| resolver = Some(resolve));
    if let Some(resolve) = &resolver {
        xhr.set_onloadend(Some(resolve));
    }
    xhr.send_with_opt_blob(Some(file)).map_err(unavailable)?;
    let _ = JsFuture::from(done).await;
    drop(progress);
    let status = xhr.status().unwrap_or(0);
    if status == 0 {
        return Err(ApiFailure::of(ErrorCode::Unavailable));
    }
    let text = xhr.response_text().ok().flatten().unwrap_or_default();
    let text = interpret(status, text)?;
    serde_json::from_str(&text).map_err(|_| ApiFailure::of(ErrorCode::Internal))
}

/// What an answer means: its body when it went well, else the failure it names.
fn interpret(status: u16, text: String) -> Result<String, ApiFailure> {
    if status == 401 {
        return Err(ApiFailure::of(ErrorCode::Unauthenticated));
    }
    mark_activity();
    if (200..300).contains(&status) {
        return Ok(text);
    }
    Err(match serde_json::from_str::<ApiError>(&text) {
        Ok(e) => ApiFailure {
            code: e.error.code,
            message: Some(e.error.message),
            fields: e.error.fields,
            current: e.error.current,
        },
        Err(_) => ApiFailure::of(match status {
            403 => ErrorCode::Forbidden,
            404 => ErrorCode::NotFound,
            413 => ErrorCode::PayloadTooLarge,
            429 => ErrorCode::RateLimited,
            503 => ErrorCode::Unavailable,
            _ => ErrorCode::Internal,
        }),
    })
}

/// Whose data a call is about. The server serves each two-sided action at two addresses: the
/// citizen's own under `/me`, and a citizen's for their caseworker under `/citizens/{id}`.
#[derive(Clone, Debug, PartialEq)]
pub enum Whose {
    Mine,
    /// A citizen's id as it came in the address bar; encoded, it names one citizen only.
    Citizen(String),
}

impl Whose {
    fn path(&self, rest: &str) -> String {
        match self {
            Whose::Mine => format!("/me{rest}"),
            Whose::Citizen(id) => format!(
                "/citizens/{}{rest}",
                String::from(js_sys::encode_uri_component(id))
            ),
        }
    }

    /// The full address (with `/api/v1`) of a download the browser opens itself.
    fn link(&self, rest: &str) -> String {
        format!("{API_PREFIX}{}", self.path(rest))
    }
}
