//! A sandbox gateway speaking VNPay 2.1.0 over loopback, so the demo and the
//! tests pay for real without a bank: its payment page checks the signed
//! redirect like VNPay's, offers to pay, cancel or fail, then reports the
//! result signed to the merchant's IPN address (server to server, retried
//! as VNPay retries while the answer is neither `00` nor `02`) and sends
//! the browser back to the return address with the same parameters. Every
//! page says it is a sandbox: no money moves.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::extract::{Form, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::Utc;
use maud::{DOCTYPE, html};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::vnpay::{self, vnpay_time};

/// A merchant the sandbox knows.
#[derive(Debug, Clone)]
pub struct SandboxMerchant {
    pub merchant: vnpay::Merchant,
    /// Where the sandbox sends its IPN: `http://host:port/path`, loopback only.
    pub ipn_url: String,
}

/// The sandbox's merchants, by terminal code.
#[derive(Debug, Clone, Default)]
pub struct SandboxConfig {
    pub merchants: Vec<SandboxMerchant>,
    /// How many times an IPN is sent: once, and again while the answer is
    /// neither `00` nor `02`.
    pub ipn_attempts: u32,
}

#[derive(Debug)]
struct Sandbox {
    merchants: HashMap<String, SandboxMerchant>,
    ipn_attempts: u32,
    next_transaction: AtomicU64,
}

/// The sandbox's routes: the payment page and what its buttons post to.
pub fn router(config: SandboxConfig) -> Router {
    let sandbox = Sandbox {
        merchants: config.merchants.into_iter().map(|m| (m.merchant.tmn_code.clone(), m)).collect(),
        ipn_attempts: config.ipn_attempts.max(1),
        next_transaction: AtomicU64::new(14_000_000 + u64::from(rand::random::<u16>())),
    };
    Router::new()
        .route("/paymentv2/vpcpay.html", get(page))
        .route("/paymentv2/pay", post(pay))
        .with_state(Arc::new(sandbox))
}

/// Serves the sandbox on `listener` until the task is dropped.
pub async fn serve(listener: tokio::net::TcpListener, config: SandboxConfig) -> std::io::Result<()> {
    axum::serve(listener, router(config)).await
}

impl Sandbox {
    /// The checked parameters of a payment redirect, and its merchant.
    fn checked(&self, query: &str) -> Result<(BTreeMap<String, String>, &SandboxMerchant), String> {
        let unsigned: BTreeMap<String, String> =
            form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        let code = unsigned.get("vnp_TmnCode").ok_or("vnp_TmnCode is missing")?;
        let merchant = self.merchants.get(code).ok_or_else(|| format!("no merchant {code:?}"))?;
        let params = vnpay::verify(&merchant.merchant.hash_secret, query).map_err(|e| e.to_string())?;
        for name in [
            "vnp_Version",
            "vnp_Command",
            "vnp_Amount",
            "vnp_CurrCode",
            "vnp_TxnRef",
            "vnp_OrderInfo",
            "vnp_ReturnUrl",
            "vnp_IpAddr",
            "vnp_CreateDate",
        ] {
            if params.get(name).is_none_or(String::is_empty) {
                return Err(format!("{name} is missing"));
            }
        }
        if params["vnp_Version"] != vnpay::VERSION || params["vnp_Command"] != "pay" {
            return Err("only version 2.1.0 and the pay command are spoken here".to_owned());
        }
        if params["vnp_Amount"].parse::<i64>().map_or(true, |a| a <= 0 || a % 100 != 0) {
            return Err("vnp_Amount must be a positive number of đồng times 100".to_owned());
        }
        if params.get("vnp_ExpireDate").is_some_and(|expiry| *expiry < vnpay_time(Utc::now())) {
            return Err("the order has expired".to_owned());
        }
        Ok((params, merchant))
    }
}

