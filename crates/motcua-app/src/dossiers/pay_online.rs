//! Paying a requested amount online: an order for what the dossier owes,
//! sent to a payment gateway, and settled once by what the gateway reports,
//! however many reports arrive, in whatever order (the server-to-server
//! notification and the citizen's browser coming back both report).

use motcua_domain::payments::{GatewayReport, OrderStatus, PaymentOrder, Settlement};
use motcua_store::{CallKind, PaymentCall};

use super::*;
use crate::gateway::{Handled, PayRequest, ReportOutcome};

impl App {
    /// A new order for what the dossier `reference` is asked to pay, made by
    /// its applicant (or whoever submitted it), and where to send them to pay
    /// it at the configured gateway.
    pub async fn start_payment(
        &self,
        principal: &Principal,
        reference: &str,
        request: &PayRequest<'_>,
    ) -> AppResult<(PaymentOrder, String)> {
        let gateway = self.gateway().ok_or(AppError::PaymentsOff)?;
        let dossier = self.visible_dossier(principal, reference).await?;
        if !matches!(principal, Principal::Citizen { .. }) || !may_act(principal, Action::Pay) {
            return Err(AppError::Forbidden { role: principal.role_name(), action: "pay_online" });
        }
        // Only a dossier waiting for its payment can be paid.
        dossier.lifecycle.apply(Action::Pay)?;
        let order = PaymentOrder::new(
            random_id(),
            (&dossier.province_code, &dossier.id),
            principal.account_id(),
            gateway.gateway(),
            dossier.fee_dong,
            Utc::now(),
        );
        self.store().create_payment_order(&order).await?;
        let url = gateway.payment_url(&order, request);
        Ok((order, url))
    }

    /// An order, for the one who made it.
    pub async fn payment_order(&self, principal: &Principal, id: &str) -> AppResult<PaymentOrder> {
        match self.store().payment_order(id).await? {
            Some(order) if order.payer_account == principal.account_id() => Ok(order),
            _ => Err(AppError::not_found("payment", id)),
        }
    }

    /// Handles a gateway's notification (its query string): the report is
    /// checked, then settled; the answer is what the gateway expects.
    pub async fn payment_notification(&self, query: &str) -> AppResult<(String, &'static str)> {
        let gateway = self.gateway().ok_or(AppError::PaymentsOff)?;
        let handled = match gateway.read_report(query) {
            Err(refused) => {
                tracing::warn!(?refused, "a payment notification was refused");
                Handled::Refused(refused)
            }
            Ok(report) => match self.settle_payment(&report).await {
                Ok((outcome, _)) => Handled::Outcome(outcome),
                Err(error) => {
                    tracing::error!(%error, "a payment notification could not be handled");
                    Handled::Failure
                }
            },
        };
        Ok(gateway.answer(&handled))
    }

    /// Handles the payer's browser coming back from the gateway: the report
    /// it carries settles the order as a notification would (whichever comes
    /// first settles it), and the order, as it now is, says where to go.
    pub async fn payment_return(&self, principal: &Principal, query: &str) -> AppResult<PaymentOrder> {
        let gateway = self.gateway().ok_or(AppError::PaymentsOff)?;
        let report = gateway.read_report(query).map_err(|refused| {
            tracing::warn!(?refused, "a payment return was refused");
            AppError::not_found("payment", "")
        })?;
        let order = self.payment_order(principal, &report.order_id).await?;
        let (_, settled) = self.settle_payment(&report).await?;
        Ok(settled.unwrap_or(order))
    }

    /// Settles the order a gateway reports on, the report's signature already
    /// checked. A paid order records the payment in the dossier's history in
    /// the same write; a dossier that no longer waits for it (paid at a
    /// counter meanwhile, withdrawn) keeps the money apart, queued for refund.
    pub async fn settle_payment(&self, report: &GatewayReport) -> AppResult<(ReportOutcome, Option<PaymentOrder>)> {
        for _ in 0..3 {
            let Some(order) = self.store().payment_order(&report.order_id).await? else {
                return Ok((ReportOutcome::UnknownOrder, None));
            };
            let now = Utc::now();
            match order.settle(report, now) {
                Settlement::AlreadySettled => return Ok((ReportOutcome::AlreadySettled, Some(order))),
                Settlement::AmountMismatch(flagged) => {
                    tracing::warn!(order = %order.id, reported = report.amount_dong, "a gateway reported another amount");
                    if self.store().update_payment_order(&flagged, OrderStatus::Pending, &[]).await? {
                        return Ok((ReportOutcome::AmountMismatch, Some(flagged)));
                    }
                }
                Settlement::Failed(failed) => {
                    if self.store().update_payment_order(&failed, OrderStatus::Pending, &[]).await? {
                        return Ok((ReportOutcome::Settled, Some(failed)));
                    }
                }
                Settlement::Paid(paid) => match self.record_gateway_payment(&paid).await {
                    Ok(()) => return Ok((ReportOutcome::Settled, Some(paid))),
                    Err(AppError::Conflict) => {}
                    Err(AppError::Domain(DomainError::TransitionNotAllowed { .. })) => {
                        let refund = refund_of(&paid, "the dossier no longer waited for this payment", now);
                        let (kept, calls) = refund.unwrap_or((paid.clone(), Vec::new()));
                        if self.store().update_payment_order(&kept, OrderStatus::Pending, &calls).await? {
                            tracing::warn!(order = %kept.id, "paid for a dossier that no longer waited: refund queued");
                            return Ok((ReportOutcome::Settled, Some(kept)));
                        }
                    }
                    Err(other) => return Err(other),
                },
            }
            // Another report settled the order between the read and the write: read it again.
        }
        Err(AppError::Conflict)
    }

    /// The payment in the dossier's history, written with the order it settles.
    async fn record_gateway_payment(&self, paid: &PaymentOrder) -> AppResult<()> {
        let payer = Principal::Citizen { id: paid.payer_account.clone() };
        let details = ActionDetails {
            input: ActionInput { transaction_reference: Some(paid.reference()), ..ActionInput::default() },
            documents: Vec::new(),
        };
        self.act_once(&payer, &paid.dossier_id, Action::Pay, &details, Some((paid, OrderStatus::Pending))).await?;
        Ok(())
    }
}

/// The order with its refund decided, and the call that will make it.
fn refund_of(order: &PaymentOrder, reason: &str, now: DateTime<Utc>) -> Option<(PaymentOrder, Vec<PaymentCall>)> {
    let refunded = order.refund_requested(reason)?;
    let call = PaymentCall {
        id: random_id(),
        order_id: order.id.clone(),
        kind: CallKind::Refund,
        amount_dong: order.amount_dong,
        reason: reason.to_owned(),
        created_at: now,
        attempts: 0,
        next_attempt_at: now,
        last_error: String::new(),
    };
    Some((refunded, vec![call]))
}
