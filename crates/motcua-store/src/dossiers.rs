//! Dossiers and their history. A dossier's row and the event that changed it
//! are written in one transaction, guarded by the event count the writer
//! read, so two officers acting at once cannot both win; codes are numbered
//! per agency per day inside that same transaction.

use chrono::{DateTime, NaiveDate, Utc};
use motcua_domain::DomainError;
use motcua_domain::access::Applicant;
use motcua_domain::clock::{ProcessingTime, TimeUnit};
use motcua_domain::dossier::{
    Action, Channel, Contact, Dossier, DossierCode, Event, EventRecord, Lifecycle, Status, Step, SubmitterKind,
};
use motcua_domain::organisation::AgencyCode;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row as _};

use crate::NotificationRecord;
use crate::documents::{AttachedDocument, attach};
use crate::encoding::{corrupt, date, flag, instant, parse_instant};
use crate::indicators::refresh_measures;
use crate::query::{SqlBuilder, insert_many};
use crate::row::{self, Columns, Row};
use crate::{Store, StoreError, StoreResult};

/// A dossier's row, column by column, as both databases hold it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct DossierRow {
    province_code: String,
    id: String,
    code: Option<String>,
    procedure_code: String,
    procedure_version: i64,
    case_code: String,
    applicant_id: String,
    applicant_personal_id: String,
    applicant_name: String,
    applicant_phone: String,
    applicant_email: String,
    applicant_address: String,
    submitter_kind: String,
    submitter_account: String,
    channel: String,
    service_point: String,
    service_point_unit: String,
    competent_agency: String,
    competent_unit: String,
    /// Comma-separated agency codes.
    agencies_involved: String,
    form_data: String,
    delivery: String,
    fee_dong: i64,
    processing_amount: f64,
    processing_unit: String,
    status: String,
    step: String,
    supplement_requests: i64,
    resume_to: Option<String>,
    submitted_at: String,
    received_at: Option<String>,
    due_at: Option<String>,
    paused_at: Option<String>,
    step_started_at: String,
    step_due_at: Option<String>,
    resolved_at: Option<String>,
    returned_at: Option<String>,
    result_document: Option<String>,
    tracking_number: Option<String>,
    paid_online: i64,
    late: i64,
    event_count: i64,
    last_hash: String,
    updated_at: String,
}

impl Row for DossierRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("province_code", &mut self.province_code);
        c.text("id", &mut self.id);
        c.optional_text("code", &mut self.code);
        c.text("procedure_code", &mut self.procedure_code);
        c.int("procedure_version", &mut self.procedure_version);
        c.text("case_code", &mut self.case_code);
        c.text("applicant_id", &mut self.applicant_id);
        c.text("applicant_personal_id", &mut self.applicant_personal_id);
        c.text("applicant_name", &mut self.applicant_name);
        c.text("applicant_phone", &mut self.applicant_phone);
        c.text("applicant_email", &mut self.applicant_email);
        c.text("applicant_address", &mut self.applicant_address);
        c.text("submitter_kind", &mut self.submitter_kind);
        c.text("submitter_account", &mut self.submitter_account);
        c.text("channel", &mut self.channel);
        c.text("service_point", &mut self.service_point);
        c.text("service_point_unit", &mut self.service_point_unit);
        c.text("competent_agency", &mut self.competent_agency);
        c.text("competent_unit", &mut self.competent_unit);
        c.text("agencies_involved", &mut self.agencies_involved);
        c.text("form_data", &mut self.form_data);
        c.text("delivery", &mut self.delivery);
        c.int("fee_dong", &mut self.fee_dong);
        c.double("processing_amount", &mut self.processing_amount);
        c.text("processing_unit", &mut self.processing_unit);
        c.text("status", &mut self.status);
        c.text("step", &mut self.step);
        c.int("supplement_requests", &mut self.supplement_requests);
        c.optional_text("resume_to", &mut self.resume_to);
        c.text("submitted_at", &mut self.submitted_at);
        c.optional_text("received_at", &mut self.received_at);
        c.optional_text("due_at", &mut self.due_at);
        c.optional_text("paused_at", &mut self.paused_at);
        c.text("step_started_at", &mut self.step_started_at);
        c.optional_text("step_due_at", &mut self.step_due_at);
        c.optional_text("resolved_at", &mut self.resolved_at);
        c.optional_text("returned_at", &mut self.returned_at);
        c.optional_text("result_document", &mut self.result_document);
        c.optional_text("tracking_number", &mut self.tracking_number);
        c.int("paid_online", &mut self.paid_online);
        c.int("late", &mut self.late);
        c.int("event_count", &mut self.event_count);
        c.text("last_hash", &mut self.last_hash);
        c.text("updated_at", &mut self.updated_at);
    }
}

