//! Paying a dossier's charges online (thanh toán trực tuyến): a payment
//! order per attempt, sent to a payment gateway, and settled by what the
//! gateway reports about it, once.
//!
//! A gateway tells the same thing several times and in any order (the
//! server-to-server notification, which it repeats until answered; the
//! browser's return; a status query). An order is settled by the first
//! report that can settle it, and every later report changes nothing. A
//! report whose amount is not the order's is refused and the order flagged,
//! so that somebody looks at it; a forged report never reaches these rules,
//! since the gateway's signature is checked before.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::dossier::Action;

mod reconcile;

pub use reconcile::{Finding, Reconciled, Reconciliation, StatementLine, reconcile};

/// Which gateway an order goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gateway {
    /// VNPay, protocol 2.1.0 (the sandbox gateway speaks it too).
    Vnpay,
    /// The national payment platform of the National Public Service Portal.
    NationalPlatform,
}

impl Gateway {
    pub const ALL: [Gateway; 2] = [Gateway::Vnpay, Gateway::NationalPlatform];

    pub fn as_str(self) -> &'static str {
        match self {
            Gateway::Vnpay => "vnpay",
            Gateway::NationalPlatform => "national_platform",
        }
    }

    pub fn parse(text: &str) -> Option<Gateway> {
        Gateway::ALL.into_iter().find(|g| g.as_str() == text)
    }
}

/// Where an order stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Sent to the gateway; nothing settled it yet.
    Pending,
    /// The gateway reported it paid.
    Paid,
    /// The gateway reported it failed or cancelled; a new order may be made.
    Failed,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 3] = [OrderStatus::Pending, OrderStatus::Paid, OrderStatus::Failed];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Pending => "pending",
            OrderStatus::Paid => "paid",
            OrderStatus::Failed => "failed",
        }
    }

    pub fn parse(text: &str) -> Option<OrderStatus> {
        OrderStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// Where the refund of a paid order stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefundStatus {
    /// Decided (the dossier was refused or withdrawn); the gateway not told yet.
    Requested,
    /// The gateway refunded it.
    Refunded,
    /// The gateway refused to refund it; an officer must see to it.
    Failed,
}

impl RefundStatus {
    pub const ALL: [RefundStatus; 3] = [RefundStatus::Requested, RefundStatus::Refunded, RefundStatus::Failed];

    pub fn as_str(self) -> &'static str {
        match self {
            RefundStatus::Requested => "requested",
            RefundStatus::Refunded => "refunded",
            RefundStatus::Failed => "failed",
        }
    }

    pub fn parse(text: &str) -> Option<RefundStatus> {
        RefundStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// The refund of a paid order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refund {
    pub status: RefundStatus,
    pub amount_dong: i64,
    /// Why it is refunded: the dossier was refused or withdrawn.
    pub reason: String,
    pub done_at: Option<DateTime<Utc>>,
    pub transaction_no: String,
}

/// What a gateway reports about an order, its signature already checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GatewayReport {
    /// The order's id as the gateway echoes it (VNPay's `vnp_TxnRef`).
    pub order_id: String,
    pub amount_dong: i64,
    /// Whether the gateway says the money was taken.
    pub paid: bool,
    /// The gateway's own transaction number, when it gave one.
    pub transaction_no: String,
    pub bank_code: String,
    /// The gateway's answer code, kept for the record (VNPay's `vnp_ResponseCode`).
    pub response_code: String,
}

/// A payment attempt for a dossier's outstanding charges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentOrder {
    /// Random, unique, used as the gateway's order reference.
    pub id: String,
    pub province_code: String,
    pub dossier_id: String,
    /// The account that pays: the dossier's applicant or its submitter.
    pub payer_account: String,
    pub gateway: Gateway,
    /// The outstanding charges when the order was made, in whole đồng.
    pub amount_dong: i64,
    pub status: OrderStatus,
    pub created_at: DateTime<Utc>,
    /// After this, the gateway refuses the order and a new one is needed.
    pub expires_at: DateTime<Utc>,
    pub settled_at: Option<DateTime<Utc>>,
    pub transaction_no: String,
    pub bank_code: String,
    pub response_code: String,
    /// Why somebody should look at the order (a report with another amount), if anything.
    pub flag: Option<String>,
    /// Its refund, once one was decided.
    pub refund: Option<Refund>,
}

