//! The minimal durable insert that benchmarks compare other writes against.

use chrono::Utc;

use crate::encoding::instant;
use crate::{Store, StoreResult};

impl Store {
    /// Inserts one row and commits it durably.
    pub async fn insert_bench_row(&self) -> StoreResult<()> {
        let now = instant(Utc::now());
        self.write(move |conn| {
            Box::pin(async move {
                sqlx::query("INSERT INTO bench_writes (created_at) VALUES ($1)").bind(now).execute(&mut *conn).await?;
                Ok(())
            })
        })
        .await
    }
}
