//! Dossiers and their history. A dossier's row and the event that changed it
//! are written in one transaction, guarded by the event count the writer
//! read, so two officers acting at once cannot both win; codes are numbered
//! per agency per day inside that same transaction.

use chrono::{DateTime, NaiveDate, Utc};
use motcua_domain::dossier::{Action, Channel, Dossier, DossierCode, Event, EventRecord, Status, Step};
use motcua_domain::organisation::AgencyCode;
use motcua_domain::payments::{OrderStatus, PaymentOrder};
use sqlx::AnyConnection;

use crate::NotificationRecord;
use crate::documents::{AttachedDocument, DossierDocumentRow, attach};
use crate::dossier_rows::{DossierRow, EventRow, read_dossier};
use crate::encoding::{corrupt, date, instant, parse_instant};
use crate::indicators::refresh_measures;
use crate::payments::{PaymentCall, queue_calls, write_order};
use crate::query::SqlBuilder;
use crate::ratings::RatingRow;
use crate::row::{self, Columns, Row};
use crate::{Store, StoreError, StoreResult};

/// Asks the store to give the dossier its code in the writing transaction.
#[derive(Debug, Clone)]
pub struct CodeRequest {
    pub agency: AgencyCode,
    /// The day of receipt in Vietnam time.
    pub day: NaiveDate,
}

/// An `Idempotency-Key` sent with a creating request.
#[derive(Debug, Clone)]
pub struct IdempotencyClaim {
    pub account_id: String,
    pub key: String,
    /// A digest of the request body: the same key with another body is refused.
    pub request_hash: String,
}

/// What creating a dossier did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Created {
    /// A new dossier, with its code if it was received at once.
    New { code: Option<DossierCode> },
    /// The key was used before with the same request: that dossier, unchanged.
    Replayed { province_code: String, dossier_id: String },
    /// The key was used before with a different request.
    KeyReused,
}

/// Which dossiers a list shows.
#[derive(Debug, Clone, Default)]
pub struct DossierFilter {
    /// Dossiers whose applicant or submitter is this account.
    pub account: Option<String>,
    pub service_point: Option<String>,
    pub agency: Option<String>,
    /// A province or commune code: dossiers received or handled there.
    pub unit: Option<String>,
    /// Received at or after this instant.
    pub received_from: Option<DateTime<Utc>>,
    /// Received before this instant.
    pub received_before: Option<DateTime<Utc>>,
    /// Any of these statuses; empty for any.
    pub statuses: Vec<Status>,
    /// Any of these steps; empty for any.
    pub steps: Vec<Step>,
    pub procedure: Option<String>,
    pub channel: Option<Channel>,
    /// The nearest due date first (dossiers without one last), instead of newest first.
    pub by_due_date: bool,
}

/// An idempotency key's row: the key, the request it came with and the
/// dossier that request created.
#[derive(Debug, Clone, Default, PartialEq)]
struct IdempotencyKeyRow {
    account_id: String,
    key: String,
    request_hash: String,
    province_code: String,
    dossier_id: String,
    created_at: String,
}

impl Row for IdempotencyKeyRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("account_id", &mut self.account_id);
        c.text("key", &mut self.key);
        c.text("request_hash", &mut self.request_hash);
        c.text("province_code", &mut self.province_code);
        c.text("dossier_id", &mut self.dossier_id);
        c.text("created_at", &mut self.created_at);
    }
}

impl IdempotencyKeyRow {
    /// The row of `claim`, creating `dossier` at `at`.
    fn of(claim: &IdempotencyClaim, dossier: &Dossier, at: DateTime<Utc>) -> IdempotencyKeyRow {
        IdempotencyKeyRow {
            account_id: claim.account_id.clone(),
            key: claim.key.clone(),
            request_hash: claim.request_hash.clone(),
            province_code: dossier.province_code.clone(),
            dossier_id: dossier.id.clone(),
            created_at: instant(at),
        }
    }
}

