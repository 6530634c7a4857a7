//! The configured payment gateway, as the app sees it: VNPay 2.1.0 through
//! `motcua-gateway`, at VNPay or at the sandbox this binary starts on
//! loopback for the demo; or the national payment platform, signed as its
//! configuration says.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, Utc};
use motcua_app::gateway::{
    Answering, CallFailed, Handled, PayRequest, PaymentGateway, QueryAnswer, RefundAnswer, RefundCall, ReportOutcome,
    ReportRefused,
};
use motcua_domain::payments::{Gateway, GatewayReport, PaymentOrder};
use motcua_gateway::national::{self, National};
use motcua_gateway::sandbox::{SandboxConfig, SandboxMerchant};
use motcua_gateway::vnpay::api::{self, Query, RefundKind, RefundRequest};
use motcua_gateway::vnpay::{self, IpnAnswer, Locale, Merchant, Refused};

use crate::config::PaymentConfig;

/// VNPay, or the sandbox speaking its protocol.
#[derive(Debug)]
pub struct Vnpay {
    /// The merchant, its pages and its API.
    config: vnpay::Config,
    /// This server's address, which the merchant API's requests name (`vnp_IpAddr`).
    server_ip: String,
    client: reqwest::Client,
    sandbox: bool,
}

/// How long a call to the merchant API may take.
const API_TIMEOUT: Duration = Duration::from_secs(20);

/// Who asks for a refund, as the merchant API records it (`vnp_CreateBy`).
const REFUND_CREATED_BY: &str = "motcua";

impl Vnpay {
    fn new(merchant: Merchant, (pay_url, api_url): (String, String), return_url: String, server: SocketAddr) -> Vnpay {
        Vnpay {
            config: vnpay::Config { merchant, pay_url, api_url, return_url, order_type: "other".to_owned() },
            server_ip: server.ip().to_string(),
            client: reqwest::Client::builder().timeout(API_TIMEOUT).build().unwrap_or_default(),
            sandbox: false,
        }
    }

    /// Posts a signed body to the merchant API and returns its answer's text.
    async fn post(&self, body: &serde_json::Value) -> Result<String, CallFailed> {
        let failed = |error: reqwest::Error| CallFailed(format!("the merchant API: {error}"));
        let response = self.client.post(&self.config.api_url).json(body).send().await.map_err(failed)?;
        response.error_for_status().map_err(failed)?.text().await.map_err(failed)
    }

    /// Sends a status query (`querydr`) to the merchant API and reads its checked answer.
    async fn send_query(
        &self,
        order: &PaymentOrder,
        request_id: &str,
        at: DateTime<Utc>,
    ) -> Result<QueryAnswer, CallFailed> {
        let info = format!("Truy van don {}", order.id);
        let query = Query {
            request_id,
            order_id: &order.id,
            order_info: &info,
            transaction_date: order.created_at,
            created_at: at,
            server_ip: &self.server_ip,
        };
        let body = api::query_body(&self.config.merchant, &query).map_err(|invalid| CallFailed(invalid.to_string()))?;
        let text = self.post(&body).await?;
        let answer = api::read_query_answer(&self.config.merchant, &text)
            .map_err(|refused| CallFailed(format!("the merchant API's answer: {refused}")))?;
        match answer.response_code.as_str() {
            // VNPay's "transaction not found": nothing was paid for this order.
            "91" => Ok(QueryAnswer::NoTransaction),
            _ => match answer.report() {
                Some(report) => Ok(QueryAnswer::Report(report)),
                None => Err(CallFailed(format!("{} {}", answer.response_code, answer.message))),
            },
        }
    }

