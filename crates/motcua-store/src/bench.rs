//! The minimal durable insert that benchmarks compare other writes against.

use chrono::Utc;

use crate::encoding::instant;
use crate::{Store, StoreResult};

impl Store {
    /// Inserts one row and commits it durably.
    pub async fn insert_bench_row(&self) -> StoreResult<()> {
        let _turn = self.writer().await;
        sqlx::query("INSERT INTO bench_writes (created_at) VALUES ($1)")
            .bind(instant(Utc::now()))
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
