//! VNPay's payment protocol, version 2.1.0, as its merchant documentation
//! publishes it: the signed redirect (`vnp_Command=pay`), the signature check
//! of the browser return and of the server-to-server notification (IPN), and
//! the answers an IPN expects.
//!
//! A signature is the HMAC-SHA512, keyed with the merchant's hash secret, of
//! the `vnp_*` parameters other than `vnp_SecureHash` and `vnp_SecureHashType`,
//! sorted by name, each name and value form-encoded (a space is `+`) and
//! joined as `name=value` with `&`; the lower-case hex digest travels as
//! `vnp_SecureHash`. Amounts are in đồng times 100. Dates are
//! `yyyyMMddHHmmss` in Vietnam time (GMT+7). An order is paid only when both
//! `vnp_ResponseCode` and `vnp_TransactionStatus` are `00`.
//!
//! The samples VNPay publishes encode values with their platform's form
//! encoder, which agree on every character except `*` (kept by Java's and
//! the WHATWG encoder used here, escaped by PHP's); VNPay's own answers
//! are checked with the same encoder, so what we sign and what we verify
//! agree with each other whatever the sample.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use motcua_domain::clock::to_vietnam_time;
use motcua_domain::payments::{GatewayReport, PaymentOrder};
use sha2::Sha512;

/// The protocol version this module speaks.
pub const VERSION: &str = "2.1.0";

/// A merchant's account at VNPay (or at the sandbox).
#[derive(Clone, PartialEq, Eq)]
pub struct Merchant {
    /// `vnp_TmnCode`, the terminal code VNPay gives the merchant.
    pub tmn_code: String,
    /// The secret both sides sign with.
    pub hash_secret: String,
}

impl std::fmt::Debug for Merchant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Merchant").field("tmn_code", &self.tmn_code).field("hash_secret", &"***").finish()
    }
}

/// Why a return or a notification is not believed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("the signature does not match the parameters")]
    BadSignature,
    #[error("parameter {0} is missing or malformed")]
    Malformed(&'static str),
}

/// The order's details a payment redirect carries besides the order itself.
#[derive(Debug, Clone)]
pub struct Redirect<'a> {
    /// The gateway's payment page (`…/paymentv2/vpcpay.html`).
    pub pay_url: &'a str,
    /// Where the gateway sends the payer back.
    pub return_url: &'a str,
    /// The payer's IP address.
    pub client_ip: &'a str,
    /// `vn` or `en`: the gateway has no other language.
    pub locale: &'a str,
    /// What the payment is for, shown by the gateway (`vnp_OrderInfo`).
    pub order_info: &'a str,
}

/// `yyyyMMddHHmmss` in Vietnam time.
pub fn vnpay_time(at: DateTime<Utc>) -> String {
    to_vietnam_time(at).format("%Y%m%d%H%M%S").to_string()
}

