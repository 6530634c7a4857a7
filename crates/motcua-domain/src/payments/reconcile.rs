//! Reconciliation (đối soát): the payments settled here against a gateway's
//! statement of the transactions it made, line by line, so that money taken
//! without a dossier paid, or a dossier paid without the money, is seen.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};

use super::{Gateway, OrderStatus, PaymentOrder};
use crate::clock::vietnam_offset;
use crate::{DomainError, Reason};

/// A line of a gateway's statement: a transaction it reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLine {
    pub gateway: Gateway,
    /// The order's id as the gateway echoes it (VNPay's `vnp_TxnRef`).
    pub order_id: String,
    pub transaction_no: String,
    pub amount_dong: i64,
    pub paid_at: DateTime<Utc>,
    /// As the gateway words it: `00` paid, anything else its own code.
    pub status: String,
}

impl StatementLine {
    /// A line from the text of a statement file's fields, checked: the
    /// amount in whole đồng, the time as VNPay writes it (`yyyyMMddHHmmss`,
    /// Vietnam time) or in RFC 3339.
    pub fn parse(
        gateway: Gateway,
        (order_id, transaction_no): (&str, &str),
        amount_dong: &str,
        paid_at: &str,
        status: &str,
    ) -> Result<StatementLine, DomainError> {
        for (field, value) in [("order_id", order_id), ("status", status)] {
            if value.trim().is_empty() {
                return Err(DomainError::invalid(field, Reason::Required));
            }
        }
        let text = amount_dong.trim();
        let amount_dong = match text.parse::<i64>() {
            // Digits only, as written: no sign, no leading zero, no separators.
            Ok(amount) if amount > 0 && amount.to_string() == text => amount,
            _ => return Err(DomainError::invalid("amount_dong", Reason::StatementAmount)),
        };
        let paid_at = parse_statement_time(paid_at.trim())
            .ok_or_else(|| DomainError::invalid("paid_at", Reason::StatementTime))?;
        Ok(StatementLine {
            gateway,
            order_id: order_id.trim().to_owned(),
            transaction_no: transaction_no.trim().to_owned(),
            amount_dong,
            paid_at,
            status: status.trim().to_owned(),
        })
    }

    /// Whether the gateway says it took the money.
    pub fn paid(&self) -> bool {
        self.status == "00"
    }
}

fn parse_statement_time(text: &str) -> Option<DateTime<Utc>> {
    if text.len() == 14 && text.bytes().all(|b| b.is_ascii_digit()) {
        let local = NaiveDateTime::parse_from_str(text, "%Y%m%d%H%M%S").ok()?;
        return vietnam_offset().from_local_datetime(&local).single().map(|t| t.with_timezone(&Utc));
    }
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}

/// What reconciliation found for one payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Finding {
    /// Paid here and on the statement, for the same amount.
    Matched,
    /// Paid on both sides, for different amounts.
    AmountDiffers,
    /// Paid here; the statement does not have it as paid.
    MissingFromStatement,
    /// Paid on the statement; here the order is not paid (or not known at all).
    MissingHere,
    /// On the statement as paid a second time: the payer was charged twice.
    Duplicate,
}

impl Finding {
    pub const ALL: [Finding; 5] = [
        Finding::Matched,
        Finding::AmountDiffers,
        Finding::MissingFromStatement,
        Finding::MissingHere,
        Finding::Duplicate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Finding::Matched => "matched",
            Finding::AmountDiffers => "amount_differs",
            Finding::MissingFromStatement => "missing_from_statement",
            Finding::MissingHere => "missing_here",
            Finding::Duplicate => "duplicate",
        }
    }

    /// Whether somebody must look at it.
    pub fn is_mismatch(self) -> bool {
        self != Finding::Matched
    }
}

/// One payment as reconciliation sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reconciled {
    pub finding: Finding,
    pub order_id: String,
    /// The dossier the order pays for, when the order is known here.
    pub dossier_id: Option<String>,
    /// What the order took here (a paid order's amount), if it did.
    pub here_dong: Option<i64>,
    /// What the statement says was taken, if it says so.
    pub statement_dong: Option<i64>,
    /// The gateway's transaction: the statement's, else the one recorded here.
    pub transaction_no: String,
}

