//! Applicants' satisfaction ratings of returned dossiers, one per dossier;
//! a rating moves the indicator tally in the same write.

use chrono::{DateTime, Utc};
use sqlx::Row;

use crate::encoding::{instant, parse_instant};
use crate::indicators::refresh_measures;
use crate::{Store, StoreError, StoreResult};

/// An applicant's satisfaction with a returned dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatingRecord {
    pub province_code: String,
    pub dossier_id: String,
    /// `very_satisfied`, `satisfied` or `not_satisfied`.
    pub rating: String,
    pub comment: String,
    pub rated_by: String,
    pub rated_at: DateTime<Utc>,
}

impl Store {
    /// Records a rating; [`StoreError::Duplicate`] if the dossier was rated already.
    pub async fn save_rating(&self, rating: &RatingRecord) -> StoreResult<()> {
        let rating = rating.clone();
        self.write(move |conn| {
            Box::pin(async move {
                let inserted = sqlx::query(
                    "INSERT INTO ratings (province_code, dossier_id, rating, comment, rated_by, rated_at)
                     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (province_code, dossier_id) DO NOTHING",
                )
                .bind(&rating.province_code)
                .bind(&rating.dossier_id)
                .bind(&rating.rating)
                .bind(&rating.comment)
                .bind(&rating.rated_by)
                .bind(instant(rating.rated_at))
                .execute(&mut *conn)
                .await?
                .rows_affected();
                if inserted != 1 {
                    return Err(StoreError::Duplicate);
                }
                refresh_measures(conn, &rating.province_code, &rating.dossier_id).await
            })
        })
        .await
    }

    /// A dossier's rating, if it was rated.
    pub async fn rating(&self, province_code: &str, dossier_id: &str) -> StoreResult<Option<RatingRecord>> {
        let row = sqlx::query(
            "SELECT province_code, dossier_id, rating, comment, rated_by, rated_at FROM ratings
             WHERE province_code = $1 AND dossier_id = $2",
        )
        .bind(province_code)
        .bind(dossier_id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(RatingRecord {
            province_code: row.try_get("province_code")?,
            dossier_id: row.try_get("dossier_id")?,
            rating: row.try_get("rating")?,
            comment: row.try_get("comment")?,
            rated_by: row.try_get("rated_by")?,
            rated_at: parse_instant(&row.try_get::<String, _>("rated_at")?)?,
        }))
    }
}
