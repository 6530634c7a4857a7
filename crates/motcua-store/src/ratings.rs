//! Applicants' satisfaction ratings of returned dossiers, one per dossier;
//! a rating moves the indicator tally in the same write.

use chrono::{DateTime, Utc};

use crate::encoding::{instant, parse_instant};
use crate::indicators::refresh_measures;
use crate::row::{self, Columns, Row};
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

/// A rating's row.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RatingRow {
    province_code: String,
    dossier_id: String,
    rating: String,
    comment: String,
    rated_by: String,
    rated_at: String,
}

impl Row for RatingRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("province_code", &mut self.province_code);
        c.text("dossier_id", &mut self.dossier_id);
        c.text("rating", &mut self.rating);
        c.text("comment", &mut self.comment);
        c.text("rated_by", &mut self.rated_by);
        c.text("rated_at", &mut self.rated_at);
    }
}

impl From<&RatingRecord> for RatingRow {
    fn from(r: &RatingRecord) -> RatingRow {
        RatingRow {
            province_code: r.province_code.clone(),
            dossier_id: r.dossier_id.clone(),
            rating: r.rating.clone(),
            comment: r.comment.clone(),
            rated_by: r.rated_by.clone(),
            rated_at: instant(r.rated_at),
        }
    }
}

impl TryFrom<RatingRow> for RatingRecord {
    type Error = StoreError;

    fn try_from(r: RatingRow) -> StoreResult<RatingRecord> {
        Ok(RatingRecord {
            province_code: r.province_code,
            dossier_id: r.dossier_id,
            rating: r.rating,
            comment: r.comment,
            rated_by: r.rated_by,
            rated_at: parse_instant(&r.rated_at)?,
        })
    }
}

impl Store {
    /// Records a rating; [`StoreError::Duplicate`] if the dossier was rated already.
    pub async fn save_rating(&self, rating: &RatingRecord) -> StoreResult<()> {
        let rating = RatingRow::from(rating);
        self.write(move |conn| {
            Box::pin(async move {
                let mut insert = row::insert("ratings", &rating);
                insert.push(" ON CONFLICT (province_code, dossier_id) DO NOTHING");
                let inserted = insert.build().execute(&mut *conn).await?.rows_affected();
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
        let row = sqlx::query(&format!(
            "SELECT {} FROM ratings WHERE province_code = $1 AND dossier_id = $2",
            row::column_list::<RatingRow>(None)
        ))
        .bind(province_code)
        .bind(dossier_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(|r| RatingRecord::try_from(row::read::<RatingRow>(r)?)).transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_a_rating_row_has_its_column() {
        row::tests::round_trips(&RatingRow {
            province_code: "a".into(),
            dossier_id: "b".into(),
            rating: "c".into(),
            comment: "d".into(),
            rated_by: "e".into(),
            rated_at: "f".into(),
        });
    }
}
