//! Away and cover, and handing a conversation over. A caseworker marks themselves away (from
//! and until, both days included); meanwhile new messages from their citizens go to the
//! backup caseworker, who sees those citizens' conversations in their inbox (and whose reads
//! the access log calls "stedfortræder"), and the citizen is told who answers. A conversation
//! can also be handed to a colleague in the same team, with a note the citizen reads.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use shared::api::{
    AccessWhat, Away, CaseworkerContact, Colleague, CoverNotice, HandoverRequest, Party,
    TeamResponse,
};
use shared::i18n::fill;
use shared::validation::{Date, Problem, Problems, limits, optional_text};
use utoipa_axum::routes;
use uuid::Uuid;

use super::{ConversationPath, store};
use crate::access::{Acting, parse_id};
use crate::audit;
use crate::auth::extract::CaseworkerId;
use crate::cache_bus::Change;
use crate::db::Conn;
use crate::db_conn;
use crate::error::{AppError, AppJson, AppResult};
use crate::http::api_routes::ApiRoutes;
use crate::state::AppState;

pub fn router() -> ApiRoutes {
    ApiRoutes::new()
        .one_sided(routes!(team))
        .one_sided(routes!(set_away))
        .one_sided(routes!(handover))
}

/// Who answers a citizen's new message today: the primary caseworker, or while they are away
/// the backup (with a notice saying so).
pub async fn who_answers(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
    today: &str,
) -> AppResult<Option<(Uuid, CaseworkerContact, Option<CoverNotice>)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: Uuid,
        name: String,
        team: String,
        away_from: Option<String>,
        away_until: Option<String>,
        backup_id: Option<Uuid>,
        backup_name: Option<String>,
        backup_team: Option<String>,
    }
    let row: Option<Row> = db_conn!(conn, c => sqlx::query_as(
        "SELECT p.id, p.name, p.team, p.away_from, p.away_until, \
                b.id AS backup_id, b.name AS backup_name, b.team AS backup_team \
         FROM caseload cl JOIN caseworkers p ON p.id = cl.primary_caseworker_id \
         LEFT JOIN caseworkers b ON b.id = cl.backup_caseworker_id \
         WHERE cl.citizen_id = $1")
        .bind(citizen_id)
        .fetch_optional(&mut *c)
        .await)?;
    let Some(r) = row else { return Ok(None) };
    let away = matches!((&r.away_from, &r.away_until), (Some(f), Some(u)) if f.as_str() <= today && today <= u.as_str());
    Ok(Some(
        match (away, r.backup_id, r.backup_name, r.backup_team) {
            (true, Some(id), Some(name), Some(team)) => (
                id,
                CaseworkerContact { name, team },
                Some(CoverNotice {
                    away_name: r.name,
                    away_until: r.away_until.unwrap_or_default(),
                }),
            ),
            _ => (
                r.id,
                CaseworkerContact {
                    name: r.name,
                    team: r.team,
                },
                None,
            ),
        },
    ))
}

async fn away_of(conn: &mut Conn<'_>, caseworker: Uuid) -> AppResult<(String, Away)> {
    let (team, from, until): (String, Option<String>, Option<String>) = db_conn!(conn, c => sqlx::query_as(
        "SELECT team, away_from, away_until FROM caseworkers WHERE id = $1")
        .bind(caseworker)
        .fetch_one(&mut *c)
        .await)?;
    Ok((team, Away { from, until }))
}

/// The caseworker's team (to hand over to) and their own time away.
#[utoipa::path(get, path = "/team", tag = "caseworker",
    responses((status = 200, body = TeamResponse), (status = 403, body = shared::api::ApiError)))]
pub async fn team(
    State(s): State<AppState>,
    CaseworkerId(me): CaseworkerId,
) -> AppResult<AppJson<TeamResponse>> {
    let mut reader = s.db.reader().await?;
    let (team, away) = away_of(&mut reader.conn(), me).await?;
    let colleagues: Vec<(Uuid, String)> = db_conn!(reader.conn(), c => sqlx::query_as(
        "SELECT id, name FROM caseworkers WHERE team = $1 AND id <> $2 ORDER BY name")
        .bind(&team)
        .bind(me)
        .fetch_all(&mut *c)
        .await)?;
    Ok(AppJson(TeamResponse {
        team,
        colleagues: colleagues
            .into_iter()
            .map(|(id, name)| Colleague { id, name })
            .collect(),
        away,
    }))
}

/// Marks the caseworker away from and until (both included); both empty: not away.
#[utoipa::path(put, path = "/away", tag = "caseworker", request_body = Away,
    responses((status = 200, body = Away), (status = 422, body = shared::api::ApiError)))]
