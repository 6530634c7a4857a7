//! Our VNPay 2.1.0 against an independent implementation of it, the
//! MIT-licensed `vnpay` package on npm (2.5.0, pinned in
//! `tests/vnpay-js/package-lock.json`), so that both sides cannot be wrong
//! together:
//! - for 24 payments with Vietnamese text, spaces and the characters form
//!   encoding treats specially, it builds exactly our signed payment URL,
//!   we believe its URL, it believes ours and our signed return, and it
//!   refuses ours once tampered with;
//! - with the `sandbox` feature, its querydr and refund, with their own
//!   pipe-joined checksums, are accepted by the sandbox, and it believes the
//!   sandbox's querydr answer.
//!
//! Needs Node.js and npm, and fails saying so without them; `npm ci` runs
//! when `node_modules` is missing or older than the lock file.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use chrono::{DateTime, Duration, TimeZone, Utc};
use motcua_gateway::vnpay::{self, Config, Locale, Merchant, Payment, vnpay_time};
use serde_json::{Value, json};

fn package_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("vnpay-js")
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// `npm ci` unless `node_modules` was installed after the lock file was last changed.
fn install(dir: &Path) {
    for tool in ["node", "npm"] {
        let found = Command::new(tool).arg("--version").stdout(Stdio::null()).status().is_ok_and(|s| s.success());
        assert!(found, "this test needs {tool} (Node.js 20 or later) on PATH to run the npm vnpay package");
    }
    // npm writes this file at every install; the packages' own files keep their tarballs' dates.
    let installed = modified(&dir.join("node_modules").join(".package-lock.json"));
    let lock = modified(&dir.join("package-lock.json"));
    if installed.is_some() && installed >= lock {
        return;
    }
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(dir)
        .status()
        .unwrap_or_else(|e| panic!("npm ci could not start in {}: {e}", dir.display()));
    assert!(status.success(), "npm ci in {} failed: {status}", dir.display());
}

/// Runs the package over `cases`, one JSON line each, and returns its answers in order.
fn run_package(cases: &[Value]) -> Vec<Value> {
    let dir = package_dir();
    install(&dir);
    let mut child = Command::new("node")
        .arg(dir.join("cross-check.cjs"))
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("this test needs Node.js to run the vnpay package: {e}"));
    {
        let mut input = child.stdin.take().expect("stdin");
        for case in cases {
            writeln!(input, "{case}").expect("write a case");
        }
    }
    let output = child.wait_with_output().expect("node ran");
    assert!(output.status.success(), "the cross-check script failed");
    let answers: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect();
    assert_eq!(answers.len(), cases.len(), "one answer per case");
    answers
}

/// Text the cases are made of: diacritics, spaces, and what form encoding escapes.
const PIECES: [&str; 16] = [
    "Nộp lệ phí",
    "hồ sơ",
    "000.00.15.H29-251104-0001",
    "&",
    "=",
    "+",
    "/",
    "đăng ký tạm trú",
    "50%",
    "Thửa 9, tờ 3",
    "?#",
    "Đắk Lắk",
    "Phí (thẩm định)",
    "a*b~c!d'e",
    "Ủy ban nhân dân phường Bến Thành",
    "  hai  dấu cách ",
];

fn secret_of(i: usize) -> String {
    format!("SECRET{i:02}KEY{}", "X".repeat(i % 5))
}

fn base_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 2, 30, 0).single().expect("instant")
}

fn config_of(i: usize) -> Config {
    Config {
        merchant: Merchant { tmn_code: format!("MOTCUA{:02}", i % 3), hash_secret: secret_of(i) },
        pay_url: "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html".into(),
        api_url: "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction".into(),
        return_url: format!("https://dichvucong.example.vn/thanh-toan/ket-qua?from=vnpay&case={i}"),
        order_type: if i.is_multiple_of(5) { "billpayment" } else { "other" }.into(),
    }
}

