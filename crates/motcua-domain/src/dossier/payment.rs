//! Paying what a dossier owes (nghĩa vụ tài chính): online through the
//! payment service, or at a counter against a receipt.
//!
//! Until a payment gateway is connected, an online payment's transaction
//! reference is recorded, not verified; it still counts as paid online.

use serde::{Deserialize, Serialize};

use crate::{DomainError, Reason};

/// How a payment was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    /// Through the payment service, by the applicant.
    Online,
    /// Tiền mặt, at a counter.
    Cash,
    /// A card terminal at a counter.
    Pos,
    /// A bank transfer, confirmed at a counter.
    Transfer,
    /// Not paid: exempted (miễn) by an officer, with the reason recorded.
    Exempt,
}

impl PaymentMethod {
    /// The methods an officer records at a counter.
    pub const AT_COUNTER: [PaymentMethod; 3] = [PaymentMethod::Cash, PaymentMethod::Pos, PaymentMethod::Transfer];

    pub fn as_str(self) -> &'static str {
        match self {
            PaymentMethod::Online => "online",
            PaymentMethod::Cash => "cash",
            PaymentMethod::Pos => "pos",
            PaymentMethod::Transfer => "transfer",
            PaymentMethod::Exempt => "exempt",
        }
    }
}

/// A payment as the history records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    pub method: PaymentMethod,
    pub amount_dong: i64,
    /// The payment service's transaction reference, the counter's receipt
    /// number, or why the charges were exempted.
    pub reference: String,
}

fn filled(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

impl Payment {
    /// The applicant's own payment: the payment service's transaction
    /// reference is required; the amount is the one requested.
    pub fn online(transaction_reference: Option<&str>, requested_dong: i64) -> Result<Payment, DomainError> {
        let reference = filled(transaction_reference)
            .ok_or_else(|| DomainError::invalid("transaction_reference", Reason::PayThroughService))?;
        if reference.chars().count() > 100 {
            return Err(DomainError::invalid("transaction_reference", Reason::AtMost100Characters));
        }
        Ok(Payment { method: PaymentMethod::Online, amount_dong: requested_dong, reference: reference.to_owned() })
    }

    /// A payment taken at a counter: the amount received in whole đồng, which
    /// must be what was requested, the method, and the receipt's number.
    pub fn at_counter(
        method: Option<&str>,
        amount_dong: Option<i64>,
        receipt_number: Option<&str>,
        requested_dong: i64,
    ) -> Result<Payment, DomainError> {
        let method = filled(method)
            .and_then(|m| PaymentMethod::AT_COUNTER.into_iter().find(|c| c.as_str() == m))
            .ok_or_else(|| DomainError::invalid("payment_method", Reason::ChooseCounterPayment))?;
        let amount = amount_dong.ok_or_else(|| DomainError::invalid("amount_dong", Reason::Required))?;
        if amount != requested_dong {
            return Err(DomainError::invalid("amount_dong", Reason::AmountAsRequested));
        }
        let receipt = filled(receipt_number).ok_or_else(|| DomainError::invalid("receipt_number", Reason::Required))?;
        if receipt.chars().count() > 100 {
            return Err(DomainError::invalid("receipt_number", Reason::AtMost100Characters));
        }
        Ok(Payment { method, amount_dong: amount, reference: receipt.to_owned() })
    }
}

impl Payment {
    /// The charges requested exempted by an officer (miễn phí, lệ phí), for
    /// a reason the history keeps: nothing is paid, nothing is owed.
    pub fn exemption(reason: Option<&str>, requested_dong: i64) -> Result<Payment, DomainError> {
        let reason = filled(reason).ok_or_else(|| DomainError::invalid("reason", Reason::Required))?;
        if reason.chars().count() > 500 {
            return Err(DomainError::invalid("reason", Reason::AtMost500Characters));
        }
        Ok(Payment { method: PaymentMethod::Exempt, amount_dong: requested_dong, reference: reason.to_owned() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_online_payment_needs_a_transaction_reference() {
        for missing in [None, Some(""), Some("   ")] {
            let refused = Payment::online(missing, 50_000);
            assert!(matches!(refused, Err(DomainError::InvalidValue { field: "transaction_reference", .. })));
        }
        let paid = Payment::online(Some(" VNP-20261202-0001 "), 50_000).expect("recorded");
        assert_eq!(
            (paid.method, paid.amount_dong, paid.reference.as_str()),
            (PaymentMethod::Online, 50_000, "VNP-20261202-0001")
        );
        assert!(Payment::online(Some(&"x".repeat(101)), 1).is_err());
    }

    #[test]
    fn an_exemption_needs_its_reason() {
        let exempted = Payment::exemption(Some(" Hộ nghèo (Nghị định 07/2021) "), 50_000).expect("exempted");
        assert_eq!(
            (exempted.method, exempted.reference.as_str()),
            (PaymentMethod::Exempt, "Hộ nghèo (Nghị định 07/2021)")
        );
        for missing in [None, Some(""), Some("  ")] {
            assert_eq!(Payment::exemption(missing, 1), Err(DomainError::invalid("reason", Reason::Required)));
        }
        assert!(Payment::exemption(Some(&"x".repeat(501)), 1).is_err());
        assert!(Payment::at_counter(Some("exempt"), Some(1), Some("BL"), 1).is_err(), "not a counter payment");
    }

    #[test]
    fn a_counter_payment_is_the_amount_requested_with_a_method_and_a_receipt() {
        let paid = Payment::at_counter(Some("pos"), Some(50_000), Some("BL-0042"), 50_000).expect("recorded");
        assert_eq!((paid.method, paid.reference.as_str()), (PaymentMethod::Pos, "BL-0042"));
        type Case<'a> = (Option<&'a str>, Option<i64>, Option<&'a str>, &'a str);
        let cases: [Case<'_>; 6] = [
            (None, Some(50_000), Some("BL-1"), "payment_method"),
            (Some("online"), Some(50_000), Some("BL-1"), "payment_method"),
            (Some("cheque"), Some(50_000), Some("BL-1"), "payment_method"),
            (Some("cash"), None, Some("BL-1"), "amount_dong"),
            (Some("cash"), Some(49_999), Some("BL-1"), "amount_dong"),
            (Some("transfer"), Some(50_000), Some(" "), "receipt_number"),
        ];
        for (method, amount, receipt, field) in cases {
            match Payment::at_counter(method, amount, receipt, 50_000) {
                Err(DomainError::InvalidValue { field: got, .. }) => assert_eq!(got, field, "{method:?} {amount:?}"),
                other => panic!("{method:?} {amount:?} {receipt:?}: {other:?}"),
            }
        }
    }
}
