//! Messages to applicants. A use case queues a message in the outbox in the
//! same write as what caused it; [`App::dispatch_notifications`] then hands
//! each unsent message to the [`Notifier`] and marks it sent. A message is
//! never lost by a crash (it stays queued) and is sent again only if the
//! crash came between sending and marking.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use chrono::Utc;
use motcua_store::NotificationRecord;

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
