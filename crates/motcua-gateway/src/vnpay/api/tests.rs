//! Tests of the merchant API: the pipe-joined checksums of querydr and
//! refund requests in their documented order, and answers checked before
//! they are read.

use chrono::TimeZone;

use super::*;

fn merchant() -> Merchant {
    Merchant { tmn_code: "MOTCUA01".into(), hash_secret: "VNPAYSECRETKEY2026".into() }
}

fn at(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, hour, 0, 0).single().expect("instant")
}

fn query() -> Query<'static> {
    Query {
        request_id: "REQ20261201A",
        order_id: "o1",
        order_info: "Truy vấn giao dịch o1",
        transaction_date: at(2),
        created_at: at(3),
        server_ip: "10.0.0.1",
    }
}

fn refund() -> RefundRequest<'static> {
    RefundRequest {
        request_id: "REQ20261201B",
        kind: RefundKind::Partial,
        order_id: "o1",
        amount_dong: 20_000,
        transaction_no: Some("14012345"),
        transaction_date: at(2),
        created_by: "officer01",
        created_at: at(3),
        server_ip: "10.0.0.1",
        order_info: "Hoàn phí hồ sơ bị từ chối",
    }
}

fn object(value: &Value) -> &Map<String, Value> {
    value.as_object().expect("an object")
}

// The texts and digests below were computed outside this crate, with
// Python's `hmac.new(secret, text, hashlib.sha512)` over the documented order.

#[test]
fn a_querydr_request_signs_its_fields_in_the_documented_order() {
    let body = query_body(&merchant(), &query()).expect("a request");
    assert_eq!(
        pipe_text(&QUERY_REQUEST_FIELDS, object(&body)),
        "REQ20261201A|2.1.0|querydr|MOTCUA01|o1|20261201090000|20261201100000|10.0.0.1|Truy vấn giao dịch o1"
    );
    assert_eq!(
        body["vnp_SecureHash"],
        "9579b996be7e26ff109c1adafa8f901dc99259360a29e191c0a9d239e631e97f\
         c2a1b6bdb7ad8e62c931c452cae6a41eef4df4ccdbfb20ef44eb10b954e0d997"
    );
    assert!(pipe_verifies("VNPAYSECRETKEY2026", &QUERY_REQUEST_FIELDS, object(&body)));
    assert!(!pipe_verifies("VNPAYSECRETKEY2026", &REFUND_REQUEST_FIELDS, object(&body)), "another order");
}

#[test]
fn a_refund_request_signs_its_fields_in_the_documented_order() {
    let body = refund_body(&merchant(), &refund()).expect("a request");
    assert_eq!(
        pipe_text(&REFUND_REQUEST_FIELDS, object(&body)),
        "REQ20261201B|2.1.0|refund|MOTCUA01|03|o1|2000000|14012345|20261201090000|officer01|20261201100000\
         |10.0.0.1|Hoàn phí hồ sơ bị từ chối"
    );
    assert_eq!(
        body["vnp_SecureHash"],
        "50d81662f062716f718718814a3cdba57a4d3637c4f937f4fd208dcf14775159\
         d555623420f3aed747fbb4714c98d36aff9b19bf7204b6c77a02e9123972e1ba"
    );
    let full = refund_body(&merchant(), &RefundRequest { kind: RefundKind::Full, transaction_no: None, ..refund() })
        .expect("a request");
    assert_eq!(full["vnp_TransactionType"], "02");
    assert!(
        pipe_text(&REFUND_REQUEST_FIELDS, object(&full)).contains("|2000000||20261201090000|"),
        "an unknown transaction number is signed empty"
    );
}

#[test]
fn requests_vnpay_would_refuse_are_not_built() {
    for id in ["", "has space", "a-b", "012345678901234567890123456789012"] {
        assert!(query_body(&merchant(), &Query { request_id: id, ..query() }).is_err(), "{id:?}");
    }
    for amount in [0, -1, MAX_AMOUNT_DONG + 1] {
        assert_eq!(
            refund_body(&merchant(), &RefundRequest { amount_dong: amount, ..refund() }),
            Err(InvalidPayment::Amount(amount))
        );
    }
    assert_eq!(
        refund_body(&merchant(), &RefundRequest { created_by: "", ..refund() }),
        Err(InvalidPayment::Empty("vnp_CreateBy"))
    );
}

