//! Messages to applicants. A use case queues a message in the outbox in the
//! same write as what caused it; [`App::dispatch_notifications`] then hands
//! each unsent message to the [`Notifier`] and marks it sent. A message is
//! never lost by a crash (it stays queued) and is sent again only if the
//! crash came between sending and marking.

use std::fmt;
use std::future::Future;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use motcua_domain::clock::to_vietnam_time;
use motcua_domain::dossier::{Action, Detail, Dossier, Event, EventKind};
use motcua_i18n::{Args, Locale, msg, text_with};
use motcua_store::NotificationRecord;
use serde::{Deserialize, Serialize};

use crate::{App, AppResult};

pub type NotifyFuture<'a> = Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>>;

/// Delivers one message (an email gateway, an SMS gateway, or a file).
/// Object-safe, so the application can hold an `Arc<dyn Notifier>`.
pub trait Notifier: Send + Sync + fmt::Debug {
    fn send<'a>(&'a self, message: &'a NotificationRecord) -> NotifyFuture<'a>;
}

/// Delivers nothing and says so in the log, naming only the channel and the
/// masked recipient: never the body, which may carry a one-time link. The
/// application's default until it is given a real notifier.
#[derive(Debug, Clone, Copy, Default)]
pub struct LogNotifier;

impl Notifier for LogNotifier {
    fn send<'a>(&'a self, message: &'a NotificationRecord) -> NotifyFuture<'a> {
        Box::pin(async move {
            tracing::info!(
                channel = %message.channel,
                recipient = %masked(&message.recipient),
                "a message was dropped: no notifier is configured"
            );
            Ok(())
        })
    }
}

/// One message as the file outbox keeps it: a line of JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub id: String,
    pub channel: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: DateTime<Utc>,
}

/// The notifier of development and of the demo, where no mail or SMS
/// gateway is configured: appends each message as one JSON line to a file
/// (flushed to disk before the message counts as sent), which
/// `motcua outbox show` prints. Messages carry one-time links, so they go
/// to this file and never to the log.
#[derive(Debug, Clone)]
pub struct FileOutbox {
    path: PathBuf,
    /// Keeps the lines of messages sent at once from interleaving.
    lock: Arc<Mutex<()>>,
}

impl FileOutbox {
    pub fn new(path: impl Into<PathBuf>) -> FileOutbox {
        FileOutbox { path: path.into(), lock: Arc::default() }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn append(&self, entry: &OutboxEntry) -> std::io::Result<()> {
        let mut line = serde_json::to_string(entry).map_err(std::io::Error::other)?;
        line.push('\n');
        let _held = self.lock.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(dir) = self.path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut file = std::fs::OpenOptions::new().create(true).append(true).open(&self.path)?;
        file.write_all(line.as_bytes())?;
        file.sync_data()
    }
}

impl Notifier for FileOutbox {
    fn send<'a>(&'a self, message: &'a NotificationRecord) -> NotifyFuture<'a> {
        Box::pin(async move {
            let entry = OutboxEntry {
                id: message.id.clone(),
                channel: message.channel.clone(),
                recipient: message.recipient.clone(),
                subject: message.subject.clone(),
                body: message.body.clone(),
                created_at: message.created_at,
                sent_at: Utc::now(),
            };
            let outbox = self.clone();
            tokio::task::spawn_blocking(move || outbox.append(&entry))
                .await
                .map_err(|error| error.to_string())?
                .map_err(|error| format!("writing {}: {error}", self.path.display()))?;
            tracing::info!(
                channel = %message.channel,
                recipient = %masked(&message.recipient),
                "a message was delivered to the file outbox"
            );
            Ok(())
        })
    }
}

/// The messages of a file outbox, oldest first; none when there is no file
/// yet. A line that cannot be read (a crash cut it short) is skipped.
pub fn read_outbox(path: &Path) -> std::io::Result<Vec<OutboxEntry>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(error),
    };
    Ok(text.lines().filter_map(|line| serde_json::from_str(line).ok()).collect())
}

/// Where a message names its dossier: the store puts the code in when it
/// writes the message, since a dossier may receive its code in that write.
const CODE: &str = "{code}";

