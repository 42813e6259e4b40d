//! "Beskeder", the caseworker's inbox and the email settings: each action at the citizen's or
//! the caseworker's address, by `Whose`.

use shared::api::{
    ConfirmCodeRequest, ConversationResponse, ConversationsResponse, Draft, EmailAddressRequest,
    EmailSettings, InboxFilter, InboxResponse, NewConversationRequest, NewMessageRequest,
    NotifyChoices, SentResponse,
};
use uuid::Uuid;

use super::{ApiFailure, Whose, get, send, send_no_content, upload_with_progress};

pub async fn conversations(whose: &Whose) -> Result<ConversationsResponse, ApiFailure> {
    get(&whose.path("/conversations")).await
}

pub async fn conversation(whose: &Whose, id: &str) -> Result<ConversationResponse, ApiFailure> {
    let id = String::from(js_sys::encode_uri_component(id));
    get(&whose.path(&format!("/conversations/{id}"))).await
}

/// Starts a conversation; a retry with the same key is answered as the first send was.
pub async fn start(
    whose: &Whose,
    request: &NewConversationRequest,
) -> Result<SentResponse, ApiFailure> {
    send("POST", &whose.path("/conversations"), request).await
}

pub async fn reply(
    whose: &Whose,
    conversation: Uuid,
    request: &NewMessageRequest,
) -> Result<SentResponse, ApiFailure> {
    send(
        "POST",
        &whose.path(&format!("/conversations/{conversation}/messages")),
        request,
    )
    .await
}

/// "Kræver ikke svar" (the caseworker's).
pub async fn no_reply_needed(citizen: &Whose, conversation: Uuid) -> Result<(), ApiFailure> {
    send_no_content::<()>(
        "POST",
        &citizen.path(&format!("/conversations/{conversation}/no-reply-needed")),
        None,
    )
    .await
}

/// "Luk samtalen" (the caseworker's).
pub async fn close(citizen: &Whose, conversation: Uuid) -> Result<(), ApiFailure> {
    send_no_content::<()>(
        "POST",
        &citizen.path(&format!("/conversations/{conversation}/close")),
        None,
    )
    .await
}

/// Where a draft is kept: `new`, or a conversation's id.
pub fn draft_slot(conversation: Option<Uuid>) -> String {
    conversation.map_or_else(|| "new".to_string(), |c| c.to_string())
}

pub async fn draft(whose: &Whose, slot: &str) -> Result<Draft, ApiFailure> {
    get(&whose.path(&format!("/drafts/{slot}"))).await
}

pub async fn save_draft(whose: &Whose, slot: &str, draft: &Draft) -> Result<(), ApiFailure> {
    send_no_content("PUT", &whose.path(&format!("/drafts/{slot}")), Some(draft)).await
}

/// The caseworker's inbox.
pub async fn inbox(
    filter: InboxFilter,
    search: &str,
    page: u32,
) -> Result<InboxResponse, ApiFailure> {
    let filter = match filter {
        InboxFilter::Waiting => "waiting",
        InboxFilter::Overdue => "overdue",
        InboxFilter::All => "all",
    };
    let q = String::from(js_sys::encode_uri_component(search));
    get(&format!("/inbox?filter={filter}&q={q}&page={page}")).await
}

pub async fn email_settings() -> Result<EmailSettings, ApiFailure> {
    get("/me/email").await
}

/// Sets the address and sends a code to it.
pub async fn set_email(address: String) -> Result<EmailSettings, ApiFailure> {
    send("PUT", "/me/email", &EmailAddressRequest { address }).await
}

pub async fn confirm_email(code: String) -> Result<EmailSettings, ApiFailure> {
    send("POST", "/me/email/confirm", &ConfirmCodeRequest { code }).await
}

pub async fn set_notifications(choices: NotifyChoices) -> Result<EmailSettings, ApiFailure> {
    send("PUT", "/me/email/notifications", &choices).await
}

pub async fn remove_email() -> Result<(), ApiFailure> {
    send_no_content::<()>("DELETE", "/me/email", None).await
}

/// The caseworker's team and own time away.
pub async fn team() -> Result<shared::api::TeamResponse, ApiFailure> {
    get("/team").await
}

pub async fn set_away(away: &shared::api::Away) -> Result<shared::api::Away, ApiFailure> {
    send("PUT", "/away", away).await
}

pub async fn handover(
    citizen: &Whose,
    conversation: Uuid,
    request: &shared::api::HandoverRequest,
) -> Result<(), ApiFailure> {
    send_no_content(
        "POST",
        &citizen.path(&format!("/conversations/{conversation}/handover")),
        Some(request),
    )
    .await
}

/// Uploads a file to send with a message; `on_progress` hears the percentage sent.
pub async fn attach(
    whose: &Whose,
    file: &web_sys::File,
    on_progress: impl FnMut(u32) + 'static,
) -> Result<shared::api::AttachmentMeta, ApiFailure> {
    upload_with_progress(&whose.path("/attachments"), file, on_progress).await
}

/// The address of a sent file (a download the browser opens itself).
pub fn attachment_link(whose: &Whose, id: Uuid) -> String {
    whose.link(&format!("/attachments/{id}"))
}