#[test]
fn the_vnpay_package_builds_our_urls_and_we_believe_each_others_signatures() {
    let mut cases = Vec::new();
    let mut expected = Vec::new();
    for i in 0..24_usize {
        let info: Vec<&str> = (0..1 + i % 4).map(|k| PIECES[(i * 5 + k * 7) % PIECES.len()]).collect();
        let order_info = info.join(" ");
        let amount = 1_000 * (i as i64 + 1) + 500 * (i as i64 % 3);
        let config = config_of(i);
        let created = base_time() + Duration::minutes(i as i64 * 37);
        let txn_ref = format!("order{i:03}");
        let payment = Payment {
            order_id: &txn_ref,
            amount_dong: amount,
            order_info: &order_info,
            locale: if i.is_multiple_of(2) { Locale::Vn } else { Locale::En },
            client_ip: if i.is_multiple_of(3) { "203.0.113.9" } else { "2001:db8::1" },
            created_at: created,
            expires_at: created + Duration::minutes(15),
            bank_code: i.is_multiple_of(4).then_some("NCB"),
        };
        let ours = config.payment_url(&payment).expect("a payment URL");
        let tampered = ours.replace(&format!("vnp_Amount={}", amount * 100), &format!("vnp_Amount={}", amount * 10));
        assert_ne!(tampered, ours);
        let mut result = BTreeMap::new();
        for (name, value) in [
            ("vnp_Amount", (amount * 100).to_string()),
            ("vnp_BankCode", "NCB".to_owned()),
            ("vnp_CardType", if i.is_multiple_of(6) { "" } else { "ATM" }.to_owned()),
            ("vnp_OrderInfo", order_info.clone()),
            ("vnp_PayDate", vnpay_time(created + Duration::minutes(3))),
            ("vnp_ResponseCode", if i.is_multiple_of(3) { "24" } else { "00" }.to_owned()),
            ("vnp_TmnCode", config.merchant.tmn_code.clone()),
            ("vnp_TransactionNo", format!("{}", 14_000_000 + i)),
            ("vnp_TransactionStatus", if i.is_multiple_of(3) { "02" } else { "00" }.to_owned()),
            ("vnp_TxnRef", txn_ref.clone()),
        ] {
            result.insert(name.to_owned(), value);
        }
        let mut package_payment = json!({
            "vnp_Amount": amount,
            "vnp_IpAddr": payment.client_ip,
            "vnp_TxnRef": txn_ref,
            "vnp_OrderInfo": order_info,
            "vnp_OrderType": config.order_type,
            "vnp_ReturnUrl": config.return_url,
            "vnp_Locale": payment.locale.as_str(),
            "vnp_CreateDate": vnpay_time(payment.created_at).parse::<u64>().expect("digits"),
            "vnp_ExpireDate": vnpay_time(payment.expires_at).parse::<u64>().expect("digits"),
        });
        if let Some(bank) = payment.bank_code {
            package_payment["vnp_BankCode"] = bank.into();
        }
        cases.push(json!({
            "kind": "pay",
            "secret": config.merchant.hash_secret,
            "tmnCode": config.merchant.tmn_code,
            "payment": package_payment,
            "ours": { "paymentUrl": ours, "returnQuery": vnpay::signed_query(&config.merchant.hash_secret, &result) },
        }));
        cases.push(json!({
            "kind": "pay",
            "secret": config.merchant.hash_secret,
            "tmnCode": config.merchant.tmn_code,
            "payment": package_payment,
            "ours": { "paymentUrl": tampered, "returnQuery": vnpay::signed_query("another secret", &result) },
        }));
        expected.push((config, ours, amount, order_info.clone()));
    }
    let answers = run_package(&cases);
    for (k, (config, ours, amount, order_info)) in expected.iter().enumerate() {
        let (genuine, tampered) = (&answers[2 * k], &answers[2 * k + 1]);
        let theirs = genuine["url"].as_str().expect("a URL");
        assert_eq!(theirs, ours, "case {k}: the package builds another URL, so another signature");
        assert_eq!(genuine["paymentUrlVerified"], true, "case {k}: the package does not believe our URL");
        assert_eq!(genuine["returnVerified"], true, "case {k}: the package does not believe our return");
        assert_eq!(tampered["paymentUrlVerified"], false, "case {k}: the package believes a tampered URL");
        assert_eq!(tampered["returnVerified"], false, "case {k}: the package believes another secret");
        let params = vnpay::verify(&config.merchant.hash_secret, theirs.split_once('?').expect("a query").1)
            .unwrap_or_else(|e| panic!("case {k}: we do not believe the package: {e}: {theirs}"));
        assert_eq!(params["vnp_Amount"], (amount * 100).to_string());
        assert_eq!(&params["vnp_OrderInfo"], order_info);
    }
}

#[cfg(feature = "sandbox")]
mod through_the_sandbox {
    use motcua_gateway::sandbox::{SandboxConfig, SandboxMerchant, serve};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;

    /// One HTTP/1.1 request to 127.0.0.1: the answer's head and body.
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

