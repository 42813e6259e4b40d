//! Turns an outbox row into an email: plain text and HTML from the templates, the words from
//! the recipient's language in `shared::i18n::email`, and the headers every email carries.

use std::sync::LazyLock;
use std::time::{Duration, SystemTime};

use lettre::Message;
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use minijinja::{Environment, context};
use shared::Lang;
use shared::i18n::{fill, texts};

use super::outbox::Kind;
use crate::db::Timestamp;

static TEMPLATES: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut env = Environment::new();
    // Both are ours and fixed; a broken one is a bug the tests find at once.
    env.add_template("email.txt", include_str!("templates/email.txt"))
        .expect("the text template parses");
    env.add_template("email.html", include_str!("templates/email.html"))
        .expect("the HTML template parses");
    // Only the HTML part escapes; the text part is plain text.
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") {
            minijinja::AutoEscape::Html
        } else {
            minijinja::AutoEscape::None
        }
    });
    env
});

/// Marks the email as sent by a machine, so auto-responders stay quiet (RFC 3834).
#[derive(Clone)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(AutoSubmitted)
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".into())
    }
}

/// Where to turn notifications off: the settings page itself, never a link with a token.
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(s.to_string()))
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), format!("<{}>", self.0))
    }
}

/// What the templates need besides the kind.
pub struct Envelope<'a> {
    pub from: &'a Mailbox,
    pub to: Mailbox,
    pub lang: Lang,
    pub message_id: &'a str,
    pub portal_url: &'a str,
    pub settings_url: &'a str,
    pub date: Timestamp,
    /// For an email about a meeting.
    pub meeting: Option<&'a MeetingMail>,
}

/// What an email about a meeting says: the kind of meeting ("telefonmøde"), when ("den
/// 8.12.2026 kl. 09:30"), and the calendar file for confirmations.
pub struct MeetingMail {
    pub what: String,
    pub at: String,
    pub ics: Option<String>,
}

/// The email for `kind`; `code` only for a confirmation code.
pub fn compose(kind: Kind, envelope: &Envelope<'_>, code: Option<&str>) -> anyhow::Result<Message> {
    let t = texts(envelope.lang).email;
    let (subject, lead, more, show_link, why) = match kind {
        Kind::NewMessage => (
            t.new_message_subject,
            t.new_message_lead.to_string(),
            vec![],
            true,
            true,
        ),
        Kind::CaseworkerOverdue => (
            t.overdue_subject,
            t.overdue_lead.to_string(),
            vec![],
            true,
            false,
        ),
        Kind::ConfirmationCode => (
            t.code_subject,
            fill(t.code_lead, code.unwrap_or_default()),
            vec![t.code_expiry, t.code_not_you],
            false,
            false,
        ),
        Kind::MeetingBooked
        | Kind::MeetingCalledIn
        | Kind::MeetingMoved
        | Kind::MeetingCancelled
        | Kind::MeetingReminder => {
            let (subject, lead) = match kind {
                Kind::MeetingBooked => (t.meeting_booked_subject, t.meeting_booked_lead),
                Kind::MeetingCalledIn => (t.meeting_called_in_subject, t.meeting_called_in_lead),
                Kind::MeetingMoved => (t.meeting_moved_subject, t.meeting_moved_lead),
                Kind::MeetingCancelled => (t.meeting_cancelled_subject, t.meeting_cancelled_lead),
                _ => (t.meeting_reminder_subject, t.meeting_reminder_lead),
            };
            let m = envelope
                .meeting
                .ok_or_else(|| anyhow::anyhow!("a meeting email without its meeting"))?;
            let more = if m.ics.is_some() {
                vec![t.meeting_calendar_hint]
            } else {
                vec![]
            };
            (subject, fill(&fill(lead, &m.what), &m.at), more, true, true)
        }
    };
    let lang = match envelope.lang {
        Lang::Da => "da",
        Lang::En => "en",
    };
    let values = context! {
        lang, subject, lead, more, show_link,
        greeting => t.greeting,
        log_in => t.log_in,
        log_in_button => t.log_in.trim_end_matches(':'),
        portal_url => envelope.portal_url,
        signature => t.signature,
        do_not_reply => t.do_not_reply,
        why => if why { t.why_you_get_this } else { "" },
        settings_label => t.settings_link.trim_end_matches(':'),
        settings_url => envelope.settings_url,
    };
    let text = TEMPLATES.get_template("email.txt")?.render(&values)?;
    let html = TEMPLATES.get_template("email.html")?.render(&values)?;
    let date = SystemTime::UNIX_EPOCH + Duration::from_millis(envelope.date.millis().max(0) as u64);
    let mut builder = Message::builder()
        .from(envelope.from.clone())
        .to(envelope.to.clone())
        .subject(subject)
        .message_id(Some(envelope.message_id.to_string()))
        .date(date)
        .header(AutoSubmitted);
    if why {
        builder = builder.header(ListUnsubscribe(envelope.settings_url.to_string()));
    }
    let body = MultiPart::alternative()
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_PLAIN)
                .body(tidy(&text)),
        )
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_HTML)
                .body(html),
        );
    let ics = envelope.meeting.and_then(|m| m.ics.clone());
    Ok(match ics {
        None => builder.multipart(body)?,
        Some(ics) => {
            let method = if ics.contains("METHOD:CANCEL") {
                "CANCEL"
            } else {
                "PUBLISH"
            };
            let calendar = Attachment::new("moede.ics".to_string()).body(
                ics,
                ContentType::parse(&format!("text/calendar; charset=utf-8; method={method}"))?,
            );
            builder.multipart(MultiPart::mixed().multipart(body).singlepart(calendar))?
        }
    })
}

/// The text template leaves blank lines where optional parts were; keep at most one.
fn tidy(text: &str) -> String {
    let mut out = String::new();
    let mut blank = 0;
    for line in text.lines() {
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.trim().to_string() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_renders_in_both_languages_with_the_headers_it_needs() {
        let from: Mailbox = "Sammen <ikke-svar@kommune.dk>".parse().unwrap();
        for lang in [Lang::Da, Lang::En] {
            for kind in [
                Kind::NewMessage,
                Kind::CaseworkerOverdue,
                Kind::ConfirmationCode,
            ] {
                let envelope = Envelope {
                    from: &from,
                    to: "borger@example.dk".parse().unwrap(),
                    lang,
                    message_id: "<abc@sammen.test>",
                    portal_url: "https://sammen.test/",
                    settings_url: "https://sammen.test/min-profil",
                    date: Timestamp(1_764_600_000_000),
                    meeting: None,
                };
                let raw = String::from_utf8(
                    compose(kind, &envelope, Some("123456"))
                        .unwrap()
                        .formatted(),
                )
                .unwrap();
                assert!(raw.contains("Message-ID: <abc@sammen.test>"), "{raw}");
                assert!(raw.contains("Auto-Submitted: auto-generated"));
                assert!(raw.contains("Date: "));
                assert!(raw.contains("text/plain") && raw.contains("text/html"));
                assert_eq!(
                    raw.contains("List-Unsubscribe: <https://sammen.test/min-profil>"),
                    kind == Kind::NewMessage
                );
            }
        }
    }
}
