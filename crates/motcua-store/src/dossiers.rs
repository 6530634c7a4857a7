//! Dossiers and their history. A dossier's row and the event that changed it
//! are written in one transaction, guarded by the event count the writer
//! read, so two officers acting at once cannot both win; codes are numbered
//! per agency per day inside that same transaction.

use chrono::{DateTime, NaiveDate, Utc};
use motcua_domain::dossier::{DossierCode, EventRecord};
use motcua_domain::organisation::AgencyCode;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::NotificationRecord;
use crate::documents::{AttachedDocument, attach};
use crate::encoding::{corrupt, date, flag, instant, optional_instant, parse_instant};
use crate::indicators::refresh_measures;
use crate::query::{SqlBuilder, insert_many};
use crate::{Store, StoreError, StoreResult};

/// A dossier's current state as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct DossierRecord {
    pub province_code: String,
    pub id: String,
    pub code: Option<String>,
    pub procedure_code: String,
    pub procedure_version: i64,
    pub case_code: String,
    pub applicant_id: String,
    pub applicant_personal_id: String,
    pub applicant_name: String,
    pub applicant_phone: String,
    pub applicant_email: String,
    pub applicant_address: String,
    pub submitter_kind: String,
    pub submitter_account: String,
    pub channel: String,
    pub service_point: String,
    pub service_point_unit: String,
    pub competent_agency: String,
    pub competent_unit: String,
    /// Agencies the dossier was handed over from, comma-separated.
    pub agencies_involved: String,
    pub form_data: String,
    pub delivery: String,
    pub fee_dong: i64,
    pub processing_amount: f64,
    pub processing_unit: String,
    pub status: String,
    pub step: String,
    pub supplement_requests: i64,
    pub resume_to: Option<String>,
    pub submitted_at: DateTime<Utc>,
    pub received_at: Option<DateTime<Utc>>,
    pub due_at: Option<DateTime<Utc>>,
    pub paused_at: Option<DateTime<Utc>>,
    pub step_started_at: DateTime<Utc>,
    pub step_due_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub returned_at: Option<DateTime<Utc>>,
    pub result_document: Option<String>,
    pub tracking_number: Option<String>,
    pub late: bool,
    pub event_count: i64,
    pub last_hash: String,
    pub updated_at: DateTime<Utc>,
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
    New { code: Option<String> },
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
    pub status: Option<String>,
    /// Received at or after this instant.
    pub received_from: Option<DateTime<Utc>>,
    /// Received before this instant.
    pub received_before: Option<DateTime<Utc>>,
    /// Any of these statuses (besides `status`); empty for any.
    pub statuses: Vec<String>,
    /// Any of these steps; empty for any.
    pub steps: Vec<String>,
    pub procedure: Option<String>,
    pub channel: Option<String>,
    /// The nearest due date first (dossiers without one last), instead of newest first.
    pub by_due_date: bool,
}

const COLUMNS: &str = "province_code, id, code, procedure_code, procedure_version, case_code, applicant_id,
    applicant_personal_id, applicant_name, applicant_phone, applicant_email, applicant_address, submitter_kind,
    submitter_account, channel, service_point, service_point_unit, competent_agency, competent_unit, agencies_involved,
    form_data,
    delivery, fee_dong, processing_amount, processing_unit, status, step, supplement_requests, resume_to,
    submitted_at, received_at, due_at, paused_at, step_started_at, step_due_at, resolved_at, returned_at,
    result_document, tracking_number, late, event_count, last_hash, updated_at";

const EVENT_COLUMNS: &str = "sequence, dossier_id, at, actor, role, service_point, action, from_status, to_status,
    from_step, to_step, handed_to, timeliness, note, data, hash";

