//! VNPay's merchant API (`POST …/merchant_webapi/api/transaction`, JSON):
//! the status query of a payment (`vnp_Command=querydr`) and its refund
//! (`vnp_Command=refund`), each answered by signed JSON.
//!
//! Unlike the redirect, these messages are not signed over sorted,
//! form-encoded pairs: the checksum is the HMAC-SHA512 of the raw values of
//! a fixed list of fields joined with `|`, a field that is absent counting
//! as empty. The four lists below are those of VNPay API 2.1.0 merchant
//! docs, "API querydr, refund"
//! (`sandbox.vnpayment.vn/apis/docs/truy-van-hoan-tien/querydr&refund.html`),
//! and the npm `vnpay` package (2.5.0, `QueryService`) builds the same
//! ones; `tests/against_vnpay_js.rs` has that package query and refund
//! through the sandbox.

use chrono::{DateTime, Utc};
use motcua_domain::payments::GatewayReport;
use serde_json::{Map, Value};

use super::{InvalidPayment, MAX_AMOUNT_DONG, Merchant, VERSION, amount_dong, is_paid, vnpay_time};
use crate::digest;

/// The fields a querydr request's checksum covers, in order.
pub const QUERY_REQUEST_FIELDS: [&str; 9] = [
    "vnp_RequestId",
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_TransactionDate",
    "vnp_CreateDate",
    "vnp_IpAddr",
    "vnp_OrderInfo",
];

/// The fields a querydr answer's checksum covers, in order.
pub const QUERY_RESPONSE_FIELDS: [&str; 15] = [
    "vnp_ResponseId",
    "vnp_Command",
    "vnp_ResponseCode",
    "vnp_Message",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_BankCode",
    "vnp_PayDate",
    "vnp_TransactionNo",
    "vnp_TransactionType",
    "vnp_TransactionStatus",
    "vnp_OrderInfo",
    "vnp_PromotionCode",
    "vnp_PromotionAmount",
];

/// The fields a refund request's checksum covers, in order.
pub const REFUND_REQUEST_FIELDS: [&str; 13] = [
    "vnp_RequestId",
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_TransactionType",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_TransactionNo",
    "vnp_TransactionDate",
    "vnp_CreateBy",
    "vnp_CreateDate",
    "vnp_IpAddr",
    "vnp_OrderInfo",
];

/// The fields a refund answer's checksum covers, in order: the querydr
/// answer's without the promotion.
pub const REFUND_RESPONSE_FIELDS: &[&str] = QUERY_RESPONSE_FIELDS.split_at(13).0;

/// The text of a JSON field as the checksum reads it: a string as it is, a
/// number as written, anything absent or null as empty.
fn field_text(body: &Map<String, Value>, name: &str) -> String {
    match body.get(name) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    }
}

/// The `|`-joined values of `fields` in `body`.
pub fn pipe_text(fields: &[&str], body: &Map<String, Value>) -> String {
    fields.iter().map(|name| field_text(body, name)).collect::<Vec<_>>().join("|")
}

/// The checksum of `fields` in `body` with `secret`, as lower-case hex.
pub fn pipe_checksum(secret: &str, fields: &[&str], body: &Map<String, Value>) -> String {
    hex::encode(digest::hmac_sha512(secret.as_bytes(), pipe_text(fields, body).as_bytes()))
}

/// Whether `body`'s `vnp_SecureHash` is the checksum of `fields` (either
/// case, compared in constant time).
pub fn pipe_verifies(secret: &str, fields: &[&str], body: &Map<String, Value>) -> bool {
    let Some(Value::String(given)) = body.get("vnp_SecureHash") else { return false };
    digest::hex_matches(given, &digest::hmac_sha512(secret.as_bytes(), pipe_text(fields, body).as_bytes()))
}

/// A status query of one payment.
#[derive(Debug, Clone)]
pub struct Query<'a> {
    /// `vnp_RequestId`: unique per request within the day, 1 to 32 letters or digits.
    pub request_id: &'a str,
    /// `vnp_TxnRef` of the payment.
    pub order_id: &'a str,
    /// `vnp_OrderInfo`: why the query is made.
    pub order_info: &'a str,
    /// `vnp_TransactionDate`: the payment's `vnp_CreateDate`.
    pub transaction_date: DateTime<Utc>,
    /// `vnp_CreateDate`: when this request is made.
    pub created_at: DateTime<Utc>,
    /// `vnp_IpAddr`: the server's address.
    pub server_ip: &'a str,
}

/// `vnp_TransactionType` of a refund.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefundKind {
    /// `02`: the whole amount paid.
    Full,
    /// `03`: part of it.
    Partial,
}

