//! Documentation files: checked by their content (PDF, JPEG or PNG), at most 10 MB, kept in
//! `files_dir` under a random name, and served only to the citizen and (with consent) their
//! caseworkers.

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use percent_encoding::{NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use sha2::{Digest, Sha256};
use shared::validation::{Problem, limits};
use uuid::Uuid;

use crate::error::{AppError, AppResult};

/// The file's real type, from its first bytes; the name and the browser's claim are ignored.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else {
        None
    }
}

/// The file name from `X-File-Name` (percent-encoded UTF-8), made safe to store and show:
/// no path, no control characters, not too long.
pub fn clean_name(headers: &HeaderMap) -> String {
    let raw = headers
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let decoded = percent_decode_str(raw).decode_utf8_lossy();
    let base = decoded.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_string();
    let limited: String = cleaned.chars().take(limits::FILE_NAME as usize).collect();
    if limited.is_empty() {
        "dokument".into()
    } else {
        limited
    }
}

/// Refuses a file of `size` bytes that would take the citizen past the number of files or the
/// bytes one person may store (documents and files sent with messages together). Run it in
/// the transaction that adds the file: it takes the citizen's row lock first.
pub async fn ensure_room(
    conn: &mut crate::db::Conn<'_>,
    citizen_id: Uuid,
    size: usize,
    limits: &crate::config::UploadSettings,
) -> AppResult<()> {
    let (count, used) = super::store::document_usage(conn, citizen_id).await?;
    if count >= i64::from(limits.max_documents_per_citizen) {
        return Err(AppError::field(
            "file",
            Problem::TooManyFiles {
                max: limits.max_documents_per_citizen,
            },
        ));
    }
    if used.saturating_add(size as i64) > limits.max_bytes_per_citizen as i64 {
        return Err(AppError::field(
            "file",
            Problem::StorageFull {
                max_mb: (limits.max_bytes_per_citizen / (1024 * 1024)) as u32,
            },
        ));
    }
    Ok(())
}

/// Reads the upload, refusing what is too large or not a PDF, JPEG or PNG.
pub async fn read_upload(body: Body) -> AppResult<(Vec<u8>, &'static str)> {
    let bytes = axum::body::to_bytes(body, limits::DOCUMENT_BYTES)
        .await
        .map_err(|_| {
            AppError::field(
                "file",
                Problem::FileTooLarge {
                    max_mb: limits::DOCUMENT_MB,
                },
            )
        })?;
    if bytes.is_empty() {
        return Err(AppError::field("file", Problem::Required));
    }
    let kind = sniff(&bytes).ok_or_else(|| AppError::field("file", Problem::FileType))?;
    Ok((bytes.to_vec(), kind))
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn path(dir: &Path, id: Uuid) -> PathBuf {
    dir.join(id.simple().to_string())
}

/// Where a stored document is on disk.
pub fn path_of(dir: &Path, id: Uuid) -> PathBuf {
    path(dir, id)
}

/// The file name with the extension of the type its content was found to be: a PDF named
/// `brev.html` is stored and served as `brev.pdf`, so no program opens it as something else.
pub fn with_true_extension(name: &str, content_type: &str) -> String {
    let (wanted, accepted): (&str, &[&str]) = match content_type {
        "application/pdf" => ("pdf", &["pdf"]),
        "image/jpeg" => ("jpg", &["jpg", "jpeg"]),
        "image/png" => ("png", &["png"]),
        _ => ("bin", &["bin"]),
    };
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, Some(ext)),
        _ => (name, None),
    };
    if ext.is_some_and(|e| accepted.contains(&e.to_ascii_lowercase().as_str())) {
        return name.to_string();
    }
    // Keep within the stored length once the extension is added.
    let room = (limits::FILE_NAME as usize).saturating_sub(wanted.len() + 1);
    let stem: String = stem.chars().take(room).collect();
    format!("{stem}.{wanted}")
}

/// A file written to `files_dir` that is removed again unless `keep` is called: if the database
/// insert fails, or the request is dropped half-way (the client went away), nothing stays
/// behind.
pub struct StoredFile {
    path: PathBuf,
    kept: bool,
}

impl StoredFile {
    pub fn keep(mut self) {
        self.kept = true;
    }
}

impl Drop for StoredFile {
    fn drop(&mut self) {
        if !self.kept
            && let Err(err) = std::fs::remove_file(&self.path)
            && err.kind() != std::io::ErrorKind::NotFound
        {
            tracing::warn!(error = %err, "could not remove an unsaved upload");
        }
    }
}

pub async fn store(dir: &Path, id: Uuid, bytes: &[u8]) -> AppResult<StoredFile> {
    tokio::fs::create_dir_all(dir)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let file = StoredFile {
        path: path(dir, id),
        kept: false,
    };
    tokio::fs::write(&file.path, bytes)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(file)
}

pub async fn read(dir: &Path, id: Uuid) -> AppResult<Vec<u8>> {
    tokio::fs::read(path(dir, id))
        .await
        .map_err(|e| AppError::Internal(e.into()))
}

/// Removes a file; one that is already gone is fine.
pub async fn remove(dir: &Path, id: Uuid) {
    if let Err(err) = tokio::fs::remove_file(path(dir, id)).await
        && err.kind() != std::io::ErrorKind::NotFound
    {
        tracing::warn!(document.id = %id, error = %err, "could not remove a document file");
    }
}

/// The file as a download, never shown inline (an uploaded PDF must not run in our origin).
pub fn download(bytes: Vec<u8>, content_type: &str, file_name: &str) -> Response {
    let file_name = with_true_extension(file_name, content_type);
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded = utf8_percent_encode(&file_name, NON_ALPHANUMERIC).to_string();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    let mut response = Body::from(bytes).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn judges_files_by_content_not_name() {
        assert_eq!(sniff(b"%PDF-1.7 ..."), Some("application/pdf"));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff(b"MZ\x90\x00 an exe called scan.pdf"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn the_extension_follows_the_content() {
        assert_eq!(
            with_true_extension("brev.html", "application/pdf"),
            "brev.pdf"
        );
        assert_eq!(with_true_extension("scan.JPEG", "image/jpeg"), "scan.JPEG");
        assert_eq!(with_true_extension("foto", "image/png"), "foto.png");
        assert_eq!(
            with_true_extension(".htaccess", "image/png"),
            ".htaccess.png"
        );
        assert_eq!(
            with_true_extension("a.pdf.exe", "application/pdf"),
            "a.pdf.pdf"
        );
    }

    #[test]
    fn file_names_lose_paths_and_control_characters() {
        let mut h = HeaderMap::new();
        h.insert(
            "x-file-name",
            HeaderValue::from_static("..%2F..%2Fetc%2Fl%C3%A6ge%0A.pdf"),
        );
        assert_eq!(clean_name(&h), "læge.pdf");
        assert_eq!(clean_name(&HeaderMap::new()), "dokument");
    }
}
