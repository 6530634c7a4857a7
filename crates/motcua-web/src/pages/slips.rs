//! The statutory slips as PDF: forms 01–06 of a dossier from its record and
//! history, and the tracking book (07) of a service point for a period. The
//! data comes from the use cases; the wording and layout from `motcua-slips`;
//! this module only fills one from the other, in the page's language.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use motcua_app::AppError;
use motcua_app::dossiers::DossierView;
use motcua_domain::DomainError;
use motcua_domain::access::Principal;
use motcua_domain::clock::{TimeUnit, to_vietnam_time};
use motcua_domain::dossier::{Action, EventRecord};
use motcua_i18n::{MessageId, msg, text};
use motcua_slips::{
    Apology, ControlRow, ControlSlip, Dateline, Delivery, DocumentLine, Issuer, Language, Receipt, Refusal, Slip,
    SlipDate, StopNotice, SupplementRequest, Timeliness, TrackingBook, TrackingRow,
};
use serde::Deserialize;

use super::PageLocale;
use super::guard::{Citizen, Officer};
use crate::AppState;
use crate::i18n::{self, Locale};
use crate::problem::ApiError;

fn language(locale: Locale) -> Language {
    match locale {
        Locale::Vi => Language::Vi,
        Locale::En => Language::En,
        Locale::Ar => Language::Ar,
    }
}

fn slip_date(instant: DateTime<Utc>) -> SlipDate {
    let day = to_vietnam_time(instant).date_naive();
    SlipDate {
        year: u16::try_from(day.year()).unwrap_or_default(),
        month: u8::try_from(day.month()).unwrap_or_default(),
        day: u8::try_from(day.day()).unwrap_or_default(),
    }
}

fn when(instant: Option<DateTime<Utc>>) -> String {
    instant.map(|i| to_vietnam_time(i).format("%H:%M %d/%m/%Y").to_string()).unwrap_or_default()
}

fn event_instant(event: &EventRecord) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(&event.at).ok().map(|a| a.with_timezone(&Utc))
}

