//! The sandbox's payment page and what its buttons do.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::extract::{Form, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::Utc;
use maud::{DOCTYPE, Markup, html};

use super::ipn::{IpnDelivery, deliver};
use super::{Sandbox, SandboxMerchant, Transaction};
use crate::vnpay::{self, amount_dong, vnpay_time};

/// The parameters VNPay requires of a payment redirect.
const REQUIRED: [&str; 12] = [
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_Amount",
    "vnp_CurrCode",
    "vnp_TxnRef",
    "vnp_OrderInfo",
    "vnp_OrderType",
    "vnp_Locale",
    "vnp_ReturnUrl",
    "vnp_IpAddr",
    "vnp_CreateDate",
];

impl Sandbox {
    /// The checked parameters of a payment redirect, and its merchant.
    fn checked(&self, query: &str) -> Result<(BTreeMap<String, String>, &SandboxMerchant), String> {
        let code = form_urlencoded::parse(query.as_bytes())
            .find(|(name, _)| name == "vnp_TmnCode")
            .map(|(_, value)| value.into_owned())
            .ok_or("vnp_TmnCode is missing")?;
        let merchant = self.merchants.get(&code).ok_or_else(|| format!("no merchant has terminal {code:?}"))?;
        let params = vnpay::verify(&merchant.merchant.hash_secret, query).map_err(|e| e.to_string())?;
        if let Some(missing) = REQUIRED.iter().find(|name| params.get(**name).is_none_or(|v| v.trim().is_empty())) {
            return Err(format!("{missing} is missing"));
        }
        if params["vnp_Version"] != vnpay::VERSION || params["vnp_Command"] != "pay" {
            return Err("only version 2.1.0 and the pay command are spoken here".to_owned());
        }
        if params["vnp_CurrCode"] != "VND" || !matches!(params["vnp_Locale"].as_str(), "vn" | "en") {
            return Err("the currency must be VND and the locale vn or en".to_owned());
        }
        if amount_dong(&params["vnp_Amount"]).is_none_or(|dong| dong <= 0) {
            return Err("vnp_Amount must be a positive number of đồng times 100".to_owned());
        }
        if vnpay::parse_vnpay_time(&params["vnp_CreateDate"]).is_none() {
            return Err("vnp_CreateDate is not yyyyMMddHHmmss".to_owned());
        }
        if let Some(expiry) = params.get("vnp_ExpireDate") {
            let expiry = vnpay::parse_vnpay_time(expiry).ok_or("vnp_ExpireDate is not yyyyMMddHHmmss")?;
            if expiry < Utc::now() {
                return Err("the payment has expired".to_owned());
            }
        }
        let key = (code, params["vnp_TxnRef"].clone());
        if self.ledger().transactions.contains_key(&key) {
            return Err(format!("vnp_TxnRef {:?} was used before", key.1));
        }
        Ok((params, merchant))
    }
}

fn sandbox_page(title: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="vi" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "SANDBOX · " (title) }
            }
            body style="font-family: sans-serif; max-width: 34rem; margin: 2rem auto; padding: 0 1rem" {
                p role="note" style="background: #fde68a; padding: .5rem" {
                    strong { "SANDBOX" } " · Môi trường thử nghiệm: không có tiền thật nào được chuyển "
                    "(test environment: no real money moves)."
                }
                (body)
            }
        }
    }
    .into_string()
}

fn refused(why: &str) -> Response {
    let body = html! { h1 { "Giao dịch không hợp lệ (invalid request)" } p #why { (why) } };
    (StatusCode::BAD_REQUEST, Html(sandbox_page("Giao dịch không hợp lệ", body))).into_response()
}

/// `50000` as `50.000`, the Vietnamese way.
fn grouped(dong: i64) -> String {
    let digits = dong.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(digit);
    }
    out
}

