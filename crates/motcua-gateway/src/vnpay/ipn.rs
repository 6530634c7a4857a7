//! The answers a merchant gives VNPay's IPN (the server-to-server
//! notification). VNPay reads only `RspCode`: it stops sending the IPN on
//! `00` and `02`, and sends it again later on any other code or no answer.
//! Which answer applies is the caller's decision: whether the order exists,
//! was settled before, and has the amount reported.

/// The answer to an IPN, as VNPay's IPN documentation lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IpnAnswer {
    /// `00`: the merchant recorded the result, paid or not.
    Confirmed,
    /// `01`: no order has this `vnp_TxnRef`.
    OrderNotFound,
    /// `02`: the order was settled before; VNPay stops sending.
    AlreadyConfirmed,
    /// `04`: the amount is not the order's.
    InvalidAmount,
    /// `97`: the signature (checksum) does not match.
    InvalidSignature,
    /// `99`: anything else; VNPay tries again.
    UnknownError,
}

impl IpnAnswer {
    pub const ALL: [IpnAnswer; 6] = [
        IpnAnswer::Confirmed,
        IpnAnswer::OrderNotFound,
        IpnAnswer::AlreadyConfirmed,
        IpnAnswer::InvalidAmount,
        IpnAnswer::InvalidSignature,
        IpnAnswer::UnknownError,
    ];

    /// `RspCode`.
    pub fn code(self) -> &'static str {
        match self {
            IpnAnswer::Confirmed => "00",
            IpnAnswer::OrderNotFound => "01",
            IpnAnswer::AlreadyConfirmed => "02",
            IpnAnswer::InvalidAmount => "04",
            IpnAnswer::InvalidSignature => "97",
            IpnAnswer::UnknownError => "99",
        }
    }

    /// `Message`, in the words of VNPay's samples.
    pub fn message(self) -> &'static str {
        match self {
            IpnAnswer::Confirmed => "Confirm Success",
            IpnAnswer::OrderNotFound => "Order not found",
            IpnAnswer::AlreadyConfirmed => "Order already confirmed",
            IpnAnswer::InvalidAmount => "Invalid amount",
            IpnAnswer::InvalidSignature => "Invalid signature",
            IpnAnswer::UnknownError => "Unknown error",
        }
    }

    /// The answer a `RspCode` names, as the sandbox reads it.
    pub fn parse(code: &str) -> Option<IpnAnswer> {
        IpnAnswer::ALL.into_iter().find(|a| a.code() == code)
    }

    /// Whether VNPay stops sending the IPN after this answer.
    pub fn ends_delivery(self) -> bool {
        matches!(self, IpnAnswer::Confirmed | IpnAnswer::AlreadyConfirmed)
    }

    /// The JSON body VNPay reads, in its documented field order:
    /// `{"RspCode":"00","Message":"Confirm Success"}`.
    pub fn body(self) -> String {
        // Written out rather than serialised: a JSON map would sort the keys.
        format!(r#"{{"RspCode":"{}","Message":"{}"}}"#, self.code(), self.message())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_answer_is_its_documented_body() {
        let bodies: Vec<String> = IpnAnswer::ALL.iter().map(|a| a.body()).collect();
        assert_eq!(
            bodies,
            [
                r#"{"RspCode":"00","Message":"Confirm Success"}"#,
                r#"{"RspCode":"01","Message":"Order not found"}"#,
                r#"{"RspCode":"02","Message":"Order already confirmed"}"#,
                r#"{"RspCode":"04","Message":"Invalid amount"}"#,
                r#"{"RspCode":"97","Message":"Invalid signature"}"#,
                r#"{"RspCode":"99","Message":"Unknown error"}"#,
            ]
        );
        for answer in IpnAnswer::ALL {
            let json: serde_json::Value = serde_json::from_str(&answer.body()).expect("JSON");
            assert_eq!(json["RspCode"], answer.code());
            assert_eq!(IpnAnswer::parse(answer.code()), Some(answer));
        }
        assert_eq!(IpnAnswer::parse("03"), None);
    }

    #[test]
    fn only_a_confirmation_or_an_earlier_one_ends_the_delivery() {
        let ending: Vec<IpnAnswer> = IpnAnswer::ALL.into_iter().filter(|a| a.ends_delivery()).collect();
        assert_eq!(ending, [IpnAnswer::Confirmed, IpnAnswer::AlreadyConfirmed]);
    }
}