/// How long a gateway accepts an order after it is made (VNPay's `vnp_ExpireDate`).
pub const ORDER_LIFETIME_MINUTES: i64 = 15;

/// The response code an order settled by its expiry records: no gateway sent it.
pub const EXPIRED_CODE: &str = "expired";

/// What a report did to an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settlement {
    /// It settled the order as paid: the dossier's charges are paid now.
    Paid(PaymentOrder),
    /// It settled the order as failed.
    Failed(PaymentOrder),
    /// The order was settled before; nothing changes.
    AlreadySettled,
    /// It names another amount: refused, and the order flagged.
    AmountMismatch(PaymentOrder),
}

impl PaymentOrder {
    /// A new order for `amount_dong`, pending at the gateway until it expires.
    pub fn new(
        id: String,
        (province_code, dossier_id): (&str, &str),
        payer_account: &str,
        gateway: Gateway,
        amount_dong: i64,
        now: DateTime<Utc>,
    ) -> PaymentOrder {
        PaymentOrder {
            id,
            province_code: province_code.to_owned(),
            dossier_id: dossier_id.to_owned(),
            payer_account: payer_account.to_owned(),
            gateway,
            amount_dong,
            status: OrderStatus::Pending,
            created_at: now,
            expires_at: now + Duration::minutes(ORDER_LIFETIME_MINUTES),
            settled_at: None,
            transaction_no: String::new(),
            bank_code: String::new(),
            response_code: String::new(),
            flag: None,
            refund: None,
        }
    }

    /// What `report` does to the order: the first report that can settle it
    /// does, any later one changes nothing, one with another amount is
    /// refused and flags the order (which stays pending for a right one).
    pub fn settle(&self, report: &GatewayReport, now: DateTime<Utc>) -> Settlement {
        if self.status != OrderStatus::Pending {
            return Settlement::AlreadySettled;
        }
        if report.amount_dong != self.amount_dong {
            let flag = format!("reported {} đồng for an order of {} đồng", report.amount_dong, self.amount_dong);
            return Settlement::AmountMismatch(PaymentOrder { flag: Some(flag), ..self.clone() });
        }
        let settled = PaymentOrder {
            status: if report.paid { OrderStatus::Paid } else { OrderStatus::Failed },
            settled_at: Some(now),
            transaction_no: report.transaction_no.clone(),
            bank_code: report.bank_code.clone(),
            response_code: report.response_code.clone(),
            ..self.clone()
        };
        if report.paid { Settlement::Paid(settled) } else { Settlement::Failed(settled) }
    }

    /// The order settled as failed because it expired unpaid: the gateway
    /// has no payment of it. `None` unless it is pending and expired at `now`.
    pub fn expired(&self, now: DateTime<Utc>) -> Option<PaymentOrder> {
        (self.status == OrderStatus::Pending && now > self.expires_at).then(|| PaymentOrder {
            status: OrderStatus::Failed,
            settled_at: Some(now),
            response_code: EXPIRED_CODE.to_owned(),
            ..self.clone()
        })
    }

    /// The order with its whole amount to be refunded for `reason`; `None`
    /// unless it was paid and no refund was decided yet.
    pub fn refund_requested(&self, reason: &str) -> Option<PaymentOrder> {
        (self.status == OrderStatus::Paid && self.refund.is_none()).then(|| PaymentOrder {
            refund: Some(Refund {
                status: RefundStatus::Requested,
                amount_dong: self.amount_dong,
                reason: reason.to_owned(),
                done_at: None,
                transaction_no: String::new(),
            }),
            ..self.clone()
        })
    }

