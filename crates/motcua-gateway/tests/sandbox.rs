//! The sandbox gateway over real sockets, driven as a browser and a
//! merchant would: the signed redirect opens the payment page, its form is
//! posted, the merchant (a tiny axum app here) receives the IPN signed, the
//! browser is sent back with the same signed result, and the merchant API
//! answers querydr and refund from what happened.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{RawQuery, State};
use chrono::Utc;
use motcua_domain::payments::GatewayReport;
use motcua_gateway::sandbox::{SandboxConfig, SandboxMerchant, serve};
use motcua_gateway::vnpay::api::{self, Query, RefundKind, RefundRequest, TransactionAnswer};
use motcua_gateway::vnpay::{Config, IpnAnswer, Locale, Merchant, Payment};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const SECRET: &str = "sandbox-secret";

/// What the merchant received: every IPN's query, and the orders it settled.
#[derive(Default)]
struct Shop {
    ipns: Mutex<Vec<String>>,
    settled: Mutex<Vec<GatewayReport>>,
    /// How many IPNs to answer `99` before confirming, to make the sandbox retry.
    fail_first: usize,
    config: Option<Config>,
}

async fn ipn(State(merchant): State<Arc<Shop>>, RawQuery(query): RawQuery) -> String {
    let query = query.unwrap_or_default();
    let seen = {
        let mut ipns = merchant.ipns.lock().expect("lock");
        ipns.push(query.clone());
        ipns.len()
    };
    let answer = if seen <= merchant.fail_first {
        IpnAnswer::UnknownError
    } else {
        match merchant.config.as_ref().expect("configured").read_report(&query) {
            Err(_) => IpnAnswer::InvalidSignature,
            Ok(report) => {
                let mut settled = merchant.settled.lock().expect("lock");
                if settled.iter().any(|r| r.order_id == report.order_id) {
                    IpnAnswer::AlreadyConfirmed
                } else {
                    settled.push(report);
                    IpnAnswer::Confirmed
                }
            }
        }
    };
    answer.body()
}

struct Setup {
    config: Config,
    sandbox_port: u16,
    merchant: Arc<Shop>,
}

async fn setup(fail_first: usize, ipn_attempts: u32) -> Setup {
    let merchant_listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let merchant_port = merchant_listener.local_addr().expect("address").port();
    let sandbox_listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let sandbox_port = sandbox_listener.local_addr().expect("address").port();
    let config = Config {
        merchant: Merchant { tmn_code: "MOTCUA00".into(), hash_secret: SECRET.into() },
        pay_url: format!("http://127.0.0.1:{sandbox_port}/paymentv2/vpcpay.html"),
        api_url: format!("http://127.0.0.1:{sandbox_port}/merchant_webapi/api/transaction"),
        return_url: "http://127.0.0.1:9/thanh-toan/ket-qua?from=vnpay".into(),
        order_type: "other".into(),
    };
    let merchant = Arc::new(Shop { fail_first, config: Some(config.clone()), ..Shop::default() });
    let app = axum::Router::new().route("/ipn", axum::routing::get(ipn)).with_state(merchant.clone());
    tokio::spawn(async move { axum::serve(merchant_listener, app).await });
    let sandbox = SandboxConfig {
        merchants: vec![SandboxMerchant {
            merchant: config.merchant.clone(),
            ipn_url: format!("http://127.0.0.1:{merchant_port}/ipn"),
        }],
        ipn_attempts,
    };
    tokio::spawn(serve(sandbox_listener, sandbox));
    Setup { config, sandbox_port, merchant }
}

/// One HTTP/1.1 request to the sandbox: the answer's head and body.
async fn request(port: u16, method: &str, target: &str, content_type: &str, body: &str) -> (String, String) {
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.expect("connect");
    let head = format!(
        "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.expect("write");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.expect("read");
    let (head, body) = answer.split_once("\r\n\r\n").expect("an HTTP answer");
    (head.to_owned(), body.to_owned())
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.eq_ignore_ascii_case(name).then(|| value.trim())
    })
}