/// The last number given to an agency's dossiers on a day, as its row.
#[derive(Debug, Clone, Default, PartialEq)]
struct SequenceRow {
    province_code: String,
    agency_code: String,
    day: String,
    last: i64,
}

impl Row for SequenceRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("province_code", &mut self.province_code);
        c.text("agency_code", &mut self.agency_code);
        c.text("day", &mut self.day);
        c.int("last", &mut self.last);
    }
}

/// The conflict of a sequence's row with the one already there.
const SEQUENCE_CONFLICT: &str = " ON CONFLICT (province_code, agency_code, day) DO UPDATE SET last = ";

/// Gives the next code of an agency's day, inside the caller's write.
async fn next_code(conn: &mut AnyConnection, province_code: &str, request: &CodeRequest) -> StoreResult<DossierCode> {
    let first = SequenceRow {
        province_code: province_code.to_owned(),
        agency_code: request.agency.to_string(),
        day: date(request.day),
        last: 1,
    };
    let mut next = row::insert("dossier_sequences", &first);
    next.push(SEQUENCE_CONFLICT).push("dossier_sequences.last + 1 RETURNING last");
    let last: i64 = next.build_scalar().fetch_one(&mut *conn).await?;
    let sequence = u32::try_from(last).map_err(|e| corrupt("dossier sequence", e))?;
    DossierCode::new(&request.agency, request.day, sequence).map_err(|e| corrupt("dossier code", e))
}

async fn insert_event(conn: &mut AnyConnection, province_code: &str, event: &Event, hash: &str) -> StoreResult<()> {
    row::insert("dossier_events", &EventRow::of(province_code, event, hash)).build().execute(&mut *conn).await?;
    Ok(())
}

impl Store {
    /// Creates a dossier with its first event; gives it a code if asked; and
    /// records the idempotency key, all in one write.
    pub async fn create_dossier(
        &self,
        dossier: &Dossier,
        event: &Event,
        code: Option<&CodeRequest>,
        idempotency: Option<&IdempotencyClaim>,
        along: Along<'_>,
    ) -> StoreResult<Created> {
        let (mut dossier, event) = (dossier.clone(), event.clone());
        let (code, idempotency) = (code.cloned(), idempotency.cloned());
        let (documents, messages) = (along.documents.to_vec(), along.messages.to_vec());
        self.write(move |conn| {
            Box::pin(async move {
                if let Some(claim) = &idempotency {
                    // Claiming the key first makes a concurrent retry wait for
                    // this write, then find the key taken and replay its dossier.
                    let mut insert =
                        row::insert("idempotency_keys", &IdempotencyKeyRow::of(claim, &dossier, Utc::now()));
                    insert.push(" ON CONFLICT (account_id, key) DO NOTHING");
                    let claimed = insert.build().execute(&mut *conn).await?.rows_affected();
                    if claimed == 0 {
                        let row = sqlx::query(&format!(
                            "SELECT {} FROM idempotency_keys WHERE account_id = $1 AND key = $2",
                            row::column_list::<IdempotencyKeyRow>(None)
                        ))
                        .bind(&claim.account_id)
                        .bind(&claim.key)
                        .fetch_one(&mut *conn)
                        .await?;
                        let earlier = row::read::<IdempotencyKeyRow>(&row)?;
                        if earlier.request_hash != claim.request_hash {
                            return Ok(Created::KeyReused);
                        }
                        return Ok(Created::Replayed {
                            province_code: earlier.province_code,
                            dossier_id: earlier.dossier_id,
                        });
                    }
                }
                if let Some(request) = &code {
                    dossier.code = Some(next_code(conn, &dossier.province_code, request).await?);
                }
                row::insert("dossiers", &DossierRow::from(&dossier)).build().execute(&mut *conn).await?;
                insert_event(conn, &dossier.province_code, &event, &dossier.last_hash).await?;
                attach(conn, &dossier.province_code, &dossier.id, &documents).await?;
                queue_messages(conn, &dossier, &messages).await?;
                refresh_measures(conn, &dossier.province_code, &dossier.id).await?;
                Ok(Created::New { code: dossier.code })
            })
        })
        .await
    }

