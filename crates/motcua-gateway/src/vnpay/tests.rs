//! Tests of VNPay 2.1.0: signing against independently computed vectors,
//! verification of returns and IPNs, the paid rule, and the IPN answers.

use chrono::TimeZone;
use motcua_domain::payments::Gateway;

use super::*;

fn params(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, hour, minute, 0).single().expect("instant")
}

fn config() -> Config {
    Config {
        merchant: Merchant { tmn_code: "MOTCUA01".into(), hash_secret: "VNPAYSECRETKEY2026".into() },
        pay_url: "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html".into(),
        api_url: "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction".into(),
        return_url: "https://dichvucong.example.vn/thanh-toan/ket-qua?a=1&b=2".into(),
        order_type: "other".into(),
    }
}

fn payment() -> Payment<'static> {
    Payment {
        order_id: "o1",
        amount_dong: 50_000,
        order_info: "Nộp lệ phí hồ sơ 000.00.15.H29-251104-0001 & phí=50% + /",
        locale: Locale::Vn,
        client_ip: "203.0.113.9",
        created_at: at(2, 0),
        expires_at: at(2, 15),
        bank_code: Some("NCB"),
    }
}

/// The signed text and digest of [`payment`], computed outside this crate
/// with Python's `urllib.parse.quote_plus` (keeping `*`, as the WHATWG
/// encoder does) and `hmac.new(secret, text, hashlib.sha512)`.
const EXPECTED_TEXT: &str = "vnp_Amount=5000000&vnp_BankCode=NCB&vnp_Command=pay&vnp_CreateDate=20261201090000\
&vnp_CurrCode=VND&vnp_ExpireDate=20261201091500&vnp_IpAddr=203.0.113.9&vnp_Locale=vn\
&vnp_OrderInfo=N%E1%BB%99p+l%E1%BB%87+ph%C3%AD+h%E1%BB%93+s%C6%A1+000.00.15.H29-251104-0001+%26+ph%C3%AD%3D50%25+%2B+%2F\
&vnp_OrderType=other&vnp_ReturnUrl=https%3A%2F%2Fdichvucong.example.vn%2Fthanh-toan%2Fket-qua%3Fa%3D1%26b%3D2\
&vnp_TmnCode=MOTCUA01&vnp_TxnRef=o1&vnp_Version=2.1.0";
const EXPECTED_HASH: &str = "130bee165651b7e631eb029f9660608364fb073ed49355bcc09416aa80e062e1\
e72f9f6e2ec610f80e3523bd21a4c44e82c9fe18d9ac3b5c871f3aeff104fc3f";

#[test]
fn a_payment_url_is_the_known_vector() {
    let url = config().payment_url(&payment()).expect("a valid payment");
    assert_eq!(
        url,
        format!("https://sandbox.vnpayment.vn/paymentv2/vpcpay.html?{EXPECTED_TEXT}&vnp_SecureHash={EXPECTED_HASH}")
    );
}

#[test]
fn the_signature_covers_the_sorted_encoded_nonempty_parameters_only() {
    let p = params(&[
        ("vnp_TxnRef", "o1"),
        ("vnp_Amount", "5000000"),
        ("vnp_OrderInfo", "a b+c"),
        ("vnp_CardType", ""),
        ("vnp_SecureHash", "ignored"),
        ("vnp_SecureHashType", "HmacSHA512"),
    ]);
    assert_eq!(signed_text(&p), "vnp_Amount=5000000&vnp_OrderInfo=a+b%2Bc&vnp_TxnRef=o1");
    let url = config().payment_url(&payment()).expect("a valid payment");
    let query = url.split_once('?').expect("a query").1;
    let mut parsed = verify("VNPAYSECRETKEY2026", query).expect("our own signature");
    assert_eq!(parsed.remove("vnp_SecureHash").as_deref(), Some(EXPECTED_HASH));
    assert_eq!(signed_text(&parsed), EXPECTED_TEXT, "decoding and encoding again gives the signed text back");
}

