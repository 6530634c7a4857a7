//! The outbox of messages (e-mail, SMS): queued in the transaction of what
//! caused them, then sent by the notifier, which marks each one sent.

use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

use crate::encoding::{instant, parse_instant, parse_optional_instant};
use crate::row::{self, Columns, Row};
use crate::{Store, StoreError, StoreResult};

/// A message to someone, waiting in the outbox until the notifier sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationRecord {
    pub id: String,
    /// `email` or `sms`.
    pub channel: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// A message's row.
#[derive(Debug, Clone, Default, PartialEq)]
struct NotificationRow {
    id: String,
    channel: String,
    recipient: String,
    subject: String,
    body: String,
    created_at: String,
    sent_at: Option<String>,
}

impl Row for NotificationRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("id", &mut self.id);
        c.text("channel", &mut self.channel);
        c.text("recipient", &mut self.recipient);
        c.text("subject", &mut self.subject);
        c.text("body", &mut self.body);
        c.text("created_at", &mut self.created_at);
        c.optional_text("sent_at", &mut self.sent_at);
    }
}

impl From<&NotificationRecord> for NotificationRow {
    fn from(n: &NotificationRecord) -> NotificationRow {
        NotificationRow {
            id: n.id.clone(),
            channel: n.channel.clone(),
            recipient: n.recipient.clone(),
            subject: n.subject.clone(),
            body: n.body.clone(),
            created_at: instant(n.created_at),
            sent_at: n.sent_at.map(instant),
        }
    }
}

impl TryFrom<NotificationRow> for NotificationRecord {
    type Error = StoreError;

    fn try_from(r: NotificationRow) -> StoreResult<NotificationRecord> {
        Ok(NotificationRecord {
            id: r.id,
            channel: r.channel,
            recipient: r.recipient,
            subject: r.subject,
            body: r.body,
            created_at: parse_instant(&r.created_at)?,
            sent_at: parse_optional_instant(r.sent_at.as_deref())?,
        })
    }
}

/// Queues a message inside the caller's write, unsent whatever the record says.
pub(crate) async fn enqueue(conn: &mut AnyConnection, message: &NotificationRecord) -> StoreResult<()> {
    let row = NotificationRow { sent_at: None, ..NotificationRow::from(message) };
    row::insert("notifications", &row).build().execute(&mut *conn).await?;
    Ok(())
}

impl Store {
    /// Messages not sent yet, oldest first.
    pub async fn unsent_notifications(&self, limit: i64) -> StoreResult<Vec<NotificationRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {} FROM notifications WHERE sent_at IS NULL ORDER BY created_at LIMIT $1",
            row::column_list::<NotificationRow>(None)
        ))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| NotificationRecord::try_from(row::read::<NotificationRow>(r)?)).collect()
    }

    /// Marks a message sent, once; a message already marked keeps its time.
    pub async fn mark_notification_sent(&self, id: &str, at: DateTime<Utc>) -> StoreResult<()> {
        let id = id.to_owned();
        self.write(move |conn| {
            Box::pin(async move {
                sqlx::query("UPDATE notifications SET sent_at = $1 WHERE id = $2 AND sent_at IS NULL")
                    .bind(instant(at))
                    .bind(id)
                    .execute(&mut *conn)
                    .await?;
                Ok(())
            })
        })
        .await
    }

    /// Marks every queued message sent without sending it: for a demo's
    /// made-up history, whose messages nobody should receive.
    pub async fn discard_unsent_notifications(&self, at: DateTime<Utc>) -> StoreResult<u64> {
        self.write(move |conn| {
            Box::pin(async move {
                Ok(sqlx::query("UPDATE notifications SET sent_at = $1 WHERE sent_at IS NULL")
                    .bind(instant(at))
                    .execute(&mut *conn)
                    .await?
                    .rows_affected())
            })
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_a_notification_row_has_its_column() {
        row::tests::round_trips(&NotificationRow {
            id: "a".into(),
            channel: "b".into(),
            recipient: "c".into(),
            subject: "d".into(),
            body: "e".into(),
            created_at: "f".into(),
            sent_at: Some("g".into()),
        });
    }
}