/// The payment page: the order, clearly a sandbox, and three buttons.
pub(super) async fn page(State(sandbox): State<Arc<Sandbox>>, RawQuery(query): RawQuery) -> Response {
    let query = query.unwrap_or_default();
    let (params, _) = match sandbox.checked(&query) {
        Ok(checked) => checked,
        Err(why) => return refused(&why),
    };
    let preset = form_urlencoded::parse(query.as_bytes())
        .find(|(name, _)| name == "sandbox_ipn")
        .and_then(|(_, value)| IpnDelivery::parse(&value))
        .unwrap_or_default();
    let dong = amount_dong(&params["vnp_Amount"]).unwrap_or_default();
    let body = html! {
        h1 { "Thanh toán (payment)" }
        dl {
            dt { "Đơn vị chấp nhận thanh toán (merchant)" } dd #merchant { (params["vnp_TmnCode"]) }
            dt { "Số tiền (amount)" } dd #amount { (grouped(dong)) " VND" }
            dt { "Nội dung thanh toán (order information)" } dd #order-info { (params["vnp_OrderInfo"]) }
            dt { "Mã tham chiếu (reference)" } dd #txn-ref { (params["vnp_TxnRef"]) }
        }
        form method="post" action="/paymentv2/pay" {
            input type="hidden" name="query" value=(query);
            p {
                label for="ipn" { "Gửi IPN (IPN delivery) " }
                select #ipn name="ipn" {
                    @for choice in IpnDelivery::ALL {
                        option value=(choice.as_str()) selected[choice == preset] { (choice.label()) }
                    }
                }
            }
            button type="submit" name="outcome" value="paid" { "Thanh toán thành công (pay)" }
            " "
            button type="submit" name="outcome" value="cancelled" { "Hủy giao dịch (cancel)" }
            " "
            button type="submit" name="outcome" value="failed" { "Giao dịch thất bại (fail)" }
        }
    };
    Html(sandbox_page("Thanh toán", body)).into_response()
}

/// A button pressed: the result recorded, reported to the merchant, and the browser sent back.
pub(super) async fn pay(State(sandbox): State<Arc<Sandbox>>, Form(form): Form<Vec<(String, String)>>) -> Response {
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or_default();
    let (params, merchant) = match sandbox.checked(field("query")) {
        Ok(checked) => checked,
        Err(why) => return refused(&why),
    };
    // VNPay's codes: 24 the payer cancelled, 51 not enough money on the account.
    let (response_code, status) = match field("outcome") {
        "paid" => ("00", "00"),
        "cancelled" => ("24", "02"),
        "failed" => ("51", "02"),
        other => return refused(&format!("no such outcome {other:?}")),
    };
    let Some(delivery) = IpnDelivery::parse(field("ipn")) else { return refused("no such IPN delivery") };
    let transaction_no = sandbox.next_transaction.fetch_add(1, Ordering::Relaxed).to_string();
    let pay_date = vnpay_time(Utc::now());
    let mut result = BTreeMap::new();
    for name in ["vnp_Amount", "vnp_OrderInfo", "vnp_TmnCode", "vnp_TxnRef"] {
        result.insert(name.to_owned(), params[name].clone());
    }
    let mut put = |name: &str, value: &str| {
        result.insert(name.to_owned(), value.to_owned());
    };
    put("vnp_BankCode", params.get("vnp_BankCode").map_or("NCB", String::as_str));
    put("vnp_BankTranNo", &format!("VNP{transaction_no}"));
    put("vnp_CardType", "ATM");
    put("vnp_PayDate", &pay_date);
    put("vnp_ResponseCode", response_code);
    put("vnp_TransactionNo", &transaction_no);
    put("vnp_TransactionStatus", status);
    let key = (params["vnp_TmnCode"].clone(), params["vnp_TxnRef"].clone());
    let recorded = Transaction {
        amount_hundredths: params["vnp_Amount"].parse().unwrap_or_default(),
        order_info: params["vnp_OrderInfo"].clone(),
        create_date: params["vnp_CreateDate"].clone(),
        pay_date,
        transaction_no,
        bank_code: result["vnp_BankCode"].clone(),
        transaction_status: status.to_owned(),
        refunded_hundredths: 0,
    };
    {
        let mut ledger = sandbox.ledger();
        // Two presses of the same page race here; the first one pays.
        if ledger.transactions.contains_key(&key) {
            return refused(&format!("vnp_TxnRef {:?} was used before", key.1));
        }
        ledger.transactions.insert(key, recorded);
    }
    let signed = vnpay::signed_query(&merchant.merchant.hash_secret, &result);
    deliver(delivery, merchant.ipn_url.clone(), signed.clone(), sandbox.ipn_attempts).await;
    let back = &params["vnp_ReturnUrl"];
    let separator = if back.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{back}{separator}{signed}")).into_response()
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn amounts_are_grouped_by_thousands() {
        let shown: Vec<String> = [1, 999, 1_000, 50_000, 1_234_567].into_iter().map(grouped).collect();
        assert_eq!(shown, ["1", "999", "1.000", "50.000", "1.234.567"]);
    }
}
