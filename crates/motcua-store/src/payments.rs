//! Payment orders, the calls to gateways waiting to be made, and the
//! gateways' statements. An order is settled in the same transaction as the
//! dossier change it causes, guarded by its status, so of two reports that
//! race one settles and the other finds it settled. A refund is queued as a
//! call in the transaction that decides it and made afterwards, leased while
//! it is made.

use chrono::{DateTime, Duration, Utc};
use motcua_domain::payments::{Gateway, OrderStatus, PaymentOrder, Refund, RefundStatus, StatementLine};
use sqlx::AnyConnection;

use crate::encoding::{corrupt, instant, parse_instant, parse_optional_instant};
use crate::row::{self, Columns, Row};
use crate::{Store, StoreError, StoreResult};

/// A payment order's row.
#[derive(Debug, Clone, Default, PartialEq)]
struct OrderRow {
    id: String,
    province_code: String,
    dossier_id: String,
    payer_account: String,
    gateway: String,
    amount_dong: i64,
    status: String,
    created_at: String,
    expires_at: String,
    settled_at: Option<String>,
    transaction_no: String,
    bank_code: String,
    response_code: String,
    flag: Option<String>,
    refund_status: String,
    refund_amount: i64,
    refund_reason: String,
    refunded_at: Option<String>,
    refund_transaction_no: String,
}

impl Row for OrderRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("id", &mut self.id);
        c.text("province_code", &mut self.province_code);
        c.text("dossier_id", &mut self.dossier_id);
        c.text("payer_account", &mut self.payer_account);
        c.text("gateway", &mut self.gateway);
        c.int("amount_dong", &mut self.amount_dong);
        c.text("status", &mut self.status);
        c.text("created_at", &mut self.created_at);
        c.text("expires_at", &mut self.expires_at);
        c.optional_text("settled_at", &mut self.settled_at);
        c.text("transaction_no", &mut self.transaction_no);
        c.text("bank_code", &mut self.bank_code);
        c.text("response_code", &mut self.response_code);
        c.optional_text("flag", &mut self.flag);
        c.text("refund_status", &mut self.refund_status);
        c.int("refund_amount", &mut self.refund_amount);
        c.text("refund_reason", &mut self.refund_reason);
        c.optional_text("refunded_at", &mut self.refunded_at);
        c.text("refund_transaction_no", &mut self.refund_transaction_no);
    }
}

impl From<&PaymentOrder> for OrderRow {
    fn from(o: &PaymentOrder) -> OrderRow {
        let refund = o.refund.as_ref();
        OrderRow {
            id: o.id.clone(),
            province_code: o.province_code.clone(),
            dossier_id: o.dossier_id.clone(),
            payer_account: o.payer_account.clone(),
            gateway: o.gateway.as_str().to_owned(),
            amount_dong: o.amount_dong,
            status: o.status.as_str().to_owned(),
            created_at: instant(o.created_at),
            expires_at: instant(o.expires_at),
            settled_at: o.settled_at.map(instant),
            transaction_no: o.transaction_no.clone(),
            bank_code: o.bank_code.clone(),
            response_code: o.response_code.clone(),
            flag: o.flag.clone(),
            refund_status: refund.map(|r| r.status.as_str()).unwrap_or_default().to_owned(),
            refund_amount: refund.map_or(0, |r| r.amount_dong),
            refund_reason: refund.map(|r| r.reason.clone()).unwrap_or_default(),
            refunded_at: refund.and_then(|r| r.done_at).map(instant),
            refund_transaction_no: refund.map(|r| r.transaction_no.clone()).unwrap_or_default(),
        }
    }
}

impl TryFrom<OrderRow> for PaymentOrder {
    type Error = StoreError;

    fn try_from(r: OrderRow) -> StoreResult<PaymentOrder> {
        let refund = match r.refund_status.as_str() {
            "" => None,
            status => Some(Refund {
                status: RefundStatus::parse(status).ok_or_else(|| corrupt("refund status", status))?,
                amount_dong: r.refund_amount,
                reason: r.refund_reason,
                done_at: parse_optional_instant(r.refunded_at.as_deref())?,
                transaction_no: r.refund_transaction_no,
            }),
        };
        Ok(PaymentOrder {
            gateway: Gateway::parse(&r.gateway).ok_or_else(|| corrupt("gateway", &r.gateway))?,
            status: OrderStatus::parse(&r.status).ok_or_else(|| corrupt("order status", &r.status))?,
            created_at: parse_instant(&r.created_at)?,
            expires_at: parse_instant(&r.expires_at)?,
            settled_at: parse_optional_instant(r.settled_at.as_deref())?,
            id: r.id,
            province_code: r.province_code,
            dossier_id: r.dossier_id,
            payer_account: r.payer_account,
            amount_dong: r.amount_dong,
            transaction_no: r.transaction_no,
            bank_code: r.bank_code,
            response_code: r.response_code,
            flag: r.flag,
            refund,
        })
    }
}

