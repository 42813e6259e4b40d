//! `/dev/outbox`: in development without SMTP, the emails Sammen would have sent, as the
//! `.eml` files the file transport wrote. Never served in production or with SMTP configured.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/dev/outbox", get(list))
        .route("/dev/outbox/{file}", get(show))
}

async fn list(State(s): State<AppState>) -> Html<String> {
    let dir = &s.settings.outbox.dir;
    let mut files: Vec<(std::time::SystemTime, String)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let modified = e.metadata().and_then(|m| m.modified()).ok()?;
            name.ends_with(".eml").then_some((modified, name))
        })
        .collect();
    files.sort_by_key(|f| std::cmp::Reverse(f.0));
    let items: String = files
        .iter()
        .map(|(_, name)| {
            let name = html_escape::encode_text(name);
            format!("<li><a href=\"/dev/outbox/{name}\">{name}</a></li>")
        })
        .collect();
    let body = if items.is_empty() {
        "<p>Ingen mails endnu.</p>".to_string()
    } else {
        format!("<ol>{items}</ol>")
    };
    Html(format!(
        "<!DOCTYPE html><html lang=\"da\"><head><meta charset=\"utf-8\"><title>Udbakke (udvikling)</title></head>\
         <body><main><h1>Udbakke (udvikling)</h1><p>Mails, som Sammen ville have sendt, nyeste først. \
         Uden SMTP skrives de til {}.</p>{body}</main></body></html>",
        html_escape::encode_text(&dir.display().to_string())
    ))
}

async fn show(State(s): State<AppState>, Path(file): Path<String>) -> Response {
    // Only a plain file name in the outbox folder: no way out of it.
    let plain = file.ends_with(".eml")
        && file
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
        && !file.contains("..");
    if !plain {
        return StatusCode::NOT_FOUND.into_response();
    }
    match std::fs::read(s.settings.outbox.dir.join(&file)) {
        Ok(bytes) => ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], bytes).into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}
