//! An HTTP client that behaves like one browser: its own cookie jar, the CSRF token once known,
//! redirects followed by hand so tests see every step of a login.

use std::sync::Arc;

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, LOCATION};
use serde_json::Value;
use shared::auth::LoginKind;
use url::Url;

/// One browser: a cookie jar and the session's CSRF token once known.
pub struct Browser {
    pub client: reqwest::Client,
    pub base: Url,
    pub csrf: Option<String>,
    pub(crate) jar: Arc<reqwest::cookie::Jar>,
}

/// Where a chain of redirects ended.
#[derive(Debug)]
pub struct Landing {
    pub url: Url,
    pub status: StatusCode,
    /// Every URL visited on the way, in order.
    pub trail: Vec<Url>,
}

impl Landing {
    pub fn path(&self) -> &str {
        self.url.path()
    }
}

impl Browser {
    pub fn url(&self, path: &str) -> Url {
        self.base.join(path).expect("valid path")
    }

    /// GETs a URL and follows redirects like a browser, up to 10.
    pub async fn visit(&self, url: Url) -> Landing {
        let mut url = url;
        let mut trail = vec![url.clone()];
        for _ in 0..10 {
            let response = self.client.get(url.clone()).send().await.expect("request");
            let status = response.status();
            if status.is_redirection() {
                url = next_url(&url, response.headers());
                trail.push(url.clone());
                continue;
            }
            return Landing { url, status, trail };
        }
        panic!("too many redirects: {trail:?}");
    }

    /// Logs in non-interactively (`login_hint`) and returns where the browser landed.
    pub async fn login(&mut self, kind: LoginKind, hint: &str) -> Landing {
        let mut start = self.url(&kind.login_path());
        start.query_pairs_mut().append_pair("login_hint", hint);
        let landing = self.visit(start).await;
        if landing.status.is_success() && !landing.path().contains("/fejl/") {
            self.refresh_csrf().await;
        }
        landing
    }

    /// Starts a login and stops at the provider's answer (the callback URL), without using it.
    pub async fn callback_url(&self, kind: LoginKind, hint: &str) -> Url {
        let mut url = self.url(&kind.login_path());
        url.query_pairs_mut().append_pair("login_hint", hint);
        for _ in 0..5 {
            let response = self.client.get(url.clone()).send().await.expect("request");
            assert!(
                response.status().is_redirection(),
                "expected a redirect at {url}"
            );
            let next = next_url(&url, response.headers());
            if next.path() == kind.callback_path() {
                return next;
            }
            url = next;
        }
        panic!("the login never reached the callback");
    }

    pub async fn refresh_csrf(&mut self) {
        let session = self.get_json("/api/v1/session").await;
        self.csrf = session.1["csrf_token"].as_str().map(str::to_string);
    }

    pub async fn get_json(&self, path: &str) -> (StatusCode, Value) {
        let response = self
            .client
            .get(self.url(path))
            .send()
            .await
            .expect("request");
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// A state-changing request with the session's CSRF token, as the web client sends it.
    pub fn send(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let mut request = self.client.request(method, self.url(path));
        if let Some(csrf) = &self.csrf {
            request = request.header(shared::api::CSRF_HEADER, csrf);
        }
        request
    }

    /// The `Cookie` header this browser sends (to copy a session into another client).
    pub fn cookie_header(&self) -> String {
        use reqwest::cookie::CookieStore;
        self.jar
            .cookies(&self.base)
            .and_then(|v| v.to_str().ok().map(str::to_string))
            .unwrap_or_default()
    }

    /// A state-changing JSON request; returns the status and the JSON answer (or `null`).
    pub async fn json(
        &self,
        method: reqwest::Method,
        path: &str,
        body: &Value,
    ) -> (StatusCode, Value) {
        let response = self
            .send(method, path)
            .json(body)
            .send()
            .await
            .expect("request");
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// The id of a citizen on this caseworker's list, by name.
    pub async fn citizen_id(&self, name: &str) -> String {
        let (_, caseload) = self.get_json("/api/v1/caseload").await;
        caseload["citizens"]
            .as_array()
            .and_then(|list| list.iter().find(|c| c["name"] == name))
            .and_then(|c| c["id"].as_str())
            .unwrap_or_else(|| panic!("{name} is not on the list"))
            .to_string()
    }

    pub async fn session_cookie_present(&self) -> bool {
        self.get_json("/api/v1/session").await.0 == StatusCode::OK
    }
}

fn next_url(current: &Url, headers: &HeaderMap) -> Url {
    let location = headers
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .expect("redirect has a Location");
    current.join(location).expect("valid Location")
}

/// A small valid PDF.
pub fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
}

/// Uploads a file to a limitation as the web client does: the raw body, its name in
/// `X-File-Name`. Returns the status and the JSON answer (or `null`).
pub async fn upload(
    browser: &Browser,
    limitation: &str,
    name: &str,
    bytes: Vec<u8>,
    content_type: &str,
) -> (StatusCode, Value) {
    let response = browser
        .send(
            reqwest::Method::POST,
            &format!("/api/v1/me/limitations/{limitation}/documents"),
        )
        .header("content-type", content_type)
        .header("x-file-name", name)
        .body(bytes)
        .send()
        .await
        .expect("request");
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}