fn refused(why: &str) -> Response {
    let page = html! {
        (DOCTYPE)
        html lang="vi" { head { meta charset="utf-8"; title { "Sandbox VNPay" } }
            body { p { strong { "SANDBOX" } } h1 { "Giao dịch không hợp lệ (invalid request)" } p #why { (why) } } }
    };
    (StatusCode::BAD_REQUEST, Html(page.into_string())).into_response()
}

/// The payment page: the order, clearly a sandbox, and three buttons.
async fn page(State(sandbox): State<Arc<Sandbox>>, RawQuery(query): RawQuery) -> Response {
    let query = query.unwrap_or_default();
    let (params, _) = match sandbox.checked(&query) {
        Ok(checked) => checked,
        Err(why) => return refused(&why),
    };
    let amount = params["vnp_Amount"].parse::<i64>().unwrap_or_default() / 100;
    let page = html! {
        (DOCTYPE)
        html lang="vi" {
            head { meta charset="utf-8"; meta name="viewport" content="width=device-width, initial-scale=1"; title { "Sandbox VNPay" } }
            body style="font-family: sans-serif; max-width: 32rem; margin: 2rem auto" {
                p style="background:#fde68a;padding:.5rem" {
                    strong { "SANDBOX" } " · Môi trường thử nghiệm: không có tiền thật nào được chuyển (no real money moves)."
                }
                h1 { "Thanh toán (payment)" }
                dl {
                    dt { "Đơn vị (merchant)" } dd #merchant { (params["vnp_TmnCode"]) }
                    dt { "Số tiền (amount)" } dd #amount { (amount) " VND" }
                    dt { "Nội dung (order)" } dd #order-info { (params["vnp_OrderInfo"]) }
                    dt { "Mã giao dịch (reference)" } dd #txn-ref { (params["vnp_TxnRef"]) }
                }
                form method="post" action="pay" {
                    input type="hidden" name="query" value=(query);
                    button type="submit" name="outcome" value="paid" { "Thanh toán (pay)" }
                    " "
                    button type="submit" name="outcome" value="cancelled" { "Hủy (cancel)" }
                    " "
                    button type="submit" name="outcome" value="declined" { "Thẻ bị từ chối (declined)" }
                }
            }
        }
    };
    Html(page.into_string()).into_response()
}

/// A button pressed: the result reported to the merchant, then the browser sent back.
async fn pay(State(sandbox): State<Arc<Sandbox>>, Form(form): Form<Vec<(String, String)>>) -> Response {
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or_default();
    let (params, merchant) = match sandbox.checked(field("query")) {
        Ok(checked) => checked,
        Err(why) => return refused(&why),
    };
    // VNPay's codes: 24 the payer cancelled, 51 not enough money on the account.
    let (response_code, status) = match field("outcome") {
        "paid" => ("00", "00"),
        "cancelled" => ("24", "02"),
        _ => ("51", "02"),
    };
    let transaction = sandbox.next_transaction.fetch_add(1, Ordering::Relaxed);
    let mut result = BTreeMap::new();
    for name in ["vnp_Amount", "vnp_OrderInfo", "vnp_TmnCode", "vnp_TxnRef"] {
        result.insert(name.to_owned(), params[name].clone());
    }
    let mut put = |name: &str, value: String| {
        result.insert(name.to_owned(), value);
    };
    put("vnp_BankCode", "NCB".to_owned());
    put("vnp_BankTranNo", format!("VNP{transaction}"));
    put("vnp_CardType", "ATM".to_owned());
    put("vnp_PayDate", vnpay_time(Utc::now()));
    put("vnp_ResponseCode", response_code.to_owned());
    put("vnp_TransactionNo", transaction.to_string());
    put("vnp_TransactionStatus", status.to_owned());
    let signed = vnpay::signed_query(&merchant.merchant.hash_secret, &result);
    notify(&merchant.ipn_url, &signed, sandbox.ipn_attempts).await;
    let back = &params["vnp_ReturnUrl"];
    let separator = if back.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{back}{separator}{signed}")).into_response()
}

/// Sends the IPN, again while the answer is neither `00` nor `02`.
async fn notify(ipn_url: &str, query: &str, attempts: u32) {
    for attempt in 1..=attempts {
        match get_json(ipn_url, query).await {
            Ok(answer) if matches!(answer["RspCode"].as_str(), Some("00" | "02")) => return,
            Ok(answer) => tracing::warn!(attempt, %answer, "sandbox: the merchant did not confirm the IPN"),
            Err(error) => tracing::warn!(attempt, %error, "sandbox: the IPN could not be delivered"),
        }
        tokio::time::sleep(std::time::Duration::from_millis(200 * u64::from(attempt))).await;
    }
}

/// A plain HTTP/1.1 GET to a loopback `http://` address, its JSON answer.
async fn get_json(url: &str, query: &str) -> std::io::Result<serde_json::Value> {
    let invalid = |why: &str| std::io::Error::new(std::io::ErrorKind::InvalidInput, why.to_owned());
    let rest = url.strip_prefix("http://").ok_or_else(|| invalid("the IPN address must be http://"))?;
    let (host, path) = rest.split_once('/').map_or((rest, "/".to_owned()), |(h, p)| (h, format!("/{p}")));
    let separator = if path.contains('?') { '&' } else { '?' };
    let mut stream = tokio::time::timeout(std::time::Duration::from_secs(5), tokio::net::TcpStream::connect(host))
        .await
        .map_err(|_| invalid("connecting timed out"))??;
    let request = format!("GET {path}{separator}{query} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await?;
    let mut answer = Vec::new();
    tokio::time::timeout(std::time::Duration::from_secs(10), stream.read_to_end(&mut answer))
        .await
        .map_err(|_| invalid("the answer timed out"))??;
    let text = String::from_utf8_lossy(&answer);
    let (head, body) = text.split_once("\r\n\r\n").ok_or_else(|| invalid("not an HTTP answer"))?;
    if !head.starts_with("HTTP/1.1 200") && !head.starts_with("HTTP/1.0 200") {
        return Err(invalid(head.lines().next().unwrap_or_default()));
    }
    let body =
        if head.to_ascii_lowercase().contains("transfer-encoding: chunked") { dechunk(body) } else { body.to_owned() };
    serde_json::from_str(&body).map_err(|e| invalid(&e.to_string()))
}

/// The body of a chunked answer.
fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else { break };
        if size == 0 || rest.len() < size {
            break;
        }
        out.push_str(&rest[..size]);
        body = rest[size..].trim_start_matches("\r\n");
    }
    out
}