    /// Sends a refund to the merchant API and reads its checked answer.
    async fn send_refund(&self, order: &PaymentOrder, call: RefundCall<'_>) -> Result<RefundAnswer, CallFailed> {
        let request = RefundRequest {
            request_id: call.request_id,
            kind: if call.amount_dong == order.amount_dong { RefundKind::Full } else { RefundKind::Partial },
            order_id: &order.id,
            amount_dong: call.amount_dong,
            transaction_no: Some(order.transaction_no.as_str()),
            transaction_date: order.created_at,
            created_by: REFUND_CREATED_BY,
            created_at: call.at,
            server_ip: &self.server_ip,
            order_info: call.reason,
        };
        // A refund VNPay cannot carry is refused for good, not tried again.
        let body = match api::refund_body(&self.config.merchant, &request) {
            Ok(body) => body,
            Err(invalid) => return Ok(RefundAnswer::Refused(invalid.to_string())),
        };
        let text = self.post(&body).await?;
        let answer = api::read_refund_answer(&self.config.merchant, &text)
            .map_err(|refused| CallFailed(format!("the merchant API's answer: {refused}")))?;
        Ok(match answer.response_code.as_str() {
            "00" => RefundAnswer::Refunded { transaction_no: answer.transaction_no },
            // VNPay's "other error": worth another try.
            "99" => return Err(CallFailed(format!("99 {}", answer.message))),
            code => RefundAnswer::Refused(format!("{code} {}", answer.message)),
        })
    }
}

impl PaymentGateway for Vnpay {
    fn gateway(&self) -> Gateway {
        Gateway::Vnpay
    }

    fn is_sandbox(&self) -> bool {
        self.sandbox
    }

    fn origin(&self) -> String {
        origin_of(&self.config.pay_url)
    }

    fn payment_url(&self, order: &PaymentOrder, request: &PayRequest<'_>) -> Result<String, String> {
        // VNPay's pages speak Vietnamese and English only: English serves an Arabic reader better.
        let locale = if request.language == "vi" { Locale::Vn } else { Locale::En };
        let payment = vnpay::Payment::of_order(order, request.description, locale, request.client_ip);
        self.config.payment_url(&payment).map_err(|invalid| invalid.to_string())
    }

    fn read_report(&self, query: &str) -> Result<GatewayReport, ReportRefused> {
        self.config.read_report(query).map_err(|refused| match refused {
            Refused::BadSignature => ReportRefused::BadSignature,
            Refused::Malformed(name) => ReportRefused::Malformed(name.to_owned()),
        })
    }

    fn answer(&self, handled: &Handled) -> (String, &'static str) {
        let answer = match handled {
            Handled::Outcome(ReportOutcome::Settled) => IpnAnswer::Confirmed,
            Handled::Outcome(ReportOutcome::AlreadySettled) => IpnAnswer::AlreadyConfirmed,
            Handled::Outcome(ReportOutcome::AmountMismatch) => IpnAnswer::InvalidAmount,
            Handled::Outcome(ReportOutcome::UnknownOrder) => IpnAnswer::OrderNotFound,
            Handled::Refused(ReportRefused::BadSignature) => IpnAnswer::InvalidSignature,
            Handled::Refused(ReportRefused::Malformed(_)) | Handled::Failure => IpnAnswer::UnknownError,
        };
        (answer.body(), "application/json")
    }

    fn query<'a>(
        &'a self,
        order: &'a PaymentOrder,
        request_id: &'a str,
        at: DateTime<Utc>,
    ) -> Answering<'a, QueryAnswer> {
        Box::pin(self.send_query(order, request_id, at))
    }

    fn refund<'a>(&'a self, order: &'a PaymentOrder, call: RefundCall<'a>) -> Answering<'a, RefundAnswer> {
        Box::pin(self.send_refund(order, call))
    }
}

/// The origin (scheme, host and port) of a page's address.
fn origin_of(url: &str) -> String {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..].find('/').map_or(url.len(), |i| after_scheme + i);
    url[..end].to_owned()
}

/// The national payment platform (or a provincial system built like it):
/// the redirect and the notification signed as configured. Its status
/// query and refunds have no public protocol: a refund is left to an
/// officer, who makes it in the platform's own portal.
#[derive(Debug)]
pub struct NationalPlatform {
    national: National,
}

