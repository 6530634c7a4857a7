//! # motcua-gateway
//!
//! The payment gateway protocols motcua speaks to take fees online, pure
//! protocol: what to sign, what to believe, what to answer. Which order a
//! report settles, and what a dossier then owes, is the app's business
//! (`motcua_domain::payments`); this crate turns a gateway's messages into a
//! [`GatewayReport`](motcua_domain::payments::GatewayReport) once their
//! signature is checked, and nothing it cannot check ever becomes one.
//!
//! - [`vnpay`]: VNPay 2.1.0 as its merchant documentation publishes it: the
//!   signed payment redirect, the check of the browser return and of the IPN,
//!   the IPN's answers ([`vnpay::IpnAnswer`]), and the merchant API's status
//!   query and refund with their pipe-joined checksums ([`vnpay::api`]).
//! - [`national`]: the national payment platform of the National Public
//!   Service Portal (Nền tảng thanh toán của Cổng Dịch vụ công quốc gia),
//!   whose digest recipe and parameter names are configuration
//!   ([`national::DigestRecipe`]), since no public specification fixes them
//!   and provincial systems disagree.
//! - `sandbox` (feature `sandbox`): a gateway that speaks VNPay 2.1.0 over
//!   loopback, with a payment page, the IPN sent server to server, and the
//!   merchant API, so the demo and the tests pay for real; it moves no money
//!   and every page says so.
//!
//! ## Tests
//!
//! ```text
//! cargo test -p motcua-gateway --all-features
//! ```
//!
//! runs the unit tests (known vectors computed outside the crate, tampering,
//! the paid rule, the IPN answers, the checksum orders, the national
//! recipes), the sandbox over real sockets (`tests/sandbox.rs`), and the
//! cross-check against the npm `vnpay` package (`tests/against_vnpay_js.rs`),
//! which needs Node.js and npm and fails, saying so, without them.

mod digest;
pub mod national;
pub mod vnpay;

#[cfg(feature = "sandbox")]
pub mod sandbox;