/// The sorted, encoded text a signature covers.
pub fn signed_text(params: &BTreeMap<String, String>) -> String {
    params
        .iter()
        .filter(|(name, _)| name.as_str() != "vnp_SecureHash" && name.as_str() != "vnp_SecureHashType")
        .map(|(name, value)| format!("{}={}", encode(name), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

fn mac(secret: &str) -> Hmac<Sha512> {
    // HMAC takes a key of any length.
    match Hmac::<Sha512>::new_from_slice(secret.as_bytes()) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC accepts keys of every length"),
    }
}

/// The signature of `params` with `secret`, as lower-case hex.
pub fn sign(secret: &str, params: &BTreeMap<String, String>) -> String {
    let mut mac = mac(secret);
    mac.update(signed_text(params).as_bytes());
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

/// `params` with their signature, as a query string.
pub fn signed_query(secret: &str, params: &BTreeMap<String, String>) -> String {
    format!("{}&vnp_SecureHash={}", signed_text(params), sign(secret, params))
}

/// The signed address that sends the payer to pay `order`.
pub fn payment_url(merchant: &Merchant, order: &PaymentOrder, redirect: &Redirect<'_>) -> String {
    let mut params = BTreeMap::new();
    let mut put = |name: &str, value: String| {
        params.insert(name.to_owned(), value);
    };
    put("vnp_Version", VERSION.to_owned());
    put("vnp_Command", "pay".to_owned());
    put("vnp_TmnCode", merchant.tmn_code.clone());
    put("vnp_Amount", (order.amount_dong * 100).to_string());
    put("vnp_CurrCode", "VND".to_owned());
    put("vnp_TxnRef", order.id.clone());
    put("vnp_OrderInfo", redirect.order_info.to_owned());
    put("vnp_OrderType", "other".to_owned());
    put("vnp_Locale", redirect.locale.to_owned());
    put("vnp_ReturnUrl", redirect.return_url.to_owned());
    put("vnp_IpAddr", redirect.client_ip.to_owned());
    put("vnp_CreateDate", vnpay_time(order.created_at));
    put("vnp_ExpireDate", vnpay_time(order.expires_at));
    let separator = if redirect.pay_url.contains('?') { '&' } else { '?' };
    format!("{}{separator}{}", redirect.pay_url, signed_query(&merchant.hash_secret, &params))
}

/// The `vnp_*` parameters of a query string, decoded, once its signature is
/// checked against `secret`.
pub fn verify(secret: &str, query: &str) -> Result<BTreeMap<String, String>, Refused> {
    let params: BTreeMap<String, String> = form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
        .filter(|(name, _)| name.starts_with("vnp_"))
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    // An unsigned message is as unbelievable as a wrongly signed one.
    let given = params.get("vnp_SecureHash").ok_or(Refused::BadSignature)?;
    let digest = decode_hex(given).ok_or(Refused::BadSignature)?;
    let mut mac = mac(secret);
    mac.update(signed_text(&params).as_bytes());
    // `verify_slice` compares in constant time.
    mac.verify_slice(&digest).map_err(|_| Refused::BadSignature)?;
    Ok(params)
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

/// What checked parameters of a return or a notification report.
pub fn report(params: &BTreeMap<String, String>) -> Result<GatewayReport, Refused> {
    let get = |name: &'static str| params.get(name).map(String::as_str).ok_or(Refused::Malformed(name));
    let hundredths: i64 = get("vnp_Amount")?.parse().map_err(|_| Refused::Malformed("vnp_Amount"))?;
    if hundredths < 0 || hundredths % 100 != 0 {
        return Err(Refused::Malformed("vnp_Amount"));
    }
    let response_code = get("vnp_ResponseCode")?;
    let transaction_status = get("vnp_TransactionStatus")?;
    Ok(GatewayReport {
        order_id: get("vnp_TxnRef")?.to_owned(),
        amount_dong: hundredths / 100,
        paid: response_code == "00" && transaction_status == "00",
        transaction_no: params.get("vnp_TransactionNo").cloned().unwrap_or_default(),
        bank_code: params.get("vnp_BankCode").cloned().unwrap_or_default(),
        response_code: response_code.to_owned(),
    })
}

/// The answer to an IPN, as VNPay's documentation lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IpnAnswer {
    /// `00`: the merchant recorded the result.
    Confirmed,
    /// `01`: no order has this reference.
    OrderNotFound,
    /// `02`: the order was settled before.
    AlreadyConfirmed,
    /// `04`: the amount is not the order's.
    InvalidAmount,
    /// `97`: the signature does not match.
    InvalidSignature,
    /// `99`: anything else; VNPay tries again.
    UnknownError,
}

impl IpnAnswer {
    pub fn code(self) -> &'static str {
        match self {
            IpnAnswer::Confirmed => "00",
            IpnAnswer::OrderNotFound => "01",
            IpnAnswer::AlreadyConfirmed => "02",
            IpnAnswer::InvalidAmount => "04",
            IpnAnswer::InvalidSignature => "97",
            IpnAnswer::UnknownError => "99",
        }
    }

    fn message(self) -> &'static str {
        match self {
            IpnAnswer::Confirmed => "Confirm Success",
            IpnAnswer::OrderNotFound => "Order not found",
            IpnAnswer::AlreadyConfirmed => "Order already confirmed",
            IpnAnswer::InvalidAmount => "Invalid amount",
            IpnAnswer::InvalidSignature => "Invalid signature",
            IpnAnswer::UnknownError => "Unknown error",
        }
    }

    /// The JSON body VNPay reads: `{"RspCode":"00","Message":"Confirm Success"}`.
    pub fn body(self) -> String {
        serde_json::json!({ "RspCode": self.code(), "Message": self.message() }).to_string()
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use motcua_domain::payments::Gateway;

    use super::*;

    fn params(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn the_signature_covers_the_sorted_encoded_parameters_only() {
        let p = params(&[
            ("vnp_TxnRef", "o1"),
            ("vnp_Amount", "5000000"),
            ("vnp_OrderInfo", "Nộp lệ phí hồ sơ 000.00.15.H29-251104-0001"),
            ("vnp_SecureHash", "ignored"),
        ]);
        assert_eq!(
            signed_text(&p),
            "vnp_Amount=5000000&vnp_OrderInfo=N%E1%BB%99p+l%E1%BB%87+ph%C3%AD+h%E1%BB%93+s%C6%A1+000.00.15.H29-251104-0001&vnp_TxnRef=o1"
        );
        // Computed independently with Python's hmac and urllib.parse.quote_plus.
        assert_eq!(sign("SECRETKEY", &p), EXPECTED);
    }

    const EXPECTED: &str = include_str!("../tests/vector.txt");

    #[test]
    fn a_query_verifies_only_as_signed() {
        let p = params(&[("vnp_TxnRef", "o1"), ("vnp_Amount", "5000000"), ("vnp_ResponseCode", "00")]);
        let query = signed_query("k", &p);
        assert_eq!(verify("k", &query).map(|v| v.get("vnp_TxnRef").cloned()), Ok(Some("o1".to_owned())));
        assert_eq!(verify("other", &query), Err(Refused::BadSignature));
        let tampered = query.replace("vnp_Amount=5000000", "vnp_Amount=500000");
        assert_eq!(verify("k", &tampered), Err(Refused::BadSignature));
        let upper_hash = {
            let (text, hash) = query.split_once("&vnp_SecureHash=").expect("hash");
            format!("{text}&vnp_SecureHash={}", hash.to_uppercase())
        };
        assert!(verify("k", &upper_hash).is_ok(), "hex case does not matter");
        assert_eq!(verify("k", "vnp_TxnRef=o1"), Err(Refused::BadSignature), "unsigned");
        let typed = format!("{query}&vnp_SecureHashType=HmacSHA512&other=1");
        assert!(verify("k", &typed).is_ok(), "the hash type and other parameters are not signed");
    }

    #[test]
    fn paid_only_when_both_codes_say_so() {
        for (response, status, paid) in
            [("00", "00", true), ("00", "01", false), ("24", "02", false), ("07", "00", false), ("51", "02", false)]
        {
            let p = params(&[
                ("vnp_TxnRef", "o1"),
                ("vnp_Amount", "5000000"),
                ("vnp_ResponseCode", response),
                ("vnp_TransactionStatus", status),
            ]);
            let report = report(&p).expect("report");
            assert_eq!((report.paid, report.amount_dong), (paid, 50_000), "{response}/{status}");
        }
        let odd = params(&[
            ("vnp_TxnRef", "o1"),
            ("vnp_Amount", "5000050"),
            ("vnp_ResponseCode", "00"),
            ("vnp_TransactionStatus", "00"),
        ]);
        assert_eq!(report(&odd), Err(Refused::Malformed("vnp_Amount")), "not a whole đồng");
    }

    #[test]
    fn the_redirect_carries_every_parameter_of_a_payment() {
        let at = Utc.with_ymd_and_hms(2026, 12, 1, 2, 0, 0).single().expect("instant");
        let order = PaymentOrder::new("o1".into(), ("01", "d1"), "c1", Gateway::Vnpay, 50_000, at);
        let merchant = Merchant { tmn_code: "MOTCUA01".into(), hash_secret: "k".into() };
        let redirect = Redirect {
            pay_url: "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html",
            return_url: "https://dichvucong.example.vn/thanh-toan/ket-qua",
            client_ip: "203.0.113.9",
            locale: "vn",
            order_info: "Nộp lệ phí",
        };
        let url = payment_url(&merchant, &order, &redirect);
        let (_, query) = url.split_once('?').expect("a query");
        let p = verify("k", query).expect("signed");
        assert_eq!(p["vnp_Amount"], "5000000");
        assert_eq!(p["vnp_CreateDate"], "20261201090000", "Vietnam time");
        assert_eq!(p["vnp_ExpireDate"], "20261201091500");
        for name in ["vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_CurrCode", "vnp_OrderType", "vnp_IpAddr"] {
            assert!(p.contains_key(name), "{name}");
        }
    }

    #[test]
    fn ipn_answers_are_the_documented_codes() {
        assert_eq!(IpnAnswer::Confirmed.body(), r#"{"Message":"Confirm Success","RspCode":"00"}"#);
        let codes: Vec<_> = [
            IpnAnswer::Confirmed,
            IpnAnswer::OrderNotFound,
            IpnAnswer::AlreadyConfirmed,
            IpnAnswer::InvalidAmount,
            IpnAnswer::InvalidSignature,
            IpnAnswer::UnknownError,
        ]
        .iter()
        .map(|a| a.code())
        .collect();
        assert_eq!(codes, ["00", "01", "02", "04", "97", "99"]);
    }
}
