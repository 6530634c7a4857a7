//! The sandbox's merchant API: querydr and refund, as VNPay answers them,
//! from the sandbox's own record. Every answer is HTTP 200 with JSON; its
//! `vnp_ResponseCode` says what happened, and it is signed with the
//! merchant's secret, except when no merchant could be named.
//!
//! Codes used: `00` done; `02` unknown merchant; `03` malformed request;
//! `04` a full refund after a partial one; `91` no such transaction; `93`
//! an amount beyond what can be refunded; `94` a request id seen before;
//! `95` the payment did not succeed, nothing to refund; `97` bad checksum.
//! A refund is done at once (status `00`): the sandbox has no bank to wait for.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde_json::{Map, Value};

use super::{Sandbox, Transaction};
use crate::vnpay::api::{
    QUERY_REQUEST_FIELDS, QUERY_RESPONSE_FIELDS, REFUND_REQUEST_FIELDS, REFUND_RESPONSE_FIELDS, RefundKind,
    pipe_checksum, pipe_verifies,
};
use crate::vnpay::{self, vnpay_time};

/// An answer being made: its fields, and the secret and field order it is signed with.
struct Answer {
    body: Map<String, Value>,
    signing: Option<(String, &'static [&'static str])>,
}

impl Answer {
    fn new(command: &str, code: &str, message: &str) -> Answer {
        let mut body = Map::new();
        body.insert("vnp_ResponseId".into(), format!("{:016x}", rand::random::<u64>()).into());
        body.insert("vnp_Command".into(), command.into());
        body.insert("vnp_ResponseCode".into(), code.into());
        body.insert("vnp_Message".into(), message.into());
        Answer { body, signing: None }
    }

    fn put(mut self, name: &str, value: impl Into<String>) -> Answer {
        self.body.insert(name.to_owned(), Value::String(value.into()));
        self
    }
}

impl IntoResponse for Answer {
    fn into_response(mut self) -> Response {
        if let Some((secret, fields)) = &self.signing {
            let checksum = pipe_checksum(secret, fields, &self.body);
            self.body.insert("vnp_SecureHash".into(), checksum.into());
        }
        axum::Json(Value::Object(self.body)).into_response()
    }
}

fn text(body: &Map<String, Value>, name: &str) -> String {
    match body.get(name) {
        Some(Value::String(text)) => text.clone(),
        Some(Value::Number(number)) => number.to_string(),
        _ => String::new(),
    }
}

/// `POST /merchant_webapi/api/transaction`.
pub(super) async fn transaction(State(sandbox): State<Arc<Sandbox>>, body: String) -> Response {
    let Ok(Value::Object(request)) = serde_json::from_str::<Value>(&body) else {
        return Answer::new("", "03", "Dữ liệu gửi sang không đúng định dạng").into_response();
    };
    let command = text(&request, "vnp_Command");
    let (request_fields, answer_fields): (&[&str], &'static [&'static str]) = match command.as_str() {
        "querydr" => (&QUERY_REQUEST_FIELDS, &QUERY_RESPONSE_FIELDS),
        "refund" => (&REFUND_REQUEST_FIELDS, REFUND_RESPONSE_FIELDS),
        _ => return Answer::new(&command, "03", "vnp_Command không hợp lệ").into_response(),
    };
    let tmn_code = text(&request, "vnp_TmnCode");
    let Some(merchant) = sandbox.merchants.get(&tmn_code) else {
        return Answer::new(&command, "02", "Merchant không hợp lệ").into_response();
    };
    let secret = merchant.merchant.hash_secret.clone();
    let signed = |answer: Answer| Answer { signing: Some((secret.clone(), answer_fields)), ..answer };
    let fail = |code: &str, message: &str| signed(Answer::new(&command, code, message).put("vnp_TmnCode", &tmn_code));
    if !pipe_verifies(&secret, request_fields, &request) {
        return fail("97", "Checksum không hợp lệ").into_response();
    }
    let request_id = text(&request, "vnp_RequestId");
    if request_id.is_empty() || text(&request, "vnp_Version") != vnpay::VERSION {
        return fail("03", "Dữ liệu gửi sang không đúng định dạng").into_response();
    }
    let mut ledger = sandbox.ledger();
    if !ledger.request_ids.insert((tmn_code.clone(), request_id)) {
        return fail("94", "Yêu cầu bị trùng lặp (duplicate request)").into_response();
    }
    let order_id = text(&request, "vnp_TxnRef");
    let found = ledger
        .transactions
        .get_mut(&(tmn_code.clone(), order_id.clone()))
        .filter(|t| t.create_date == text(&request, "vnp_TransactionDate"));
    let Some(transaction) = found else {
        return fail("91", "Không tìm thấy giao dịch (transaction not found)").into_response();
    };
    let bank_code = transaction.bank_code.clone();
    let answer = if command == "querydr" {
        Ok(Answer::new(&command, "00", "QueryDR Success")
            .put("vnp_Amount", transaction.amount_hundredths.to_string())
            .put("vnp_PayDate", transaction.pay_date.clone())
            .put("vnp_TransactionNo", transaction.transaction_no.clone())
            .put("vnp_TransactionType", "01")
            .put("vnp_TransactionStatus", transaction.transaction_status.clone())
            .put("vnp_OrderInfo", transaction.order_info.clone()))
    } else {
        refund(transaction, &request).map(|answer| {
            let refund_no = sandbox.next_transaction.fetch_add(1, Ordering::Relaxed).to_string();
            answer.put("vnp_TransactionNo", refund_no)
        })
    };
    match answer {
        Ok(answer) => {
            signed(answer.put("vnp_TmnCode", &tmn_code).put("vnp_TxnRef", order_id).put("vnp_BankCode", bank_code))
                .into_response()
        }
        Err((code, message)) => fail(code, message).into_response(),
    }
}

/// What a refund request does to `transaction`: the answer's own fields,
/// or the code and message of why it is refused.
fn refund(transaction: &mut Transaction, request: &Map<String, Value>) -> Result<Answer, (&'static str, &'static str)> {
    let kind =
        RefundKind::parse(&text(request, "vnp_TransactionType")).ok_or(("03", "vnp_TransactionType không hợp lệ"))?;
    let hundredths: i64 = text(request, "vnp_Amount").parse().map_err(|_| ("03", "vnp_Amount không hợp lệ"))?;
    if transaction.transaction_status != "00" {
        return Err(("95", "Giao dịch không thành công, không thể hoàn tiền"));
    }
    if kind == RefundKind::Full && transaction.refunded_hundredths > 0 {
        return Err(("04", "Không cho phép hoàn toàn phần sau khi đã hoàn một phần"));
    }
    let left = transaction.amount_hundredths - transaction.refunded_hundredths;
    let allowed = match kind {
        RefundKind::Full => hundredths == transaction.amount_hundredths,
        RefundKind::Partial => hundredths > 0 && hundredths <= left && hundredths % 100 == 0,
    };
    if !allowed {
        return Err(("93", "Số tiền hoàn trả không hợp lệ (invalid refund amount)"));
    }
    transaction.refunded_hundredths += hundredths;
    Ok(Answer::new("refund", "00", "Refund success")
        .put("vnp_Amount", hundredths.to_string())
        .put("vnp_PayDate", vnpay_time(Utc::now()))
        .put("vnp_TransactionType", kind.code())
        .put("vnp_TransactionStatus", "00")
        .put("vnp_OrderInfo", text(request, "vnp_OrderInfo")))
}
