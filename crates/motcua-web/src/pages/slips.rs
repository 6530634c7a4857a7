//! The statutory slips as PDF: forms 01–06 of a dossier from its record and
//! history, and the tracking book (07) of a service point for a period. The
//! data comes from the use cases; the wording and layout from `motcua-slips`;
//! this module only fills one from the other, in the page's language.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use motcua_app::AppError;
use motcua_app::dossiers::{DossierView, FormContent, ReceiptContent};
use motcua_domain::access::Principal;
use motcua_domain::clock::{ProcessingTime, to_vietnam_time};
use motcua_domain::dossier::{Detail, StatutoryForm, printable_forms};
use motcua_domain::{DomainError, Reason};
use motcua_i18n::{MessageId, msg, text};
use motcua_slips::{
    Apology, ControlRow, ControlSlip, Dateline, Delivery, DocumentLine, Issuer, Language, PaymentReceipt, Receipt,
    Refusal, Slip, SlipDate, StopNotice, SupplementRequest, Timeliness, TrackingBook, TrackingRow,
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

/// Who issues a slip (the province's people's committee above the office)
/// and where and when: the province's name without its kind, the day of `at`.
fn issued_by(province_name: &str, office: &str, at: DateTime<Utc>) -> (Issuer, Dateline) {
    let issuer = Issuer { parent: format!("UBND {}", province_name.to_uppercase()), name: office.to_uppercase() };
    let place = province_name.replace("Thành phố ", "").replace("Tỉnh ", "");
    (issuer, Dateline { place, date: slip_date(at) })
}

/// How long processing takes, in the page's words.
fn processing_text(l: Locale, processing: Option<ProcessingTime>) -> String {
    let Some(time) = processing else { return String::new() };
    let amount = if time.amount.fract() == 0.0 { format!("{:.0}", time.amount) } else { format!("{}", time.amount) };
    format!("{amount} {}", text(l, i18n::time_unit(time.unit)))
}

/// A form of a dossier as `motcua-slips` draws it, in the page's language:
/// the content comes from the use case, the words from here.
fn dossier_slip(l: Locale, content: FormContent) -> Slip {
    let dossier = &content.dossier;
    let code = dossier.reference();
    let at = content.event.as_ref().map_or(dossier.submitted_at, |e| e.at);
    let (issuer, dateline) = issued_by(&content.province_name, &content.point_name, at);
    let reason = content.event.as_ref().and_then(|e| e.payload.reason()).unwrap_or_default().to_owned();
    let applicant_name = dossier.contact.name.clone();
    let request = content.procedure_name.clone();
    match content.form {
        StatutoryForm::Receipt => {
            let (delivery, delivery_detail) = match &dossier.delivery {
                motcua_domain::dossier::Delivery::Post { address } => (Delivery::Post, address.clone()),
                motcua_domain::dossier::Delivery::Online => (Delivery::Online, String::new()),
                motcua_domain::dossier::Delivery::Counter { .. } => (Delivery::Counter, content.pickup_place.clone()),
            };
            Slip::Receipt(Receipt {
                issuer,
                dateline: Dateline { date: slip_date(dossier.received_at.unwrap_or(dossier.submitted_at)), ..dateline },
                tracking_number: dossier
                    .code
                    .as_ref()
                    .and_then(|c| c.as_str().rsplit('-').next())
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0),
                dossier_code: code,
                applicant_name,
                address: dossier.contact.address.clone(),
                phone: dossier.contact.phone.clone(),
                email: dossier.contact.email.clone(),
                request,
                documents: content
                    .documents
                    .iter()
                    .map(|d| DocumentLine { name: d.name.clone(), original: d.original, count: d.count })
                    .collect(),
                sets: 1,
                processing_time_text: processing_text(l, dossier.processing),
                received_at_text: when(dossier.received_at),
                appointment_text: when(dossier.due_at),
                delivery,
                delivery_detail,
                tracking_book: dossier.received_at.map(|r| to_vietnam_time(r).year().to_string()).unwrap_or_default(),
                officer_name: content.signer_name,
            })
        }
        StatutoryForm::SupplementRequest => Slip::SupplementRequest(SupplementRequest {
            issuer,
            dateline,
            reference: String::new(),
            dossier_code: code,
            applicant_name,
            request,
            received_on_text: when(dossier.received_at.or(Some(dossier.submitted_at))),
            items: reason.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect(),
            reason,
            contact_name: content.signer_name.clone(),
            contact_phone: String::new(),
            officer_name: content.signer_name,
        }),
        StatutoryForm::Refusal => Slip::Refusal(Refusal {
            issuer,
            dateline,
            reference: String::new(),
            dossier_code: code,
            applicant_name,
            request,
            reason,
            legal_basis: content.legal_basis,
            officer_name: content.signer_name,
        }),
        StatutoryForm::Apology => {
            let previous_due = match content.event.as_ref().map(|e| &e.payload.detail) {
                Some(Detail::Extension { previous_due_at, .. }) => *previous_due_at,
                _ => None,
            };
            Slip::Apology(Apology {
                issuer,
                dateline,
                reference: String::new(),
                dossier_code: code,
                applicant_name,
                request,
                received_on_text: when(dossier.received_at),
                statutory_deadline_text: when(previous_due),
                delay_reason: reason,
                new_date_text: when(dossier.due_at),
                head_name: content.signer_name,
            })
        }
        StatutoryForm::StopNotice => Slip::StopNotice(StopNotice {
            issuer,
            dateline,
            reference: String::new(),
            dossier_code: code,
            applicant_name,
            request,
            received_on_text: when(dossier.received_at),
            reason,
            legal_basis: content.legal_basis,
            head_name: content.signer_name,
        }),
        StatutoryForm::ControlSlip => Slip::ControlSlip(ControlSlip {
            issuer,
            dossier_code: code,
            applicant_name,
            request,
            received_at_text: when(dossier.received_at),
            appointment_text: when(dossier.due_at),
            rows: content
                .control_slip
                .into_iter()
                .map(|named| ControlRow {
                    agency: named.place,
                    handed_at_text: when(Some(named.row.at)),
                    giver: named.giver,
                    receiver: named.receiver,
                    timeliness: named.row.timeliness.map(|t| match t {
                        motcua_domain::clock::Timeliness::Early => Timeliness::Early,
                        motcua_domain::clock::Timeliness::OnTime => Timeliness::OnTime,
                        motcua_domain::clock::Timeliness::Late => Timeliness::Late,
                    }),
                    note: text(l, i18n::history_entry(named.row.kind)),
                })
                .collect(),
        }),
    }
}