    /// Writes a dossier's new state and the event that made it, if nobody else
    /// changed the dossier since it was read (`expected_events`). Returns the
    /// code it was given, if one was asked for.
    pub async fn update_dossier(
        &self,
        dossier: &Dossier,
        expected_events: i64,
        event: &Event,
        code: Option<&CodeRequest>,
        along: Along<'_>,
    ) -> StoreResult<Option<DossierCode>> {
        let (mut dossier, event) = (dossier.clone(), event.clone());
        let (code, documents, messages) = (code.cloned(), along.documents.to_vec(), along.messages.to_vec());
        let (orders, calls) = (along.orders.to_vec(), along.calls.to_vec());
        self.write(move |conn| {
            Box::pin(async move {
                for (order, read_status) in &orders {
                    if !write_order(conn, order, *read_status).await? {
                        return Err(StoreError::Conflict);
                    }
                }
                queue_calls(conn, &calls).await?;
                if let Some(request) = &code {
                    dossier.code = Some(next_code(conn, &dossier.province_code, request).await?);
                }
                let mut update = row::update("dossiers", &DossierRow::from(&dossier));
                update.push(" WHERE province_code = ").text(&dossier.province_code);
                update.push(" AND id = ").text(&dossier.id).push(" AND event_count = ").int(expected_events);
                let changed = update.build().execute(&mut *conn).await?.rows_affected();
                if changed != 1 {
                    return Err(StoreError::Conflict);
                }
                insert_event(conn, &dossier.province_code, &event, &dossier.last_hash).await?;
                attach(conn, &dossier.province_code, &dossier.id, &documents).await?;
                queue_messages(conn, &dossier, &messages).await?;
                refresh_measures(conn, &dossier.province_code, &dossier.id).await?;
                Ok(dossier.code)
            })
        })
        .await
    }

    /// A dossier by its code, or by its id while it has no code yet.
    pub async fn dossier(&self, reference: &str) -> StoreResult<Option<Dossier>> {
        let row = sqlx::query(&format!(
            "SELECT {} FROM dossiers WHERE code = $1 OR id = $2",
            row::column_list::<DossierRow>(None)
        ))
        .bind(reference)
        .bind(reference)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(read_dossier).transpose()
    }

    /// A dossier's events in order, typed.
    pub async fn dossier_events(&self, province_code: &str, id: &str) -> StoreResult<Vec<Event>> {
        let records = self.dossier_event_records(province_code, id).await?;
        records.iter().map(|(record, _)| Event::from_record(record).map_err(|e| corrupt("event", e))).collect()
    }

