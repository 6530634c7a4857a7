//! The outbox of messages (e-mail, SMS): queued in the transaction of what
//! caused them, then sent by the notifier, which marks each one sent.

use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::encoding::{instant, parse_instant};
use crate::{Store, StoreResult};

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

fn notification_from_row(row: &AnyRow) -> StoreResult<NotificationRecord> {
    Ok(NotificationRecord {
        id: row.try_get("id")?,
        channel: row.try_get("channel")?,
        recipient: row.try_get("recipient")?,
        subject: row.try_get("subject")?,
        body: row.try_get("body")?,
        created_at: parse_instant(&row.try_get::<String, _>("created_at")?)?,
        sent_at: row.try_get::<Option<String>, _>("sent_at")?.as_deref().map(parse_instant).transpose()?,
    })
}

/// Queues a message inside the caller's write.
pub(crate) async fn enqueue(conn: &mut AnyConnection, message: &NotificationRecord) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO notifications (id, channel, recipient, subject, body, created_at, sent_at)
         VALUES ($1, $2, $3, $4, $5, $6, NULL)",
    )
    .bind(&message.id)
    .bind(&message.channel)
    .bind(&message.recipient)
    .bind(&message.subject)
    .bind(&message.body)
    .bind(instant(message.created_at))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl Store {
    /// Messages not sent yet, oldest first.
    pub async fn unsent_notifications(&self, limit: i64) -> StoreResult<Vec<NotificationRecord>> {
        let rows = sqlx::query(
            "SELECT id, channel, recipient, subject, body, created_at, sent_at FROM notifications
             WHERE sent_at IS NULL ORDER BY created_at LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(notification_from_row).collect()
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
