//! The electronic receipt (biên lai điện tử) of a payment made online: what
//! it shows for the payer, and what anyone holding its number can check.

use motcua_domain::payments::{OrderStatus, PaymentOrder};

use super::*;

/// Everything a payment's receipt shows, in no language yet.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceiptContent {
    pub order: PaymentOrder,
    pub dossier: Dossier,
    pub province_name: String,
    /// The agency the charges are paid to, which issues the receipt.
    pub agency_name: String,
    pub procedure_name: String,
    /// Where the receipt can be checked: its QR code holds this address.
    pub check_url: String,
}

/// A receipt as anyone holding its number may check it: no personal data.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedReceipt {
    pub order: PaymentOrder,
    pub dossier_code: String,
    pub agency_name: String,
}

/// Where the receipt of `order_id` is checked, under the site's public address.
pub fn receipt_check_path(order_id: &str) -> String {
    format!("/bien-lai/{order_id}")
}

impl App {
    /// The receipt of a paid order of a dossier the caller may see.
    pub async fn payment_receipt(
        &self,
        principal: &Principal,
        reference: &str,
        order_id: &str,
    ) -> AppResult<ReceiptContent> {
        let view = self.dossier(principal, reference).await?;
        let order = self
            .paid_orders(&view)
            .await?
            .into_iter()
            .find(|order| order.id == order_id)
            .ok_or_else(|| AppError::not_found("receipt", order_id))?;
        let dossier = view.dossier;
        let province_name = self.province_name(&dossier.province_code).await?;
        let agency_name = self.agency_name(&dossier).await?;
        let procedure_name = self.procedure(&dossier.procedure_code).await?.entry.summary.name;
        let check_url = format!("{}{}", self.public_url(), receipt_check_path(&order.id));
        Ok(ReceiptContent { order, dossier, province_name, agency_name, procedure_name, check_url })
    }

    /// A paid order's receipt, for anyone holding its number (a random
    /// 128-bit id, printed on the receipt and held by its QR code).
    pub async fn check_receipt(&self, order_id: &str) -> AppResult<CheckedReceipt> {
        let not_found = || AppError::not_found("receipt", order_id);
        let order = self.store().payment_order(order_id.trim()).await?.ok_or_else(not_found)?;
        if order.status != OrderStatus::Paid {
            return Err(not_found());
        }
        let dossier = self.store().dossier(&order.dossier_id).await?.ok_or_else(not_found)?;
        let agency_name = self.agency_name(&dossier).await?;
        Ok(CheckedReceipt { dossier_code: dossier.reference(), order, agency_name })
    }
}
