//! VNPay's payment protocol, version 2.1.0, as its merchant documentation
//! publishes it (VNPay API 2.1.0 merchant docs, "Hướng dẫn tích hợp" and
//! "API querydr, refund" at `sandbox.vnpayment.vn/apis/docs/`): the signed
//! redirect (`vnp_Command=pay`), the signature check of the browser return
//! and of the server-to-server notification (IPN), the answers an IPN
//! expects ([`IpnAnswer`]), and the status query and refund calls of the
//! merchant API ([`api`]).
//!
//! A redirect's signature is the HMAC-SHA512, keyed with the merchant's hash
//! secret, of the `vnp_*` parameters other than `vnp_SecureHash` and
//! `vnp_SecureHashType`, sorted by name, each name and value form-encoded
//! (`application/x-www-form-urlencoded`: a space is `+`) and joined as
//! `name=value` with `&`; the hex digest travels as `vnp_SecureHash`.
//! Amounts are đồng times 100. Dates are `yyyyMMddHHmmss` in Vietnam time
//! (GMT+7). An order is paid only when both `vnp_ResponseCode` and
//! `vnp_TransactionStatus` are `00`.
//!
//! Two details the published samples do not agree on, and what this module
//! does:
//! - Which characters the form encoder keeps. The samples use their
//!   platform's encoder; Java's `URLEncoder` and the WHATWG encoder used here
//!   keep `*-._` and escape everything else (`~!'()` too), PHP's
//!   `urlencode` also escapes `*`, and the Node.js sample's
//!   `encodeURIComponent` keeps `!'()*~`. Text made of letters, digits,
//!   Vietnamese letters, spaces and the usual punctuation is encoded alike by
//!   all of them; VNPay's own documentation asks `vnp_OrderInfo` to avoid
//!   special characters.
//! - Whether a parameter with an empty value is signed. The Java sample
//!   (`hashAllFields`) and the npm `vnpay` package leave it out, the PHP IPN
//!   sample keeps it; this module leaves it out, and never sends one.

pub mod api;
mod ipn;

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDateTime, Utc};
use motcua_domain::clock::to_vietnam_time;
use motcua_domain::payments::{GatewayReport, PaymentOrder};
use serde::Deserialize;

use crate::digest;

pub use ipn::IpnAnswer;

/// The protocol version this module speaks.
pub const VERSION: &str = "2.1.0";

/// The largest amount `vnp_Amount` carries: twelve digits of hundredths of a đồng.
pub const MAX_AMOUNT_DONG: i64 = 9_999_999_999;

/// A merchant's account at VNPay (or at the sandbox).
#[derive(Clone, PartialEq, Eq, Deserialize)]
pub struct Merchant {
    /// `vnp_TmnCode`, the terminal code VNPay gives the merchant.
    pub tmn_code: String,
    /// The secret both sides sign with (`vnp_HashSecret`).
    pub hash_secret: String,
}

impl std::fmt::Debug for Merchant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Merchant").field("tmn_code", &self.tmn_code).field("hash_secret", &"***").finish()
    }
}

/// Everything a merchant configures to speak to VNPay. The IPN address is
/// not here: it is registered at VNPay's side, never sent.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Config {
    #[serde(flatten)]
    pub merchant: Merchant,
    /// The payment page (`https://sandbox.vnpayment.vn/paymentv2/vpcpay.html`).
    pub pay_url: String,
    /// The merchant API (`https://sandbox.vnpayment.vn/merchant_webapi/api/transaction`).
    pub api_url: String,
    /// Where VNPay sends the payer's browser back (`vnp_ReturnUrl`).
    pub return_url: String,
    /// `vnp_OrderType`, the goods category VNPay lists; `other` unless configured.
    #[serde(default = "other")]
    pub order_type: String,
}

fn other() -> String {
    "other".to_owned()
}

/// The languages of VNPay's pages (`vnp_Locale`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    Vn,
    En,
}

impl Locale {
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::Vn => "vn",
            Locale::En => "en",
        }
    }

    /// VNPay's locale for a language tag: English for `en`, Vietnamese for
    /// anything else, since VNPay has no third language.
    pub fn for_language(tag: &str) -> Locale {
        if tag == "en" || tag == "en-US" || tag == "en-GB" { Locale::En } else { Locale::Vn }
    }
}