impl From<&Dossier> for DossierRow {
    fn from(d: &Dossier) -> DossierRow {
        let when = |t: Option<DateTime<Utc>>| t.map(instant);
        let (processing_amount, processing_unit) = match d.processing {
            Some(time) => (time.amount, time.unit.as_str()),
            None => (0.0, TimeUnit::Other.as_str()),
        };
        DossierRow {
            province_code: d.province_code.clone(),
            id: d.id.clone(),
            code: d.code.as_ref().map(ToString::to_string),
            procedure_code: d.procedure_code.clone(),
            procedure_version: d.procedure_version,
            case_code: d.case_code.clone(),
            applicant_id: d.applicant.key(),
            applicant_personal_id: d.contact.personal_id.clone(),
            applicant_name: d.contact.name.clone(),
            applicant_phone: d.contact.phone.clone(),
            applicant_email: d.contact.email.clone(),
            applicant_address: d.contact.address.clone(),
            submitter_kind: d.submitter_kind.as_str().to_owned(),
            submitter_account: d.submitter_account.clone(),
            channel: d.channel.as_str().to_owned(),
            service_point: d.service_point.clone(),
            service_point_unit: d.service_point_unit.clone(),
            competent_agency: d.competent_agency.to_string(),
            competent_unit: d.competent_unit.clone(),
            agencies_involved: d.agencies_involved.iter().map(AgencyCode::as_str).collect::<Vec<_>>().join(","),
            form_data: json_text(&d.form),
            delivery: json_text(&d.delivery),
            fee_dong: d.fee_dong,
            processing_amount,
            processing_unit: processing_unit.to_owned(),
            status: d.lifecycle.status.as_str().to_owned(),
            step: d.lifecycle.step.as_str().to_owned(),
            supplement_requests: i64::from(d.lifecycle.supplement_requests),
            resume_to: d.lifecycle.resume_to.map(|s| s.as_str().to_owned()),
            submitted_at: instant(d.submitted_at),
            received_at: when(d.received_at),
            due_at: when(d.due_at),
            paused_at: when(d.paused_at),
            step_started_at: instant(d.step_started_at),
            step_due_at: when(d.step_due_at),
            resolved_at: when(d.resolved_at),
            returned_at: when(d.returned_at),
            result_document: d.result_document.clone(),
            tracking_number: d.tracking_number.clone(),
            paid_online: flag(d.paid_online),
            late: flag(d.late),
            event_count: d.event_count,
            last_hash: d.last_hash.clone(),
            updated_at: instant(d.updated_at),
        }
    }
}

/// A value as the JSON text its column holds. Plain data structures always serialise.
fn json_text<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

impl TryFrom<DossierRow> for Dossier {
    type Error = StoreError;