    /// A dossier's events in order exactly as stored, with their stored
    /// hashes: what verifying the chain reads.
    pub async fn dossier_event_records(
        &self,
        province_code: &str,
        id: &str,
    ) -> StoreResult<Vec<(EventRecord, String)>> {
        let rows = sqlx::query(&format!(
            "SELECT {} FROM dossier_events WHERE province_code = $1 AND dossier_id = $2 ORDER BY sequence",
            row::column_list::<EventRow>(None)
        ))
        .bind(province_code)
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| row::read::<EventRow>(r).map(|e| (e.record, e.hash))).collect()
    }

    /// Dossiers matching a filter, newest first (or nearest due first).
    pub async fn dossiers(&self, filter: &DossierFilter, limit: i64, offset: i64) -> StoreResult<Vec<Dossier>> {
        let mut query =
            SqlBuilder::new(&format!("SELECT {} FROM dossiers WHERE 1 = 1", row::column_list::<DossierRow>(None)));
        push_filter(&mut query, filter);
        if filter.by_due_date {
            query.push(" ORDER BY CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, submitted_at, id");
        } else {
            query.push(" ORDER BY submitted_at DESC, id");
        }
        query.push(" LIMIT ").int(limit).push(" OFFSET ").int(offset);
        let rows = query.build().fetch_all(&self.pool).await?;
        rows.iter().map(read_dossier).collect()
    }

    /// How many dossiers match a filter.
    pub async fn count_dossiers(&self, filter: &DossierFilter) -> StoreResult<i64> {
        let mut query = SqlBuilder::new("SELECT COUNT(*) FROM dossiers WHERE 1 = 1");
        push_filter(&mut query, filter);
        Ok(query.build_scalar().fetch_one(&self.pool).await?)
    }

    /// When each of the given dossiers first had an event of `action`, by
    /// dossier id; dossiers without one are absent. One query per 500 ids.
    pub async fn first_event_times(
        &self,
        ids: &[String],
        action: Action,
    ) -> StoreResult<std::collections::HashMap<String, DateTime<Utc>>> {
        let mut times = std::collections::HashMap::new();
        for chunk in ids.chunks(500) {
            let mut query = SqlBuilder::new("SELECT dossier_id, MIN(at) FROM dossier_events WHERE action = ");
            query.text(action.name()).push(" AND dossier_id IN (");
            for (i, id) in chunk.iter().enumerate() {
                if i > 0 {
                    query.push(", ");
                }
                query.text(id);
            }
            query.push(") GROUP BY dossier_id");
            for (dossier_id, first_at) in query.build_as::<(String, String)>().fetch_all(&self.pool).await? {
                times.insert(dossier_id, parse_instant(&first_at)?);
            }
        }
        Ok(times)
    }

    /// A page of every dossier's (province, id), in key order, after `after`.
    pub async fn dossier_keys(&self, after: Option<(&str, &str)>, limit: i64) -> StoreResult<Vec<(String, String)>> {
        let (province, id) = after.unwrap_or(("", ""));
        let keys = sqlx::query_as(
            "SELECT province_code, id FROM dossiers
             WHERE province_code > $1 OR (province_code = $2 AND id > $3)
             ORDER BY province_code, id LIMIT $4",
        )
        .bind(province)
        .bind(province)
        .bind(id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(keys)
    }
}

/// The `AND …` conditions of a filter.
fn push_filter(query: &mut SqlBuilder, filter: &DossierFilter) {
    if let Some(account) = &filter.account {
        query.push(" AND (applicant_id = ").text(account).push(" OR submitter_account = ").text(account).push(")");
    }
    if let Some(point) = &filter.service_point {
        query.push(" AND service_point = ").text(point);
    }
    if let Some(agency) = &filter.agency {
        query.push(" AND (competent_agency = ").text(agency);
        query.push(" OR (',' || agencies_involved || ',') LIKE ").text(format!("%,{agency},%")).push(")");
    }
    if let Some(unit) = &filter.unit {
        query.push(" AND (province_code = ").text(unit).push(" OR service_point_unit = ").text(unit);
        query.push(" OR competent_unit = ").text(unit).push(")");
    }
    let statuses: Vec<&str> = filter.statuses.iter().map(|s| s.as_str()).collect();
    let steps: Vec<&str> = filter.steps.iter().map(|s| s.as_str()).collect();
    for (column, values) in [("status", &statuses), ("step", &steps)] {
        if !values.is_empty() {
            query.push(&format!(" AND {column} IN ("));
            for (i, value) in values.iter().enumerate() {
                if i > 0 {
                    query.push(", ");
                }
                query.text(*value);
            }
            query.push(")");
        }
    }
    if let Some(procedure) = &filter.procedure {
        query.push(" AND procedure_code = ").text(procedure);
    }
    if let Some(channel) = filter.channel {
        query.push(" AND channel = ").text(channel.as_str());
    }
    if let Some(from) = filter.received_from {
        query.push(" AND received_at >= ").text(instant(from));
    }
    if let Some(before) = filter.received_before {
        query.push(" AND received_at < ").text(instant(before));
    }
}

/// What a dossier change brings along, written in its transaction: the
/// documents it attaches and the messages it sends.
#[derive(Debug, Clone, Copy, Default)]
pub struct Along<'a> {
    pub documents: &'a [AttachedDocument],
    pub messages: &'a [NotificationRecord],
    /// Payment orders the change settles or gives back, each written if it
    /// still has the status it was read with (else the whole change is a conflict).
    pub orders: &'a [(PaymentOrder, OrderStatus)],
    /// Calls to a gateway the change decides on (refunds).
    pub calls: &'a [PaymentCall],
}