/// The findings of a period, mismatches first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reconciliation {
    pub lines: Vec<Reconciled>,
}

impl Reconciliation {
    /// How many payments have `finding`.
    pub fn count(&self, finding: Finding) -> usize {
        self.lines.iter().filter(|l| l.finding == finding).count()
    }

    /// The money matched on both sides, in đồng.
    pub fn matched_dong(&self) -> i64 {
        self.lines.iter().filter(|l| l.finding == Finding::Matched).filter_map(|l| l.here_dong).sum()
    }

    /// The dossiers whose payment matched, each once.
    pub fn matched_dossiers(&self) -> usize {
        let matched = self.lines.iter().filter(|l| l.finding == Finding::Matched);
        matched.filter_map(|l| l.dossier_id.as_deref()).collect::<HashSet<_>>().len()
    }
}

/// Reconciles `settled`, the orders paid here in the period, against the
/// statement's lines of the period. `named` are the orders the statement
/// names that were not settled in the period (settled on another day, still
/// pending, failed): a statement line matches the order it names wherever
/// that order was settled, so a payment near midnight is not a mismatch.
/// Lines that are not payments (status other than `00`) are not money taken
/// and are left out.
pub fn reconcile(settled: &[PaymentOrder], named: &[PaymentOrder], statement: &[StatementLine]) -> Reconciliation {
    let orders: HashMap<&str, &PaymentOrder> =
        named.iter().chain(settled).map(|order| (order.id.as_str(), order)).collect();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut lines = Vec::new();
    for line in statement.iter().filter(|l| l.paid()) {
        let order = orders.get(line.order_id.as_str()).copied();
        let paid_here = order.filter(|o| o.status == OrderStatus::Paid);
        let finding = match paid_here {
            _ if !seen.insert(line.order_id.as_str()) => Finding::Duplicate,
            None => Finding::MissingHere,
            Some(order) if order.amount_dong != line.amount_dong => Finding::AmountDiffers,
            Some(_) => Finding::Matched,
        };
        lines.push(Reconciled {
            finding,
            order_id: line.order_id.clone(),
            dossier_id: order.map(|o| o.dossier_id.clone()),
            here_dong: paid_here.map(|o| o.amount_dong),
            statement_dong: Some(line.amount_dong),
            transaction_no: line.transaction_no.clone(),
        });
    }
    for order in settled.iter().filter(|o| o.status == OrderStatus::Paid && !seen.contains(o.id.as_str())) {
        lines.push(Reconciled {
            finding: Finding::MissingFromStatement,
            order_id: order.id.clone(),
            dossier_id: Some(order.dossier_id.clone()),
            here_dong: Some(order.amount_dong),
            statement_dong: None,
            transaction_no: order.transaction_no.clone(),
        });
    }
    lines.sort_by(|a, b| (!a.finding.is_mismatch(), &a.order_id).cmp(&(!b.finding.is_mismatch(), &b.order_id)));
    Reconciliation { lines }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;
    use crate::payments::{GatewayReport, Settlement};

    fn at(minute: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 2, 0, 0).single().expect("instant") + Duration::minutes(minute)
    }

    fn order(id: &str, amount_dong: i64, paid: bool) -> PaymentOrder {
        let order = PaymentOrder::new(id.into(), ("01", &format!("d-{id}")), "c1", Gateway::Vnpay, amount_dong, at(0));
        if !paid {
            return order;
        }
        let report = GatewayReport {
            order_id: id.into(),
            amount_dong,
            paid: true,
            transaction_no: format!("T-{id}"),
            bank_code: "NCB".into(),
            response_code: "00".into(),
        };
        let Settlement::Paid(paid) = order.settle(&report, at(1)) else { panic!("paid") };
        paid
    }

    fn line(order_id: &str, amount_dong: i64, status: &str) -> StatementLine {
        StatementLine {
            gateway: Gateway::Vnpay,
            order_id: order_id.into(),
            transaction_no: format!("T-{order_id}"),
            amount_dong,
            paid_at: at(1),
            status: status.into(),
        }
    }

    #[test]
    fn every_injected_mismatch_is_found_and_the_rest_match() {
        let settled: Vec<PaymentOrder> =
            (0..20).map(|i| order(&format!("o{i:02}"), 10_000 + i * 1_000, true)).collect();
        let pending = order("p1", 45_000, false);
        let mut statement: Vec<StatementLine> = settled.iter().map(|o| line(&o.id, o.amount_dong, "00")).collect();
        statement[3].amount_dong += 500; // the gateway took another amount
        statement.remove(7); // the gateway has no record of o07
        statement.push(line("x1", 30_000, "00")); // money taken for no order of ours
        statement.push(line("p1", 45_000, "00")); // taken, but the order is not paid here
        statement.push(line("o11", 21_000, "00")); // o11 charged twice
        statement.push(line("o12", 22_000, "24")); // a cancelled attempt: no money moved
        let found = reconcile(&settled, std::slice::from_ref(&pending), &statement);
        let of = |finding| -> Vec<&str> {
            found.lines.iter().filter(|l| l.finding == finding).map(|l| l.order_id.as_str()).collect()
        };
        assert_eq!(of(Finding::AmountDiffers), ["o03"]);
        assert_eq!(of(Finding::MissingFromStatement), ["o07"]);
        assert_eq!(of(Finding::MissingHere), ["p1", "x1"]);
        assert_eq!(of(Finding::Duplicate), ["o11"]);
        assert_eq!(found.count(Finding::Matched), 18);
        assert_eq!(found.matched_dossiers(), 18);
        assert!(found.lines.iter().take(5).all(|l| l.finding.is_mismatch()), "mismatches first");
        let differs = found.lines.iter().find(|l| l.finding == Finding::AmountDiffers).expect("o03");
        assert_eq!((differs.here_dong, differs.statement_dong), (Some(13_000), Some(13_500)));
        let unknown = found.lines.iter().find(|l| l.order_id == "x1").expect("x1");
        assert_eq!((unknown.dossier_id.as_deref(), unknown.here_dong), (None, None));
        let expected: i64 = settled.iter().map(|o| o.amount_dong).sum::<i64>() - 13_000 - 17_000;
        assert_eq!(found.matched_dong(), expected);
    }

    #[test]
    fn a_statement_that_agrees_finds_nothing_and_an_empty_day_is_empty() {
        let settled = vec![order("a", 50_000, true), order("b", 20_000, true)];
        let statement = vec![line("b", 20_000, "00"), line("a", 50_000, "00")];
        let found = reconcile(&settled, &[], &statement);
        assert!(found.lines.iter().all(|l| l.finding == Finding::Matched), "{found:?}");
        assert_eq!(found.matched_dong(), 70_000);
        assert_eq!(reconcile(&[], &[], &[]), Reconciliation::default());
    }

    #[test]
    fn a_statement_line_is_read_from_its_fields_or_refused_with_why() {
        let read = |amount: &str, time: &str| StatementLine::parse(Gateway::Vnpay, ("o1", "T1"), amount, time, "00");
        let line = read(" 45000 ", "20261207143000").expect("line");
        assert_eq!((line.amount_dong, line.paid_at), (45_000, Utc.with_ymd_and_hms(2026, 12, 7, 7, 30, 0).unwrap()));
        assert_eq!(read("45000", "2026-12-07T07:30:00Z").expect("rfc 3339").paid_at, line.paid_at);
        for amount in ["0", "-5", "45.000", "4.5e4", "", "045000"] {
            let error = read(amount, "20261207143000").expect_err(amount);
            assert_eq!(error, DomainError::invalid("amount_dong", Reason::StatementAmount), "{amount}");
        }
        for time in ["2026-12-07", "20261307143000", "yesterday", ""] {
            assert_eq!(read("45000", time), Err(DomainError::invalid("paid_at", Reason::StatementTime)), "{time}");
        }
        let unnamed = StatementLine::parse(Gateway::Vnpay, (" ", "T1"), "45000", "20261207143000", "00");
        assert_eq!(unnamed, Err(DomainError::invalid("order_id", Reason::Required)));
    }

    #[test]
    fn a_payment_settled_on_another_day_still_matches_its_line() {
        let yesterday = order("late", 50_000, true);
        let found = reconcile(&[], std::slice::from_ref(&yesterday), &[line("late", 50_000, "00")]);
        assert_eq!(found.lines.iter().map(|l| l.finding).collect::<Vec<_>>(), [Finding::Matched]);
    }
}
