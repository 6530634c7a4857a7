//! The sandbox gateway over real sockets: a merchant's signed redirect opens
//! its payment page, the pay button reports the result signed to the
//! merchant's IPN address (again when the merchant does not confirm), and
//! the browser is sent back with the same signed parameters.

use std::sync::{Arc, Mutex};

use axum::extract::{RawQuery, State};
use chrono::Utc;
use motcua_domain::payments::{Gateway, PaymentOrder};
use motcua_gateway::sandbox::{SandboxConfig, SandboxMerchant, serve};
use motcua_gateway::vnpay::{self, Merchant, Redirect};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// The IPNs a merchant received; it confirms from the second one on.
#[derive(Default)]
struct Received(Mutex<Vec<String>>);

async fn ipn(State(received): State<Arc<Received>>, RawQuery(query): RawQuery) -> String {
    let mut all = received.0.lock().expect("lock");
    all.push(query.unwrap_or_default());
    let code = if all.len() == 1 { "99" } else { "00" };
    format!(r#"{{"RspCode":"{code}","Message":"test"}}"#)
}

/// One HTTP/1.1 request to 127.0.0.1, its status line, headers and body.
async fn request(port: u16, method: &str, target: &str, body: &str) -> (String, String) {
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.expect("connect");
    let head = format!(
        "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
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

#[tokio::test]
async fn a_payment_through_the_sandbox_is_reported_signed_to_the_merchant_and_the_browser() {
    let received = Arc::new(Received::default());
    let merchant_listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let merchant_port = merchant_listener.local_addr().expect("address").port();
    let app = axum::Router::new().route("/ipn", axum::routing::get(ipn)).with_state(received.clone());
    tokio::spawn(async move { axum::serve(merchant_listener, app).await });

    let merchant = Merchant { tmn_code: "MOTCUA00".into(), hash_secret: "sandbox-secret".into() };
    let config = SandboxConfig {
        merchants: vec![SandboxMerchant {
            merchant: merchant.clone(),
            ipn_url: format!("http://127.0.0.1:{merchant_port}/ipn"),
        }],
        ipn_attempts: 3,
    };
    let sandbox_listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let sandbox_port = sandbox_listener.local_addr().expect("address").port();
    tokio::spawn(serve(sandbox_listener, config));

    let now = Utc::now();
    let order = PaymentOrder::new("order1".into(), ("01", "d1"), "c1", Gateway::Vnpay, 50_000, now);
    let pay_url = format!("http://127.0.0.1:{sandbox_port}/paymentv2/vpcpay.html");
    let redirect = Redirect {
        pay_url: &pay_url,
        return_url: "http://127.0.0.1:9/thanh-toan/ket-qua",
        client_ip: "127.0.0.1",
        locale: "vn",
        order_info: "Nộp lệ phí hồ sơ & phí",
    };
    let url = vnpay::payment_url(&merchant, &order, &redirect);
    let target = url.split_once(&format!("127.0.0.1:{sandbox_port}")).expect("the sandbox").1;

    let (head, page) = request(sandbox_port, "GET", target, "").await;
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(page.contains("SANDBOX") && page.contains("50000 VND"), "{page}");
    assert!(page.contains("Nộp lệ phí hồ sơ &amp; phí"), "the order's text, escaped");

    let tampered = target.replace("vnp_Amount=5000000", "vnp_Amount=100");
    let (head, _) = request(sandbox_port, "GET", &tampered, "").await;
    assert!(head.starts_with("HTTP/1.1 400"), "a tampered redirect is refused: {head}");

    let query = target.split_once('?').expect("a query").1;
    let form: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("query", query)
        .append_pair("outcome", "paid")
        .finish();
    let (head, _) = request(sandbox_port, "POST", "/paymentv2/pay", &form).await;
    assert!(head.starts_with("HTTP/1.1 303"), "{head}");
    let back = header(&head, "location").expect("a redirect");
    let (to, returned) = back.split_once('?').expect("with the result");
    assert_eq!(to, "http://127.0.0.1:9/thanh-toan/ket-qua");
    let report = vnpay::report(&vnpay::verify("sandbox-secret", returned).expect("signed")).expect("report");
    assert_eq!((report.order_id.as_str(), report.amount_dong, report.paid), ("order1", 50_000, true));

    let ipns = received.0.lock().expect("lock").clone();
    assert_eq!(ipns.len(), 2, "sent again after an answer other than 00 or 02");
    for sent in &ipns {
        let report = vnpay::report(&vnpay::verify("sandbox-secret", sent).expect("signed")).expect("report");
        assert!(report.paid && !report.transaction_no.is_empty());
    }
    assert!(vnpay::verify("another-secret", &ipns[0]).is_err());
}

#[tokio::test]
async fn a_cancelled_payment_is_reported_unpaid() {
    let received = Arc::new(Received::default());
    let merchant_listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let merchant_port = merchant_listener.local_addr().expect("address").port();
    let app = axum::Router::new().route("/ipn", axum::routing::get(ipn)).with_state(received.clone());
    tokio::spawn(async move { axum::serve(merchant_listener, app).await });
    let merchant = Merchant { tmn_code: "MOTCUA00".into(), hash_secret: "s".into() };
    let config = SandboxConfig {
        merchants: vec![SandboxMerchant {
            merchant: merchant.clone(),
            ipn_url: format!("http://127.0.0.1:{merchant_port}/ipn"),
        }],
        ipn_attempts: 1,
    };
    let sandbox_listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let sandbox_port = sandbox_listener.local_addr().expect("address").port();
    tokio::spawn(serve(sandbox_listener, config));
    let order = PaymentOrder::new("order2".into(), ("01", "d1"), "c1", Gateway::Vnpay, 20_000, Utc::now());
    let pay_url = format!("http://127.0.0.1:{sandbox_port}/paymentv2/vpcpay.html");
    let redirect = Redirect {
        pay_url: &pay_url,
        return_url: "http://127.0.0.1:9/r",
        client_ip: "127.0.0.1",
        locale: "vn",
        order_info: "x",
    };
    let url = vnpay::payment_url(&merchant, &order, &redirect);
    let query = url.split_once('?').expect("a query").1;
    let form: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("query", query)
        .append_pair("outcome", "cancelled")
        .finish();
    let (head, _) = request(sandbox_port, "POST", "/paymentv2/pay", &form).await;
    let back = header(&head, "location").expect("a redirect");
    let report =
        vnpay::report(&vnpay::verify("s", back.split_once('?').expect("query").1).expect("signed")).expect("report");
    assert_eq!((report.paid, report.response_code.as_str()), (false, "24"));
    assert_eq!(received.0.lock().expect("lock").len(), 1, "one attempt configured");
}
