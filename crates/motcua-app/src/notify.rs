//! Messages to applicants. A use case queues a message in the outbox in the
//! same write as what caused it; [`App::dispatch_notifications`] then hands
//! each unsent message to the [`Notifier`] and marks it sent. A message is
//! never lost by a crash (it stays queued) and is sent again only if the
//! crash came between sending and marking.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use chrono::Utc;
use motcua_domain::clock::to_vietnam_time;
use motcua_domain::dossier::Action;
use motcua_store::{DossierRecord, NotificationRecord};

use crate::{App, AppResult};

pub type NotifyFuture<'a> = Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>>;

/// Delivers one message (an email gateway, an SMS gateway, or the log).
/// Object-safe, so the application can hold an `Arc<dyn Notifier>`.
pub trait Notifier: Send + Sync + fmt::Debug {
    fn send<'a>(&'a self, message: &'a NotificationRecord) -> NotifyFuture<'a>;
}

/// Writes each message to the log: the notifier of development and of the
/// demo, where no mail or SMS gateway is configured.
#[derive(Debug, Clone, Copy, Default)]
pub struct LogNotifier;

impl Notifier for LogNotifier {
    fn send<'a>(&'a self, message: &'a NotificationRecord) -> NotifyFuture<'a> {
        Box::pin(async move {
            tracing::info!(
                channel = %message.channel,
                recipient = %masked(&message.recipient),
                subject = %message.subject,
                "notification: {}",
                message.body
            );
            Ok(())
        })
    }
}

/// The message that tells the applicant what happened to their dossier, for
/// the actions they need to know of; none when they left no contact. The
/// dossier is named `{code}`, which the store fills in when it writes.
pub fn status_message(
    dossier: &DossierRecord,
    action: Action,
    reason: Option<&str>,
    amount_dong: Option<i64>,
    public_url: &str,
) -> Option<NotificationRecord> {
    let when = |at: Option<chrono::DateTime<Utc>>| {
        at.map(|a| to_vietnam_time(a).format("%H:%M %d/%m/%Y").to_string()).unwrap_or_default()
    };
    let reason = reason.unwrap_or_default().trim();
    let page = format!("{public_url}/ho-so-cua-toi/{{code}}");
    let body = match action {
        Action::Receive => {
            format!("Hồ sơ {{code}} đã được tiếp nhận. Hẹn trả kết quả: {}. Theo dõi: {page}", when(dossier.due_at))
        }
        Action::RefuseAtReception => format!("Hồ sơ {{code}} không được tiếp nhận. Lý do: {reason}."),
        Action::RequestSupplement => format!("Hồ sơ {{code}} cần bổ sung giấy tờ: {reason}. Gửi bổ sung tại {page}"),
        Action::RequestPayment => {
            format!("Hồ sơ {{code}} cần nộp phí, lệ phí {} đồng. Xem tại {page}", amount_dong.unwrap_or(0))
        }
        Action::Extend => format!(
            "Xin lỗi: hồ sơ {{code}} cần thêm thời gian ({reason}). Hẹn trả kết quả mới: {}.",
            when(dossier.due_at)
        ),
        Action::Stop => format!("Hồ sơ {{code}} đã dừng xử lý. Lý do: {reason}."),
        Action::Approve => format!("Hồ sơ {{code}} đã có kết quả. Xem cách nhận tại {page}"),
        Action::Refuse => format!("Hồ sơ {{code}} bị từ chối giải quyết. Lý do: {reason}."),
        Action::Return => format!("Đã trả kết quả hồ sơ {{code}}. Mời bạn đánh giá mức độ hài lòng tại {page}"),
        Action::Supplement | Action::HandOver { .. } | Action::Pay | Action::Withdraw => return None,
    };
    let (channel, recipient) = if !dossier.applicant_email.trim().is_empty() {
        ("email", dossier.applicant_email.trim().to_owned())
    } else if !dossier.applicant_phone.trim().is_empty() {
        ("sms", dossier.applicant_phone.trim().to_owned())
    } else {
        return None;
    };
    Some(NotificationRecord {
        id: crate::accounts::random_id(),
        channel: channel.to_owned(),
        recipient,
        subject: "Hồ sơ {code}".to_owned(),
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
}