/// What kind of call a gateway is to be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallKind {
    /// Refund a paid order.
    Refund,
}

impl CallKind {
    fn as_str(self) -> &'static str {
        match self {
            CallKind::Refund => "refund",
        }
    }

    fn parse(text: &str) -> Option<CallKind> {
        (text == "refund").then_some(CallKind::Refund)
    }
}

/// A call to a gateway, decided by a change and made afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentCall {
    pub id: String,
    pub order_id: String,
    pub kind: CallKind,
    pub amount_dong: i64,
    pub reason: String,
    pub created_at: DateTime<Utc>,
    /// How many times it was tried before.
    pub attempts: i64,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct CallRow {
    id: String,
    order_id: String,
    kind: String,
    amount_dong: i64,
    reason: String,
    created_at: String,
    attempts: i64,
    next_attempt_at: String,
    leased_until: Option<String>,
    done_at: Option<String>,
    last_error: String,
}

impl Row for CallRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("id", &mut self.id);
        c.text("order_id", &mut self.order_id);
        c.text("kind", &mut self.kind);
        c.int("amount_dong", &mut self.amount_dong);
        c.text("reason", &mut self.reason);
        c.text("created_at", &mut self.created_at);
        c.int("attempts", &mut self.attempts);
        c.text("next_attempt_at", &mut self.next_attempt_at);
        c.optional_text("leased_until", &mut self.leased_until);
        c.optional_text("done_at", &mut self.done_at);
        c.text("last_error", &mut self.last_error);
    }
}

impl From<&PaymentCall> for CallRow {
    fn from(call: &PaymentCall) -> CallRow {
        CallRow {
            id: call.id.clone(),
            order_id: call.order_id.clone(),
            kind: call.kind.as_str().to_owned(),
            amount_dong: call.amount_dong,
            reason: call.reason.clone(),
            created_at: instant(call.created_at),
            attempts: call.attempts,
            next_attempt_at: instant(call.next_attempt_at),
            leased_until: None,
            done_at: None,
            last_error: call.last_error.clone(),
        }
    }
}

impl TryFrom<CallRow> for PaymentCall {
    type Error = StoreError;

