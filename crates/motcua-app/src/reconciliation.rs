//! Reconciliation (đối soát) of a province's online payments: a gateway's
//! statement imported from its file, and a day's payments matched against
//! it, for the province's administrator.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use motcua_domain::access::Principal;
use motcua_domain::clock::vietnam_offset;
use motcua_domain::payments::{Gateway, Reconciliation, StatementLine, reconcile};
use serde::Deserialize;

use crate::admin::administered_province;
use crate::import::{csv_error, read_csv};
use crate::{App, AppError, AppResult};

/// The columns of a statement file, one transaction per line: `order_id`
/// (the gateway's `vnp_TxnRef`), `transaction_no`, `amount_dong` (whole
/// đồng), `paid_at` (`yyyyMMddHHmmss` in Vietnam time, or RFC 3339) and
/// `status` (`00` paid).
#[derive(Debug, Deserialize)]
struct StatementRow {
    order_id: String,
    #[serde(default)]
    transaction_no: String,
    amount_dong: String,
    paid_at: String,
    status: String,
}

/// What an imported statement held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatementImported {
    /// Lines read from the file.
    pub read: usize,
    /// Lines not imported before.
    pub added: u64,
}

/// A day's reconciliation for a province.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayReconciliation {
    pub province_code: String,
    pub day: NaiveDate,
    pub found: Reconciliation,
    /// The code of each dossier a payment names, by dossier id.
    pub codes: HashMap<String, String>,
}

/// The instants a day of Vietnam's calendar begins and ends.
fn day_bounds(day: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let offset = chrono::TimeDelta::seconds(vietnam_offset().local_minus_utc().into());
    let start = Utc.from_utc_datetime(&(day.and_time(NaiveTime::MIN) - offset));
    (start, start + chrono::TimeDelta::days(1))
}

impl App {
    /// Imports a gateway's statement (CSV with the columns of
    /// [`StatementRow`]): read whole and checked before anything is written,
    /// so a bad line changes nothing and is named; a line imported before
    /// is kept once.
    pub async fn import_statement(
        &self,
        principal: &Principal,
        gateway: Gateway,
        text: &str,
    ) -> AppResult<StatementImported> {
        administered_province(principal)?;
        let rows: Vec<StatementRow> = read_csv(text)?;
        let mut lines = Vec::with_capacity(rows.len());
        for (index, row) in rows.iter().enumerate() {
            let line = StatementLine::parse(
                gateway,
                (&row.order_id, &row.transaction_no),
                &row.amount_dong,
                &row.paid_at,
                &row.status,
            )
            .map_err(|error| csv_error(index + 2, error))?;
            lines.push(line);
        }
        let added = self.store().save_statement_lines(&lines, Utc::now()).await?;
        Ok(StatementImported { read: lines.len(), added })
    }

    /// The payments of the administrator's province settled on `day`
    /// (Vietnam time), matched against the statement lines of that day.
    /// A line naming an order of another province is that province's to
    /// reconcile; one naming no order at all is shown to every province.
    pub async fn reconciliation(&self, principal: &Principal, day: NaiveDate) -> AppResult<DayReconciliation> {
        let province = administered_province(principal)?;
        let (from, to) = day_bounds(day);
        let settled = self.store().orders_settled_between(&province, from, to).await?;
        let ours: HashSet<&str> = settled.iter().map(|o| o.id.as_str()).collect();
        let mut named = Vec::new();
        let mut statement = Vec::new();
        for line in self.store().statement_lines_between(from, to).await? {
            if !ours.contains(line.order_id.as_str()) {
                match self.store().payment_order(&line.order_id).await? {
                    Some(order) if order.province_code != province => continue,
                    Some(order) => named.push(order),
                    None => {}
                }
            }
            statement.push(line);
        }
        let found = reconcile(&settled, &named, &statement);
        let mut codes = HashMap::new();
        for dossier_id in found.lines.iter().filter_map(|l| l.dossier_id.as_deref()) {
            if codes.contains_key(dossier_id) {
                continue;
            }
            let code = match self.store().dossier(dossier_id).await? {
                Some(dossier) => dossier.code.map(|c| c.to_string()).unwrap_or_else(|| dossier.id.clone()),
                None => return Err(AppError::not_found("dossier", dossier_id)),
            };
            codes.insert(dossier_id.to_owned(), code);
        }
        Ok(DayReconciliation { province_code: province, day, found, codes })
    }
}
