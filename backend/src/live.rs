//! `/api/v1/events`: server-sent events that tell a logged-in client "your messages changed" (or meetings),
//! never what changed; the client then fetches through the normal API. Changes made on other
//! instances arrive through PostgreSQL's NOTIFY (see `cache_bus`). A comment every 15 seconds
//! keeps proxies from closing an idle stream; browsers reconnect by themselves.

use std::collections::HashSet;
use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::wrappers::errors::BroadcastStreamRecvError;
use tokio_stream::{Stream, StreamExt};
use utoipa_axum::routes;
use uuid::Uuid;

use crate::auth::extract::CurrentSession;
use crate::auth::session::Role;
use crate::cache_bus::{LiveChange, LiveWhat};
use crate::db_conn;
use crate::error::AppResult;
use crate::http::api_routes::ApiRoutes;
use crate::state::AppState;

/// The stream's path under the API prefix, as `events` is routed; load shedding lets it through
/// (`http::shed`), and the overload test opens it while the server is full.
pub const EVENTS_PATH: &str = "/events";

pub fn router() -> ApiRoutes {
    ApiRoutes::new().one_sided(routes!(events))
}

/// Whose changes a stream passes on.
enum Listener {
    Citizen(Uuid),
    /// The caseworker, and the citizens of their caseload when the stream opened.
    Caseworker(Uuid, HashSet<Uuid>),
}

impl Listener {
    fn wants(&self, change: &LiveChange) -> bool {
        match self {
            Listener::Citizen(id) => change.citizen == *id,
            Listener::Caseworker(id, citizens) => {
                change.caseworker == *id || citizens.contains(&change.citizen)
            }
        }
    }
}

fn changed(what: LiveWhat) -> Result<Event, Infallible> {
    Ok(Event::default().event(what.event()).data("changed"))
}

/// A stream of `event: messages` whenever a conversation the session may see changes, and
/// `event: meetings` whenever one of its meetings does. The
/// first event, `ready`, says the stream is open (a client fetches then, to catch up on what
/// happened while it was not connected).
#[utoipa::path(get, path = "/events", tag = "live",
    responses((status = 200, content_type = "text/event-stream", description = "`ready`, then `messages` and `meetings` events; no content"),
              (status = 401, body = shared::api::ApiError)))]
pub async fn events(
    State(s): State<AppState>,
    CurrentSession(session): CurrentSession,
) -> AppResult<Sse<impl Stream<Item = Result<Event, Infallible>>>> {
    // Subscribe before reading the caseload, so nothing between the two is missed.
    let changes = s.bus.subscribe();
    let listener = match session.role {
        Role::Citizen => Listener::Citizen(session.user_id),
        Role::Caseworker => {
            let citizens: Vec<(Uuid,)> = db_conn!(s.db.reader().await?.conn(), c => sqlx::query_as(
                "SELECT citizen_id FROM caseload WHERE primary_caseworker_id = $1 OR backup_caseworker_id = $1")
                .bind(session.user_id)
                .fetch_all(&mut *c)
                .await)?;
            Listener::Caseworker(session.user_id, citizens.into_iter().map(|c| c.0).collect())
        }
    };
    let ready = tokio_stream::once(Ok(Event::default().event("ready").data("ready")));
    let stream = BroadcastStream::new(changes).filter_map(move |change| match change {
        Ok(change) if listener.wants(&change) => Some(changed(change.what)),
        Ok(_) => None,
        // Fell behind and missed some: say "changed", the client fetches everything anyway.
        Err(BroadcastStreamRecvError::Lagged(_)) => Some(changed(LiveWhat::Messages)),
    });
    Ok(Sse::new(ready.chain(stream)).keep_alive(
        KeepAlive::new()
            .interval(Duration::from_secs(15))
            .text("keep-alive"),
    ))
}