impl PaymentGateway for NationalPlatform {
    fn gateway(&self) -> Gateway {
        Gateway::NationalPlatform
    }

    fn is_sandbox(&self) -> bool {
        false
    }

    fn origin(&self) -> String {
        origin_of(&self.national.config().pay_url)
    }

    fn payment_url(&self, order: &PaymentOrder, request: &PayRequest<'_>) -> Result<String, String> {
        let payment = national::Payment {
            order_id: &order.id,
            amount_dong: order.amount_dong,
            order_info: request.description,
            client_ip: request.client_ip,
            created_at: order.created_at,
            expires_at: order.expires_at,
        };
        self.national.payment_url(&payment).map_err(|invalid| invalid.to_string())
    }

    fn read_report(&self, query: &str) -> Result<GatewayReport, ReportRefused> {
        self.national.read_query(query).map_err(|refused| match refused {
            national::Refused::BadSignature => ReportRefused::BadSignature,
            national::Refused::Malformed(name) => ReportRefused::Malformed(name),
        })
    }

    /// The platform's notification is answered with a JSON code, the
    /// meanings of VNPay's: `00` settled, `02` settled before, `04` another
    /// amount, `01` unknown order, `97` bad signature, `99` try again.
    fn answer(&self, handled: &Handled) -> (String, &'static str) {
        let code = match handled {
            Handled::Outcome(ReportOutcome::Settled) => "00",
            Handled::Outcome(ReportOutcome::AlreadySettled) => "02",
            Handled::Outcome(ReportOutcome::AmountMismatch) => "04",
            Handled::Outcome(ReportOutcome::UnknownOrder) => "01",
            Handled::Refused(ReportRefused::BadSignature) => "97",
            Handled::Refused(ReportRefused::Malformed(_)) | Handled::Failure => "99",
        };
        (serde_json::json!({ "code": code }).to_string(), "application/json")
    }

    fn can_query(&self) -> bool {
        false
    }

    fn query<'a>(
        &'a self,
        _order: &'a PaymentOrder,
        _request_id: &'a str,
        _at: DateTime<Utc>,
    ) -> Answering<'a, QueryAnswer> {
        Box::pin(std::future::ready(Err(CallFailed("the national platform takes no status query".to_owned()))))
    }

    fn refund<'a>(&'a self, _order: &'a PaymentOrder, _call: RefundCall<'a>) -> Answering<'a, RefundAnswer> {
        let answer = RefundAnswer::Refused("the national platform takes refunds in its own portal".to_owned());
        Box::pin(std::future::ready(Ok(answer)))
    }
}