impl RefundKind {
    pub fn code(self) -> &'static str {
        match self {
            RefundKind::Full => "02",
            RefundKind::Partial => "03",
        }
    }

    pub fn parse(code: &str) -> Option<RefundKind> {
        [RefundKind::Full, RefundKind::Partial].into_iter().find(|k| k.code() == code)
    }
}

/// A refund of a paid payment.
#[derive(Debug, Clone)]
pub struct RefundRequest<'a> {
    /// `vnp_RequestId`: unique per request within the day, 1 to 32 letters or digits.
    pub request_id: &'a str,
    pub kind: RefundKind,
    /// `vnp_TxnRef` of the payment.
    pub order_id: &'a str,
    /// What to give back, in whole đồng; sent times 100.
    pub amount_dong: i64,
    /// `vnp_TransactionNo` VNPay gave the payment, when known.
    pub transaction_no: Option<&'a str>,
    /// `vnp_TransactionDate`: the payment's `vnp_CreateDate`.
    pub transaction_date: DateTime<Utc>,
    /// `vnp_CreateBy`: who asks for the refund.
    pub created_by: &'a str,
    /// `vnp_CreateDate`: when this request is made.
    pub created_at: DateTime<Utc>,
    /// `vnp_IpAddr`: the server's address.
    pub server_ip: &'a str,
    /// `vnp_OrderInfo`: why it is refunded.
    pub order_info: &'a str,
}

fn check_request_id(request_id: &str) -> Result<(), InvalidPayment> {
    let ok = (1..=32).contains(&request_id.len()) && request_id.bytes().all(|b| b.is_ascii_alphanumeric());
    if ok { Ok(()) } else { Err(InvalidPayment::Empty("vnp_RequestId (1 to 32 letters or digits)")) }
}

fn signed(merchant: &Merchant, fields: &[&str], pairs: Vec<(&str, String)>) -> Value {
    let mut body: Map<String, Value> = pairs.into_iter().map(|(k, v)| (k.to_owned(), Value::String(v))).collect();
    let checksum = pipe_checksum(&merchant.hash_secret, fields, &body);
    body.insert("vnp_SecureHash".to_owned(), Value::String(checksum));
    Value::Object(body)
}

/// The signed JSON body of a querydr request.
pub fn query_body(merchant: &Merchant, query: &Query<'_>) -> Result<Value, InvalidPayment> {
    check_request_id(query.request_id)?;
    if query.order_id.is_empty() {
        return Err(InvalidPayment::Empty("vnp_TxnRef"));
    }
    let pairs = vec![
        ("vnp_RequestId", query.request_id.to_owned()),
        ("vnp_Version", VERSION.to_owned()),
        ("vnp_Command", "querydr".to_owned()),
        ("vnp_TmnCode", merchant.tmn_code.clone()),
        ("vnp_TxnRef", query.order_id.to_owned()),
        ("vnp_OrderInfo", query.order_info.to_owned()),
        ("vnp_TransactionDate", vnpay_time(query.transaction_date)),
        ("vnp_CreateDate", vnpay_time(query.created_at)),
        ("vnp_IpAddr", query.server_ip.to_owned()),
    ];
    Ok(signed(merchant, &QUERY_REQUEST_FIELDS, pairs))
}

/// The signed JSON body of a refund request.
pub fn refund_body(merchant: &Merchant, refund: &RefundRequest<'_>) -> Result<Value, InvalidPayment> {
    check_request_id(refund.request_id)?;
    if !(1..=MAX_AMOUNT_DONG).contains(&refund.amount_dong) {
        return Err(InvalidPayment::Amount(refund.amount_dong));
    }
    for (name, value) in [("vnp_TxnRef", refund.order_id), ("vnp_CreateBy", refund.created_by)] {
        if value.is_empty() {
            return Err(InvalidPayment::Empty(name));
        }
    }
    let mut pairs = vec![
        ("vnp_RequestId", refund.request_id.to_owned()),
        ("vnp_Version", VERSION.to_owned()),
        ("vnp_Command", "refund".to_owned()),
        ("vnp_TmnCode", merchant.tmn_code.clone()),
        ("vnp_TransactionType", refund.kind.code().to_owned()),
        ("vnp_TxnRef", refund.order_id.to_owned()),
        ("vnp_Amount", (refund.amount_dong * 100).to_string()),
        ("vnp_OrderInfo", refund.order_info.to_owned()),
        ("vnp_TransactionDate", vnpay_time(refund.transaction_date)),
        ("vnp_CreateBy", refund.created_by.to_owned()),
        ("vnp_CreateDate", vnpay_time(refund.created_at)),
        ("vnp_IpAddr", refund.server_ip.to_owned()),
    ];
    if let Some(number) = refund.transaction_no.filter(|n| !n.is_empty()) {
        pairs.push(("vnp_TransactionNo", number.to_owned()));
    }
    Ok(signed(merchant, &REFUND_REQUEST_FIELDS, pairs))
}

