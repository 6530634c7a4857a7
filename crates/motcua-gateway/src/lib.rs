//! Payment gateway protocols for paying fees online.
//!
//! - [`vnpay`]: VNPay 2.1.0, the protocol most Vietnamese public services
//!   and banks' gateways speak: the signed redirect, the signature check of
//!   the browser return and of the server-to-server notification (IPN), and
//!   the IPN's answers.
//! - `sandbox` (feature `sandbox`): a gateway that speaks VNPay 2.1.0 on
//!   loopback, for the demo and the tests; it moves no money and says so.
//!
//! Pure protocol: what to sign, what to believe, what to answer. Which order
//! a report settles, and what a dossier then owes, is the app's business.

pub mod vnpay;

#[cfg(feature = "sandbox")]
pub mod sandbox;
