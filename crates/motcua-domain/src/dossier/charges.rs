//! What a dossier is charged (phí, lệ phí), item by item: the procedure's
//! fees for its channel, the amounts an officer requests later (nghĩa vụ tài
//! chính), and an agent point's own service fee, which is not a state charge.
//! Each item is paid, exempted with a recorded reason, or still owed.

use serde::{Deserialize, Serialize};

use super::Channel;
use crate::catalogue::Procedure;

/// What kind of charge an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChargeKind {
    /// A fee or charge the catalogue sets for the procedure and channel.
    Fee,
    /// An amount an officer requested during processing.
    Requested,
    /// A bank's or post office's fee for receiving on the applicant's
    /// behalf: paid to the agent, kept apart from the state's charges.
    AgentService,
}

impl ChargeKind {
    /// Whether the item is owed to the state (and counts for e-payment).
    pub fn is_state_charge(self) -> bool {
        matches!(self, ChargeKind::Fee | ChargeKind::Requested)
    }
}

/// One item charged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Charge {
    pub kind: ChargeKind,
    /// What it is for, as the catalogue or the officer wrote it.
    pub description: String,
    pub amount_dong: i64,
    /// Why it is not charged, when it was exempted (miễn, giảm).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exempted: Option<String>,
    /// The payment that paid it: a payment order's reference or a counter receipt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_by: Option<String>,
}

impl Charge {
    /// Whether it is still owed to the state.
    pub fn outstanding(&self) -> bool {
        self.kind.is_state_charge() && self.exempted.is_none() && self.paid_by.is_none()
    }
}

/// A dossier's charges, in the order they arose.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Charges(pub Vec<Charge>);

impl Charges {
    /// The procedure's fees for a dossier arriving by `channel`, one item per
    /// fee the catalogue gives an amount.
    pub fn of_procedure(procedure: &Procedure, channel: Channel) -> Charges {
        Charges(
            procedure
                .fees_for(channel)
                .filter_map(|fee| {
                    let amount = fee.amount_dong.filter(|a| *a > 0)?;
                    Some(Charge {
                        kind: ChargeKind::Fee,
                        description: fee.description.trim().to_owned(),
                        amount_dong: amount,
                        exempted: None,
                        paid_by: None,
                    })
                })
                .collect(),
        )
    }

    /// What is still owed to the state, in đồng.
    pub fn outstanding(&self) -> i64 {
        self.0.iter().filter(|c| c.outstanding()).map(|c| c.amount_dong).sum()
    }

    /// What the state charges, exemptions left out, paid or not: the
    /// dossier is fee-bearing when this is above zero.
    pub fn state_total(&self) -> i64 {
        self.0.iter().filter(|c| c.kind.is_state_charge() && c.exempted.is_none()).map(|c| c.amount_dong).sum()
    }

    /// What agents charged for their own service.
    pub fn agent_service_total(&self) -> i64 {
        self.0.iter().filter(|c| c.kind == ChargeKind::AgentService).map(|c| c.amount_dong).sum()
    }

    /// An amount an officer requested during processing (status 6), for `what`.
    pub fn request(&mut self, amount_dong: i64, what: &str) {
        self.0.push(Charge {
            kind: ChargeKind::Requested,
            description: what.trim().to_owned(),
            amount_dong,
            exempted: None,
            paid_by: None,
        });
    }

    /// Marks everything still owed as paid by `reference`.
    pub fn pay_outstanding(&mut self, reference: &str) {
        for charge in self.0.iter_mut().filter(|c| c.outstanding()) {
            charge.paid_by = Some(reference.to_owned());
        }
    }

    /// Exempts everything still owed, for `reason`.
    pub fn exempt_outstanding(&mut self, reason: &str) {
        for charge in self.0.iter_mut().filter(|c| c.outstanding()) {
            charge.exempted = Some(reason.to_owned());
        }
    }

    /// The references of the payments that paid state charges, each once.
    pub fn payments(&self) -> Vec<&str> {
        let mut references: Vec<&str> =
            self.0.iter().filter(|c| c.kind.is_state_charge()).filter_map(|c| c.paid_by.as_deref()).collect();
        references.dedup();
        references
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn charge(kind: ChargeKind, amount_dong: i64) -> Charge {
        Charge { kind, description: String::new(), amount_dong, exempted: None, paid_by: None }
    }

    #[test]
    fn what_is_owed_leaves_out_what_was_paid_exempted_or_charged_by_an_agent() {
        let mut charges = Charges(vec![
            charge(ChargeKind::Fee, 30_000),
            charge(ChargeKind::Fee, 20_000),
            charge(ChargeKind::AgentService, 15_000),
        ]);
        assert_eq!(
            (charges.outstanding(), charges.state_total(), charges.agent_service_total()),
            (50_000, 50_000, 15_000)
        );
        charges.pay_outstanding("o1");
        assert_eq!((charges.outstanding(), charges.state_total()), (0, 50_000));
        charges.0.push(charge(ChargeKind::Requested, 100_000));
        assert_eq!(charges.outstanding(), 100_000);
        charges.exempt_outstanding("Hộ nghèo");
        assert_eq!((charges.outstanding(), charges.state_total()), (0, 50_000), "an exemption is not charged");
        assert_eq!(charges.payments(), ["o1"]);
        let json = serde_json::to_string(&charges).expect("json");
        assert_eq!(serde_json::from_str::<Charges>(&json).expect("charges"), charges);
    }
}