/// Queues the messages a change sends, in its transaction. A message names
/// the dossier as `{code}`, filled in here because a code is given only
/// inside the write that receives the dossier.
async fn queue_messages(
    conn: &mut AnyConnection,
    dossier: &Dossier,
    messages: &[NotificationRecord],
) -> StoreResult<()> {
    let code = dossier.reference();
    for message in messages {
        let filled = NotificationRecord {
            subject: message.subject.replace("{code}", &code),
            body: message.body.replace("{code}", &code),
            ..message.clone()
        };
        crate::outbox::enqueue(conn, &filled).await?;
    }
    Ok(())
}

/// A dossier with its whole history, as the history generator's bulk path
/// writes it: the rows the use cases would have written, event by event.
#[derive(Debug, Clone)]
pub struct WholeDossier {
    pub dossier: Dossier,
    /// Its events in order, each with its chained hash.
    pub events: Vec<(Event, String)>,
    pub documents: Vec<AttachedDocument>,
    pub rating: Option<crate::RatingRecord>,
}

impl Store {
    /// Writes whole dossiers in one write, many rows per statement. Their
    /// codes are given by the caller, which records the numbers it used with
    /// [`Store::raise_sequences`]; the indicator tally is brought up to date
    /// afterwards by [`Store::rebuild_indicators`].
    pub async fn insert_whole_dossiers(&self, dossiers: Vec<WholeDossier>) -> StoreResult<()> {
        self.write(move |conn| {
            Box::pin(async move {
                let rows: Vec<DossierRow> = dossiers.iter().map(|d| DossierRow::from(&d.dossier)).collect();
                row::insert_all(conn, "dossiers", &rows).await?;
                let events: Vec<EventRow> = dossiers
                    .iter()
                    .flat_map(|d| d.events.iter().map(|(e, h)| EventRow::of(&d.dossier.province_code, e, h)))
                    .collect();
                row::insert_all(conn, "dossier_events", &events).await?;
                let documents: Vec<DossierDocumentRow> = dossiers
                    .iter()
                    .flat_map(|d| {
                        let (province, id) = (&d.dossier.province_code, &d.dossier.id);
                        d.documents.iter().map(move |doc| DossierDocumentRow::of(province, id, doc))
                    })
                    .collect();
                row::insert_all(conn, "dossier_documents", &documents).await?;
                let ratings: Vec<RatingRow> =
                    dossiers.iter().filter_map(|d| d.rating.as_ref()).map(RatingRow::from).collect();
                row::insert_all(conn, "ratings", &ratings).await?;
                Ok(())
            })
        })
        .await
    }

    /// Raises each agency's day sequence to at least the number given, so
    /// that codes handed out later follow those a bulk write used.
    pub async fn raise_sequences(&self, sequences: Vec<(String, String, NaiveDate, i64)>) -> StoreResult<()> {
        self.write(move |conn| {
            Box::pin(async move {
                for (province_code, agency_code, day, last) in sequences {
                    let at_least = SequenceRow { province_code, agency_code, day: date(day), last };
                    let mut raise = row::insert("dossier_sequences", &at_least);
                    raise.push(SEQUENCE_CONFLICT).push(
                        "CASE WHEN dossier_sequences.last > excluded.last THEN dossier_sequences.last
                              ELSE excluded.last END",
                    );
                    raise.build().execute(&mut *conn).await?;
                }
                Ok(())
            })
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_the_key_and_sequence_rows_has_its_column() {
        row::tests::round_trips(&IdempotencyKeyRow {
            account_id: "a".into(),
            key: "b".into(),
            request_hash: "c".into(),
            province_code: "d".into(),
            dossier_id: "e".into(),
            created_at: "f".into(),
        });
        row::tests::round_trips(&SequenceRow {
            province_code: "a".into(),
            agency_code: "b".into(),
            day: "c".into(),
            last: 7,
        });
    }
}
