//! Paying a requested amount online: an order for what the dossier owes,
//! sent to a payment gateway, and settled once by what the gateway reports,
//! however many reports arrive, in whatever order (the server-to-server
//! notification and the citizen's browser coming back both report).

use chrono::Duration;
use motcua_domain::payments::{GatewayReport, OrderStatus, PaymentOrder, Settlement};
use motcua_store::{CallKind, PaymentCall};

use super::*;
use crate::gateway::{CallFailed, Handled, PayRequest, QueryAnswer, RefundAnswer, RefundCall, ReportOutcome};

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
        let url = gateway
            .payment_url(&order, request)
            .map_err(|why| AppError::Internal(format!("payment order {}: {why}", order.id)))?;
        self.store().create_payment_order(&order).await?;
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
                        let (kept, calls) = match refund {
                            Some((kept, call)) => (kept, vec![call]),
                            None => (paid.clone(), Vec::new()),
                        };
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
pub(super) fn refund_of(order: &PaymentOrder, reason: &str, now: DateTime<Utc>) -> Option<(PaymentOrder, PaymentCall)> {
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
    Some((refunded, call))
}

/// How many times a refund is sent to a gateway that cannot be reached
/// before it is left to an officer.
pub const MAX_CALL_ATTEMPTS: i64 = 10;

/// How long a worker holds a call it is making.
const CALL_LEASE_MINUTES: i64 = 5;

/// What one round of payment calls did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CallsMade {
    pub refunded: usize,
    /// Refused by the gateway, or given up after [`MAX_CALL_ATTEMPTS`]: an officer must see to them.
    pub failed: usize,
    /// Not made this time (the gateway unreachable or its answer not believed): tried again later.
    pub retrying: usize,
}

/// The pause before attempt `attempts + 1`: half a minute, doubled each time, at most six hours.
fn backoff(attempts: i64) -> Duration {
    Duration::seconds(30 << attempts.clamp(0, 10)).min(Duration::hours(6))
}

impl App {
    /// Makes the payment calls due at `now` (refunds), at most `limit`, each
    /// by one worker at a time: a refund done or refused is recorded on its
    /// order; one that could not be made waits, longer each time.
    pub async fn make_payment_calls(&self, now: DateTime<Utc>, limit: i64) -> AppResult<CallsMade> {
        let mut made = CallsMade::default();
        let Some(gateway) = self.gateway() else { return Ok(made) };
        let lease = Duration::minutes(CALL_LEASE_MINUTES);
        for call in self.store().claim_payment_calls(now, lease, limit).await? {
            let Some(order) = self.store().payment_order(&call.order_id).await? else {
                return Err(AppError::not_found("payment", &call.order_id));
            };
            let request =
                RefundCall { request_id: &call.id, amount_dong: call.amount_dong, reason: &call.reason, at: now };
            let answer = gateway.refund(&order, request).await;
            let done_at = now;
            match answer {
                Ok(RefundAnswer::Refunded { transaction_no }) => {
                    let refunded = order.refund_done(&transaction_no, done_at);
                    self.store().finish_payment_call(&call.id, &refunded, done_at, "").await?;
                    made.refunded += 1;
                }
                Ok(RefundAnswer::Refused(why)) => {
                    tracing::warn!(order = %order.id, %why, "the gateway refused a refund");
                    self.store().finish_payment_call(&call.id, &order.refund_failed(), done_at, &why).await?;
                    made.failed += 1;
                }
                Err(CallFailed(why)) if call.attempts + 1 >= MAX_CALL_ATTEMPTS => {
                    tracing::warn!(order = %order.id, %why, "a refund could not be made: given up");
                    self.store().finish_payment_call(&call.id, &order.refund_failed(), done_at, &why).await?;
                    made.failed += 1;
                }
                Err(CallFailed(why)) => {
                    tracing::info!(order = %order.id, %why, attempt = call.attempts + 1, "a refund will be tried again");
                    self.store().retry_payment_call(&call.id, &why, done_at + backoff(call.attempts)).await?;
                    made.retrying += 1;
                }
            }
        }
        Ok(made)
    }
}

impl App {
    /// The orders that paid the dossier of `view` online, with their refunds
    /// (the view was read within the caller's scope).
    pub async fn paid_orders(&self, view: &DossierView) -> AppResult<Vec<PaymentOrder>> {
        let dossier = &view.dossier;
        let orders = self.store().payment_orders_of(&dossier.province_code, &dossier.id).await?;
        Ok(orders.into_iter().filter(|order| order.status == OrderStatus::Paid).collect())
    }
}

/// How long after an order expired the gateway is asked about it: its own
/// notification, if any, has had time to arrive.
pub const QUERY_AFTER_EXPIRY_MINUTES: i64 = 5;

/// What one round of status queries did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct OrdersQueried {
    /// Paid at the gateway although no notification said so: settled now.
    pub paid: usize,
    /// Failed, or never paid before they expired: settled as failed.
    pub failed: usize,
    /// The gateway could not be asked, or another report settled them meanwhile.
    pub left: usize,
}

impl App {
    /// Asks the gateway about orders still pending `QUERY_AFTER_EXPIRY_MINUTES`
    /// after they expired (at most `limit`), and settles each by its answer,
    /// the way a notification would: a notification lost on the way does not
    /// leave a paid dossier waiting, nor an abandoned order pending for ever.
    pub async fn query_stale_orders(&self, now: DateTime<Utc>, limit: i64) -> AppResult<OrdersQueried> {
        let mut queried = OrdersQueried::default();
        let Some(gateway) = self.gateway().filter(|g| g.can_query()) else { return Ok(queried) };
        let before = now - Duration::minutes(QUERY_AFTER_EXPIRY_MINUTES);
        for order in self.store().pending_orders_expired_before(before, limit).await? {
            match gateway.query(&order, &random_id(), now).await {
                Ok(QueryAnswer::Report(report)) if report.order_id == order.id => {
                    let (outcome, settled) = self.settle_payment(&report).await?;
                    match (outcome, settled.map(|o| o.status)) {
                        (ReportOutcome::Settled, Some(OrderStatus::Paid)) => queried.paid += 1,
                        (ReportOutcome::Settled, Some(OrderStatus::Failed)) => queried.failed += 1,
                        _ => queried.left += 1,
                    }
                }
                Ok(QueryAnswer::Report(other)) => {
                    tracing::warn!(order = %order.id, answered = %other.order_id, "the gateway answered about another order");
                    queried.left += 1;
                }
                Ok(QueryAnswer::NoTransaction) => {
                    let expired = order.expired(now).ok_or(AppError::Conflict)?;
                    if self.store().update_payment_order(&expired, OrderStatus::Pending, &[]).await? {
                        queried.failed += 1;
                    } else {
                        queried.left += 1;
                    }
                }
                Err(CallFailed(why)) => {
                    tracing::info!(order = %order.id, %why, "an order's status could not be asked; asked again later");
                    queried.left += 1;
                }
            }
        }
        Ok(queried)
    }
}