/// The message that tells the applicant what happened to their dossier (the
/// event just recorded), for the actions they need to know of; none when
/// they left no contact. The dossier is named `{code}`, which the store
/// fills in when it writes; the texts are `notify-*` in the resources of
/// `motcua-i18n`.
pub fn status_message(dossier: &Dossier, event: &Event, public_url: &str) -> Option<NotificationRecord> {
    let when = |at: Option<DateTime<Utc>>| {
        at.map(|a| to_vietnam_time(a).format("%H:%M %d/%m/%Y").to_string()).unwrap_or_default()
    };
    let EventKind::Act(action) = event.kind else {
        return None;
    };
    let id = match action {
        Action::Receive => msg::NOTIFY_RECEIVED,
        Action::RefuseAtReception => msg::NOTIFY_REFUSED_AT_RECEPTION,
        Action::RequestSupplement => msg::NOTIFY_SUPPLEMENT_REQUESTED,
        Action::RequestPayment => msg::NOTIFY_PAYMENT_REQUESTED,
        Action::Extend => msg::NOTIFY_EXTENDED,
        Action::Stop => msg::NOTIFY_STOPPED,
        Action::Approve => msg::NOTIFY_APPROVED,
        Action::Refuse => msg::NOTIFY_REFUSED,
        Action::Return => msg::NOTIFY_RETURNED,
        Action::Supplement | Action::HandOver { .. } | Action::Pay | Action::Withdraw => return None,
    };
    let amount = match event.payload.detail {
        Detail::PaymentRequest { amount_dong } => amount_dong,
        _ => dossier.fee_dong,
    };
    let args = Args::new()
        .text("code", CODE)
        .text("page", format!("{public_url}/ho-so-cua-toi/{CODE}"))
        .text("due", when(dossier.due_at))
        .text("reason", event.payload.reason().unwrap_or_default().trim())
        .text("amount", amount.to_string());
    // The applicant's language is not recorded yet: messages go out in Vietnamese.
    let body = text_with(Locale::Vi, id, &args);
    let contact = &dossier.contact;
    let (channel, recipient) = if !contact.email.trim().is_empty() {
        ("email", contact.email.trim().to_owned())
    } else if !contact.phone.trim().is_empty() {
        ("sms", contact.phone.trim().to_owned())
    } else {
        return None;
    };
    Some(NotificationRecord {
        id: crate::accounts::random_id(),
        channel: channel.to_owned(),
        recipient,
        subject: text_with(Locale::Vi, msg::NOTIFY_SUBJECT, &Args::new().text("code", CODE)),
        body,
        created_at: Utc::now(),
        sent_at: None,
    })
}

/// A phone number or address with all but its last three characters hidden,
/// so that the log does not collect applicants' contacts.
fn masked(recipient: &str) -> String {
    let count = recipient.chars().count();
    recipient.chars().enumerate().map(|(i, c)| if i + 3 < count { '*' } else { c }).collect()
}

impl App {
    /// Sends what waits in the outbox, oldest first, at most `limit`
    /// messages; returns how many were sent. A message the notifier refuses
    /// stays queued for the next call.
    pub async fn dispatch_notifications(&self, limit: i64) -> AppResult<usize> {
        let mut sent = 0;
        for message in self.store().unsent_notifications(limit).await? {
            match self.notifier().send(&message).await {
                Ok(()) => {
                    self.store().mark_notification_sent(&message.id, Utc::now()).await?;
                    sent += 1;
                }
                Err(reason) => tracing::warn!(id = %message.id, %reason, "a notification could not be sent"),
            }
        }
        Ok(sent)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn contacts_are_masked_in_the_log() {
        assert_eq!(super::masked("0911000002"), "*******002");
        assert_eq!(super::masked("ab"), "ab");
    }

    #[tokio::test]
    async fn the_file_outbox_keeps_each_message_as_a_line_and_reads_them_back() {
        use super::Notifier;
        let dir = std::env::temp_dir().join(format!("motcua-outbox-unit-{}", std::process::id()));
        let path = dir.join("outbox").join("messages.jsonl");
        assert!(super::read_outbox(&path).expect("read").is_empty(), "no file yet: no messages");
        let outbox = super::FileOutbox::new(&path);
        for n in 1..=2 {
            let message = motcua_store::NotificationRecord {
                id: format!("m{n}"),
                channel: "sms".into(),
                recipient: "0911000002".into(),
                subject: "Đặt lại mật khẩu".into(),
                body: format!("Liên kết {n}\nhai dòng"),
                created_at: chrono::Utc::now(),
                sent_at: None,
            };
            outbox.send(&message).await.expect("sent");
        }
        let read = super::read_outbox(&path).expect("read");
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(read.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), ["m1", "m2"], "oldest first");
        assert_eq!(read[1].body, "Liên kết 2\nhai dòng");
        assert_eq!(read[0].recipient, "0911000002", "the file keeps the whole contact, the log does not");
    }
}