    fn try_from(r: DossierRow) -> StoreResult<Dossier> {
        fn field(what: &'static str) -> impl Fn(DomainError) -> StoreError {
            move |e| corrupt(what, e)
        }
        let when = |t: Option<String>| t.as_deref().map(parse_instant).transpose();
        let unit = TimeUnit::parse(&r.processing_unit).map_err(field("processing unit"))?;
        let processing = (unit != TimeUnit::Other && r.processing_amount > 0.0)
            .then_some(ProcessingTime { amount: r.processing_amount, unit });
        let agencies_involved = r
            .agencies_involved
            .split(',')
            .filter(|a| !a.is_empty())
            .map(AgencyCode::parse)
            .collect::<Result<Vec<_>, _>>()
            .map_err(field("agencies involved"))?;
        Ok(Dossier {
            code: r.code.as_deref().map(DossierCode::parse).transpose().map_err(field("dossier code"))?,
            procedure_code: r.procedure_code,
            procedure_version: r.procedure_version,
            case_code: r.case_code,
            applicant: Applicant::parse(&r.applicant_id),
            contact: Contact {
                personal_id: r.applicant_personal_id,
                name: r.applicant_name,
                phone: r.applicant_phone,
                email: r.applicant_email,
                address: r.applicant_address,
            },
            submitter_kind: SubmitterKind::parse(&r.submitter_kind).map_err(field("submitter kind"))?,
            submitter_account: r.submitter_account,
            channel: Channel::parse(&r.channel).map_err(field("channel"))?,
            service_point: r.service_point,
            service_point_unit: r.service_point_unit,
            competent_agency: AgencyCode::parse(&r.competent_agency).map_err(field("competent agency"))?,
            competent_unit: r.competent_unit,
            agencies_involved,
            form: serde_json::from_str(&r.form_data).map_err(|e| corrupt("form data", e))?,
            delivery: serde_json::from_str(&r.delivery).map_err(|e| corrupt("delivery", e))?,
            fee_dong: r.fee_dong,
            processing,
            lifecycle: Lifecycle {
                status: Status::parse(&r.status).map_err(field("status"))?,
                step: Step::parse(&r.step).map_err(field("step"))?,
                supplement_requests: u32::try_from(r.supplement_requests).map_err(|e| corrupt("supplements", e))?,
                resume_to: r.resume_to.as_deref().map(Status::parse).transpose().map_err(field("resume to"))?,
            },
            submitted_at: parse_instant(&r.submitted_at)?,
            received_at: when(r.received_at)?,
            due_at: when(r.due_at)?,
            paused_at: when(r.paused_at)?,
            step_started_at: parse_instant(&r.step_started_at)?,
            step_due_at: when(r.step_due_at)?,
            resolved_at: when(r.resolved_at)?,
            returned_at: when(r.returned_at)?,
            result_document: r.result_document,
            tracking_number: r.tracking_number,
            paid_online: r.paid_online != 0,
            late: r.late != 0,
            event_count: r.event_count,
            last_hash: r.last_hash,
            updated_at: parse_instant(&r.updated_at)?,
            province_code: r.province_code,
            id: r.id,
        })
    }
}

/// Reads a dossier from a result row that selected its columns.
pub(crate) fn read_dossier(row: &AnyRow) -> StoreResult<Dossier> {
    Dossier::try_from(row::read::<DossierRow>(row)?)
}

/// One event's row, column by column.
#[derive(Debug, Clone, Default, PartialEq)]
struct EventRow {
    province_code: String,
    record: EventRecord,
    hash: String,
}

impl Row for EventRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        let r = &mut self.record;
        c.text("province_code", &mut self.province_code);
        c.text("dossier_id", &mut r.dossier_id);
        c.int("sequence", &mut r.sequence);
        c.text("at", &mut r.at);
        c.text("actor", &mut r.actor);
        c.text("role", &mut r.role);
        c.text("service_point", &mut r.service_point);
        c.text("action", &mut r.action);
        c.text("from_status", &mut r.from_status);
        c.text("to_status", &mut r.to_status);
        c.text("from_step", &mut r.from_step);
        c.text("to_step", &mut r.to_step);
        c.text("handed_to", &mut r.handed_to);
        c.text("timeliness", &mut r.timeliness);
        c.text("note", &mut r.note);
        c.text("data", &mut r.data);
        c.text("hash", &mut self.hash);
    }
}

impl EventRow {
    fn of(province_code: &str, event: &Event, hash: &str) -> EventRow {
        EventRow { province_code: province_code.to_owned(), record: event.record(), hash: hash.to_owned() }
    }
}

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

