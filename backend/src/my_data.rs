//! "Download mine oplysninger": everything Sammen holds about the citizen as one zip file (the
//! data as JSON, the documents as files of their own).
//!
//! The zip is streamed: a blocking thread writes it into a bounded channel that is the response
//! body, copying each document from disk in small pieces, so the server's memory stays flat
//! however much the citizen has stored.

use std::io::Write;
use std::path::PathBuf;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use shared::api::{ConsentEvent, ExportResponse, ExportedDocument, HistoryResponse};
use tokio::sync::mpsc;
use uuid::Uuid;

use utoipa_axum::routes;

use crate::auth::extract::CitizenId;
use crate::db::Timestamp;
use crate::error::{AppError, AppResult};
use crate::http::api_routes::ApiRoutes;
use crate::profile::{documents, store as profile};
use crate::state::AppState;
use crate::{audit, people, plan};

pub fn router() -> ApiRoutes {
    ApiRoutes::new().one_sided(routes!(export))
}

/// Everything about the citizen, nothing about anyone else, as a zip download.
#[utoipa::path(get, path = "/me/export", tag = "my data",
    responses((status = 200, content_type = "application/zip",
        description = "A zip file: `mine-oplysninger.json` (an ExportResponse) and the documents")))]
pub async fn export(State(s): State<AppState>, CitizenId(id): CitizenId) -> AppResult<Response> {
    let (data, files) = gather(&s, id).await?;
    let json = serde_json::to_vec_pretty(&data).map_err(anyhow::Error::from)?;
    let (tx, rx) = mpsc::channel::<std::io::Result<Bytes>>(4);
    let dir = s.settings.files_dir.clone();
    tokio::task::spawn_blocking(move || {
        let failed = tx.clone();
        if let Err(err) = write_zip(ChannelWriter::new(tx), &json, &dir, &files) {
            tracing::warn!(error = %err, "the data download stopped half-way");
            let _ = failed.blocking_send(Err(err));
        }
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|chunk| (chunk, rx))
    });
    let mut response = Body::from_stream(stream).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/zip"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"sammen-mine-oplysninger.zip\""),
    );
    Ok(response)
}

/// A document to copy into the zip: its id on disk and its place in the zip.
struct ZipFile {
    id: Uuid,
    name_in_zip: String,
}

async fn gather(s: &AppState, id: Uuid) -> AppResult<(ExportResponse, Vec<ZipFile>)> {
    let citizen = people::citizen(&s.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (caseworker, backup_caseworker) = people::caseworkers_of(&s.db, id).await?;
    let mut c = s.db.reader().await?;
    let mut conn = c.conn();
    let plan = plan::store::load(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let plan_history = HistoryResponse {
        entries: plan::history::load(&mut conn, id).await?,
    }
    .entries;
    let mut files = Vec::new();
    let mut documents_out = Vec::new();
    for row in profile::documents(&mut conn, id).await? {
        let meta = row.meta();
        let name = documents::with_true_extension(&meta.file_name, &meta.content_type);
        // The id keeps two documents of the same name apart.
        let name_in_zip = format!("dokumenter/{}-{}", row.id.simple(), zip_safe(&name));
        documents_out.push(ExportedDocument {
            limitation_id: row.limitation_id,
            meta,
            file: name_in_zip.clone(),
        });
        files.push(ZipFile {
            id: row.id,
            name_in_zip,
        });
    }
    let export = ExportResponse {
        exported_at: Timestamp::now().rfc3339(),
        language: citizen.lang(),
        name: citizen.name,
        caseworker,
        backup_caseworker,
        plan,
        plan_history,
        competences: profile::competences(&mut conn, id).await?,
        limitations: profile::limitations(&mut conn, id).await?,
        documents: documents_out,
        accommodations: profile::accommodations(&mut conn, id).await?,
        consent: profile::consent(&mut conn, id).await?,
        consent_history: profile::consent_history(&mut conn, id)
            .await?
            .into_iter()
            .map(|(given, at)| ConsentEvent {
                at: at.rfc3339(),
                given,
            })
            .collect(),
        access_log: audit::entries(&mut conn, id).await?,
    };
    Ok((export, files))
}

/// A name that unpacks as one file in one folder on every system.
fn zip_safe(name: &str) -> String {
    name.chars()
        .map(|c| {
            if "/\\:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect()
}

fn write_zip(
    out: ChannelWriter,
    json: &[u8],
    dir: &std::path::Path,
    files: &[ZipFile],
) -> std::io::Result<()> {
    use zip::write::SimpleFileOptions;
    // Stored, not deflated: the documents (PDF, JPEG, PNG) are compressed already. `large_file`
    // lets one zip hold more than 4 GB.
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(true);
    let mut zip = zip::ZipWriter::new_stream(out);
    zip.start_file("mine-oplysninger.json", options)?;
    zip.write_all(json)?;
    for file in files {
        let path: PathBuf = documents::path_of(dir, file.id);
        let mut source = std::fs::File::open(&path)?;
        zip.start_file(file.name_in_zip.as_str(), options)?;
        std::io::copy(&mut source, &mut zip)?;
    }
    let mut out = zip.finish()?.into_inner();
    out.flush()
}

/// Sends what is written to it, in pieces of up to 64 KB, into the response body; waits while
/// the client is slower than the disk, so nothing piles up in memory.
struct ChannelWriter {
    tx: mpsc::Sender<std::io::Result<Bytes>>,
    buffer: Vec<u8>,
}

const PIECE: usize = 64 * 1024;

impl ChannelWriter {
    fn new(tx: mpsc::Sender<std::io::Result<Bytes>>) -> ChannelWriter {
        ChannelWriter {
            tx,
            buffer: Vec::with_capacity(PIECE),
        }
    }

    fn send(&mut self) -> std::io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let piece = Bytes::from(std::mem::replace(
            &mut self.buffer,
            Vec::with_capacity(PIECE),
        ));
        self.tx.blocking_send(Ok(piece)).map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client went away")
        })
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let room = PIECE - self.buffer.len();
        let n = buf.len().min(room);
        self.buffer.extend_from_slice(&buf[..n]);
        if self.buffer.len() == PIECE {
            self.send()?;
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send()
    }
}