    #[tokio::test]
    async fn the_sandbox_accepts_the_packages_querydr_and_refund_and_it_believes_the_answer() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("address").port();
        let merchant = Merchant { tmn_code: "MOTCUA00".into(), hash_secret: "JS-SECRET-2026".into() };
        // Nobody listens at the IPN address: the IPN fails, the payment is recorded all the same.
        let sandbox = SandboxConfig {
            merchants: vec![SandboxMerchant { merchant: merchant.clone(), ipn_url: "http://127.0.0.1:9/ipn".into() }],
            ipn_attempts: 1,
        };
        tokio::spawn(serve(listener, sandbox));
        let config = Config {
            merchant: merchant.clone(),
            pay_url: format!("http://127.0.0.1:{port}/paymentv2/vpcpay.html"),
            api_url: format!("http://127.0.0.1:{port}/merchant_webapi/api/transaction"),
            return_url: "http://127.0.0.1:9/r".into(),
            order_type: "other".into(),
        };
        let created = Utc::now();
        let payment = Payment {
            order_id: "js-order-1",
            amount_dong: 75_000,
            order_info: "Nộp lệ phí cấp giấy phép",
            locale: Locale::Vn,
            client_ip: "127.0.0.1",
            created_at: created,
            expires_at: created + Duration::minutes(15),
            bank_code: None,
        };
        let url = config.payment_url(&payment).expect("a URL");
        let query = url.split_once('?').expect("a query").1;
        let form: String = form_urlencoded::Serializer::new(String::new())
            .append_pair("query", query)
            .append_pair("outcome", "paid")
            .finish();
        let (head, _) = request(port, "POST", "/paymentv2/pay", &form).await;
        assert!(head.starts_with("HTTP/1.1 303"), "{head}");
        let location = head.lines().find_map(|l| l.strip_prefix("location: ")).expect("a redirect");
        let transaction_no =
            config.read_report(location.split_once('?').expect("a query").1).expect("signed").transaction_no;

        let date: u64 = vnpay_time(created).parse().expect("digits");
        let now: u64 = vnpay_time(Utc::now()).parse().expect("digits");
        let host = format!("http://127.0.0.1:{port}");
        let call = |kind: &str, secret: &str, request: Value| json!({ "kind": kind, "secret": secret, "tmnCode": "MOTCUA00", "host": host, "request": request });
        let query = |id: &str| {
            json!({
                "vnp_RequestId": id, "vnp_IpAddr": "127.0.0.1", "vnp_TxnRef": "js-order-1",
                "vnp_OrderInfo": "Truy vấn kết quả", "vnp_TransactionDate": date, "vnp_CreateDate": now,
            })
        };
        let refund = |id: &str, dong: i64| {
            json!({
                "vnp_RequestId": id, "vnp_IpAddr": "127.0.0.1", "vnp_TxnRef": "js-order-1",
                "vnp_OrderInfo": "Hoàn phí hồ sơ & lệ phí", "vnp_TransactionDate": date, "vnp_CreateDate": now,
                "vnp_CreateBy": "officer01", "vnp_TransactionType": "03", "vnp_Amount": dong,
                // Given, because the package signs a missing number as "0" but sends none.
                "vnp_TransactionNo": transaction_no,
            })
        };
        let cases = [
            call("querydr", "JS-SECRET-2026", query("JSQ1")),
            call("querydr", "wrong secret", query("JSQ2")),
            call("refund", "JS-SECRET-2026", refund("JSR1", 25_000)),
            call("refund", "JS-SECRET-2026", refund("JSR2", 60_000)),
        ];
        // The package calls the sandbox over HTTP, so it runs beside this test's runtime.
        let answers = tokio::task::spawn_blocking(move || run_package(&cases)).await.expect("the package ran");
        assert_eq!(
            answers[0],
            json!({ "isVerified": true, "isSuccess": true, "vnp_ResponseCode": "00", "vnp_TransactionStatus": "00" }),
            "the sandbox believed the package's querydr checksum, and the package the answer's"
        );
        assert_eq!(answers[1]["vnp_ResponseCode"], "97", "a checksum with another secret is refused");
        assert_eq!(
            answers[2]["vnp_ResponseCode"], "00",
            "the sandbox believed the package's refund checksum: {}",
            answers[2]
        );
        assert_eq!(answers[3]["vnp_ResponseCode"], "93", "only 50 000 đồng were left to refund");
    }
}
