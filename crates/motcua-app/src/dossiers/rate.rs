//! The applicant's satisfaction rating, after the result was returned.

use motcua_domain::Reason;
use motcua_domain::dossier::Satisfaction;
pub use motcua_store::RatingRecord;

use super::*;

impl App {
    /// Rates a returned dossier, once, as its applicant (or the person who
    /// submitted it for them).
    pub async fn rate_dossier(
        &self,
        principal: &Principal,
        reference: &str,
        rating: &str,
        comment: &str,
    ) -> AppResult<RatingRecord> {
        let dossier = self.visible_dossier(principal, reference).await?;
        let account = principal.account_id();
        if !matches!(principal, Principal::Citizen { .. })
            || (dossier.applicant.account() != Some(account) && dossier.submitter_account != account)
        {
            return Err(AppError::Forbidden { role: principal.role_name(), action: "rate" });
        }
        if dossier.status() != Status::Returned {
            return Err(DomainError::invalid("rating", Reason::RatedAfterReturn).into());
        }
        let satisfaction = Satisfaction::parse(rating.trim())?;
        satisfaction.check_comment(comment)?;
        let record = RatingRecord {
            province_code: dossier.province_code,
            dossier_id: dossier.id,
            rating: satisfaction.as_str().to_owned(),
            comment: comment.trim().to_owned(),
            rated_by: account.to_owned(),
            rated_at: Utc::now(),
        };
        match self.store().save_rating(&record).await {
            Ok(()) => Ok(record),
            Err(motcua_store::StoreError::Duplicate) => {
                Err(DomainError::invalid("rating", Reason::RatedAlready).into())
            }
            Err(other) => Err(other.into()),
        }
    }

    /// The rating of a dossier already read by someone who may see it, if it was rated.
    pub async fn dossier_rating(&self, view: &DossierView) -> AppResult<Option<RatingRecord>> {
        Ok(self.store().rating(&view.dossier.province_code, &view.dossier.id).await?)
    }
}