fn answer(command: &str, extra: &[(&str, &str)]) -> Map<String, Value> {
    let mut body: Map<String, Value> = [
        ("vnp_ResponseId", "RES01"),
        ("vnp_Command", command),
        ("vnp_ResponseCode", "00"),
        ("vnp_Message", "QueryDR Success"),
        ("vnp_TmnCode", "MOTCUA01"),
        ("vnp_TxnRef", "o1"),
        ("vnp_Amount", "5000000"),
        ("vnp_BankCode", "NCB"),
        ("vnp_PayDate", "20261201090512"),
        ("vnp_TransactionNo", "14012345"),
        ("vnp_TransactionType", "01"),
        ("vnp_TransactionStatus", "00"),
        ("vnp_OrderInfo", "Nộp lệ phí"),
    ]
    .iter()
    .chain(extra)
    .map(|(k, v)| ((*k).to_owned(), Value::String((*v).to_owned())))
    .collect();
    let fields: &[&str] = if command == "refund" { REFUND_RESPONSE_FIELDS } else { &QUERY_RESPONSE_FIELDS };
    let checksum = pipe_checksum("VNPAYSECRETKEY2026", fields, &body);
    body.insert("vnp_SecureHash".into(), Value::String(checksum));
    body
}

#[test]
fn a_querydr_answer_is_checked_in_its_own_order_and_read() {
    let body = answer("querydr", &[]);
    assert_eq!(
        body["vnp_SecureHash"],
        "d491efcfe38030d9c883fb629dc2170de62e663f1e3f6717f7ad32322578fee4\
         33e5cc29d480f805bfa18a58a15e73e34caef6ef7ac9a9c198a97fbc0670fa9c",
        "absent promotion fields count as empty"
    );
    let read = read_query_answer(&merchant(), &Value::Object(body.clone()).to_string()).expect("believed");
    assert_eq!((read.amount_dong, read.transaction_no.as_str()), (Some(50_000), "14012345"));
    let report = read.report().expect("a report");
    assert!(report.paid);
    assert_eq!((report.order_id.as_str(), report.amount_dong, report.response_code.as_str()), ("o1", 50_000, "00"));

    let mut tampered = body.clone();
    tampered.insert("vnp_TransactionStatus".into(), Value::String("02".into()));
    assert_eq!(read_query_answer(&merchant(), &Value::Object(tampered).to_string()), Err(AnswerRefused::BadSignature));
    assert_eq!(
        read_refund_answer(&merchant(), &Value::Object(body).to_string()),
        Err(AnswerRefused::BadSignature),
        "a querydr answer is not a refund answer"
    );
    assert_eq!(read_query_answer(&merchant(), "[]"), Err(AnswerRefused::NotJson));
}

#[test]
fn an_unpaid_or_unanswered_query_reports_no_payment() {
    let pending = answer("querydr", &[("vnp_TransactionStatus", "01")]);
    let read = read_query_answer(&merchant(), &Value::Object(pending).to_string()).expect("believed");
    assert_eq!(read.report().map(|r| (r.paid, r.response_code)), Some((false, "01".to_owned())));

    let mut missing: Map<String, Value> = [
        ("vnp_ResponseId", "RES02"),
        ("vnp_Command", "querydr"),
        ("vnp_ResponseCode", "91"),
        ("vnp_Message", "Không tìm thấy giao dịch"),
        ("vnp_TmnCode", "MOTCUA01"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), Value::String((*v).to_owned())))
    .collect();
    let checksum = pipe_checksum("VNPAYSECRETKEY2026", &QUERY_RESPONSE_FIELDS, &missing);
    missing.insert("vnp_SecureHash".into(), Value::String(checksum));
    let read = read_query_answer(&merchant(), &Value::Object(missing).to_string()).expect("believed");
    assert!(!read.succeeded());
    assert_eq!(read.report(), None);
}

#[test]
fn a_refund_answer_is_checked_and_read() {
    let body = answer("refund", &[("vnp_TransactionType", "03"), ("vnp_Amount", "2000000")]);
    let read = read_refund_answer(&merchant(), &Value::Object(body.clone()).to_string()).expect("believed");
    assert!(read.succeeded());
    assert_eq!((read.amount_dong, read.transaction_type.as_str()), (Some(20_000), "03"));

    let other = Merchant { tmn_code: "ANOTHER1".into(), ..merchant() };
    assert_eq!(
        read_refund_answer(&other, &Value::Object(body).to_string()),
        Err(AnswerRefused::Malformed("vnp_TmnCode"))
    );
    let odd = answer("refund", &[("vnp_Amount", "2000050")]);
    assert_eq!(
        read_refund_answer(&merchant(), &Value::Object(odd).to_string()),
        Err(AnswerRefused::Malformed("vnp_Amount"))
    );
}

#[test]
fn numbers_in_an_answer_are_signed_as_written() {
    let mut body = answer("querydr", &[]);
    body.insert("vnp_Amount".into(), Value::from(5_000_000));
    let checksum = pipe_checksum("VNPAYSECRETKEY2026", &QUERY_RESPONSE_FIELDS, &body);
    body.insert("vnp_SecureHash".into(), Value::String(checksum.to_uppercase()));
    let read = read_query_answer(&merchant(), &Value::Object(body).to_string()).expect("believed");
    assert_eq!(read.amount_dong, Some(50_000));
}
