//! The configured payment gateway, as the app sees it: VNPay 2.1.0 through
//! `motcua-gateway`, at VNPay or at the sandbox this binary starts on
//! loopback for the demo.

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, Utc};
use motcua_app::gateway::{
    Answering, CallFailed, Handled, PayRequest, PaymentGateway, QueryAnswer, RefundAnswer, RefundCall, ReportOutcome,
    ReportRefused,
};
use motcua_domain::payments::{Gateway, GatewayReport, PaymentOrder};
use motcua_gateway::sandbox::{SandboxConfig, SandboxMerchant};
use motcua_gateway::vnpay::api::{self, Query, RefundKind, RefundRequest};
use motcua_gateway::vnpay::{self, IpnAnswer, Merchant, Redirect, Refused};

use crate::config::PaymentConfig;

/// VNPay, or the sandbox speaking its protocol.
#[derive(Debug)]
pub struct Vnpay {
    merchant: Merchant,
    pay_url: String,
    /// The merchant API (`querydr`, `refund`).
    api_url: String,
    return_url: String,
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
            merchant,
            pay_url,
            api_url,
            return_url,
            server_ip: server.ip().to_string(),
            client: reqwest::Client::builder().timeout(API_TIMEOUT).build().unwrap_or_default(),
            sandbox: false,
        }
    }

    /// Posts a signed body to the merchant API and returns its answer's text.
    async fn post(&self, body: &serde_json::Value) -> Result<String, CallFailed> {
        let failed = |error: reqwest::Error| CallFailed(format!("the merchant API: {error}"));
        let response = self.client.post(&self.api_url).json(body).send().await.map_err(failed)?;
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
        let body = api::query_body(&self.merchant, &query).map_err(|invalid| CallFailed(invalid.to_string()))?;
        let text = self.post(&body).await?;
        let answer = api::read_query_answer(&self.merchant, &text)
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
        let body = match api::refund_body(&self.merchant, &request) {
            Ok(body) => body,
            Err(invalid) => return Ok(RefundAnswer::Refused(invalid.to_string())),
        };
        let text = self.post(&body).await?;
        let answer = api::read_refund_answer(&self.merchant, &text)
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
        let after_scheme = self.pay_url.find("://").map_or(0, |i| i + 3);
        let end = self.pay_url[after_scheme..].find('/').map_or(self.pay_url.len(), |i| after_scheme + i);
        self.pay_url[..end].to_owned()
    }

    fn payment_url(&self, order: &PaymentOrder, request: &PayRequest<'_>) -> String {
        // VNPay's pages speak Vietnamese and English only.
        let locale = if request.language == "vi" { "vn" } else { "en" };
        let redirect = Redirect {
            pay_url: &self.pay_url,
            return_url: &self.return_url,
            client_ip: request.client_ip,
            locale,
            order_info: request.description,
        };
        vnpay::payment_url(&self.merchant, order, &redirect)
    }

    fn read_report(&self, query: &str) -> Result<GatewayReport, ReportRefused> {
        let refused = |error: Refused| match error {
            Refused::BadSignature => ReportRefused::BadSignature,
            Refused::Malformed(name) => ReportRefused::Malformed(name.to_owned()),
        };
        let params = vnpay::verify(&self.merchant.hash_secret, query).map_err(refused)?;
        if params.get("vnp_TmnCode") != Some(&self.merchant.tmn_code) {
            return Err(ReportRefused::Malformed("vnp_TmnCode".to_owned()));
        }
        vnpay::report(&params).map_err(refused)
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

/// The gateway the configuration names, if any; for the sandbox, also the
/// sandbox itself, started on its own loopback port. `server` is where this
/// server listens, which the sandbox's notifications go to; `public_url` is
/// where the payer's browser comes back to.
pub async fn configure(config: &PaymentConfig, server: SocketAddr, public_url: &str) -> anyhow::Result<Option<Vnpay>> {
    let return_url = format!("{public_url}/thanh-toan/ket-qua");
    match config.gateway.as_str() {
        "off" => Ok(None),
        "vnpay" => Ok(Some(Vnpay::new(
            Merchant { tmn_code: config.tmn_code.clone(), hash_secret: config.hash_secret.clone() },
            (config.pay_url.clone(), config.api_url.clone()),
            return_url,
            server,
        ))),
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
            Ok(Some(Vnpay { sandbox: true, ..Vnpay::new(merchant, urls, return_url, server) }))
        }
    }
}