fn reason_of(event: &EventRecord) -> String {
    serde_json::from_str::<serde_json::Value>(&event.data)
        .ok()
        .and_then(|d| d["reason"].as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The PDF as a response that opens in the browser, named after the form and dossier.
fn pdf_response(bytes: Vec<u8>, name: &str) -> Response {
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    if let Ok(value) = HeaderValue::from_str(&format!("inline; filename=\"{name}.pdf\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

fn render(slip: &Slip, locale: Locale, name: &str) -> Result<Response, ApiError> {
    let bytes = motcua_slips::render_pdf(slip, language(locale))
        .map_err(|e| ApiError::from(AppError::Internal(format!("rendering form {}: {e}", slip.form_number()))))?;
    Ok(pdf_response(bytes, name))
}

/// What the slips of one dossier share.
struct Context {
    issuer: Issuer,
    place: String,
    request: String,
    processing_text: String,
    /// The procedure's components, to name what was handed in.
    components: Vec<motcua_domain::catalogue::Component>,
    /// The procedure's legal bases, for the refusal and the stop notice.
    legal_basis: String,
}

async fn context(state: &AppState, l: Locale, view: &DossierView) -> Result<Context, ApiError> {
    let dossier = &view.dossier;
    let point = state.app.service_point(&dossier.service_point).await?;
    let province = state
        .app
        .provinces()
        .await?
        .into_iter()
        .find(|p| p.code == dossier.province_code)
        .map(|p| p.name)
        .unwrap_or_default();
    let procedure = state.app.procedure(&dossier.procedure_code).await?;
    let processing_text = if dossier.processing_amount > 0.0 {
        let amount = dossier.processing_amount;
        let amount = if amount.fract() == 0.0 { format!("{amount:.0}") } else { format!("{amount}") };
        let unit = TimeUnit::parse(&dossier.processing_unit)
            .map(|unit| text(l, i18n::time_unit(unit)))
            .unwrap_or_else(|_| dossier.processing_unit.clone());
        format!("{amount} {unit}")
    } else {
        String::new()
    };
    Ok(Context {
        issuer: Issuer { parent: format!("UBND {}", province.to_uppercase()), name: point.name.to_uppercase() },
        place: province.replace("Thành phố ", "").replace("Tỉnh ", ""),
        components: procedure
            .current
            .as_ref()
            .map(|v| v.procedure.component_groups.iter().flat_map(|g| g.components.clone()).collect())
            .unwrap_or_default(),
        request: procedure.entry.summary.name,
        processing_text,
        legal_basis: state.app.legal_bases_of(dossier).await?.join("; "),
    })
}

/// The slip of form `number` for a dossier, when its history has what it needs.
async fn dossier_slip(state: &AppState, l: Locale, view: &DossierView, number: u8) -> Result<Slip, ApiError> {
    let dossier = &view.dossier;
    let code = dossier.code.clone().unwrap_or_else(|| dossier.id.clone());
    let context = context(state, l, view).await?;
    let last = |action: &str| view.events.iter().rev().find(|e| e.action == action);
    let missing = || ApiError::from(AppError::not_found("slip", format!("{code} form {number:02}")));
    let dateline = |at: Option<DateTime<Utc>>| Dateline {
        place: context.place.clone(),
        date: slip_date(at.unwrap_or(dossier.submitted_at)),
    };
    let slip = match number {
        1 => {
            let received = last("receive").ok_or_else(missing)?;
            let name_of = |code: &str| {
                context
                    .components
                    .iter()
                    .find(|c| c.code == code)
                    .map(|c| c.name.clone())
                    .unwrap_or_else(|| code.to_owned())
            };
            let form: serde_json::Value = serde_json::from_str(&dossier.form_data).unwrap_or_default();
            let mut documents: Vec<DocumentLine> = form["received_components"]
                .as_array()
                .map(|items| {
                    items
                        .iter()
                        .map(|item| DocumentLine {
                            // A catalogue entry without details lists no
                            // components: the officer named the document.
                            name: match item["name"].as_str() {
                                Some(name) => name.to_owned(),
                                None => name_of(item["component_code"].as_str().unwrap_or_default()),
                            },
                            original: item["original"].as_bool().unwrap_or(true),
                            count: u32::try_from(item["count"].as_u64().unwrap_or(1)).unwrap_or(1),
                        })
                        .collect()
                })
                .unwrap_or_default();
            if documents.is_empty() {
                documents = view
                    .documents
                    .iter()
                    .map(|d| DocumentLine { name: name_of(&d.component_code), original: false, count: 1 })
                    .collect();
            }
            let delivery: Option<motcua_domain::dossier::Delivery> = serde_json::from_str(&dossier.delivery).ok();
            let (delivery, delivery_detail) = match delivery {
                Some(motcua_domain::dossier::Delivery::Post { address }) => (Delivery::Post, address),
                Some(motcua_domain::dossier::Delivery::Online) => (Delivery::Online, String::new()),
                Some(motcua_domain::dossier::Delivery::Counter { service_point }) => {
                    (Delivery::Counter, state.app.place_name(&service_point).await?)
                }
                None => (Delivery::Counter, String::new()),
            };
            Slip::Receipt(Receipt {
                issuer: context.issuer,
                dateline: dateline(dossier.received_at),
                dossier_code: code,
                applicant_name: dossier.applicant_name.clone(),
                address: dossier.applicant_address.clone(),
                phone: dossier.applicant_phone.clone(),
                email: dossier.applicant_email.clone(),
                request: context.request,
                documents,
                sets: 1,
                processing_time_text: context.processing_text,
                received_at_text: when(dossier.received_at),
                appointment_text: when(dossier.due_at),
                delivery,
                delivery_detail,
                tracking_book: dossier.received_at.map(|r| to_vietnam_time(r).year().to_string()).unwrap_or_default(),
                tracking_number: dossier
                    .code
                    .as_deref()
                    .and_then(|c| c.rsplit('-').next())
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0),
                officer_name: state.app.officer_name(&received.actor).await?,
            })
        }
        2 => {
            let asked = last("request_supplement").ok_or_else(missing)?;
            let reason = reason_of(asked);
            Slip::SupplementRequest(SupplementRequest {
                issuer: context.issuer,
                dateline: dateline(event_instant(asked)),
                reference: String::new(),
                dossier_code: code,
                applicant_name: dossier.applicant_name.clone(),
                request: context.request,
                received_on_text: when(dossier.received_at.or(Some(dossier.submitted_at))),
                items: reason.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect(),
                reason,
                contact_name: state.app.officer_name(&asked.actor).await?,
                contact_phone: String::new(),
                officer_name: state.app.officer_name(&asked.actor).await?,
            })
        }
        3 => {
            let refused = last("refuse_at_reception").ok_or_else(missing)?;
            Slip::Refusal(Refusal {
                issuer: context.issuer,
                dateline: dateline(event_instant(refused)),
                reference: String::new(),
                dossier_code: code,
                applicant_name: dossier.applicant_name.clone(),
                request: context.request,
                reason: reason_of(refused),
                legal_basis: context.legal_basis,
                officer_name: state.app.officer_name(&refused.actor).await?,
            })
        }
        4 => {
            let extended = last("extend").ok_or_else(missing)?;
            let data: serde_json::Value = serde_json::from_str(&extended.data).unwrap_or_default();
            let old_due = data["previous_due_at"].as_str().and_then(|d| DateTime::parse_from_rfc3339(d).ok());
            Slip::Apology(Apology {
                issuer: context.issuer,
                dateline: dateline(event_instant(extended)),
                reference: String::new(),
                dossier_code: code,
                applicant_name: dossier.applicant_name.clone(),
                request: context.request,
                received_on_text: when(dossier.received_at),
                statutory_deadline_text: when(old_due.map(|d| d.with_timezone(&Utc))),
                delay_reason: reason_of(extended),
                new_date_text: when(dossier.due_at),
                head_name: state.app.officer_name(&extended.actor).await?,
            })
        }
        5 => {
            let stopped = last("stop").ok_or_else(missing)?;
            Slip::StopNotice(StopNotice {
                issuer: context.issuer,
                dateline: dateline(event_instant(stopped)),
                reference: String::new(),
                dossier_code: code,
                applicant_name: dossier.applicant_name.clone(),
                request: context.request,
                received_on_text: when(dossier.received_at),
                reason: reason_of(stopped),
                legal_basis: context.legal_basis,
                head_name: state.app.officer_name(&stopped.actor).await?,
            })
        }
        6 => {
            let rows = state.app.named_control_slip(dossier, &view.events).await?;
            let lines = rows
                .into_iter()
                .map(|named| ControlRow {
                    agency: named.place,
                    handed_at_text: when(
                        DateTime::parse_from_rfc3339(&named.row.at).ok().map(|a| a.with_timezone(&Utc)),
                    ),
                    giver: named.giver,
                    receiver: named.receiver,
                    timeliness: i18n::timeliness_of_key(&named.row.timeliness).map(|timeliness| match timeliness {
                        motcua_domain::clock::Timeliness::Early => Timeliness::Early,
                        motcua_domain::clock::Timeliness::OnTime => Timeliness::OnTime,
                        motcua_domain::clock::Timeliness::Late => Timeliness::Late,
                    }),
                    note: i18n::history_entry(l, &named.row.action),
                })
                .collect();
            Slip::ControlSlip(ControlSlip {
                issuer: context.issuer,
                dossier_code: code,
                applicant_name: dossier.applicant_name.clone(),
                request: context.request,
                received_at_text: when(dossier.received_at),
                appointment_text: when(dossier.due_at),
                rows: lines,
            })
        }
        _ => return Err(missing()),
    };
    Ok(slip)
}

/// The forms a dossier's history can print now, by number.
pub(super) fn printable(view: &DossierView) -> Vec<(u8, MessageId)> {
    let has = |action: Action| view.events.iter().any(|e| e.action == action.name());
    let mut forms = Vec::new();
    for (number, action, title) in [
        (1, Action::Receive, msg::FORM_01),
        (2, Action::RequestSupplement, msg::FORM_02),
        (3, Action::RefuseAtReception, msg::FORM_03),
        (4, Action::Extend, msg::FORM_04),
        (5, Action::Stop, msg::FORM_05),
    ] {
        if has(action) {
            forms.push((number, title));
        }
    }
    forms.push((6, msg::FORM_06));
    forms
}

/// `GET /can-bo/ho-so/{code}/phieu/{number}`: a form of a dossier in the officer's scope.
pub(crate) async fn dossier_form(
    State(state): State<AppState>,
    page: PageLocale,
    Officer(signed): Officer,
    Path((reference, number)): Path<(String, u8)>,
) -> Result<Response, ApiError> {
    let view = state.app.dossier(&signed.principal, &reference).await?;
    let slip = dossier_slip(&state, page.locale, &view, number).await?;
    render(&slip, page.locale, &format!("mau-{number:02}-{reference}"))
}

/// `GET /ho-so-cua-toi/{code}/bien-nhan.pdf`: the applicant's own receipt (form 01).
pub(crate) async fn my_receipt(
    State(state): State<AppState>,
    page: PageLocale,
    Citizen(signed): Citizen,
    Path(reference): Path<String>,
) -> Result<Response, ApiError> {
    let view = state.app.dossier(&signed.principal, &reference).await?;
    let slip = dossier_slip(&state, page.locale, &view, 1).await?;
    render(&slip, page.locale, &format!("bien-nhan-{reference}"))
}

#[derive(Debug, Deserialize)]
pub(crate) struct BookQuery {
    from: Option<String>,
    to: Option<String>,
}

/// `GET /can-bo/so-theo-doi?from=&to=`: the tracking book of the officer's scope.
pub(crate) async fn tracking_book(
    State(state): State<AppState>,
    page: PageLocale,
    Officer(signed): Officer,
    Query(query): Query<BookQuery>,
) -> Result<Response, ApiError> {
    let today = motcua_app::units::today_in_vietnam();
    let day = |text: Option<&str>, field: &'static str, default: NaiveDate| match text.filter(|t| !t.is_empty()) {
        None => Ok(default),
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|_| ApiError::from(AppError::from(DomainError::invalid(field, "expected a date YYYY-MM-DD")))),
    };
    let first_of_month = today.with_day(1).unwrap_or(today);
    let from = day(query.from.as_deref(), "from", first_of_month)?;
    let to = day(query.to.as_deref(), "to", today)?;
    let rows = state.app.tracking_book(&signed.principal, from, to).await?;
    let Principal::Officer { scope, .. } = &signed.principal else { return Err(AppError::Unauthenticated.into()) };
    let issuer_name = match state.app.service_point(scope.code()).await {
        Ok(point) => point.name.to_uppercase(),
        Err(_) => scope.code().to_owned(),
    };
    let mut lines = Vec::with_capacity(rows.len());
    for row in rows {
        lines.push(TrackingRow {
            dossier_code: row.code,
            procedure: row.procedure_code,
            sets: row.sets,
            applicant_name: row.applicant_name,
            address: row.applicant_address,
            phone: row.applicant_phone,
            agency: row.competent_agency,
            received_text: when(row.received_at),
            appointment_text: when(row.due_at),
            sent_text: row
                .sent_at
                .as_deref()
                .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
                .map(|s| when(Some(s.with_timezone(&Utc))))
                .unwrap_or_default(),
            result_back_text: when(row.resolved_at),
            returned_text: when(row.returned_at),
            note: if row.late { text(page.locale, msg::LATE) } else { String::new() },
        });
    }
    let book = Slip::TrackingBook(TrackingBook {
        issuer: Issuer { parent: String::new(), name: issuer_name },
        book: from.year().to_string(),
        period_text: format!("{} – {}", from.format("%d/%m/%Y"), to.format("%d/%m/%Y")),
        rows: lines,
    });
    render(&book, page.locale, &format!("so-theo-doi-{from}-{to}"))
}