#[test]
fn a_query_verifies_only_as_signed() {
    let p = params(&[("vnp_TxnRef", "o1"), ("vnp_Amount", "5000000"), ("vnp_ResponseCode", "00")]);
    let query = signed_query("k", &p);
    assert_eq!(verify("k", &query).map(|v| v.get("vnp_TxnRef").cloned()), Ok(Some("o1".to_owned())));
    assert_eq!(verify("k", &format!("?{query}")).map(|v| v.len()), Ok(4), "a leading '?' is allowed");
    assert_eq!(verify("other", &query), Err(Refused::BadSignature));
    let (text, hash) = query.split_once("&vnp_SecureHash=").expect("hash");
    assert!(verify("k", &format!("{text}&vnp_SecureHash={}", hash.to_uppercase())).is_ok(), "hex case is free");
    assert!(verify("k", &format!("{query}&vnp_SecureHashType=HmacSHA512&other=1")).is_ok(), "unsigned extras");
}

#[test]
fn a_tampered_query_is_refused() {
    let p = params(&[("vnp_TxnRef", "o1"), ("vnp_Amount", "5000000"), ("vnp_ResponseCode", "24")]);
    let query = signed_query("k", &p);
    let (text, hash) = query.split_once("&vnp_SecureHash=").expect("hash");
    let tampered = [
        query.replace("vnp_Amount=5000000", "vnp_Amount=500000"),
        query.replace("vnp_ResponseCode=24", "vnp_ResponseCode=00"),
        query.replace("vnp_TxnRef=o1", "vnp_TxnRef=o2"),
        format!("{query}&vnp_BankCode=NCB"),
        format!("{query}&vnp_Amount=100"),
        format!("{query}&vnp_SecureHash={hash}"),
        text.to_owned(),
        format!("{text}&vnp_SecureHash="),
        format!("{text}&vnp_SecureHash={}", &hash[..64]),
        format!("{text}&vnp_SecureHash={}x", &hash[..127]),
    ];
    for query in tampered {
        assert_eq!(verify("k", &query), Err(Refused::BadSignature), "{query}");
    }
}

#[test]
fn the_amount_is_dong_times_100_both_ways() {
    for (dong, sent) in [(1, "100"), (50_000, "5000000"), (1_234_567, "123456700"), (MAX_AMOUNT_DONG, "999999999900")] {
        let url = config().payment_url(&Payment { amount_dong: dong, ..payment() }).expect("valid");
        let p = verify("VNPAYSECRETKEY2026", url.split_once('?').expect("query").1).expect("signed");
        assert_eq!(p["vnp_Amount"], sent);
        assert_eq!(amount_dong(sent), Some(dong));
    }
    for dong in [0, -5, MAX_AMOUNT_DONG + 1, i64::MAX] {
        assert_eq!(
            config().payment_url(&Payment { amount_dong: dong, ..payment() }),
            Err(InvalidPayment::Amount(dong))
        );
    }
    for hundredths in ["5000050", "1", "", "-100", "+100", "1e5", "100.00", "99999999999999999999900"] {
        assert_eq!(amount_dong(hundredths), None, "{hundredths:?}");
    }
}

#[test]
fn a_payment_without_what_vnpay_requires_is_refused() {
    assert_eq!(config().payment_url(&Payment { order_id: "", ..payment() }), Err(InvalidPayment::Empty("vnp_TxnRef")));
    assert_eq!(
        config().payment_url(&Payment { order_info: " ", ..payment() }),
        Err(InvalidPayment::Empty("vnp_OrderInfo"))
    );
    assert_eq!(config().payment_url(&Payment { expires_at: at(2, 0), ..payment() }), Err(InvalidPayment::Expiry));
}

#[test]
fn paid_only_when_both_codes_say_so() {
    let responses = ["00", "07", "09", "10", "11", "12", "13", "24", "51", "65", "75", "79", "99"];
    let statuses = ["00", "01", "02", "04", "05", "06", "07", "09"];
    for response in responses {
        for status in statuses {
            let p = params(&[
                ("vnp_TxnRef", "o1"),
                ("vnp_Amount", "5000000"),
                ("vnp_ResponseCode", response),
                ("vnp_TransactionStatus", status),
                ("vnp_TransactionNo", "14012345"),
                ("vnp_BankCode", "NCB"),
            ]);
            let report = report(&p).expect("a report");
            assert_eq!(report.paid, response == "00" && status == "00", "{response}/{status}");
            assert_eq!(
                (report.amount_dong, report.response_code.as_str(), report.transaction_no.as_str()),
                (50_000, response, "14012345")
            );
        }
    }
}

