//! What an applicant asked to pay needs to know: how much, and, until a
//! payment gateway is connected, where and when to pay at a counter.

use motcua_domain::organisation::ServicePoint;

use super::*;

/// The payment a dossier waits for.
#[derive(Debug, Clone, PartialEq)]
pub struct PaymentDue {
    /// What the payment request asked for, in whole đồng.
    pub amount_dong: i64,
    /// The service point whose counter takes the payment: the one that received the dossier.
    pub pay_at: ServicePoint,
    /// The competent agency's name, which the payment is made to.
    pub agency_name: String,
}

impl App {
    /// The payment the dossier waits for, if it waits for one.
    pub(super) async fn payment_due(&self, dossier: &Dossier) -> AppResult<Option<PaymentDue>> {
        if dossier.status() != Status::PaymentRequested {
            return Ok(None);
        }
        let Some(pay_at) = self.store().service_point(&dossier.service_point).await? else {
            return Ok(None);
        };
        let agency_name = self.agency_name(dossier).await?;
        // The payment request set the dossier's fee to the amount it asked for.
        Ok(Some(PaymentDue { amount_dong: dossier.fee_dong, pay_at, agency_name }))
    }
}