pub async fn set_away(
    State(s): State<AppState>,
    CaseworkerId(me): CaseworkerId,
    AppJson(away): AppJson<Away>,
) -> AppResult<AppJson<Away>> {
    let mut p = Problems::default();
    let from = shared::validation::optional_date(&mut p, "from", away.from.as_deref());
    let until = shared::validation::optional_date(&mut p, "until", away.until.as_deref());
    match (from, until) {
        (Some(f), Some(u)) if (u.year, u.month, u.day) < (f.year, f.month, f.day) => {
            p.check("until", Err(Problem::EndBeforeStart));
        }
        (Some(_), None) if p.is_empty() => p.check("until", Err(Problem::Required)),
        (None, Some(_)) if p.is_empty() => p.check("from", Err(Problem::Required)),
        _ => {}
    }
    AppError::check(p)?;
    let iso = |d: Option<Date>| d.map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day));
    let (from, until) = (iso(from), iso(until));
    db_conn!(s.db.writer().await?.conn(), c => sqlx::query(
        "UPDATE caseworkers SET away_from = $1, away_until = $2, updated_at = $3 WHERE id = $4")
        .bind(&from)
        .bind(&until)
        .bind(s.clock.now())
        .bind(me)
        .execute(&mut *c)
        .await
        .map(|_| ()))?;
    Ok(AppJson(Away { from, until }))
}

/// Hands a conversation to a colleague in the caseworker's team. The citizen reads "Din sag
/// er overdraget til …" and the note in the conversation.
#[utoipa::path(post, path = "/citizens/{citizen}/conversations/{conversation}/handover", tag = "messages",
    request_body = HandoverRequest, params(("citizen" = String, Path), ("conversation" = String, Path)),
    responses((status = 204), (status = 404, body = shared::api::ApiError), (status = 422, body = shared::api::ApiError)))]
pub async fn handover(
    State(s): State<AppState>,
    Acting(actor): Acting,
    Path(ConversationPath { conversation }): Path<ConversationPath>,
    AppJson(req): AppJson<HandoverRequest>,
) -> AppResult<StatusCode> {
    let conversation_id = parse_id(&conversation)?;
    let Some(me) = actor.caseworker_id() else {
        return Err(AppError::Forbidden);
    };
    let mut p = Problems::default();
    p.check("note", optional_text(&req.note, limits::HANDOVER_NOTE));
    AppError::check(p)?;
    let now = s.clock.now();
    let citizen_id = actor.citizen_id();
    let mut tx = s.db.begin().await?;
    let Some(head) = store::head(&mut tx.conn(), citizen_id, conversation_id).await? else {
        return Err(AppError::NotFound);
    };
    let colleague: Option<(String,)> = db_conn!(tx.conn(), c => sqlx::query_as(
        "SELECT o.name FROM caseworkers o JOIN caseworkers m ON m.team = o.team \
         WHERE o.id = $1 AND m.id = $2 AND o.id <> m.id")
        .bind(req.to)
        .bind(me)
        .fetch_optional(&mut *c)
        .await)?;
    let Some((name,)) = colleague else {
        return Err(AppError::field("to", Problem::NotInTeam));
    };
    let lang = citizen_lang(&mut tx.conn(), citizen_id).await?;
    let t = shared::i18n::texts(lang);
    let mut body = fill(t.messages.handover_message, &name);
    if !req.note.trim().is_empty() {
        body = format!("{body}\n\n{}", req.note.trim());
    }
    store::add_message(
        &mut tx.conn(),
        &store::NewMessage {
            conversation_id,
            citizen_id,
            author: Party::System,
            author_id: me,
            caseworker_id: Some(me),
            body: &body,
            answer_by: None,
            key: &Uuid::now_v7().to_string(),
        },
        now,
    )
    .await?;
    db_conn!(tx.conn(), c => sqlx::query(
        "UPDATE conversations SET caseworker_id = $1, last_message_at = $2 WHERE id = $3")
        .bind(req.to)
        .bind(now)
        .bind(conversation_id)
        .execute(&mut *c)
        .await
        .map(|_| ()))?;
    audit::record_for(&mut tx, actor, AccessWhat::Conversation).await?;
    for caseworker in [head.caseworker_id, req.to] {
        s.bus
            .announce(
                &mut tx,
                &Change::MessagesChanged {
                    citizen: citizen_id,
                    caseworker,
                },
            )
            .await?;
    }
    tx.commit().await?;
    for caseworker in [head.caseworker_id, req.to] {
        s.bus.committed(&Change::MessagesChanged {
            citizen: citizen_id,
            caseworker,
        });
    }
    Ok(StatusCode::NO_CONTENT)
}

async fn citizen_lang(conn: &mut Conn<'_>, citizen: Uuid) -> AppResult<shared::Lang> {
    let (code,): (String,) = db_conn!(conn, c => sqlx::query_as(
        "SELECT language FROM citizens WHERE id = $1")
        .bind(citizen)
        .fetch_one(&mut *c)
        .await)?;
    Ok(if code == "en" {
        shared::Lang::En
    } else {
        shared::Lang::Da
    })
}