#[test]
fn a_report_needs_its_fields() {
    let full =
        [("vnp_TxnRef", "o1"), ("vnp_Amount", "5000000"), ("vnp_ResponseCode", "00"), ("vnp_TransactionStatus", "00")];
    for (i, (name, _)) in full.iter().enumerate() {
        let without: Vec<_> = full.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, p)| *p).collect();
        assert_eq!(report(&params(&without)), Err(Refused::Malformed(name)), "{name}");
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
fn the_configured_merchant_reads_only_its_own_reports() {
    let config = config();
    let mut p = params(&[
        ("vnp_TmnCode", "MOTCUA01"),
        ("vnp_TxnRef", "o1"),
        ("vnp_Amount", "5000000"),
        ("vnp_ResponseCode", "00"),
        ("vnp_TransactionStatus", "00"),
    ]);
    let report = config.read_report(&signed_query("VNPAYSECRETKEY2026", &p)).expect("a report");
    assert!(report.paid);
    p.insert("vnp_TmnCode".into(), "ANOTHER1".into());
    assert_eq!(config.read_report(&signed_query("VNPAYSECRETKEY2026", &p)), Err(Refused::Malformed("vnp_TmnCode")));
}

#[test]
fn the_order_redirect_carries_every_parameter_of_a_payment() {
    let order = PaymentOrder::new("o1".into(), ("01", "d1"), "c1", Gateway::Vnpay, 50_000, at(2, 0));
    let config = Config {
        merchant: Merchant { tmn_code: "MOTCUA01".into(), hash_secret: "k".into() },
        return_url: "https://dichvucong.example.vn/thanh-toan/ket-qua".into(),
        ..config()
    };
    let payment = Payment::of_order(&order, "Nộp lệ phí", Locale::En, "203.0.113.9");
    let url = config.payment_url(&payment).expect("a redirect");
    let p = verify("k", url.split_once('?').expect("a query").1).expect("signed");
    let expected = [
        ("vnp_Amount", "5000000"),
        ("vnp_Command", "pay"),
        ("vnp_CreateDate", "20261201090000"),
        ("vnp_CurrCode", "VND"),
        ("vnp_ExpireDate", "20261201091500"),
        ("vnp_IpAddr", "203.0.113.9"),
        ("vnp_Locale", "en"),
        ("vnp_OrderInfo", "Nộp lệ phí"),
        ("vnp_OrderType", "other"),
        ("vnp_ReturnUrl", "https://dichvucong.example.vn/thanh-toan/ket-qua"),
        ("vnp_TmnCode", "MOTCUA01"),
        ("vnp_TxnRef", "o1"),
        ("vnp_Version", "2.1.0"),
    ];
    let mut got: Vec<(&str, &str)> = p.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    got.retain(|(k, _)| *k != "vnp_SecureHash");
    assert_eq!(got, expected, "no bank code unless one is chosen");
}

#[test]
fn vietnam_time_is_utc_plus_seven_both_ways() {
    assert_eq!(vnpay_time(at(17, 30)), "20261202003000", "past midnight in Hà Nội");
    assert_eq!(parse_vnpay_time("20261202003000"), Some(at(17, 30)));
    for bad in ["2026120200300", "20261302003000", "2026-12-02T00", ""] {
        assert_eq!(parse_vnpay_time(bad), None, "{bad}");
    }
}

#[test]
fn the_config_reads_from_toml_and_keeps_its_secret_out_of_debug() {
    let read: Config = toml::from_str(
        r#"
        tmn_code = "MOTCUA01"
        hash_secret = "VNPAYSECRETKEY2026"
        pay_url = "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"
        api_url = "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction"
        return_url = "https://dichvucong.example.vn/thanh-toan/ket-qua?a=1&b=2"
        "#,
    )
    .expect("a config");
    assert_eq!(read, config());
    assert!(!format!("{read:?}").contains("VNPAYSECRETKEY2026"));
    assert_eq!(Locale::for_language("vi"), Locale::Vn);
    assert_eq!(Locale::for_language("ar"), Locale::Vn);
    assert_eq!(Locale::for_language("en"), Locale::En);
}
