//! Load shedding: an instance works on at most `max_requests_in_flight` requests at once and
//! answers the next at once with 503 and `Retry-After`, in the person's language, instead of
//! queueing it. Without this, a morning rush beyond what the cores answer queued every request:
//! waits grew to seconds for everyone, and past the file-descriptor limit the server refused
//! connections with no answer at all. A quick "try again in a moment" keeps the others fast.
//!
//! A request is refused before its handler runs, so it has changed nothing and can simply be
//! sent again. Not counted: the live event streams (each is open for as long as a page is, and
//! costs nothing while it waits), and what is merged after this layer (`/healthz`, `/metrics`,
//! the web client's files, the development login simulator, whose token endpoint the server
//! itself calls while it holds a slot for the login's callback).
//!
//! Hand-written rather than tower's `load_shed` + `concurrency_limit`: those would need the
//! streams split into a router of their own and their error mapped back into the API's error
//! shape and a page; a semaphore's `try_acquire` is the whole of the mechanism.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use shared::api::ErrorCode;
use tokio::sync::Semaphore;

use crate::state::AppState;

/// How long a refused client is asked to wait before it tries again, in seconds.
const RETRY_AFTER_SECONDS: &str = "2";
/// Refused requests, for `/metrics`.
pub const SHED: &str = "sammen_requests_shed_total";

#[derive(Clone)]
pub struct Shedding {
    slots: Arc<Semaphore>,
    state: AppState,
    /// When a refusal was last logged (seconds since 1970): at most one line every ten seconds.
    last_warned: Arc<AtomicU64>,
}

impl Shedding {
    pub fn new(state: AppState) -> Shedding {
        let slots = state.settings.max_requests_in_flight as usize;
        Shedding {
            slots: Arc::new(Semaphore::new(slots)),
            state,
            last_warned: Arc::new(AtomicU64::new(0)),
        }
    }

    fn warn_now_and_then(&self) {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let last = self.last_warned.load(Ordering::Relaxed);
        if now >= last + 10
            && self
                .last_warned
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            tracing::warn!(
                limit = self.state.settings.max_requests_in_flight,
                "too busy: refusing requests beyond the limit (see {SHED} in /metrics)"
            );
        }
    }
}

/// The middleware (`axum::middleware::from_fn_with_state`).
pub async fn shed(State(shedding): State<Shedding>, request: Request, next: Next) -> Response {
    if is_live_stream(request.uri().path()) {
        return next.run(request).await;
    }
    // Held until the handler has answered (a download's body may still be on its way).
    let Ok(_slot) = shedding.slots.clone().try_acquire_owned() else {
        metrics::counter!(SHED).increment(1);
        shedding.warn_now_and_then();
        return busy(&shedding.state, &request);
    };
    next.run(request).await
}

fn is_live_stream(path: &str) -> bool {
    path.strip_prefix(shared::api::API_PREFIX) == Some(crate::live::EVENTS_PATH)
}

fn busy(state: &AppState, request: &Request) -> Response {
    let headers = request.headers();
    let mut response = if request.uri().path().starts_with(shared::api::API_PREFIX) {
        crate::error::response(ErrorCode::Unavailable, crate::error::request_lang(headers))
    } else {
        crate::server_pages::busy_page(state, headers)
    };
    response.headers_mut().insert(
        header::RETRY_AFTER,
        HeaderValue::from_static(RETRY_AFTER_SECONDS),
    );
    response
}
