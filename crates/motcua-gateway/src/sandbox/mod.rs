//! A sandbox gateway speaking VNPay 2.1.0 over loopback, so the demo and the
//! tests pay for real without a bank. It moves no money, and every page it
//! shows says so.
//!
//! - `GET /paymentv2/vpcpay.html`: the payment page. It checks the signed
//!   redirect as VNPay does (merchant, signature, version, command, amount,
//!   expiry, a `vnp_TxnRef` not used before) and offers to pay, to cancel
//!   (`24`) or to fail (`51`, not enough money).
//! - `POST /paymentv2/pay`: what the page's buttons post. The result is
//!   recorded, reported signed to the merchant's IPN address (server to
//!   server, sent again while the answer is neither `00` nor `02`, at most
//!   [`MAX_IPN_ATTEMPTS`] times), and the browser sent back to
//!   `vnp_ReturnUrl` with the same signed parameters. The page's "IPN"
//!   choice ([`IpnDelivery`]) can also deliver the IPN twice, or only after
//!   the browser is back, to exercise the merchant's idempotence.
//! - `POST /merchant_webapi/api/transaction`: querydr and refund, answered
//!   with signed JSON from the sandbox's record of its transactions. Only a
//!   paid transaction is refunded, never beyond what was paid.

mod ipn;
mod merchant_api;
mod page;

use std::collections::{HashMap, HashSet};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use axum::routing::{get, post};

use crate::vnpay;

pub use ipn::IpnDelivery;

/// The most times one IPN is sent, whatever the configuration asks.
pub const MAX_IPN_ATTEMPTS: u32 = 5;

/// A merchant the sandbox knows.
#[derive(Debug, Clone)]
pub struct SandboxMerchant {
    pub merchant: vnpay::Merchant,
    /// Where the sandbox sends its IPN: `http://host:port/path`, plain HTTP.
    pub ipn_url: String,
}

/// The sandbox's merchants and how it delivers IPNs.
#[derive(Debug, Clone, Default)]
pub struct SandboxConfig {
    pub merchants: Vec<SandboxMerchant>,
    /// How many times an IPN is sent: once, and again while the answer is
    /// neither `00` nor `02`; between 1 and [`MAX_IPN_ATTEMPTS`].
    pub ipn_attempts: u32,
}

/// One payment the sandbox carried out, paid or not.
#[derive(Debug, Clone)]
struct Transaction {
    amount_hundredths: i64,
    order_info: String,
    /// The payment's `vnp_CreateDate`, which a querydr or refund names.
    create_date: String,
    pay_date: String,
    transaction_no: String,
    bank_code: String,
    transaction_status: String,
    refunded_hundredths: i64,
}

/// What the sandbox remembers: transactions by terminal and `vnp_TxnRef`,
/// and the API request ids seen, which must not repeat.
#[derive(Debug, Default)]
struct Ledger {
    transactions: HashMap<(String, String), Transaction>,
    request_ids: HashSet<(String, String)>,
}

#[derive(Debug)]
struct Sandbox {
    merchants: HashMap<String, SandboxMerchant>,
    ipn_attempts: u32,
    next_transaction: AtomicU64,
    ledger: Mutex<Ledger>,
}

impl Sandbox {
    fn ledger(&self) -> MutexGuard<'_, Ledger> {
        // The ledger is updated in single statements, so a panic elsewhere leaves it whole.
        self.ledger.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The sandbox's routes: the payment page, what its buttons post to, and the merchant API.
pub fn router(config: SandboxConfig) -> Router {
    let sandbox = Sandbox {
        merchants: config.merchants.into_iter().map(|m| (m.merchant.tmn_code.clone(), m)).collect(),
        ipn_attempts: config.ipn_attempts.clamp(1, MAX_IPN_ATTEMPTS),
        // Transaction numbers look like VNPay's and differ between runs.
        next_transaction: AtomicU64::new(14_000_000 + u64::from(rand::random::<u16>()) * 16),
        ledger: Mutex::default(),
    };
    Router::new()
        .route("/paymentv2/vpcpay.html", get(page::page))
        .route("/paymentv2/pay", post(page::pay))
        .route("/merchant_webapi/api/transaction", post(merchant_api::transaction))
        .with_state(Arc::new(sandbox))
}

/// Serves the sandbox on `listener` until the task is dropped.
pub async fn serve(listener: tokio::net::TcpListener, config: SandboxConfig) -> std::io::Result<()> {
    axum::serve(listener, router(config)).await
}