/// Why an answer of the merchant API is not believed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerRefused {
    #[error("the answer is not a JSON object")]
    NotJson,
    #[error("the answer's checksum does not match its fields")]
    BadSignature,
    #[error("field {0} is missing or malformed")]
    Malformed(&'static str),
}

/// A checked answer to a querydr or a refund.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransactionAnswer {
    pub response_id: String,
    /// `querydr` or `refund`.
    pub command: String,
    /// Whether the request was carried out: `00`; otherwise why not (`91`
    /// transaction not found, `93` invalid refund amount, `94` duplicate
    /// request, `95` the payment did not succeed, `97` bad checksum, `99` other).
    pub response_code: String,
    pub message: String,
    pub tmn_code: String,
    pub order_id: String,
    /// `vnp_Amount` in đồng, when the answer carries one.
    pub amount_dong: Option<i64>,
    pub bank_code: String,
    pub pay_date: String,
    pub transaction_no: String,
    /// `01` payment, `02` full refund, `03` partial refund.
    pub transaction_type: String,
    /// `00` success; `01` not finished; `02` failed; `04` reversed; `05`,
    /// `06` refund in progress; `07` suspected fraud; `09` refund refused.
    pub transaction_status: String,
    pub order_info: String,
    pub promotion_code: String,
    pub promotion_amount: String,
}

impl TransactionAnswer {
    /// Whether the request was carried out (a refund done, a query answered).
    pub fn succeeded(&self) -> bool {
        self.response_code == "00"
    }

    /// What an answered querydr says of the payment, as a report: paid only
    /// when the query succeeded and the transaction's status is `00`. The
    /// report's response code is the transaction's status, since the
    /// answer's own code says only that the query was answered.
    pub fn report(&self) -> Option<GatewayReport> {
        if !self.succeeded() || self.order_id.is_empty() {
            return None;
        }
        Some(GatewayReport {
            order_id: self.order_id.clone(),
            amount_dong: self.amount_dong?,
            paid: is_paid(&self.response_code, &self.transaction_status),
            transaction_no: self.transaction_no.clone(),
            bank_code: self.bank_code.clone(),
            response_code: self.transaction_status.clone(),
        })
    }
}

fn read_answer(
    merchant: &Merchant,
    body: &str,
    command: &str,
    fields: &[&str],
) -> Result<TransactionAnswer, AnswerRefused> {
    let Ok(Value::Object(body)) = serde_json::from_str::<Value>(body) else { return Err(AnswerRefused::NotJson) };
    if !pipe_verifies(&merchant.hash_secret, fields, &body) {
        return Err(AnswerRefused::BadSignature);
    }
    let text = |name: &str| field_text(&body, name);
    if text("vnp_Command") != command {
        return Err(AnswerRefused::Malformed("vnp_Command"));
    }
    if text("vnp_TmnCode") != merchant.tmn_code {
        return Err(AnswerRefused::Malformed("vnp_TmnCode"));
    }
    if text("vnp_ResponseCode").is_empty() {
        return Err(AnswerRefused::Malformed("vnp_ResponseCode"));
    }
    let amount = match text("vnp_Amount").as_str() {
        "" => None,
        hundredths => Some(amount_dong(hundredths).ok_or(AnswerRefused::Malformed("vnp_Amount"))?),
    };
    Ok(TransactionAnswer {
        response_id: text("vnp_ResponseId"),
        command: text("vnp_Command"),
        response_code: text("vnp_ResponseCode"),
        message: text("vnp_Message"),
        tmn_code: text("vnp_TmnCode"),
        order_id: text("vnp_TxnRef"),
        amount_dong: amount,
        bank_code: text("vnp_BankCode"),
        pay_date: text("vnp_PayDate"),
        transaction_no: text("vnp_TransactionNo"),
        transaction_type: text("vnp_TransactionType"),
        transaction_status: text("vnp_TransactionStatus"),
        order_info: text("vnp_OrderInfo"),
        promotion_code: text("vnp_PromotionCode"),
        promotion_amount: text("vnp_PromotionAmount"),
    })
}

/// The checked answer to a querydr request.
pub fn read_query_answer(merchant: &Merchant, body: &str) -> Result<TransactionAnswer, AnswerRefused> {
    read_answer(merchant, body, "querydr", &QUERY_RESPONSE_FIELDS)
}

/// The checked answer to a refund request.
pub fn read_refund_answer(merchant: &Merchant, body: &str) -> Result<TransactionAnswer, AnswerRefused> {
    read_answer(merchant, body, "refund", REFUND_RESPONSE_FIELDS)
}

#[cfg(test)]
mod tests;
