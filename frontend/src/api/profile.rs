//! "Min profil" and the caseworker's view of it.

use shared::api::{
    Accommodations, Competence, CompetenceData, ConsentRequest, ConsentState, DocumentMeta,
    Limitation, LimitationInput, ProfileResponse,
};
use uuid::Uuid;

use super::{ApiFailure, Whose, get, send, send_no_content, upload};

pub async fn load(whose: &Whose) -> Result<ProfileResponse, ApiFailure> {
    get(&whose.path("/profile")).await
}

pub async fn add_competence(data: &CompetenceData) -> Result<Competence, ApiFailure> {
    send("POST", "/me/competences", data).await
}

pub async fn update_competence(id: Uuid, data: &CompetenceData) -> Result<Competence, ApiFailure> {
    send("PUT", &format!("/me/competences/{id}"), data).await
}

pub async fn delete_competence(id: Uuid) -> Result<(), ApiFailure> {
    send_no_content::<()>("DELETE", &format!("/me/competences/{id}"), None).await
}

pub async fn add_limitation(input: &LimitationInput) -> Result<Limitation, ApiFailure> {
    send("POST", "/me/limitations", input).await
}

pub async fn update_limitation(
    id: Uuid,
    input: &LimitationInput,
) -> Result<Limitation, ApiFailure> {
    send("PUT", &format!("/me/limitations/{id}"), input).await
}

pub async fn delete_limitation(id: Uuid) -> Result<(), ApiFailure> {
    send_no_content::<()>("DELETE", &format!("/me/limitations/{id}"), None).await
}

/// Adds a document to a limitation (checked by content on the server).
pub async fn upload_document(
    limitation: Uuid,
    file: &web_sys::File,
) -> Result<DocumentMeta, ApiFailure> {
    upload(&format!("/me/limitations/{limitation}/documents"), file).await
}

pub async fn delete_document(id: Uuid) -> Result<(), ApiFailure> {
    send_no_content::<()>("DELETE", &format!("/me/documents/{id}"), None).await
}

/// The address a document downloads from (always as a download).
pub fn document_link(whose: &Whose, id: Uuid) -> String {
    whose.link(&format!("/documents/{id}"))
}

pub async fn set_accommodations(a: &Accommodations) -> Result<Accommodations, ApiFailure> {
    send("PUT", "/me/accommodations", a).await
}

pub async fn set_consent(given: bool) -> Result<ConsentState, ApiFailure> {
    send("PUT", "/me/consent", &ConsentRequest { given }).await
}