    /// The order once the gateway refunded it, as transaction `transaction_no`.
    pub fn refund_done(&self, transaction_no: &str, at: DateTime<Utc>) -> PaymentOrder {
        self.with_refund(RefundStatus::Refunded, transaction_no, Some(at))
    }

    /// The order once the gateway refused to refund it: somebody must see to it.
    pub fn refund_failed(&self) -> PaymentOrder {
        self.with_refund(RefundStatus::Failed, "", None)
    }

    fn with_refund(&self, status: RefundStatus, transaction_no: &str, done_at: Option<DateTime<Utc>>) -> PaymentOrder {
        let refund =
            self.refund.clone().map(|r| Refund { status, transaction_no: transaction_no.to_owned(), done_at, ..r });
        PaymentOrder { refund, ..self.clone() }
    }

    /// The reference a payment records in the dossier's history: the order
    /// and the gateway's transaction number.
    pub fn reference(&self) -> String {
        if self.transaction_no.is_empty() { self.id.clone() } else { format!("{} / {}", self.id, self.transaction_no) }
    }
}

/// Why a dossier's payments are given back after `action`, if it gives them
/// back: the dossier ends without the result that was paid for (refused at
/// reception or after review, withdrawn by its applicant, or stopped).
pub fn refund_reason(action: Action) -> Option<&'static str> {
    match action {
        Action::RefuseAtReception | Action::Refuse => Some("the dossier was refused"),
        Action::Withdraw => Some("the dossier was withdrawn"),
        Action::Stop => Some("processing of the dossier was stopped"),
        Action::Receive
        | Action::RequestSupplement
        | Action::Supplement
        | Action::HandOver { .. }
        | Action::RequestPayment
        | Action::Pay
        | Action::Approve
        | Action::Extend
        | Action::Return => None,
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use proptest::prelude::*;

    use super::*;

    fn at(minute: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 2, 0, 0).single().expect("instant") + Duration::minutes(minute)
    }

    fn order() -> PaymentOrder {
        PaymentOrder::new("o1".into(), ("01", "d1"), "c1", Gateway::Vnpay, 50_000, at(0))
    }

    fn report(paid: bool, amount_dong: i64, transaction_no: &str) -> GatewayReport {
        GatewayReport {
            order_id: "o1".into(),
            amount_dong,
            paid,
            transaction_no: transaction_no.into(),
            bank_code: "NCB".into(),
            response_code: if paid { "00" } else { "24" }.into(),
        }
    }

    #[test]
    fn the_first_report_settles_and_the_rest_change_nothing() {
        let Settlement::Paid(paid) = order().settle(&report(true, 50_000, "T1"), at(2)) else { panic!("paid") };
        assert_eq!(
            (paid.status, paid.settled_at, paid.reference()),
            (OrderStatus::Paid, Some(at(2)), "o1 / T1".into())
        );
        assert_eq!(paid.settle(&report(true, 50_000, "T1"), at(3)), Settlement::AlreadySettled, "a repeated report");
        assert_eq!(paid.settle(&report(false, 50_000, "T2"), at(4)), Settlement::AlreadySettled, "a late failure");
        let Settlement::Failed(failed) = order().settle(&report(false, 50_000, ""), at(2)) else { panic!("failed") };
        assert_eq!(
            failed.settle(&report(true, 50_000, "T3"), at(5)),
            Settlement::AlreadySettled,
            "a new order is needed"
        );
    }

    #[test]
    fn another_amount_is_refused_and_flagged() {
        let Settlement::AmountMismatch(flagged) = order().settle(&report(true, 5_000, "T1"), at(2)) else {
            panic!("refused")
        };
        assert_eq!(flagged.status, OrderStatus::Pending);
        assert!(flagged.flag.as_deref().is_some_and(|f| f.contains("5000")), "{:?}", flagged.flag);
        assert!(matches!(flagged.settle(&report(true, 50_000, "T1"), at(3)), Settlement::Paid(_)));
        assert_eq!(order().expires_at, at(ORDER_LIFETIME_MINUTES));
    }

    #[test]
    fn only_a_paid_order_is_refunded_and_only_once() {
        assert_eq!(order().refund_requested("Rút hồ sơ"), None, "nothing was taken");
        let Settlement::Paid(paid) = order().settle(&report(true, 50_000, "T1"), at(2)) else { panic!("paid") };
        let refunding = paid.refund_requested("Rút hồ sơ").expect("refund");
        let refund = refunding.refund.as_ref().expect("decided");
        assert_eq!((refund.status, refund.amount_dong), (RefundStatus::Requested, 50_000));
        assert_eq!(refunding.refund_requested("again"), None);

        let done = refunding.refund_done("R1", at(30)).refund.expect("refund");
        assert_eq!(
            (done.status, done.transaction_no.as_str(), done.done_at),
            (RefundStatus::Refunded, "R1", Some(at(30)))
        );
        assert_eq!(refunding.refund_failed().refund.map(|r| r.status), Some(RefundStatus::Failed));
        assert_eq!(paid.refund_done("R1", at(30)).refund, None, "no refund was decided");
    }

    #[test]
    fn only_a_pending_order_past_its_expiry_expires() {
        let order = order();
        assert_eq!(order.expired(order.expires_at), None, "not yet");
        let expired = order.expired(order.expires_at + Duration::seconds(1)).expect("expired");
        assert_eq!((expired.status, expired.response_code.as_str()), (OrderStatus::Failed, EXPIRED_CODE));
        let Settlement::Paid(paid) = order.settle(&report(true, 50_000, "T1"), at(2)) else { panic!("paid") };
        assert_eq!(paid.expired(at(60)), None, "a paid order stays paid");
    }

    #[test]
    fn a_dossier_ending_without_its_result_gives_its_payments_back() {
        let giving_back: Vec<Action> = Action::ALL.into_iter().filter(|a| refund_reason(*a).is_some()).collect();
        assert_eq!(giving_back, [Action::RefuseAtReception, Action::Refuse, Action::Stop, Action::Withdraw]);
    }

    /// One notification of the order, as a gateway (or an attacker) might send it.
    #[derive(Debug, Clone)]
    enum Sent {
        /// Signed by the gateway, with the amount it took and whether it did.
        Genuine { paid: bool, amount_off: bool },
        /// Failing the signature check: never reaches `settle`.
        Forged,
    }

    fn sent() -> impl Strategy<Value = Sent> {
        prop_oneof![
            (any::<bool>(), prop::bool::weighted(0.2))
                .prop_map(|(paid, amount_off)| Sent::Genuine { paid, amount_off }),
            Just(Sent::Forged),
        ]
    }

    proptest! {
        /// Any sequence of duplicated, reordered, forged and wrong-amount
        /// notifications leaves the order paid at most once, with its amount,
        /// and settled by the first genuine report of the right amount.
        #[test]
        fn an_order_is_paid_at_most_once_with_its_amount(notifications in prop::collection::vec(sent(), 0..24)) {
            let mut state = order();
            let mut payments = 0;
            let mut first_right: Option<bool> = None;
            for (minute, notification) in notifications.iter().enumerate() {
                let Sent::Genuine { paid, amount_off } = notification else { continue };
                let amount = if *amount_off { state.amount_dong + 1_000 } else { state.amount_dong };
                if !amount_off && first_right.is_none() {
                    first_right = Some(*paid);
                }
                match state.settle(&report(*paid, amount, "T"), at(minute as i64)) {
                    Settlement::Paid(next) => {
                        payments += 1;
                        prop_assert_eq!(next.amount_dong, 50_000);
                        state = next;
                    }
                    Settlement::Failed(next) | Settlement::AmountMismatch(next) => state = next,
                    Settlement::AlreadySettled => {}
                }
            }
            prop_assert!(payments <= 1);
            let expected = match first_right {
                Some(true) => OrderStatus::Paid,
                Some(false) => OrderStatus::Failed,
                None => OrderStatus::Pending,
            };
            prop_assert_eq!(state.status, expected);
            prop_assert_eq!(payments == 1, expected == OrderStatus::Paid);
        }
    }
}