    fn try_from(r: CallRow) -> StoreResult<PaymentCall> {
        Ok(PaymentCall {
            kind: CallKind::parse(&r.kind).ok_or_else(|| corrupt("payment call kind", &r.kind))?,
            created_at: parse_instant(&r.created_at)?,
            next_attempt_at: parse_instant(&r.next_attempt_at)?,
            id: r.id,
            order_id: r.order_id,
            amount_dong: r.amount_dong,
            reason: r.reason,
            attempts: r.attempts,
            last_error: r.last_error,
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
struct StatementRow {
    gateway: String,
    order_id: String,
    transaction_no: String,
    amount_dong: i64,
    paid_at: String,
    status: String,
    imported_at: String,
}

impl Row for StatementRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("gateway", &mut self.gateway);
        c.text("order_id", &mut self.order_id);
        c.text("transaction_no", &mut self.transaction_no);
        c.int("amount_dong", &mut self.amount_dong);
        c.text("paid_at", &mut self.paid_at);
        c.text("status", &mut self.status);
        c.text("imported_at", &mut self.imported_at);
    }
}

impl TryFrom<StatementRow> for StatementLine {
    type Error = StoreError;

    fn try_from(r: StatementRow) -> StoreResult<StatementLine> {
        Ok(StatementLine {
            gateway: Gateway::parse(&r.gateway).ok_or_else(|| corrupt("gateway", &r.gateway))?,
            paid_at: parse_instant(&r.paid_at)?,
            order_id: r.order_id,
            transaction_no: r.transaction_no,
            amount_dong: r.amount_dong,
            status: r.status,
        })
    }
}

/// Writes an order as it now is, if it still has the status it was read with.
pub(crate) async fn write_order(
    conn: &mut AnyConnection,
    order: &PaymentOrder,
    read_status: OrderStatus,
) -> StoreResult<bool> {
    let mut update = row::update("payment_orders", &OrderRow::from(order));
    update.push(" WHERE id = ").text(&order.id).push(" AND status = ").text(read_status.as_str());
    Ok(update.build().execute(&mut *conn).await?.rows_affected() == 1)
}

/// Queues calls to a gateway inside the caller's write.
pub(crate) async fn queue_calls(conn: &mut AnyConnection, calls: &[PaymentCall]) -> StoreResult<()> {
    for call in calls {
        row::insert("payment_calls", &CallRow::from(call)).build().execute(&mut *conn).await?;
    }
    Ok(())
}

impl Store {
    pub async fn create_payment_order(&self, order: &PaymentOrder) -> StoreResult<()> {
        let row = OrderRow::from(order);
        self.write(move |conn| {
            Box::pin(async move {
                row::insert("payment_orders", &row).build().execute(&mut *conn).await?;
                Ok(())
            })
        })
        .await
    }

    pub async fn payment_order(&self, id: &str) -> StoreResult<Option<PaymentOrder>> {
        let found =
            sqlx::query(&format!("SELECT {} FROM payment_orders WHERE id = $1", row::column_list::<OrderRow>(None)))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        found.as_ref().map(|r| PaymentOrder::try_from(row::read::<OrderRow>(r)?)).transpose()
    }

    /// A dossier's orders, oldest first.
    pub async fn payment_orders_of(&self, province_code: &str, dossier_id: &str) -> StoreResult<Vec<PaymentOrder>> {
        let rows = sqlx::query(&format!(
            "SELECT {} FROM payment_orders WHERE province_code = $1 AND dossier_id = $2 ORDER BY created_at, id",
            row::column_list::<OrderRow>(None)
        ))
        .bind(province_code)
        .bind(dossier_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| PaymentOrder::try_from(row::read::<OrderRow>(r)?)).collect()
    }

    /// The orders of a province settled in `[from, to)`, for reconciliation.
    pub async fn orders_settled_between(
        &self,
        province_code: &str,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<PaymentOrder>> {
        let rows = sqlx::query(&format!(
            "SELECT {} FROM payment_orders WHERE province_code = $1 AND settled_at >= $2 AND settled_at < $3
             ORDER BY settled_at, id",
            row::column_list::<OrderRow>(None)
        ))
        .bind(province_code)
        .bind(instant(from))
        .bind(instant(to))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| PaymentOrder::try_from(row::read::<OrderRow>(r)?)).collect()
    }

    /// Writes an order whose settling changes no dossier (a failure, a flag,
    /// a payment that came too late), with the gateway calls it decides, if
    /// it still has the status it was read with; answers whether it did.
    /// Orders still pending that expired before `before`, the longest expired first.
    pub async fn pending_orders_expired_before(
        &self,
        before: DateTime<Utc>,
        limit: i64,
    ) -> StoreResult<Vec<PaymentOrder>> {
        let rows = sqlx::query(&format!(
            "SELECT {} FROM payment_orders WHERE status = $1 AND expires_at < $2 ORDER BY expires_at, id LIMIT $3",
            row::column_list::<OrderRow>(None)
        ))
        .bind(OrderStatus::Pending.as_str())
        .bind(instant(before))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| PaymentOrder::try_from(row::read::<OrderRow>(r)?)).collect()
    }

    pub async fn update_payment_order(
        &self,
        order: &PaymentOrder,
        read_status: OrderStatus,
        calls: &[PaymentCall],
    ) -> StoreResult<bool> {
        let (order, calls) = (order.clone(), calls.to_vec());
        self.write(move |conn| {
            Box::pin(async move {
                if !write_order(conn, &order, read_status).await? {
                    return Ok(false);
                }
                queue_calls(conn, &calls).await?;
                Ok(true)
            })
        })
        .await
    }

    /// Takes up to `limit` calls due at `now` that nobody holds, holding
    /// each for `lease` so no other worker makes it meanwhile.
    pub async fn claim_payment_calls(
        &self,
        now: DateTime<Utc>,
        lease: Duration,
        limit: i64,
    ) -> StoreResult<Vec<PaymentCall>> {
        self.write(move |conn| {
            Box::pin(async move {
                let rows = sqlx::query(&format!(
                    "SELECT {} FROM payment_calls
                     WHERE done_at IS NULL AND next_attempt_at <= $1 AND (leased_until IS NULL OR leased_until <= $2)
                     ORDER BY next_attempt_at, id LIMIT $3",
                    row::column_list::<CallRow>(None)
                ))
                .bind(instant(now))
                .bind(instant(now))
                .bind(limit)
                .fetch_all(&mut *conn)
                .await?;
                let mut claimed = Vec::with_capacity(rows.len());
                for found in &rows {
                    let call = PaymentCall::try_from(row::read::<CallRow>(found)?)?;
                    let taken = sqlx::query(
                        "UPDATE payment_calls SET leased_until = $1
                         WHERE id = $2 AND done_at IS NULL AND (leased_until IS NULL OR leased_until <= $3)",
                    )
                    .bind(instant(now + lease))
                    .bind(&call.id)
                    .bind(instant(now))
                    .execute(&mut *conn)
                    .await?
                    .rows_affected();
                    if taken == 1 {
                        claimed.push(call);
                    }
                }
                Ok(claimed)
            })
        })
        .await
    }

    /// Marks a call made, with the order as the gateway's answer left it and
    /// `error`, why it failed (empty when it did not).
    pub async fn finish_payment_call(
        &self,
        call_id: &str,
        order: &PaymentOrder,
        at: DateTime<Utc>,
        error: &str,
    ) -> StoreResult<()> {
        let (call_id, order, error) = (call_id.to_owned(), order.clone(), error.to_owned());
        self.write(move |conn| {
            Box::pin(async move {
                write_order(conn, &order, order.status).await?;
                sqlx::query(
                    "UPDATE payment_calls SET done_at = $1, leased_until = NULL, attempts = attempts + 1, last_error = $2
                     WHERE id = $3",
                )
                .bind(instant(at))
                .bind(&error)
                .bind(&call_id)
                    .execute(&mut *conn)
                    .await?;
                Ok(())
            })
        })
        .await
    }

    /// Puts a call back for another attempt at `next`, with why this one failed.
    pub async fn retry_payment_call(&self, call_id: &str, error: &str, next: DateTime<Utc>) -> StoreResult<()> {
        let (call_id, error) = (call_id.to_owned(), error.to_owned());
        self.write(move |conn| {
            Box::pin(async move {
                sqlx::query(
                    "UPDATE payment_calls SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2,
                         leased_until = NULL
                     WHERE id = $3",
                )
                .bind(&error)
                .bind(instant(next))
                .bind(&call_id)
                .execute(&mut *conn)
                .await?;
                Ok(())
            })
        })
        .await
    }

    /// Saves statement lines; a line imported before is kept as it was.
    /// Answers how many were new.
    pub async fn save_statement_lines(&self, lines: &[StatementLine], imported_at: DateTime<Utc>) -> StoreResult<u64> {
        let rows: Vec<StatementRow> = lines
            .iter()
            .map(|l| StatementRow {
                gateway: l.gateway.as_str().to_owned(),
                order_id: l.order_id.clone(),
                transaction_no: l.transaction_no.clone(),
                amount_dong: l.amount_dong,
                paid_at: instant(l.paid_at),
                status: l.status.clone(),
                imported_at: instant(imported_at),
            })
            .collect();
        self.write(move |conn| {
            Box::pin(async move {
                let mut added = 0;
                for line in &rows {
                    let mut insert = row::insert("gateway_statement_lines", line);
                    insert.push(" ON CONFLICT (gateway, order_id, transaction_no) DO NOTHING");
                    added += insert.build().execute(&mut *conn).await?.rows_affected();
                }
                Ok(added)
            })
        })
        .await
    }

    /// The statement lines of transactions in `[from, to)`.
    pub async fn statement_lines_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<StatementLine>> {
        let rows = sqlx::query(&format!(
            "SELECT {} FROM gateway_statement_lines WHERE paid_at >= $1 AND paid_at < $2 ORDER BY paid_at, order_id",
            row::column_list::<StatementRow>(None)
        ))
        .bind(instant(from))
        .bind(instant(to))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| StatementLine::try_from(row::read::<StatementRow>(r)?)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_a_payment_row_has_its_column() {
        let text = |n: &str| n.to_owned();
        row::tests::round_trips(&OrderRow {
            id: text("a"),
            province_code: text("b"),
            dossier_id: text("c"),
            payer_account: text("d"),
            gateway: text("e"),
            amount_dong: 1,
            status: text("f"),
            created_at: text("g"),
            expires_at: text("h"),
            settled_at: Some(text("i")),
            transaction_no: text("j"),
            bank_code: text("k"),
            response_code: text("l"),
            flag: Some(text("m")),
            refund_status: text("n"),
            refund_amount: 2,
            refund_reason: text("o"),
            refunded_at: Some(text("p")),
            refund_transaction_no: text("q"),
        });
        row::tests::round_trips(&CallRow {
            id: text("a"),
            order_id: text("b"),
            kind: text("c"),
            amount_dong: 1,
            reason: text("d"),
            created_at: text("e"),
            attempts: 2,
            next_attempt_at: text("f"),
            leased_until: Some(text("g")),
            done_at: Some(text("h")),
            last_error: text("i"),
        });
        row::tests::round_trips(&StatementRow {
            gateway: text("a"),
            order_id: text("b"),
            transaction_no: text("c"),
            amount_dong: 1,
            paid_at: text("d"),
            status: text("e"),
            imported_at: text("f"),
        });
    }
}
