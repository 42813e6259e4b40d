//! Serves the web client built by `cargo xtask web`: hashed files with brotli/gzip variants and
//! immutable caching, and `index.html` (never cached) for every other path, so the client's
//! own routes work on reload and as deep links.

use std::path::{Path, PathBuf};

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use tower_http::services::ServeDir;

/// Shown when the web client has not been built, instead of a bare 404.
const NOT_BUILT: &str = "<!DOCTYPE html><html lang=\"da\"><head><meta charset=\"utf-8\"><title>Sammen</title></head>\
<body><main><h1>Sammen</h1><p>Webklienten er ikke bygget. Kør <code>cargo xtask web</code>.</p>\
<p lang=\"en\">The web client has not been built. Run <code>cargo xtask web</code>.</p></main></body></html>";

/// In development mode every page says so, in both languages, so nobody serves real citizens
/// with a published CPR key and the simulator by mistake. Empty in production.
pub fn dev_banner(settings: &crate::config::Settings) -> String {
    if settings.mode != crate::config::Mode::Development {
        return String::new();
    }
    let da = shared::i18n::texts(shared::Lang::Da).dev_banner;
    let en = shared::i18n::texts(shared::Lang::En).dev_banner;
    format!(
        "<aside class=\"dev-banner\" aria-label=\"{da}\"><p><strong>{da}</strong> \
         <span lang=\"en\">· {en}</span></p></aside>\n"
    )
}

#[derive(Clone)]
pub struct WebClient {
    dist: PathBuf,
    index: Vec<u8>,
    index_br: Option<Vec<u8>>,
    index_gz: Option<Vec<u8>>,
    /// The stylesheets index.html links, for the pages the server renders itself.
    pub stylesheets: Vec<String>,
    /// What pages the server renders itself share with index.html.
    pub shell: std::sync::Arc<PageShell>,
}

/// The parts of index.html that server-rendered pages reuse, so they look and load the same:
/// the stylesheet and font links, the icon sprite, and the script that starts the web client.
#[derive(Debug, Default)]
pub struct PageShell {
    pub head_links: String,
    pub sprite: String,
    /// Without the preloads index.html has: on a page the server rendered, the client's files
    /// should not compete with the page's own (the script waits for the page to load).
    pub boot_script: String,
}

impl PageShell {
    fn from_index(html: &str) -> PageShell {
        let head_links = html
            .lines()
            .filter(|l| {
                l.starts_with("<link rel=\"stylesheet\"")
                    || (l.starts_with("<link rel=\"preload\"") && l.contains("as=\"font\""))
            })
            .collect::<Vec<_>>()
            .join("\n");
        let sprite = html
            .split_once("<div class=\"hide-base-svg\">")
            .and_then(|(_, rest)| rest.split_once("</div>"))
            .map(|(svg, _)| svg.to_string())
            .unwrap_or_default();
        let boot_script = html
            .lines()
            .find(|l| l.starts_with("<script type=\"module\""))
            .unwrap_or_default()
            .to_string();
        PageShell {
            head_links,
            sprite,
            boot_script,
        }
    }
}

impl WebClient {
    /// Loads the built client; with a `banner`, index.html carries it (and is then served
    /// uncompressed: the precompressed copies do not have it).
    pub fn load(dist: &Path, banner: &str) -> WebClient {
        let index = std::fs::read(dist.join("index.html")).ok();
        if index.is_none() {
            tracing::warn!(dist = %dist.display(), "the web client is not built; run `cargo xtask web`");
        }
        let index = index.unwrap_or_else(|| NOT_BUILT.as_bytes().to_vec());
        let text = String::from_utf8_lossy(&index).to_string();
        let stylesheets = stylesheet_links(&text);
        let shell = std::sync::Arc::new(PageShell::from_index(&text));
        let (index, precompressed) = if banner.is_empty() {
            (index, true)
        } else {
            let with_banner = text.replacen("<body>", &format!("<body>\n{banner}"), 1);
            (with_banner.into_bytes(), false)
        };
        let read = |name: &str| {
            precompressed
                .then(|| std::fs::read(dist.join(name)).ok())
                .flatten()
        };
        WebClient {
            dist: dist.to_path_buf(),
            index_br: read("index.html.br"),
            index_gz: read("index.html.gz"),
            index,
            stylesheets,
            shell,
        }
    }

    pub fn router(self) -> Router {
        let files = ServeDir::new(self.dist.join("assets"))
            .precompressed_br()
            .precompressed_gzip()
            .append_index_html_on_directories(false);
        let index = self.clone();
        Router::new()
            .nest_service("/assets", files)
            .layer(middleware::from_fn(cache_forever))
            .fallback(move |request: Request| {
                let index = index.clone();
                async move { index.serve_index(request.headers()) }
            })
    }

    /// index.html, in the encoding the browser accepts.
    pub fn serve_index(&self, headers: &axum::http::HeaderMap) -> Response {
        let accepts = headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let (body, encoding) = match (&self.index_br, &self.index_gz) {
            (Some(br), _) if accepts.contains("br") => (br.clone(), Some("br")),
            (_, Some(gz)) if accepts.contains("gzip") => (gz.clone(), Some("gzip")),
            _ => (self.index.clone(), None),
        };
        let mut response = (StatusCode::OK, Body::from(body)).into_response();
        let h = response.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        if let Some(encoding) = encoding {
            h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
        }
        response
    }
}

/// Files under /assets carry a content hash in their name, so they never change.
async fn cache_forever(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    if response.status().is_success() {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        );
    }
    response
}

fn stylesheet_links(html: &str) -> Vec<String> {
    html.split("<link ")
        .skip(1)
        .filter(|tag| tag.contains("rel=\"stylesheet\""))
        .filter_map(|tag| {
            tag.split("href=\"")
                .nth(1)?
                .split('"')
                .next()
                .map(str::to_string)
        })
        .collect()
}