fn dossier_from_row(row: &AnyRow) -> StoreResult<DossierRecord> {
    Ok(DossierRecord {
        province_code: row.try_get("province_code")?,
        id: row.try_get("id")?,
        code: row.try_get("code")?,
        procedure_code: row.try_get("procedure_code")?,
        procedure_version: row.try_get("procedure_version")?,
        case_code: row.try_get("case_code")?,
        applicant_id: row.try_get("applicant_id")?,
        applicant_personal_id: row.try_get("applicant_personal_id")?,
        applicant_name: row.try_get("applicant_name")?,
        applicant_phone: row.try_get("applicant_phone")?,
        applicant_email: row.try_get("applicant_email")?,
        applicant_address: row.try_get("applicant_address")?,
        submitter_kind: row.try_get("submitter_kind")?,
        submitter_account: row.try_get("submitter_account")?,
        channel: row.try_get("channel")?,
        service_point: row.try_get("service_point")?,
        service_point_unit: row.try_get("service_point_unit")?,
        competent_agency: row.try_get("competent_agency")?,
        competent_unit: row.try_get("competent_unit")?,
        agencies_involved: row.try_get("agencies_involved")?,
        form_data: row.try_get("form_data")?,
        delivery: row.try_get("delivery")?,
        fee_dong: row.try_get("fee_dong")?,
        processing_amount: row.try_get("processing_amount")?,
        processing_unit: row.try_get("processing_unit")?,
        status: row.try_get("status")?,
        step: row.try_get("step")?,
        supplement_requests: row.try_get("supplement_requests")?,
        resume_to: row.try_get("resume_to")?,
        submitted_at: parse_instant(&row.try_get::<String, _>("submitted_at")?)?,
        received_at: optional_instant(row, "received_at")?,
        due_at: optional_instant(row, "due_at")?,
        paused_at: optional_instant(row, "paused_at")?,
        step_started_at: parse_instant(&row.try_get::<String, _>("step_started_at")?)?,
        step_due_at: optional_instant(row, "step_due_at")?,
        resolved_at: optional_instant(row, "resolved_at")?,
        returned_at: optional_instant(row, "returned_at")?,
        result_document: row.try_get("result_document")?,
        tracking_number: row.try_get("tracking_number")?,
        late: row.try_get::<i64, _>("late")? != 0,
        event_count: row.try_get("event_count")?,
        last_hash: row.try_get("last_hash")?,
        updated_at: parse_instant(&row.try_get::<String, _>("updated_at")?)?,
    })
}

fn event_from_row(row: &AnyRow) -> StoreResult<(EventRecord, String)> {
    Ok((
        EventRecord {
            sequence: row.try_get("sequence")?,
            dossier_id: row.try_get("dossier_id")?,
            at: row.try_get("at")?,
            actor: row.try_get("actor")?,
            role: row.try_get("role")?,
            service_point: row.try_get("service_point")?,
            action: row.try_get("action")?,
            from_status: row.try_get("from_status")?,
            to_status: row.try_get("to_status")?,
            from_step: row.try_get("from_step")?,
            to_step: row.try_get("to_step")?,
            handed_to: row.try_get("handed_to")?,
            timeliness: row.try_get("timeliness")?,
            note: row.try_get("note")?,
            data: row.try_get("data")?,
        },
        row.try_get("hash")?,
    ))
}

/// Gives the next code of an agency's day, inside the caller's write.
async fn next_code(conn: &mut AnyConnection, province_code: &str, request: &CodeRequest) -> StoreResult<String> {
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
    let code = DossierCode::new(&request.agency, request.day, sequence).map_err(|e| corrupt("dossier code", e))?;
    Ok(code.to_string())
}