/// The forms a dossier's history can print now, by number, with their titles.
pub(super) fn printable(view: &DossierView) -> Vec<(u8, MessageId)> {
    printable_forms(&view.events)
        .into_iter()
        .map(|form| {
            let title = match form {
                StatutoryForm::Receipt => msg::FORM_01,
                StatutoryForm::SupplementRequest => msg::FORM_02,
                StatutoryForm::Refusal => msg::FORM_03,
                StatutoryForm::Apology => msg::FORM_04,
                StatutoryForm::StopNotice => msg::FORM_05,
                StatutoryForm::ControlSlip => msg::FORM_06,
            };
            (form.number(), title)
        })
        .collect()
}

/// `GET /can-bo/ho-so/{code}/phieu/{number}`: a form of a dossier in the officer's scope.
pub(crate) async fn dossier_form(
    State(state): State<AppState>,
    page: PageLocale,
    Officer(signed): Officer,
    Path((reference, number)): Path<(String, u8)>,
) -> Result<Response, ApiError> {
    let content = state.app.dossier_form(&signed.principal, &reference, number).await?;
    render(&dossier_slip(page.locale, content), page.locale, &format!("mau-{number:02}-{reference}"))
}

/// `GET /ho-so-cua-toi/{code}/bien-nhan.pdf`: the applicant's own receipt (form 01).
pub(crate) async fn my_receipt(
    State(state): State<AppState>,
    page: PageLocale,
    Citizen(signed): Citizen,
    Path(reference): Path<String>,
) -> Result<Response, ApiError> {
    let content = state.app.dossier_form(&signed.principal, &reference, StatutoryForm::Receipt.number()).await?;
    render(&dossier_slip(page.locale, content), page.locale, &format!("bien-nhan-{reference}"))
}

/// The receipt of a payment as `motcua-slips` draws it, in the page's language.
fn receipt_slip(l: Locale, content: ReceiptContent) -> Slip {
    let ReceiptContent { order, dossier, province_name, agency_name, procedure_name, check_url } = content;
    let paid_at = order.settled_at.unwrap_or(order.created_at);
    let (issuer, dateline) = issued_by(&province_name, &agency_name, paid_at);
    let mut method = text(l, super::payments::gateway_name(order.gateway));
    if !order.bank_code.is_empty() {
        method = format!("{method} ({})", order.bank_code);
    }
    Slip::PaymentReceipt(PaymentReceipt {
        issuer,
        dateline,
        receipt_number: order.id.clone(),
        dossier_code: dossier.reference(),
        payer_name: dossier.contact.name.clone(),
        request: procedure_name,
        amount_dong: order.amount_dong,
        method,
        transaction_no: order.transaction_no.clone(),
        paid_at_text: when(Some(paid_at)),
        verify_url: check_url,
    })
}

/// `GET /ho-so-cua-toi/{code}/bien-lai/{order}.pdf`: a payment's electronic receipt.
pub(crate) async fn my_payment_receipt(
    State(state): State<AppState>,
    page: PageLocale,
    Citizen(signed): Citizen,
    Path((reference, file)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let order_id = file.strip_suffix(".pdf").unwrap_or(&file);
    let content = state.app.payment_receipt(&signed.principal, &reference, order_id).await?;
    let name = format!("bien-lai-{}", content.order.id);
    render(&receipt_slip(page.locale, content), page.locale, &name)
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
            .map_err(|_| ApiError::from(AppError::from(DomainError::invalid(field, Reason::ExpectedDate)))),
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
            sent_text: when(row.sent_at),
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