/// The gateway the configuration names, if any; for the sandbox, also the
/// sandbox itself, started on its own loopback port. `server` is where this
/// server listens, which the sandbox's notifications go to; `public_url` is
/// where the payer's browser comes back to.
pub async fn configure(
    config: &PaymentConfig,
    server: SocketAddr,
    public_url: &str,
) -> anyhow::Result<Option<Arc<dyn PaymentGateway>>> {
    let return_url = format!("{public_url}/thanh-toan/ket-qua");
    match config.gateway.as_str() {
        "off" => Ok(None),
        "national" => {
            let mut national = config.national.clone().context("payment: no [payment.national] table")?;
            if national.return_url.is_empty() {
                national.return_url = return_url;
            }
            let national = National::new(national).map_err(|error| anyhow::anyhow!("payment.national: {error}"))?;
            Ok(Some(Arc::new(NationalPlatform { national })))
        }
        "vnpay" => Ok(Some(Arc::new(Vnpay::new(
            Merchant { tmn_code: config.tmn_code.clone(), hash_secret: config.hash_secret.clone() },
            (config.pay_url.clone(), config.api_url.clone()),
            return_url,
            server,
        )))),
        _ => {
            let listener = tokio::net::TcpListener::bind(config.sandbox_listen)
                .await
                .with_context(|| format!("starting the sandbox gateway on {}", config.sandbox_listen))?;
            let address = listener.local_addr()?;
            // A fresh secret each start: nothing outside this process signs for the sandbox.
            let merchant = Merchant { tmn_code: "MOTCUA00".to_owned(), hash_secret: motcua_app::accounts::random_id() };
            let sandbox = SandboxConfig {
                merchants: vec![SandboxMerchant {
                    merchant: merchant.clone(),
                    ipn_url: format!("http://{server}/thanh-toan/thong-bao"),
                }],
                ipn_attempts: 3,
            };
            tokio::spawn(async move {
                if let Err(error) = motcua_gateway::sandbox::serve(listener, sandbox).await {
                    tracing::error!(%error, "the sandbox gateway stopped");
                }
            });
            tracing::info!(%address, "sandbox payment gateway (VNPay 2.1.0, no real money)");
            let urls = (
                format!("http://{address}/paymentv2/vpcpay.html"),
                format!("http://{address}/merchant_webapi/api/transaction"),
            );
            Ok(Some(Arc::new(Vnpay { sandbox: true, ..Vnpay::new(merchant, urls, return_url, server) })))
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use motcua_app::gateway::{PayRequest, ReportRefused};
    use motcua_domain::payments::{Gateway, PaymentOrder};

    use super::*;
    use crate::config::Config;

    fn national_config() -> PaymentConfig {
        let config: Config = toml::from_str(crate::config::tests::NATIONAL).expect("config");
        config.payment
    }

    #[tokio::test]
    async fn the_national_platform_signs_its_redirect_and_believes_only_signed_notifications() {
        let server = SocketAddr::from(([127, 0, 0, 1], 8080));
        let gateway = configure(&national_config(), server, "https://dichvucong.example.vn")
            .await
            .expect("configured")
            .expect("a gateway");
        assert_eq!(
            (gateway.gateway(), gateway.is_sandbox(), gateway.can_query()),
            (Gateway::NationalPlatform, false, false)
        );
        assert_eq!(gateway.origin(), "https://thanhtoan.example.gov.vn");
        let order = PaymentOrder::new("o1".into(), ("01", "d1"), "c1", Gateway::NationalPlatform, 45_000, Utc::now());
        let request = PayRequest { client_ip: "203.0.113.9", language: "vi", description: "Nộp lệ phí" };
        let url = gateway.payment_url(&order, &request).expect("a redirect");
        let query = url.strip_prefix("https://thanhtoan.example.gov.vn/pay?").expect("the platform's page");
        let sent: BTreeMap<String, String> =
            form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        assert_eq!(sent["return_url"], "https://dichvucong.example.vn/thanh-toan/ket-qua", "our own return address");
        assert_eq!((sent["order_id"].as_str(), sent["amount"].as_str()), ("o1", "45000"));

        let national = national_config().national.expect("table");
        let mut notification: BTreeMap<String, String> = [
            ("merchant_code", "000.00.15.H29"),
            ("order_id", "o1"),
            ("amount", "45000"),
            ("result_code", "00"),
            ("transaction_no", "NP-778"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let signature = national.notification_digest.digest(&national.secret, &notification);
        notification.insert("signature".to_owned(), signature);
        let signed = form_urlencoded::Serializer::new(String::new()).extend_pairs(&notification).finish();
        let report = gateway.read_report(&signed).expect("believed");
        assert!(report.paid);
        assert_eq!(
            (report.order_id.as_str(), report.amount_dong, report.transaction_no.as_str()),
            ("o1", 45_000, "NP-778")
        );
        let forged = signed.replace("amount=45000", "amount=4500");
        assert_eq!(gateway.read_report(&forged), Err(ReportRefused::BadSignature));
        let (body, _) = gateway.answer(&Handled::Outcome(ReportOutcome::Settled));
        assert_eq!(body, r#"{"code":"00"}"#);
        let call = RefundCall { request_id: "r1", amount_dong: 45_000, reason: "withdrawn", at: Utc::now() };
        assert!(matches!(gateway.refund(&order, call).await, Ok(RefundAnswer::Refused(_))), "left to an officer");
    }
}