/// Gives the next code of an agency's day, inside the caller's write.
async fn next_code(conn: &mut AnyConnection, province_code: &str, request: &CodeRequest) -> StoreResult<DossierCode> {
    let last: i64 = sqlx::query_scalar(
        "INSERT INTO dossier_sequences (province_code, agency_code, day, last) VALUES ($1, $2, $3, 1)
         ON CONFLICT (province_code, agency_code, day) DO UPDATE SET last = dossier_sequences.last + 1
         RETURNING last",
    )
    .bind(province_code)
    .bind(request.agency.as_str())
    .bind(date(request.day))
    .fetch_one(&mut *conn)
    .await?;
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
                    let claimed = sqlx::query(
                        "INSERT INTO idempotency_keys (account_id, key, request_hash, province_code, dossier_id,
                             created_at)
                         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (account_id, key) DO NOTHING",
                    )
                    .bind(&claim.account_id)
                    .bind(&claim.key)
                    .bind(&claim.request_hash)
                    .bind(&dossier.province_code)
                    .bind(&dossier.id)
                    .bind(instant(Utc::now()))
                    .execute(&mut *conn)
                    .await?
                    .rows_affected();
                    if claimed == 0 {
                        let row = sqlx::query(
                            "SELECT request_hash, province_code, dossier_id FROM idempotency_keys
                             WHERE account_id = $1 AND key = $2",
                        )
                        .bind(&claim.account_id)
                        .bind(&claim.key)
                        .fetch_one(&mut *conn)
                        .await?;
                        if row.try_get::<String, _>("request_hash")? != claim.request_hash {
                            return Ok(Created::KeyReused);
                        }
                        return Ok(Created::Replayed {
                            province_code: row.try_get("province_code")?,
                            dossier_id: row.try_get("dossier_id")?,
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
        self.write(move |conn| {
            Box::pin(async move {
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
        let mut query = SqlBuilder::new("SELECT COUNT(*) AS n FROM dossiers WHERE 1 = 1");
        push_filter(&mut query, filter);
        Ok(query.build().fetch_one(&self.pool).await?.try_get("n")?)
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
            let mut query =
                SqlBuilder::new("SELECT dossier_id, MIN(at) AS first_at FROM dossier_events WHERE action = ");
            query.text(action.name()).push(" AND dossier_id IN (");
            for (i, id) in chunk.iter().enumerate() {
                if i > 0 {
                    query.push(", ");
                }
                query.text(id);
            }
            query.push(") GROUP BY dossier_id");
            for row in query.build().fetch_all(&self.pool).await? {
                times.insert(row.try_get("dossier_id")?, parse_instant(&row.try_get::<String, _>("first_at")?)?);
            }
        }
        Ok(times)
    }

    /// A page of every dossier's (province, id), in key order, after `after`.
    pub async fn dossier_keys(&self, after: Option<(&str, &str)>, limit: i64) -> StoreResult<Vec<(String, String)>> {
        let (province, id) = after.unwrap_or(("", ""));
        let rows = sqlx::query(
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
        rows.iter().map(|r| Ok((r.try_get("province_code")?, r.try_get("id")?))).collect()
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
        crate::portal::enqueue(conn, &filled).await?;
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
                let head = format!("INSERT INTO dossiers ({}) VALUES", row::column_list::<DossierRow>(None));
                let width = row::names::<DossierRow>().len();
                insert_many(conn, &head, width, &rows, row::push_values).await?;
                let events: Vec<EventRow> = dossiers
                    .iter()
                    .flat_map(|d| d.events.iter().map(|(e, h)| EventRow::of(&d.dossier.province_code, e, h)))
                    .collect();
                let head = format!("INSERT INTO dossier_events ({}) VALUES", row::column_list::<EventRow>(None));
                let width = row::names::<EventRow>().len();
                insert_many(conn, &head, width, &events, row::push_values).await?;
                let documents: Vec<(&Dossier, &AttachedDocument)> =
                    dossiers.iter().flat_map(|d| d.documents.iter().map(move |doc| (&d.dossier, doc))).collect();
                insert_many(
                    conn,
                    "INSERT INTO dossier_documents (province_code, dossier_id, component_code, sha256, file_name,
                         media_type, size, reused, added_by, added_at) VALUES",
                    10,
                    &documents,
                    |q, (dossier, doc)| {
                        q.text(&dossier.province_code).push(", ").text(&dossier.id).push(", ");
                        q.text(&doc.component_code).push(", ").text(&doc.sha256).push(", ").text(&doc.file_name);
                        q.push(", ").text(&doc.media_type).push(", ").int(doc.size).push(", ").int(flag(doc.reused));
                        q.push(", ").text(&doc.added_by).push(", ").text(instant(doc.added_at));
                    },
                )
                .await?;
                let ratings: Vec<&crate::RatingRecord> = dossiers.iter().filter_map(|d| d.rating.as_ref()).collect();
                insert_many(
                    conn,
                    "INSERT INTO ratings (province_code, dossier_id, rating, comment, rated_by, rated_at) VALUES",
                    6,
                    &ratings,
                    |q, r| {
                        q.text(&r.province_code).push(", ").text(&r.dossier_id).push(", ").text(&r.rating);
                        q.push(", ").text(&r.comment).push(", ").text(&r.rated_by).push(", ").text(instant(r.rated_at));
                    },
                )
                .await?;
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
                for (province, agency, day, last) in &sequences {
                    sqlx::query(
                        "INSERT INTO dossier_sequences (province_code, agency_code, day, last) VALUES ($1, $2, $3, $4)
                         ON CONFLICT (province_code, agency_code, day) DO UPDATE SET last =
                             CASE WHEN dossier_sequences.last > excluded.last THEN dossier_sequences.last
                                  ELSE excluded.last END",
                    )
                    .bind(province)
                    .bind(agency)
                    .bind(date(*day))
                    .bind(*last)
                    .execute(&mut *conn)
                    .await?;
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
    fn every_field_of_a_dossier_row_has_its_column() {
        let text = |n: &str| n.to_owned();
        let some = |n: &str| Some(n.to_owned());
        row::tests::round_trips(&DossierRow {
            province_code: text("a"),
            id: text("b"),
            code: some("c"),
            procedure_code: text("d"),
            procedure_version: 1,
            case_code: text("e"),
            applicant_id: text("f"),
            applicant_personal_id: text("g"),
            applicant_name: text("h"),
            applicant_phone: text("i"),
            applicant_email: text("j"),
            applicant_address: text("k"),
            submitter_kind: text("l"),
            submitter_account: text("m"),
            channel: text("n"),
            service_point: text("o"),
            service_point_unit: text("p"),
            competent_agency: text("q"),
            competent_unit: text("r"),
            agencies_involved: text("s"),
            form_data: text("t"),
            delivery: text("u"),
            fee_dong: 2,
            processing_amount: 3.5,
            processing_unit: text("v"),
            status: text("w"),
            step: text("x"),
            supplement_requests: 4,
            resume_to: some("y"),
            submitted_at: text("z"),
            received_at: some("aa"),
            due_at: some("ab"),
            paused_at: some("ac"),
            step_started_at: text("ad"),
            step_due_at: some("ae"),
            resolved_at: some("af"),
            returned_at: some("ag"),
            result_document: some("ah"),
            tracking_number: some("ai"),
            paid_online: 5,
            late: 6,
            event_count: 7,
            last_hash: text("aj"),
            updated_at: text("ak"),
        });
    }

    #[test]
    fn every_field_of_an_event_row_has_its_column() {
        let record = EventRecord {
            sequence: 3,
            dossier_id: "a".into(),
            at: "b".into(),
            actor: "c".into(),
            role: "d".into(),
            service_point: "e".into(),
            action: "f".into(),
            from_status: "g".into(),
            to_status: "h".into(),
            from_step: "i".into(),
            to_step: "j".into(),
            handed_to: "k".into(),
            timeliness: "l".into(),
            note: "m".into(),
            data: "n".into(),
        };
        row::tests::round_trips(&EventRow { province_code: "o".into(), record, hash: "p".into() });
    }
}