/// One payment to ask VNPay for.
#[derive(Debug, Clone)]
pub struct Payment<'a> {
    /// `vnp_TxnRef`: the order's id, unique among the merchant's orders.
    pub order_id: &'a str,
    /// In whole đồng; sent times 100.
    pub amount_dong: i64,
    /// What the payment is for, shown by VNPay (`vnp_OrderInfo`).
    pub order_info: &'a str,
    pub locale: Locale,
    /// The payer's IP address (`vnp_IpAddr`).
    pub client_ip: &'a str,
    /// `vnp_CreateDate`.
    pub created_at: DateTime<Utc>,
    /// `vnp_ExpireDate`: VNPay refuses the payment after it.
    pub expires_at: DateTime<Utc>,
    /// `vnp_BankCode`, to skip VNPay's choice of bank (`NCB`, `VNPAYQR`, `VNBANK`, `INTCARD`).
    pub bank_code: Option<&'a str>,
}

impl<'a> Payment<'a> {
    /// The payment of `order`: its id, amount, creation and expiry.
    pub fn of_order(order: &'a PaymentOrder, order_info: &'a str, locale: Locale, client_ip: &'a str) -> Payment<'a> {
        Payment {
            order_id: &order.id,
            amount_dong: order.amount_dong,
            order_info,
            locale,
            client_ip,
            created_at: order.created_at,
            expires_at: order.expires_at,
            bank_code: None,
        }
    }
}

/// Why a payment cannot be asked for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidPayment {
    #[error("{0} đồng is not an amount VNPay carries (1 to {MAX_AMOUNT_DONG})")]
    Amount(i64),
    #[error("{0} must not be empty")]
    Empty(&'static str),
    #[error("the payment expires before it is created")]
    Expiry,
}

/// Why a return or a notification is not believed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    /// The signature is missing, given twice, not hex, or does not match;
    /// also when any `vnp_*` parameter is given twice, since the signed text
    /// names each parameter once.
    #[error("the signature does not match the parameters")]
    BadSignature,
    #[error("parameter {0} is missing or malformed")]
    Malformed(&'static str),
}

/// `yyyyMMddHHmmss` in Vietnam time.
pub fn vnpay_time(at: DateTime<Utc>) -> String {
    to_vietnam_time(at).format("%Y%m%d%H%M%S").to_string()
}

/// The instant a `yyyyMMddHHmmss` Vietnam time names.
pub fn parse_vnpay_time(text: &str) -> Option<DateTime<Utc>> {
    if text.len() != 14 {
        return None;
    }
    let local = NaiveDateTime::parse_from_str(text, "%Y%m%d%H%M%S").ok()?;
    let offset = chrono::FixedOffset::east_opt(7 * 3600)?;
    Some(local.and_local_timezone(offset).single()?.with_timezone(&Utc))
}

/// The sorted, encoded text a signature covers: every parameter but the
/// hash and its type, and none with an empty value.
pub fn signed_text(params: &BTreeMap<String, String>) -> String {
    params
        .iter()
        .filter(|(name, value)| {
            !value.is_empty() && name.as_str() != "vnp_SecureHash" && name.as_str() != "vnp_SecureHashType"
        })
        .map(|(name, value)| format!("{}={}", encode(name), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The signature of `params` with `secret`, as lower-case hex.
pub fn sign(secret: &str, params: &BTreeMap<String, String>) -> String {
    hex::encode(digest::hmac_sha512(secret.as_bytes(), signed_text(params).as_bytes()))
}

/// `params` with their signature, as a query string.
pub fn signed_query(secret: &str, params: &BTreeMap<String, String>) -> String {
    format!("{}&vnp_SecureHash={}", signed_text(params), sign(secret, params))
}

fn with_query(base: &str, query: &str) -> String {
    let separator = if base.contains('?') { '&' } else { '?' };
    format!("{base}{separator}{query}")
}

/// The parameters of a payment redirect, unsigned. The amount is not
/// checked here: [`Config::payment_url`] checks it.
fn payment_params(
    tmn_code: &str,
    return_url: &str,
    order_type: &str,
    payment: &Payment<'_>,
) -> BTreeMap<String, String> {
    let mut params = BTreeMap::new();
    let mut put = |name: &str, value: String| {
        params.insert(name.to_owned(), value);
    };
    put("vnp_Version", VERSION.to_owned());
    put("vnp_Command", "pay".to_owned());
    put("vnp_TmnCode", tmn_code.to_owned());
    // Widened so that no amount overflows; one VNPay cannot carry is refused by VNPay.
    put("vnp_Amount", (i128::from(payment.amount_dong) * 100).to_string());
    put("vnp_CurrCode", "VND".to_owned());
    put("vnp_TxnRef", payment.order_id.to_owned());
    put("vnp_OrderInfo", payment.order_info.to_owned());
    put("vnp_OrderType", order_type.to_owned());
    put("vnp_Locale", payment.locale.as_str().to_owned());
    put("vnp_ReturnUrl", return_url.to_owned());
    put("vnp_IpAddr", payment.client_ip.to_owned());
    put("vnp_CreateDate", vnpay_time(payment.created_at));
    put("vnp_ExpireDate", vnpay_time(payment.expires_at));
    if let Some(bank) = payment.bank_code.filter(|b| !b.is_empty()) {
        put("vnp_BankCode", bank.to_owned());
    }
    params
}

impl Config {
    /// The signed address that sends the payer to pay `payment`.
    pub fn payment_url(&self, payment: &Payment<'_>) -> Result<String, InvalidPayment> {
        if !(1..=MAX_AMOUNT_DONG).contains(&payment.amount_dong) {
            return Err(InvalidPayment::Amount(payment.amount_dong));
        }
        for (name, value) in
            [("vnp_TxnRef", payment.order_id), ("vnp_OrderInfo", payment.order_info), ("vnp_IpAddr", payment.client_ip)]
        {
            if value.trim().is_empty() {
                return Err(InvalidPayment::Empty(name));
            }
        }
        if payment.expires_at <= payment.created_at {
            return Err(InvalidPayment::Expiry);
        }
        let params = payment_params(&self.merchant.tmn_code, &self.return_url, &self.order_type, payment);
        Ok(with_query(&self.pay_url, &signed_query(&self.merchant.hash_secret, &params)))
    }

    /// The report a return or an IPN carries, once its signature is checked
    /// and it names this merchant's terminal.
    pub fn read_report(&self, query: &str) -> Result<GatewayReport, Refused> {
        let params = verify(&self.merchant.hash_secret, query)?;
        if params.get("vnp_TmnCode") != Some(&self.merchant.tmn_code) {
            return Err(Refused::Malformed("vnp_TmnCode"));
        }
        report(&params)
    }
}

/// The `vnp_*` parameters of a query string, decoded, once its signature is
/// checked against `secret`. Other parameters are ignored, as VNPay's
/// samples ignore them: they are not signed.
pub fn verify(secret: &str, query: &str) -> Result<BTreeMap<String, String>, Refused> {
    let mut params = BTreeMap::new();
    for (name, value) in form_urlencoded::parse(query.trim_start_matches('?').as_bytes()) {
        if name.starts_with("vnp_") && params.insert(name.into_owned(), value.into_owned()).is_some() {
            return Err(Refused::BadSignature);
        }
    }
    // An unsigned message is as unbelievable as a wrongly signed one.
    let given = params.get("vnp_SecureHash").ok_or(Refused::BadSignature)?;
    let expected = digest::hmac_sha512(secret.as_bytes(), signed_text(&params).as_bytes());
    if !digest::hex_matches(given, &expected) {
        return Err(Refused::BadSignature);
    }
    Ok(params)
}

/// The đồng of a `vnp_Amount`, which must be a whole number of them.
pub(crate) fn amount_dong(hundredths: &str) -> Option<i64> {
    if hundredths.is_empty() || !hundredths.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hundredths: i64 = hundredths.parse().ok()?;
    (hundredths % 100 == 0).then_some(hundredths / 100)
}

/// What the checked parameters of a return or a notification report.
pub fn report(params: &BTreeMap<String, String>) -> Result<GatewayReport, Refused> {
    let get = |name: &'static str| params.get(name).map(String::as_str).ok_or(Refused::Malformed(name));
    let amount = amount_dong(get("vnp_Amount")?).ok_or(Refused::Malformed("vnp_Amount"))?;
    let order_id = get("vnp_TxnRef")?;
    if order_id.is_empty() {
        return Err(Refused::Malformed("vnp_TxnRef"));
    }
    let response_code = get("vnp_ResponseCode")?;
    let transaction_status = get("vnp_TransactionStatus")?;
    Ok(GatewayReport {
        order_id: order_id.to_owned(),
        amount_dong: amount,
        paid: is_paid(response_code, transaction_status),
        transaction_no: params.get("vnp_TransactionNo").cloned().unwrap_or_default(),
        bank_code: params.get("vnp_BankCode").cloned().unwrap_or_default(),
        response_code: response_code.to_owned(),
    })
}

/// VNPay's rule: the money was taken only when the answer is `00` and the
/// transaction's status is `00` too.
pub fn is_paid(response_code: &str, transaction_status: &str) -> bool {
    response_code == "00" && transaction_status == "00"
}

#[cfg(test)]
mod tests;