/// The value of the page's hidden `query` input, unescaped.
fn hidden_query(page: &str) -> String {
    let start = page.find(r#"name="query" value=""#).expect("the hidden field") + r#"name="query" value=""#.len();
    let end = start + page[start..].find('"').expect("its end");
    page[start..end].replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

fn payment(order_id: &str, amount_dong: i64) -> Payment<'_> {
    let now = Utc::now();
    Payment {
        order_id,
        amount_dong,
        order_info: "Nộp lệ phí hồ sơ & phí thẩm định",
        locale: Locale::Vn,
        client_ip: "127.0.0.1",
        created_at: now,
        expires_at: now + chrono::Duration::minutes(15),
        bank_code: None,
    }
}

impl Setup {
    fn target(&self, url: &str) -> String {
        url.split_once(&format!("127.0.0.1:{}", self.sandbox_port)).expect("the sandbox").1.to_owned()
    }

    /// Opens the payment page of `payment` and presses `outcome`: the page, and where the browser is sent.
    async fn pay(&self, payment: &Payment<'_>, outcome: &str, ipn: &str) -> (String, String) {
        let url = self.config.payment_url(payment).expect("a payment URL");
        let (head, page) = request(self.sandbox_port, "GET", &self.target(&url), "text/plain", "").await;
        assert!(head.starts_with("HTTP/1.1 200"), "{head}\n{page}");
        let form: String = form_urlencoded::Serializer::new(String::new())
            .append_pair("query", &hidden_query(&page))
            .append_pair("ipn", ipn)
            .append_pair("outcome", outcome)
            .finish();
        let (head, _) =
            request(self.sandbox_port, "POST", "/paymentv2/pay", "application/x-www-form-urlencoded", &form).await;
        assert!(head.starts_with("HTTP/1.1 303"), "{head}");
        (page, header(&head, "location").expect("a redirect").to_owned())
    }

    async fn api(&self, body: &serde_json::Value) -> String {
        let target = self.target(&self.config.api_url);
        let (head, answer) = request(self.sandbox_port, "POST", &target, "application/json", &body.to_string()).await;
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        answer
    }

    async fn query(&self, request_id: &str, payment: &Payment<'_>) -> TransactionAnswer {
        let query = Query {
            request_id,
            order_id: payment.order_id,
            order_info: "Truy van ket qua",
            transaction_date: payment.created_at,
            created_at: Utc::now(),
            server_ip: "127.0.0.1",
        };
        let body = api::query_body(&self.config.merchant, &query).expect("a query");
        api::read_query_answer(&self.config.merchant, &self.api(&body).await).expect("a signed answer")
    }

    async fn refund(&self, request_id: &str, payment: &Payment<'_>, kind: RefundKind, dong: i64) -> TransactionAnswer {
        let refund = RefundRequest {
            request_id,
            kind,
            order_id: payment.order_id,
            amount_dong: dong,
            transaction_no: None,
            transaction_date: payment.created_at,
            created_by: "officer01",
            created_at: Utc::now(),
            server_ip: "127.0.0.1",
            order_info: "Hoàn phí hồ sơ bị từ chối",
        };
        let body = api::refund_body(&self.config.merchant, &refund).expect("a refund");
        api::read_refund_answer(&self.config.merchant, &self.api(&body).await).expect("a signed answer")
    }
}

async fn until(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < Duration::from_secs(5), "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_payment_is_reported_signed_queried_and_refunded_once() {
    let setup = setup(1, 3).await;
    let payment = payment("order1", 50_000);
    let (page, back) = setup.pay(&payment, "paid", "once").await;
    assert!(page.contains("SANDBOX") && page.contains("Môi trường thử nghiệm"), "{page}");
    assert!(page.contains("50.000 VND") && page.contains("MOTCUA00"), "{page}");
    assert!(page.contains("Nộp lệ phí hồ sơ &amp; phí thẩm định"), "the order's text, escaped");

    let (to, returned) = back.split_once("?from=vnpay&").expect("the return URL, with its own query");
    assert_eq!(to, "http://127.0.0.1:9/thanh-toan/ket-qua");
    let report = setup.config.read_report(returned).expect("the browser's return verifies");
    assert_eq!((report.order_id.as_str(), report.amount_dong, report.paid), ("order1", 50_000, true));

    let ipns = setup.merchant.ipns.lock().expect("lock").clone();
    assert_eq!(ipns.len(), 2, "sent again after 99, not after 00");
    assert_eq!(ipns[0], ipns[1], "the same signed result each time");
    assert_eq!(setup.config.read_report(&ipns[0]), Ok(report.clone()), "the IPN says what the return says");
    assert!(motcua_gateway::vnpay::verify("another secret", &ipns[0]).is_err());

    let queried = setup.query("Q1", &payment).await;
    assert!(queried.succeeded(), "{queried:?}");
    let from_query = queried.report().expect("a report");
    assert_eq!(
        (from_query.paid, from_query.amount_dong, from_query.transaction_no),
        (true, 50_000, report.transaction_no)
    );

    let partial = setup.refund("R1", &payment, RefundKind::Partial, 20_000).await;
    assert_eq!((partial.response_code.as_str(), partial.amount_dong), ("00", Some(20_000)), "{partial:?}");
    assert_eq!(partial.transaction_type, "03");
    let over = setup.refund("R2", &payment, RefundKind::Partial, 40_000).await;
    assert_eq!(over.response_code, "93", "only 30 000 đồng are left: {over:?}");
    let full = setup.refund("R3", &payment, RefundKind::Full, 50_000).await;
    assert_eq!(full.response_code, "04", "no full refund after a partial one");
    let repeated = setup.refund("R1", &payment, RefundKind::Partial, 1_000).await;
    assert_eq!(repeated.response_code, "94", "a request id is used once");
    let rest = setup.refund("R4", &payment, RefundKind::Partial, 30_000).await;
    assert!(rest.succeeded(), "the rest can be refunded: {rest:?}");
    let nothing_left = setup.refund("R5", &payment, RefundKind::Partial, 1_000).await;
    assert_eq!(nothing_left.response_code, "93");

    let url = setup.config.payment_url(&payment).expect("a URL");
    let (head, page) = request(setup.sandbox_port, "GET", &setup.target(&url), "text/plain", "").await;
    assert!(head.starts_with("HTTP/1.1 400") && page.contains("used before"), "a reference pays once: {page}");
}

#[tokio::test]
async fn a_full_refund_of_a_payment_is_done_once() {
    let setup = setup(0, 3).await;
    let payment = payment("order-full", 120_000);
    setup.pay(&payment, "paid", "once").await;
    let wrong = setup.refund("F1", &payment, RefundKind::Full, 100_000).await;
    assert_eq!(wrong.response_code, "93", "a full refund is of the whole amount");
    let full = setup.refund("F2", &payment, RefundKind::Full, 120_000).await;
    assert_eq!((full.response_code.as_str(), full.transaction_type.as_str()), ("00", "02"));
    let again = setup.refund("F3", &payment, RefundKind::Full, 120_000).await;
    assert_eq!(again.response_code, "04");
    let more = setup.refund("F4", &payment, RefundKind::Partial, 1_000).await;
    assert_eq!(more.response_code, "93", "nothing is left");
}

#[tokio::test]
async fn a_cancelled_or_failed_payment_is_reported_unpaid_and_not_refunded() {
    let setup = setup(0, 1).await;
    for (order, outcome, code) in [("order2", "cancelled", "24"), ("order3", "failed", "51")] {
        let payment = payment(order, 20_000);
        let (_, back) = setup.pay(&payment, outcome, "once").await;
        let report = setup.config.read_report(back.split_once("?from=vnpay&").expect("query").1).expect("signed");
        assert_eq!((report.paid, report.response_code.as_str()), (false, code));
        let queried = setup.query(&format!("Q{order}"), &payment).await;
        assert_eq!(queried.report().map(|r| (r.paid, r.response_code)), Some((false, "02".to_owned())));
        let refund = setup.refund(&format!("R{order}"), &payment, RefundKind::Full, 20_000).await;
        assert_eq!(refund.response_code, "95", "nothing was taken");
    }
    assert_eq!(setup.merchant.settled.lock().expect("lock").len(), 2, "one IPN each, settled unpaid");
}

#[tokio::test]
async fn the_ipn_can_come_twice_or_after_the_return() {
    let setup = setup(0, 3).await;
    setup.pay(&payment("twice", 10_000), "paid", "twice").await;
    {
        let ipns = setup.merchant.ipns.lock().expect("lock");
        assert_eq!(ipns.len(), 2, "delivered twice before the return");
    }
    assert_eq!(setup.merchant.settled.lock().expect("lock").len(), 1, "settled once: the second is 02");

    setup.pay(&payment("late", 10_000), "paid", "after_return").await;
    assert_eq!(setup.merchant.ipns.lock().expect("lock").len(), 2, "the browser is back before the IPN");
    until("the late IPN", || setup.merchant.ipns.lock().expect("lock").len() == 3).await;
    let settled = setup.merchant.settled.lock().expect("lock").clone();
    assert_eq!(settled.iter().map(|r| r.order_id.as_str()).collect::<Vec<_>>(), ["twice", "late"]);
}

#[tokio::test]
async fn the_sandbox_refuses_what_vnpay_refuses() {
    let setup = setup(0, 1).await;
    let url = setup.config.payment_url(&payment("order4", 50_000)).expect("a URL");
    let target = setup.target(&url);
    for (tampered, why) in [
        (target.replace("vnp_Amount=5000000", "vnp_Amount=100"), "signature"),
        (target.replace("vnp_TmnCode=MOTCUA00", "vnp_TmnCode=NOBODY00"), "no merchant"),
        (target.split("&vnp_SecureHash=").next().expect("a prefix").to_owned(), "signature"),
    ] {
        let (head, page) = request(setup.sandbox_port, "GET", &tampered, "text/plain", "").await;
        assert!(head.starts_with("HTTP/1.1 400") && page.contains(why), "{why}: {page}");
        assert!(page.contains("SANDBOX"));
    }

    let unknown = setup.query("Q9", &payment("never-paid", 1_000)).await;
    assert_eq!(unknown.response_code, "91");
    let mut forged = api::query_body(
        &setup.config.merchant,
        &Query {
            request_id: "Q10",
            order_id: "order4",
            order_info: "x",
            transaction_date: Utc::now(),
            created_at: Utc::now(),
            server_ip: "127.0.0.1",
        },
    )
    .expect("a query");
    forged["vnp_TxnRef"] = "order5".into();
    let answer = api::read_query_answer(&setup.config.merchant, &setup.api(&forged).await).expect("signed");
    assert_eq!(answer.response_code, "97", "a request whose checksum does not match");
    let answer: serde_json::Value = serde_json::from_str(&setup.api(&serde_json::json!({"x": 1})).await).expect("JSON");
    assert_eq!(answer["vnp_ResponseCode"], "03");
}
