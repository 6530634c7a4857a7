//! The configured payment gateway, as the app sees it: VNPay 2.1.0 through
//! `motcua-gateway`, at VNPay or at the sandbox this binary starts on
//! loopback for the demo.

use std::net::SocketAddr;

use anyhow::Context;
use motcua_app::gateway::{Handled, PayRequest, PaymentGateway, ReportOutcome, ReportRefused};
use motcua_domain::payments::{Gateway, GatewayReport, PaymentOrder};
use motcua_gateway::sandbox::{SandboxConfig, SandboxMerchant};
use motcua_gateway::vnpay::{self, IpnAnswer, Merchant, Redirect, Refused};

use crate::config::PaymentConfig;

/// VNPay, or the sandbox speaking its protocol.
#[derive(Debug)]
pub struct Vnpay {
    merchant: Merchant,
    pay_url: String,
    return_url: String,
    sandbox: bool,
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
}

/// The gateway the configuration names, if any; for the sandbox, also the
/// sandbox itself, started on its own loopback port. `server` is where this
/// server listens, which the sandbox's notifications go to; `public_url` is
/// where the payer's browser comes back to.
pub async fn configure(config: &PaymentConfig, server: SocketAddr, public_url: &str) -> anyhow::Result<Option<Vnpay>> {
    let return_url = format!("{public_url}/thanh-toan/ket-qua");
    match config.gateway.as_str() {
        "off" => Ok(None),
        "vnpay" => Ok(Some(Vnpay {
            merchant: Merchant { tmn_code: config.tmn_code.clone(), hash_secret: config.hash_secret.clone() },
            pay_url: config.pay_url.clone(),
            return_url,
            sandbox: false,
        })),
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
            Ok(Some(Vnpay {
                merchant,
                pay_url: format!("http://{address}/paymentv2/vpcpay.html"),
                return_url,
                sandbox: true,
            }))
        }
    }
}