async fn insert_event(
    conn: &mut AnyConnection,
    province_code: &str,
    event: &EventRecord,
    hash: &str,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO dossier_events (province_code, dossier_id, sequence, at, actor, role, service_point, action,
             from_status, to_status, from_step, to_step, handed_to, timeliness, note, data, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
    )
    .bind(province_code)
    .bind(&event.dossier_id)
    .bind(event.sequence)
    .bind(&event.at)
    .bind(&event.actor)
    .bind(&event.role)
    .bind(&event.service_point)
    .bind(&event.action)
    .bind(&event.from_status)
    .bind(&event.to_status)
    .bind(&event.from_step)
    .bind(&event.to_step)
    .bind(&event.handed_to)
    .bind(&event.timeliness)
    .bind(&event.note)
    .bind(&event.data)
    .bind(hash)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Binds every column of `record` in `COLUMNS` order.
fn bind_all(builder: &mut SqlBuilder, d: &DossierRecord) {
    let opt = |t: Option<DateTime<Utc>>| t.map(instant);
    builder.text(&d.province_code).push(", ").text(&d.id).push(", ").opt_text(d.code.clone()).push(", ");
    builder.text(&d.procedure_code).push(", ").int(d.procedure_version).push(", ").text(&d.case_code).push(", ");
    builder.text(&d.applicant_id).push(", ").text(&d.applicant_personal_id).push(", ").text(&d.applicant_name);
    builder.push(", ").text(&d.applicant_phone).push(", ").text(&d.applicant_email).push(", ");
    builder.text(&d.applicant_address).push(", ").text(&d.submitter_kind).push(", ").text(&d.submitter_account);
    builder.push(", ").text(&d.channel).push(", ").text(&d.service_point).push(", ").text(&d.service_point_unit);
    builder.push(", ").text(&d.competent_agency).push(", ").text(&d.competent_unit).push(", ");
    builder.text(&d.agencies_involved).push(", ").text(&d.form_data);
    builder.push(", ").text(&d.delivery).push(", ").int(d.fee_dong).push(", ").double(d.processing_amount);
    builder.push(", ").text(&d.processing_unit).push(", ").text(&d.status).push(", ").text(&d.step).push(", ");
    builder.int(d.supplement_requests).push(", ").opt_text(d.resume_to.clone()).push(", ");
    builder.text(instant(d.submitted_at)).push(", ").opt_text(opt(d.received_at)).push(", ");
    builder.opt_text(opt(d.due_at)).push(", ").opt_text(opt(d.paused_at)).push(", ");
    builder.text(instant(d.step_started_at)).push(", ").opt_text(opt(d.step_due_at)).push(", ");
    builder.opt_text(opt(d.resolved_at)).push(", ").opt_text(opt(d.returned_at)).push(", ");
    builder.opt_text(d.result_document.clone()).push(", ").opt_text(d.tracking_number.clone()).push(", ");
    builder.int(flag(d.late)).push(", ").int(d.event_count).push(", ").text(&d.last_hash).push(", ");
    builder.text(instant(d.updated_at));
}

impl Store {
    /// Creates a dossier with its first event; gives it a code if asked; and
    /// records the idempotency key, all in one write.
    pub async fn create_dossier(
        &self,
        dossier: &DossierRecord,
        event: &EventRecord,
        hash: &str,
        code: Option<&CodeRequest>,
        idempotency: Option<&IdempotencyClaim>,
        along: Along<'_>,
    ) -> StoreResult<Created> {
        let (mut record, event, hash) = (dossier.clone(), event.clone(), hash.to_owned());
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
                    .bind(&record.province_code)
                    .bind(&record.id)
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
                    record.code = Some(next_code(conn, &record.province_code, request).await?);
                }
                let mut insert = SqlBuilder::new(&format!("INSERT INTO dossiers ({COLUMNS}) VALUES ("));
                bind_all(&mut insert, &record);
                insert.push(")");
                insert.build().execute(&mut *conn).await?;
                insert_event(conn, &record.province_code, &event, &hash).await?;
                attach(conn, &record.province_code, &record.id, &documents).await?;
                queue_messages(conn, &record, &messages).await?;
                refresh_measures(conn, &record.province_code, &record.id).await?;
                Ok(Created::New { code: record.code })
            })
        })
        .await
    }

    /// Writes a dossier's new state and the event that made it, if nobody else
    /// changed the dossier since it was read (`expected_events`). Returns the
    /// code it was given, if one was asked for.
    pub async fn update_dossier(
        &self,
        dossier: &DossierRecord,
        expected_events: i64,
        event: &EventRecord,
        hash: &str,
        code: Option<&CodeRequest>,
        along: Along<'_>,
    ) -> StoreResult<Option<String>> {
        let (mut record, event, hash) = (dossier.clone(), event.clone(), hash.to_owned());
        let (code, documents, messages) = (code.cloned(), along.documents.to_vec(), along.messages.to_vec());
        self.write(move |conn| {
            Box::pin(async move {
                if let Some(request) = &code {
                    record.code = Some(next_code(conn, &record.province_code, request).await?);
                }
                let mut update = SqlBuilder::new("UPDATE dossiers SET (");
                update.push(COLUMNS).push(") = (");
                bind_all(&mut update, &record);
                update.push(") WHERE province_code = ").text(&record.province_code);
                update.push(" AND id = ").text(&record.id).push(" AND event_count = ").int(expected_events);
                let changed = update.build().execute(&mut *conn).await?.rows_affected();
                if changed != 1 {
                    return Err(StoreError::Conflict);
                }
                insert_event(conn, &record.province_code, &event, &hash).await?;
                attach(conn, &record.province_code, &record.id, &documents).await?;
                queue_messages(conn, &record, &messages).await?;
                refresh_measures(conn, &record.province_code, &record.id).await?;
                Ok(record.code)
            })
        })
        .await
    }

    /// A dossier by its code, or by its id while it has no code yet.
    pub async fn dossier(&self, reference: &str) -> StoreResult<Option<DossierRecord>> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM dossiers WHERE code = $1 OR id = $2"))
            .bind(reference)
            .bind(reference)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(dossier_from_row).transpose()
    }

    /// A dossier's events in order, with their stored hashes.
    pub async fn dossier_events(&self, province_code: &str, id: &str) -> StoreResult<Vec<(EventRecord, String)>> {
        let rows = sqlx::query(&format!(
            "SELECT {EVENT_COLUMNS} FROM dossier_events WHERE province_code = $1 AND dossier_id = $2 ORDER BY sequence"
        ))
        .bind(province_code)
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(event_from_row).collect()
    }

    /// Dossiers matching a filter, newest first (or nearest due first).
    pub async fn dossiers(&self, filter: &DossierFilter, limit: i64, offset: i64) -> StoreResult<Vec<DossierRecord>> {
        let mut query = SqlBuilder::new(&format!("SELECT {COLUMNS} FROM dossiers WHERE 1 = 1"));
        push_filter(&mut query, filter);
        if filter.by_due_date {
            query.push(" ORDER BY CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, submitted_at, id");
        } else {
            query.push(" ORDER BY submitted_at DESC, id");
        }
        query.push(" LIMIT ").int(limit).push(" OFFSET ").int(offset);
        let rows = query.build().fetch_all(&self.pool).await?;
        rows.iter().map(dossier_from_row).collect()
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
        action: &str,
    ) -> StoreResult<std::collections::HashMap<String, String>> {
        let mut times = std::collections::HashMap::new();
        for chunk in ids.chunks(500) {
            let mut query =
                SqlBuilder::new("SELECT dossier_id, MIN(at) AS first_at FROM dossier_events WHERE action = ");
            query.text(action).push(" AND dossier_id IN (");
            for (i, id) in chunk.iter().enumerate() {
                if i > 0 {
                    query.push(", ");
                }
                query.text(id);
            }
            query.push(") GROUP BY dossier_id");
            for row in query.build().fetch_all(&self.pool).await? {
                times.insert(row.try_get("dossier_id")?, row.try_get("first_at")?);
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
    if let Some(status) = &filter.status {
        query.push(" AND status = ").text(status);
    }
    for (column, values) in [("status", &filter.statuses), ("step", &filter.steps)] {
        if !values.is_empty() {
            query.push(&format!(" AND {column} IN ("));
            for (i, value) in values.iter().enumerate() {
                if i > 0 {
                    query.push(", ");
                }
                query.text(value);
            }
            query.push(")");
        }
    }
    if let Some(procedure) = &filter.procedure {
        query.push(" AND procedure_code = ").text(procedure);
    }
    if let Some(channel) = &filter.channel {
        query.push(" AND channel = ").text(channel);
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
    record: &DossierRecord,
    messages: &[NotificationRecord],
) -> StoreResult<()> {
    let code = record.code.as_deref().unwrap_or(&record.id);
    for message in messages {
        let filled = NotificationRecord {
            subject: message.subject.replace("{code}", code),
            body: message.body.replace("{code}", code),
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
    pub record: DossierRecord,
    /// Its events in order, each with its chained hash.
    pub events: Vec<(EventRecord, String)>,
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
                let head = format!("INSERT INTO dossiers ({COLUMNS}) VALUES");
                insert_many(conn, &head, 45, &dossiers, |q, d| bind_all(q, &d.record)).await?;
                let events: Vec<(&str, &EventRecord, &str)> = dossiers
                    .iter()
                    .flat_map(|d| d.events.iter().map(|(e, h)| (d.record.province_code.as_str(), e, h.as_str())))
                    .collect();
                insert_many(
                    conn,
                    "INSERT INTO dossier_events (province_code, dossier_id, sequence, at, actor, role, service_point,
                         action, from_status, to_status, from_step, to_step, handed_to, timeliness, note, data, hash)
                     VALUES",
                    17,
                    &events,
                    |q, (province, e, hash)| {
                        q.text(*province).push(", ").text(&e.dossier_id).push(", ").int(e.sequence).push(", ");
                        for value in [
                            &e.at,
                            &e.actor,
                            &e.role,
                            &e.service_point,
                            &e.action,
                            &e.from_status,
                            &e.to_status,
                            &e.from_step,
                            &e.to_step,
                            &e.handed_to,
                            &e.timeliness,
                            &e.note,
                            &e.data,
                        ] {
                            q.text(value.as_str()).push(", ");
                        }
                        q.text(*hash);
                    },
                )
                .await?;
                let documents: Vec<(&DossierRecord, &AttachedDocument)> =
                    dossiers.iter().flat_map(|d| d.documents.iter().map(move |doc| (&d.record, doc))).collect();
                insert_many(
                    conn,
                    "INSERT INTO dossier_documents (province_code, dossier_id, component_code, sha256, file_name,
                         media_type, size, reused, added_by, added_at) VALUES",
                    10,
                    &documents,
                    |q, (record, doc)| {
                        q.text(&record.province_code).push(", ").text(&record.id).push(", ");
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
