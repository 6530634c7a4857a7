//! What the app asks of a payment gateway's adapter: the signed address that
//! sends a payer to the gateway, the checked report of a notification or a
//! return, and the answer the gateway expects to a notification. The
//! protocols themselves (VNPay 2.1.0 so far) live in
//! `motcua-gateway`; the app stays the same whichever one is configured.

use std::future::Future;
use std::pin::Pin;

use chrono::{DateTime, Utc};
use motcua_domain::payments::{Gateway, GatewayReport, PaymentOrder};

/// What a gateway's report did, which decides the answer the gateway expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportOutcome {
    /// It settled the order, paid or failed, now.
    Settled,
    /// The order was settled before; nothing changed.
    AlreadySettled,
    /// It names another amount than the order's: refused, the order flagged.
    AmountMismatch,
    /// No order has this id.
    UnknownOrder,
}

/// What the payer's browser tells the gateway about the payment asked for.
#[derive(Debug, Clone, Copy)]
pub struct PayRequest<'a> {
    /// The payer's address as the server saw it (VNPay's `vnp_IpAddr`).
    pub client_ip: &'a str,
    /// The payer's language, as its tag (`vi`, `en`, `ar`).
    pub language: &'a str,
    /// What the payment is for, shown by the gateway.
    pub description: &'a str,
}

/// Why a report was not believed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportRefused {
    /// Its signature does not match the parameters.
    BadSignature,
    /// A parameter is missing or malformed (which one, in the gateway's words).
    Malformed(String),
}

/// What the app did with a notification, for the gateway's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handled {
    Outcome(ReportOutcome),
    Refused(ReportRefused),
    /// Something failed on this side; the gateway should try again.
    Failure,
}

/// A refund the app asks a gateway to make.
#[derive(Debug, Clone, Copy)]
pub struct RefundCall<'a> {
    /// Names the request, the same at every attempt, so the gateway can
    /// tell a repeated request from a new one.
    pub request_id: &'a str,
    pub amount_dong: i64,
    /// Why it is refunded.
    pub reason: &'a str,
    pub at: DateTime<Utc>,
}

/// What a gateway answered to a refund it was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefundAnswer {
    /// Refunded, as the gateway's transaction of this number.
    Refunded { transaction_no: String },
    /// Refused for good, in the gateway's words: somebody must see to it.
    Refused(String),
}

/// What a gateway says of an order it is asked about (VNPay's `querydr`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryAnswer {
    /// Its transaction, paid or not, as a report to settle the order with.
    Report(GatewayReport),
    /// The gateway has no transaction for it: the payer never paid.
    NoTransaction,
}

/// A call that could not be made, or whose answer was not believed (why):
/// it is tried again later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallFailed(pub String);

/// What a gateway's call answers, later.
pub type Answering<'a, T> = Pin<Box<dyn Future<Output = Result<T, CallFailed>> + Send + 'a>>;

/// A configured payment gateway.
pub trait PaymentGateway: Send + Sync + std::fmt::Debug {
    fn gateway(&self) -> Gateway;
    /// Whether it is the sandbox gateway, which moves no real money.
    fn is_sandbox(&self) -> bool;
    /// The origin of the gateway's pages (`https://pay.example.vn`), where
    /// the pay button's form leads.
    fn origin(&self) -> String;
    /// Where to send the payer to pay `order`, or why the gateway cannot
    /// be asked for it (an amount it does not carry).
    fn payment_url(&self, order: &PaymentOrder, request: &PayRequest<'_>) -> Result<String, String>;
    /// The report a notification or a return carries, its query string checked.
    fn read_report(&self, query: &str) -> Result<GatewayReport, ReportRefused>;
    /// The body of the answer to a notification, and its media type.
    fn answer(&self, handled: &Handled) -> (String, &'static str);
    /// Whether the gateway answers status queries ([`PaymentGateway::query`]).
    fn can_query(&self) -> bool {
        true
    }
    /// Asks the gateway what became of `order`; `request_id` names the
    /// request, `at` is when it is made.
    fn query<'a>(
        &'a self,
        order: &'a PaymentOrder,
        request_id: &'a str,
        at: DateTime<Utc>,
    ) -> Answering<'a, QueryAnswer>;
    /// Asks the gateway to give back `call.amount_dong` of the paid `order`.
    fn refund<'a>(&'a self, order: &'a PaymentOrder, call: RefundCall<'a>) -> Answering<'a, RefundAnswer>;
}
