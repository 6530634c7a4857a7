//! Dossiers: submit, read, act, list, and the public lookup.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, FixedOffset, Utc};
use motcua_app::dossiers::{
    ActionDetails, Dossier, DossierView, PaymentDue, PublicStatus, SubmitDossier, TrackingBookRow,
};
use motcua_domain::Reason;
use motcua_domain::clock::to_vietnam_time;
use motcua_domain::dossier::{Action, Event, SlipRow, instant_text};

use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::auth::Signed;
use crate::json::Body;
use crate::problem::ApiError;

fn vn(instant: Option<DateTime<Utc>>) -> Option<DateTime<FixedOffset>> {
    instant.map(to_vietnam_time)
}

#[derive(Debug, Serialize)]
pub(crate) struct ApplicantBody {
    id_number: String,
    full_name: String,
    phone: String,
    email: String,
    address: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct DossierBody {
    id: String,
    code: Option<String>,
    status: &'static str,
    national_status_code: u8,
    step: &'static str,
    procedure_code: String,
    procedure_version: i64,
    case_code: String,
    channel: &'static str,
    service_point: String,
    competent_agency: String,
    applicant: ApplicantBody,
    submitter_kind: &'static str,
    delivery: motcua_domain::dossier::Delivery,
    form_data: motcua_domain::dossier::FormData,
    fee_dong: i64,
    processing_time: ProcessingTimeBody,
    submitted_at: DateTime<FixedOffset>,
    received_at: Option<DateTime<FixedOffset>>,
    due_at: Option<DateTime<FixedOffset>>,
    /// When the step the dossier is at must be done, where the unit set its time.
    step_due_at: Option<DateTime<FixedOffset>>,
    clock_stopped_at: Option<DateTime<FixedOffset>>,
    resolved_at: Option<DateTime<FixedOffset>>,
    returned_at: Option<DateTime<FixedOffset>>,
    supplement_requests: i64,
    late: bool,
    tracking_number: Option<String>,
    result_document: Option<String>,
    /// While a payment is requested: the amount, and where and when to pay at a counter.
    #[serde(skip_serializing_if = "Option::is_none")]
    payment_due: Option<PaymentDueBody>,
    #[serde(skip_serializing_if = "Option::is_none")]
    history: Option<Vec<EventBody>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    documents: Option<Vec<DocumentBody>>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ProcessingTimeBody {
    amount: f64,
    unit: &'static str,
}

#[derive(Debug, Serialize)]
pub(crate) struct PaymentDueBody {
    amount_dong: i64,
    agency_name: String,
    pay_at: PayAtBody,
}

#[derive(Debug, Serialize)]
pub(crate) struct PayAtBody {
    code: String,
    name: String,
    address: String,
    working_hours: String,
}

impl From<PaymentDue> for PaymentDueBody {
    fn from(due: PaymentDue) -> PaymentDueBody {
        PaymentDueBody {
            amount_dong: due.amount_dong,
            agency_name: due.agency_name,
            pay_at: PayAtBody {
                code: due.pay_at.code,
                name: due.pay_at.name,
                address: due.pay_at.address,
                working_hours: due.pay_at.working_hours.to_string(),
            },
        }
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct DocumentBody {
    component_code: String,
    sha256: String,
    file_name: String,
    media_type: String,
    size: i64,
    reused: bool,
    added_by: String,
    added_at: DateTime<FixedOffset>,
}

#[derive(Debug, Serialize)]
pub(crate) struct EventBody {
    sequence: i64,
    at: String,
    actor: String,
    role: String,
    service_point: String,
    action: &'static str,
    from_status: &'static str,
    to_status: &'static str,
    from_step: &'static str,
    to_step: &'static str,
    handed_to: String,
    timeliness: &'static str,
    note: String,
    data: serde_json::Value,
}

impl From<Event> for EventBody {
    fn from(e: Event) -> EventBody {
        EventBody {
            sequence: e.sequence,
            at: instant_text(e.at),
            data: e.payload.to_value(),
            actor: e.actor,
            role: e.role,
            service_point: e.service_point,
            action: e.kind.name(),
            from_status: e.from_status.map(|s| s.as_str()).unwrap_or_default(),
            to_status: e.to_status.as_str(),
            from_step: e.from_step.map(|s| s.as_str()).unwrap_or_default(),
            to_step: e.to_step.as_str(),
            handed_to: e.handed_to,
            timeliness: e.timeliness.map(|t| t.as_str()).unwrap_or_default(),
            note: e.note,
        }
    }
}

fn body(d: Dossier, history: Option<Vec<Event>>) -> DossierBody {
    body_with(d, history, None)
}

fn body_with(d: Dossier, history: Option<Vec<Event>>, documents: Option<Vec<DocumentBody>>) -> DossierBody {
    let (amount, unit) = match d.processing {
        Some(time) => (time.amount, time.unit.as_str()),
        None => (0.0, motcua_domain::clock::TimeUnit::Other.as_str()),
    };
    DossierBody {
        code: d.code.as_ref().map(ToString::to_string),
        status: d.status().as_str(),
        national_status_code: d.status().national_code(),
        step: d.step().as_str(),
        id: d.id,
        procedure_code: d.procedure_code,
        procedure_version: d.procedure_version,
        case_code: d.case_code,
        channel: d.channel.as_str(),
        service_point: d.service_point,
        competent_agency: d.competent_agency.to_string(),
        applicant: ApplicantBody {
            id_number: d.contact.personal_id,
            full_name: d.contact.name,
            phone: d.contact.phone,
            email: d.contact.email,
            address: d.contact.address,
        },
        submitter_kind: d.submitter_kind.as_str(),
        delivery: d.delivery,
        form_data: d.form,
        fee_dong: d.fee_dong,
        processing_time: ProcessingTimeBody { amount, unit },
        submitted_at: to_vietnam_time(d.submitted_at),
        received_at: vn(d.received_at),
        due_at: vn(d.due_at),
        step_due_at: vn(d.step_due_at),
        clock_stopped_at: vn(d.paused_at),
        resolved_at: vn(d.resolved_at),
        returned_at: vn(d.returned_at),
        supplement_requests: i64::from(d.lifecycle.supplement_requests),
        late: d.late,
        tracking_number: d.tracking_number,
        result_document: d.result_document,
        payment_due: None,
        history: history.map(|events| events.into_iter().map(EventBody::from).collect()),
        documents,
    }
}

fn view_body(view: DossierView) -> DossierBody {
    let documents = view
        .documents
        .into_iter()
        .map(|d| DocumentBody {
            component_code: d.component_code,
            sha256: d.sha256,
            file_name: d.file_name,
            media_type: d.media_type,
            size: d.size,
            reused: d.reused,
            added_by: d.added_by,
            added_at: to_vietnam_time(d.added_at),
        })
        .collect();
    DossierBody {
        payment_due: view.payment_due.map(PaymentDueBody::from),
        ..body_with(view.dossier, Some(view.events), Some(documents))
    }
}

/// The `Idempotency-Key` header, if any; at most 200 visible characters.
fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    match headers.get("idempotency-key") {
        None => Ok(None),
        Some(value) => {
            let key = value.to_str().map(str::trim).unwrap_or_default();
            if key.is_empty() || key.len() > 200 {
                return Err(ApiError::invalid("Idempotency-Key", Reason::Between1And200Characters));
            }
            Ok(Some(key.to_owned()))
        }
    }
}

pub(crate) async fn submit(
    State(state): State<AppState>,
    signed: Signed,
    headers: HeaderMap,
    Body(request): Body<SubmitDossier>,
) -> Result<(StatusCode, Json<DossierBody>), ApiError> {
    let key = idempotency_key(&headers)?;
    let dossier = state.app.submit_dossier(&signed.principal, &request, key.as_deref()).await?;
    let view = state.app.dossier(&signed.principal, &dossier.id).await?;
    Ok((StatusCode::CREATED, Json(view_body(view))))
}

pub(crate) async fn get(
    State(state): State<AppState>,
    signed: Signed,
    Path(reference): Path<String>,
) -> Result<Json<DossierBody>, ApiError> {
    Ok(Json(view_body(state.app.dossier(&signed.principal, &reference).await?)))
}

#[derive(Debug, Deserialize)]
pub(crate) struct ListParams {
    status: Option<String>,
    page: Option<u32>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ListBody {
    items: Vec<DossierBody>,
    page: u32,
}

pub(crate) async fn list(
    State(state): State<AppState>,
    signed: Signed,
    Query(params): Query<ListParams>,
) -> Result<Json<ListBody>, ApiError> {
    let page = params.page.unwrap_or(1).max(1);
    let status = params.status.as_deref().filter(|s| !s.is_empty());
    let items = state.app.dossiers(&signed.principal, status, page).await?;
    Ok(Json(ListBody { items: items.into_iter().map(|d| body(d, None)).collect(), page }))
}

#[derive(Debug, Deserialize)]
pub(crate) struct ActionBody {
    #[serde(flatten)]
    action: Action,
    #[serde(flatten)]
    details: ActionDetails,
}

pub(crate) async fn act(
    State(state): State<AppState>,
    signed: Signed,
    Path(reference): Path<String>,
    Body(request): Body<ActionBody>,
) -> Result<Json<DossierBody>, ApiError> {
    let view = state.app.act(&signed.principal, &reference, request.action, &request.details).await?;
    Ok(Json(view_body(view)))
}

#[derive(Debug, Deserialize)]
pub(crate) struct LookupParams {
    id_number: Option<String>,
    phone: Option<String>,
}

/// What the public lookup answers, as the API has always written it.
#[derive(Debug, Serialize)]
pub(crate) struct LookupBody {
    code: String,
    procedure_code: String,
    status: &'static str,
    national_status_code: u8,
    received_at: Option<DateTime<Utc>>,
    due_at: Option<DateTime<Utc>>,
    history: Vec<LookupEventBody>,
}

#[derive(Debug, Serialize)]
pub(crate) struct LookupEventBody {
    at: String,
    action: &'static str,
    status: &'static str,
}

impl From<PublicStatus> for LookupBody {
    fn from(found: PublicStatus) -> LookupBody {
        LookupBody {
            code: found.code,
            procedure_code: found.procedure_code,
            status: found.status.as_str(),
            national_status_code: found.status.national_code(),
            received_at: found.received_at,
            due_at: found.due_at,
            history: found
                .history
                .into_iter()
                .map(|e| LookupEventBody { at: instant_text(e.at), action: e.kind.name(), status: e.status.as_str() })
                .collect(),
        }
    }
}

pub(crate) async fn lookup(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(params): Query<LookupParams>,
) -> Result<Json<LookupBody>, ApiError> {
    let found = state.app.lookup(&code, params.id_number.as_deref(), params.phone.as_deref()).await?;
    Ok(Json(LookupBody::from(found)))
}

#[derive(Debug, Serialize)]
pub(crate) struct SlipBody {
    code: Option<String>,
    procedure_code: String,
    due_at: Option<DateTime<FixedOffset>>,
    rows: Vec<SlipRowBody>,
}

/// One row of the control slip, as the API has always written it.
#[derive(Debug, Serialize)]
pub(crate) struct SlipRowBody {
    sequence: i64,
    at: String,
    action: &'static str,
    giver: String,
    giver_role: String,
    service_point: String,
    receiver: String,
    from_step: &'static str,
    to_step: &'static str,
    to_status: &'static str,
    timeliness: &'static str,
    note: String,
}

impl From<SlipRow> for SlipRowBody {
    fn from(row: SlipRow) -> SlipRowBody {
        SlipRowBody {
            sequence: row.sequence,
            at: instant_text(row.at),
            action: row.kind.name(),
            giver: row.giver,
            giver_role: row.giver_role,
            service_point: row.service_point,
            receiver: row.receiver,
            from_step: row.from_step.map(|s| s.as_str()).unwrap_or_default(),
            to_step: row.to_step.as_str(),
            to_status: row.to_status.as_str(),
            timeliness: row.timeliness.map(|t| t.as_str()).unwrap_or_default(),
            note: row.note,
        }
    }
}

pub(crate) async fn control_slip(
    State(state): State<AppState>,
    signed: Signed,
    Path(reference): Path<String>,
) -> Result<Json<SlipBody>, ApiError> {
    let (dossier, rows) = state.app.control_slip(&signed.principal, &reference).await?;
    Ok(Json(SlipBody {
        code: dossier.code.as_ref().map(ToString::to_string),
        procedure_code: dossier.procedure_code,
        due_at: vn(dossier.due_at),
        rows: rows.into_iter().map(SlipRowBody::from).collect(),
    }))
}

#[derive(Debug, Deserialize)]
pub(crate) struct BookParams {
    from: Option<String>,
    to: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct BookBody {
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    rows: Vec<TrackingBookRow>,
}

fn date_param(field: &str, text: Option<&str>) -> Result<chrono::NaiveDate, ApiError> {
    let text =
        text.map(str::trim).filter(|t| !t.is_empty()).ok_or_else(|| ApiError::invalid(field, Reason::Required))?;
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| ApiError::invalid(field, Reason::ExpectedDate))
}

pub(crate) async fn tracking_book(
    State(state): State<AppState>,
    signed: Signed,
    Query(params): Query<BookParams>,
) -> Result<Json<BookBody>, ApiError> {
    let from = date_param("from", params.from.as_deref())?;
    let to = date_param("to", params.to.as_deref())?;
    let rows = state.app.tracking_book(&signed.principal, from, to).await?;
    Ok(Json(BookBody { from, to, rows }))
}
