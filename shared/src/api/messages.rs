//! "Beskeder" (the citizen) and "Indbakke" (the caseworker): conversations between a citizen
//! and the jobcentre, drafts, and the citizen's email address for notifications.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{CaseworkerContact, Party};

/// What a conversation is about, chosen by the one who starts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    Plan,
    Meeting,
    Health,
    Money,
    Other,
}

impl Topic {
    pub const ALL: [Topic; 5] = [
        Topic::Plan,
        Topic::Meeting,
        Topic::Health,
        Topic::Money,
        Topic::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Topic::Plan => "plan",
            Topic::Meeting => "meeting",
            Topic::Health => "health",
            Topic::Money => "money",
            Topic::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// "Ny besked": the first message of a new conversation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewConversationRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 120))]
    pub subject: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 5000))]
    pub body: String,
    #[serde(default)]
    pub topic: Option<Topic>,
    /// Made by the client once per message it means to send; a retry with the same key never
    /// creates a second message and gets the first one's answer.
    #[cfg_attr(feature = "openapi", schema(max_length = 64, min_length = 8))]
    pub idempotency_key: String,
    /// Files uploaded first (`/attachments`), at most 5.
    #[serde(default)]
    pub attachments: Vec<Uuid>,
}

/// A file sent with a message: a PDF, JPEG or PNG of at most 10 MB.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttachmentMeta {
    pub id: Uuid,
    pub file_name: String,
    pub content_type: String,
    pub size: u64,
}

/// A reply in an open conversation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewMessageRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 5000))]
    pub body: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 64, min_length = 8))]
    pub idempotency_key: String,
    #[serde(default)]
    pub attachments: Vec<Uuid>,
}

/// What a sent message became.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SentResponse {
    pub conversation_id: Uuid,
    pub message_id: Uuid,
    /// For a citizen's message: the last day the jobcentre promises to answer (YYYY-MM-DD).
    pub answer_by: Option<String>,
}

/// One conversation in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConversationSummary {
    pub id: Uuid,
    pub citizen_id: Uuid,
    pub citizen_name: String,
    pub subject: String,
    pub topic: Option<Topic>,
    /// The caseworker who answers.
    pub caseworker_name: String,
    /// RFC 3339.
    pub last_message_at: String,
    pub last_from: Party,
    /// Holds a message from the other side that the viewer has not opened.
    pub unread: bool,
    /// The citizen has written and is waiting for an answer since (RFC 3339).
    pub waiting_since: Option<String>,
    /// The promised answer date (YYYY-MM-DD) while the citizen waits.
    pub answer_by: Option<String>,
    /// The promised date has passed without an answer.
    pub overdue: bool,
    pub closed: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConversationsResponse {
    /// Newest first.
    pub conversations: Vec<ConversationSummary>,
    /// Conversations with something unread.
    pub unread: u32,
    /// Who a new message from the citizen goes to: the primary caseworker, or while they are
    /// away the backup.
    pub recipient: Option<CaseworkerContact>,
    /// Set while the primary caseworker is away and the backup answers.
    pub cover: Option<CoverNotice>,
}

/// "Mette Hansen er væk til og med 14. december. Lars Jensen svarer imens."
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CoverNotice {
    pub away_name: String,
    /// The last day away (YYYY-MM-DD).
    pub away_until: String,
}

/// A caseworker's time away (both days included), during which their backup answers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Away {
    /// YYYY-MM-DD; both empty when not away.
    pub from: Option<String>,
    pub until: Option<String>,
}

/// A colleague in the same team, to hand a conversation to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Colleague {
    pub id: Uuid,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamResponse {
    pub team: String,
    /// Everyone in the team but the caseworker asking.
    pub colleagues: Vec<Colleague>,
    pub away: Away,
}

/// Hands a conversation to a colleague; the note is shown to the citizen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HandoverRequest {
    pub to: Uuid,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Message {
    pub id: Uuid,
    pub from: Party,
    /// The caseworker's name, or the citizen's.
    pub author_name: String,
    pub body: String,
    /// RFC 3339.
    pub sent_at: String,
    /// Opened by the other side ("Læst af jobcentret").
    pub read: bool,
    pub attachments: Vec<AttachmentMeta>,
}

/// What the caseworker should keep in mind when answering, from the citizen's profile.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReplyHints {
    pub easy_read: bool,
    pub written_summary: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConversationResponse {
    pub summary: ConversationSummary,
    /// Oldest first, as a conversation reads.
    pub messages: Vec<Message>,
    /// Marked "kræver ikke svar" by the caseworker.
    pub no_reply_needed: bool,
    /// Only for the caseworker.
    pub hints: Option<ReplyHints>,
}

/// Which conversations the inbox shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InboxFilter {
    /// Citizens waiting for an answer ("venter på mig").
    #[default]
    Waiting,
    /// Past the promised date ("overskredet").
    Overdue,
    All,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InboxResponse {
    /// One page: longest waiting first, then newest.
    pub conversations: Vec<ConversationSummary>,
    /// Of all the caseworker's conversations, not only this page's.
    pub waiting: u32,
    pub overdue: u32,
    /// Conversations that match the filter and search, on all pages.
    pub total: u32,
    /// This page (from 1) and how many there are.
    pub page: u32,
    pub pages: u32,
}

/// What someone was typing, kept on the server so no device, timeout or closed tab loses it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Draft {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 120))]
    pub subject: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 5000))]
    pub body: String,
    #[serde(default)]
    pub topic: Option<Topic>,
}

/// The citizen's address for notifications, and what they want to hear about.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmailSettings {
    pub address: Option<String>,
    pub confirmed: bool,
    /// A code was sent and is waiting to be typed in.
    pub code_pending: bool,
    pub notify: NotifyChoices,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotifyChoices {
    pub messages: bool,
    pub meetings: bool,
    pub plan: bool,
}

impl Default for NotifyChoices {
    fn default() -> Self {
        NotifyChoices {
            messages: true,
            meetings: true,
            plan: true,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmailAddressRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 254))]
    pub address: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmCodeRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 6, min_length = 6))]
    pub code: String,
}
