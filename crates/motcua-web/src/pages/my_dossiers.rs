//! The citizen's dossiers: the list, one dossier with its history, documents
//! and result, and what the citizen can do on it (withdraw, hand in a
//! supplement, rate the service).

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use motcua_app::AppError;
use motcua_app::documents::{DocumentChoice, Upload};
use motcua_app::dossiers::{ActionDetails, ActionInput};
use motcua_domain::clock::Timeliness;
use motcua_domain::dossier::{Action, Detail, Satisfaction, Status};
use motcua_domain::payments::RefundStatus;
use motcua_domain::{DomainError, Reason};
use motcua_i18n::{msg, text};
use serde::Deserialize;

use super::account::failed_sign_ins_notice;
use super::form::{FieldError, field_error, form_token, read_posted};
use super::guard::Citizen;
use super::{PageLocale, date, layout, ltr, vi};
use crate::AppState;
use crate::auth::Signed;
use crate::i18n::{self, Locale};
use crate::problem::ApiError;

/// "My dossiers": the citizen's dossiers with status, due date and whether late.
pub(crate) async fn my_dossiers(
    State(state): State<AppState>,
    page: PageLocale,
    Citizen(signed): Citizen,
) -> Result<Response, ApiError> {
    let l = page.locale;
    let dossiers = state.app.dossiers(&signed.principal, None, 1).await?;
    let drafts = state.app.open_drafts(&signed.principal).await?;
    let me = state.app.citizen_profile(&signed.principal).await?;
    let log = state.app.account_log(&signed.principal).await?;
    let failed_sign_ins = state.app.failed_sign_ins(&signed.principal).await?;
    let mut names = std::collections::HashMap::new();
    for draft in &drafts {
        if !names.contains_key(&draft.record.procedure_code) {
            let name = state.app.procedure(&draft.record.procedure_code).await?.entry.summary.name;
            names.insert(draft.record.procedure_code.clone(), name);
        }
    }
    let body = html! {
        h1 { (text(l, msg::MY_DOSSIERS)) }
        section.card #account-status aria-labelledby="account-status-title" {
            h2 #account-status-title { (text(l, msg::ACCOUNT_STATUS)) }
            @match &me.verified {
                Some(verified) => p {
                    strong { (text(l, msg::ACCOUNT_VERIFIED)) } " · " (ltr(&date(verified.at)))
                    @if !verified.service_point.is_empty() { " · " (ltr(&verified.service_point)) }
                },
                None => p.notice { (text(l, msg::ACCOUNT_UNVERIFIED)) },
            }
            @if !log.is_empty() {
                h3 { (text(l, msg::ACCOUNT_LOG)) }
                ul {
                    @for event in &log {
                        li {
                            (ltr(&date(event.occurred_at))) " · "
                            (text(l, if event.kind == "verified_at_counter" { msg::VERIFIED_AT_COUNTER } else { msg::ACCOUNT_LOG }))
                            @if !event.service_point.is_empty() { " · " (ltr(&event.service_point)) }
                        }
                    }
                }
            }
        }
        (failed_sign_ins_notice(l, &failed_sign_ins))
        p { a href="/thu-tuc?full_online=1" { (text(l, msg::START_NEW)) } }
        @if !drafts.is_empty() {
            h2 { (text(l, msg::DRAFTS)) }
            ul {
                @for draft in &drafts {
                    li {
                        a href=(format!("/nop-ho-so/{}", draft.record.id)) {
                            (vi(names.get(&draft.record.procedure_code).map(String::as_str).unwrap_or_default()))
                        }
                        " " span.muted { "(" (text(l, msg::SAVED_AT)) " " (ltr(&date(draft.record.updated_at))) ")" }
                    }
                }
            }
            h2 { (text(l, msg::SUBMITTED_DOSSIERS)) }
        }
        @if dossiers.is_empty() { p { (text(l, msg::NO_DOSSIERS)) } }
        @for dossier in &dossiers {
            div.card {
                h2 { a href=(format!("/ho-so-cua-toi/{}", dossier.reference())) { (ltr(&dossier.reference())) } }
                p { (text(l, msg::CODE)) ": " (ltr(&dossier.procedure_code)) }
                p { strong { (text(l, msg::STATUS)) ": " } (text(l, i18n::status(dossier.status()))) }
                @if let Some(due) = dossier.due_at { p { (text(l, msg::DUE_AT)) ": " (ltr(&date(due))) } }
                (timeliness(l, dossier))
                @if dossier.contact.name.is_empty() {} @else { p.muted { (vi(&dossier.contact.name)) } }
            }
        }
        form method="post" action="/dang-xuat" { (form_token(&signed)) button type="submit" { (text(l, msg::SIGN_OUT)) } }
    };
    Ok(layout(page, &text(l, msg::MY_DOSSIERS), "/ho-so-cua-toi", body))
}

/// One of the citizen's dossiers: its status, history in plain words,
/// documents and result; and what they can do now: add the documents asked
/// for, withdraw while that is possible, rate it once returned.
pub(crate) async fn my_dossier(
    State(state): State<AppState>,
    page: PageLocale,
    Citizen(signed): Citizen,
    axum::extract::Path(reference): axum::extract::Path<String>,
    axum::extract::Query(shown): axum::extract::Query<Shown>,
) -> Result<Response, ApiError> {
    let besides = Besides { payment: shown.payment.as_deref(), ..Besides::default() };
    dossier_page(&state, page, &signed, &reference, besides, StatusCode::OK).await
}

/// What the dossier page is asked to show besides the dossier.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Shown {
    /// How a payment just made went: `paid`, `failed` or `pending`.
    #[serde(rename = "thanh-toan")]
    payment: Option<String>,
}

/// What the dossier page shows besides the dossier: a refused form's
/// mistake, and after a refused rating the rating and comment sent; or how
/// a payment just made went.
#[derive(Debug, Default)]
struct Besides<'a> {
    error: Option<FieldError>,
    kept: (&'a str, &'a str),
    payment: Option<&'a str>,
}

/// The citizen's dossier page.
async fn dossier_page(
    state: &AppState,
    page: PageLocale,
    signed: &Signed,
    reference: &str,
    besides: Besides<'_>,
    status_code: StatusCode,
) -> Result<Response, ApiError> {
    let Besides { error, kept, payment } = besides;
    let l = page.locale;
    let view = state.app.dossier(&signed.principal, reference).await?;
    let dossier = &view.dossier;
    let procedure = state.app.procedure(&dossier.procedure_code).await?;
    let status = dossier.status();
    let can_withdraw = !status.is_final() && status != Status::Resolved;
    let rating = state.app.dossier_rating(&view).await?;
    let paid_online = state.app.paid_orders(&view).await?;
    let mine = if status == Status::SupplementRequested {
        state.app.my_documents(&signed.principal).await?
    } else {
        Vec::new()
    };
    let asked = view.events.iter().rev().find(|e| e.is(Action::RequestSupplement)).and_then(|e| e.payload.reason());
    let shown = dossier.reference();
    let path = format!("/ho-so-cua-toi/{shown}");
    let components: Vec<_> = procedure
        .current
        .as_ref()
        .map(|v| v.procedure.component_groups.iter().flat_map(|g| g.components.clone()).collect())
        .unwrap_or_default();
    let body = html! {
        h1 { (text(l, msg::DOSSIER_CODE)) " " (ltr(&shown)) }
        p { (vi(&procedure.entry.summary.name)) }
        p { strong { (text(l, msg::STATUS)) ": " } (text(l, i18n::status(dossier.status()))) }
        @if let Some(due) = dossier.due_at { p { (text(l, msg::DUE_AT)) ": " (ltr(&date(due))) } }
        (timeliness(l, dossier))
        p { a href=(format!("{path}/bien-nhan")) { (text(l, msg::RECEIPT_TITLE)) } }
        @if status == Status::SupplementRequested {
            section.card aria-labelledby="supplement-title" {
                h2 #supplement-title { (text(l, msg::SUPPLEMENT_TITLE)) }
                @if let Some(asked) = &asked { p { strong { (text(l, msg::ASKED_FOR)) ": " } (vi(asked)) } }
                @if let Some(mistake) = error.as_ref().filter(|e| e.field == "documents" || e.field == "document") {
                    p.error role="alert" { (mistake.message) }
                }
                form method="post" action=(format!("{path}/bo-sung")) enctype="multipart/form-data" {
                    (form_token(signed))
                    @for (index, component) in components.iter().enumerate() {
                        (document_picker(l, &format!("s{index}"), &component.code, &component.name, &mine))
                    }
                    (document_picker(l, "s-other", "bo-sung", &text(l, msg::OTHER_DOCUMENT), &mine))
                    label for="note" { (text(l, msg::NOTE_OPTIONAL)) }
                    textarea #note name="note" rows="2" dir="auto" {}
                    button type="submit" { (text(l, msg::SEND_SUPPLEMENT)) }
                }
            }
        }
        @match payment {
            Some("paid") => p.notice role="status" #payment-outcome { (text(l, msg::PAYMENT_PAID)) },
            Some("failed") => p.notice role="status" #payment-outcome { (text(l, msg::PAYMENT_FAILED)) },
            Some("pending") => p.notice role="status" #payment-outcome { (text(l, msg::PAYMENT_PENDING)) },
            _ => {},
        }
        @if let Some(due) = &view.payment_due {
            section.card aria-labelledby="payment-title" {
                h2 #payment-title { (text(l, msg::PAYMENT_DUE_TITLE)) }
                p { strong { (text(l, msg::AMOUNT_TO_PAY)) ": " } (ltr(&format!("{} đ", super::group_digits(due.amount_dong)))) }
                @if !due.agency_name.is_empty() { p { (text(l, msg::PAYABLE_TO)) ": " (vi(&due.agency_name)) } }
                @if let Some(gateway) = state.app.gateway() {
                    form method="post" action=(format!("/ho-so-cua-toi/{reference}/thanh-toan")) {
                        (form_token(signed))
                        @if gateway.is_sandbox() { p.muted #sandbox-note { (text(l, msg::PAY_ONLINE_SANDBOX)) } }
                        button type="submit" { (text(l, msg::PAY_ONLINE)) }
                    }
                    p { (text(l, msg::PAY_AT_COUNTER_TOO)) }
                } @else {
                    p { (text(l, msg::PAY_AT_COUNTER)) }
                }
                dl {
                    dt { (text(l, msg::PAY_AT)) } dd { (vi(&due.pay_at.name)) }
                    @if !due.pay_at.address.is_empty() { dt { (text(l, msg::POINT_ADDRESS)) } dd { (vi(&due.pay_at.address)) } }
                    dt { (text(l, msg::HOURS)) } dd { (ltr(&due.pay_at.working_hours.to_string().replace(',', ", "))) }
                }
            }
        }
        @if !paid_online.is_empty() {
            section.card #online-payments aria-labelledby="online-payments-title" {
                h2 #online-payments-title { (text(l, msg::ONLINE_PAYMENTS)) }
                ul {
                    @for order in &paid_online {
                        li {
                            @if let Some(at) = order.settled_at { (ltr(&date(at))) " · " }
                            strong { (ltr(&format!("{} đ", super::group_digits(order.amount_dong)))) }
                            @if !order.transaction_no.is_empty() {
                                " · " (text(l, msg::TRANSACTION_NO)) ": " (ltr(&order.transaction_no))
                            }
                            " · " a.receipt href=(format!("{path}/bien-lai/{}.pdf", order.id)) { (text(l, msg::RECEIPT_PDF)) }
                            @if let Some(refund) = &order.refund {
                                br;
                                span.refund data-refund=(refund.status.as_str()) {
                                    @match refund.status {
                                        RefundStatus::Requested => (text(l, msg::REFUND_REQUESTED)),
                                        RefundStatus::Refunded => {
                                            (text(l, msg::REFUND_REFUNDED))
                                            @if let Some(at) = refund.done_at { " · " (ltr(&date(at))) }
                                            @if !refund.transaction_no.is_empty() { " · " (ltr(&refund.transaction_no)) }
                                        },
                                        RefundStatus::Failed => (text(l, msg::REFUND_FAILED)),
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if let Some(tracking) = &dossier.tracking_number {
            p { strong { (text(l, msg::POSTAL_TRACKING)) ": " } (ltr(tracking)) }
        }
        @if let Some(result) = &dossier.result_document {
            p { a href=(format!("/api/v1/documents/{result}")) download { (text(l, msg::DOWNLOAD_RESULT)) } }
        }
        h2 { (text(l, msg::HISTORY)) }
        ol {
            @for event in &view.events {
                li {
                    (ltr(&date(event.at))) " — " (text(l, i18n::history_entry(event.kind)))
                    @if !event.note.is_empty() { ": " (vi(&event.note)) }
                    @if let Some(reason) = event.payload.reason() { " (" (vi(reason)) ")" }
                    @if entered_late(event) { " · " (text(l, msg::LATE_ENTRY)) }
                }
            }
        }
        @if !view.documents.is_empty() {
            h2 { (text(l, msg::MY_DOCUMENTS)) }
            ul {
                @for document in &view.documents {
                    li { a href=(format!("/api/v1/documents/{}", document.sha256)) download { (vi(&document.file_name)) } }
                }
            }
        }
        @if status == Status::Returned {
            section.card aria-labelledby="rating-title" {
                h2 #rating-title { (text(l, msg::RATING_TITLE)) }
                @match &rating {
                    Some(rating) => p role="status" { (text(l, msg::RATED)) ": " (Satisfaction::parse(&rating.rating).map(|s| text(l, i18n::satisfaction(s))).unwrap_or_else(|_| rating.rating.clone())) },
                    None => form method="post" action=(format!("{path}/danh-gia") ) {
                        (form_token(signed))
                        @if let Some(mistake) = error.as_ref().filter(|e| e.field == "rating" || e.field == "comment") {
                            p.error role="alert" id="rating-error" { (mistake.message) }
                        }
                        fieldset aria-describedby=[error.as_ref().filter(|e| e.field == "rating" || e.field == "comment").map(|_| "rating-error")] {
                            legend { (text(l, msg::RATING_QUESTION)) }
                            @for choice in Satisfaction::ALL {
                                label.check { input type="radio" name="rating" value=(choice.as_str()) required checked[kept.0 == choice.as_str()]; (text(l, i18n::satisfaction(choice))) }
                            }
                        }
                        label for="comment" { (text(l, msg::COMMENT)) }
                        textarea #comment name="comment" rows="3" dir="auto" { (kept.1) }
                        button type="submit" { (text(l, msg::SEND_RATING)) }
                    },
                }
            }
        }
        @if can_withdraw {
            h2 { (text(l, msg::WITHDRAW_TITLE)) }
            form method="post" action=(format!("{path}/rut")) {
                (form_token(signed))
                label.check {
                    input type="checkbox" name="confirm" value="1" required;
                    (text(l, msg::WITHDRAW_CONFIRM))
                }
                button type="submit" { (text(l, msg::WITHDRAW_BUTTON)) }
            }
        }
        p { a href="/ho-so-cua-toi" { (text(l, msg::MY_DOSSIERS)) } }
    };
    Ok((status_code, layout(page, &text(l, msg::MY_DOSSIERS), &path, body)).into_response())
}

/// Early, on time or late: against the due date once finished, and while in
/// progress whether it is late already.
fn timeliness(l: Locale, dossier: &motcua_app::dossiers::Dossier) -> Markup {
    let Some(due) = dossier.due_at else { return html! {} };
    let verdict = match dossier.resolved_at {
        Some(finished) => Timeliness::classify(finished, due),
        None if dossier.late || chrono::Utc::now() > due => Timeliness::Late,
        None => Timeliness::OnTime,
    };
    let (id, class) = match verdict {
        Timeliness::OnTime if dossier.resolved_at.is_none() => (msg::ON_TIME_SO_FAR, "tag"),
        Timeliness::Early | Timeliness::OnTime => (i18n::timeliness(verdict), "tag ok"),
        Timeliness::Late => (i18n::timeliness(verdict), "tag late"),
    };
    html! { p { span class=(class) { (text(l, id)) } } }
}

/// Whether an event is an outreach session's dossier entered late by an officer.
fn entered_late(event: &motcua_app::dossiers::Event) -> bool {
    matches!(&event.payload.detail, Detail::Arrival(arrival) if arrival.late_entry_reason.is_some())
}

/// A file input, and a choice among "my documents", for one component.
pub(super) fn document_picker(
    l: Locale,
    key: &str,
    code: &str,
    name: &str,
    mine: &[motcua_app::documents::DocumentRecord],
) -> Markup {
    html! {
        fieldset.card {
            legend { (vi(name)) }
            label for=(format!("file-{key}")) { (text(l, msg::UPLOAD_FILE)) }
            input id=(format!("file-{key}")) type="file" name=(format!("file:{code}"))
                accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png";
            @if !mine.is_empty() {
                label for=(format!("pick-{key}")) { (text(l, msg::OR_PICK)) }
                select id=(format!("pick-{key}")) name=(format!("pick:{code}")) {
                    option value="" { "—" }
                    @for document in mine { option value=(document.sha256) { (document.file_name) } }
                }
            }
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct WithdrawForm {
    confirm: String,
    csrf: String,
}

/// Withdraws the citizen's dossier when they confirmed it; otherwise shows the page again.
pub(crate) async fn withdraw(
    State(state): State<AppState>,
    Citizen(signed): Citizen,
    axum::extract::Path(reference): axum::extract::Path<String>,
    Form(form): Form<WithdrawForm>,
) -> Result<Response, ApiError> {
    signed.check_form(&form.csrf)?;
    if form.confirm == "1" {
        let details = ActionDetails::default();
        state.app.act(&signed.principal, &reference, Action::Withdraw, &details).await?;
    }
    Ok(Redirect::to(&format!("/ho-so-cua-toi/{reference}")).into_response())
}

/// Adds the documents asked for: uploads or picks from "my documents".
pub(crate) async fn supplement(
    State(state): State<AppState>,
    page: PageLocale,
    Citizen(signed): Citizen,
    axum::extract::Path(reference): axum::extract::Path<String>,
    multipart: axum::extract::Multipart,
) -> Result<Response, ApiError> {
    let posted = read_posted(multipart).await?;
    signed.check_form(&posted.text(crate::auth::FORM_TOKEN_FIELD))?;
    let posted_files: Vec<(&str, Upload)> = posted
        .files
        .iter()
        .filter_map(|(name, file_name, bytes)| {
            name.strip_prefix("file:").map(|code| (code, Upload { client_name: file_name, bytes }))
        })
        .collect();
    let uploads: Vec<Upload> = posted_files.iter().map(|(_, upload)| *upload).collect();
    let outcome = state
        .app
        .with_uploads(&signed.principal, &uploads, |stored| async {
            let mut documents: Vec<DocumentChoice> = posted_files
                .iter()
                .zip(stored)
                .map(|((code, _), stored)| DocumentChoice { component_code: (*code).to_owned(), sha256: stored.sha256 })
                .collect();
            for (name, value) in &posted.fields {
                if let Some(code) = name.strip_prefix("pick:")
                    && !value.trim().is_empty()
                    && !documents.iter().any(|d| d.component_code == code)
                {
                    documents.push(DocumentChoice { component_code: code.to_owned(), sha256: value.trim().to_owned() });
                }
            }
            if documents.is_empty() {
                return Err(DomainError::invalid("documents", Reason::AttachOne).into());
            }
            let input = ActionInput { note: posted.text("note"), ..ActionInput::default() };
            let details = ActionDetails { input, documents };
            state.app.act(&signed.principal, &reference, Action::Supplement, &details).await.map(|_| ())
        })
        .await;
    after_form(&state, page, &signed, &reference, outcome, "", ("", "")).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RatingForm {
    rating: String,
    comment: String,
    csrf: String,
}

/// Records the applicant's satisfaction with a returned dossier.
pub(crate) async fn rate(
    State(state): State<AppState>,
    page: PageLocale,
    Citizen(signed): Citizen,
    axum::extract::Path(reference): axum::extract::Path<String>,
    Form(form): Form<RatingForm>,
) -> Result<Response, ApiError> {
    signed.check_form(&form.csrf)?;
    let outcome = state.app.rate_dossier(&signed.principal, &reference, &form.rating, &form.comment).await.map(|_| ());
    after_form(&state, page, &signed, &reference, outcome, "#rating-title", (&form.rating, &form.comment)).await
}

/// After a form on the dossier page: back to the page, or the page again
/// with the mistake shown where it belongs.
async fn after_form(
    state: &AppState,
    page: PageLocale,
    signed: &Signed,
    reference: &str,
    outcome: Result<(), AppError>,
    anchor: &str,
    kept: (&str, &str),
) -> Result<Response, ApiError> {
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/ho-so-cua-toi/{reference}{anchor}")).into_response()),
        Err(error) => match field_error(page.locale, &error) {
            Some(mistake) => {
                let besides = Besides { error: Some(mistake), kept, payment: None };
                dossier_page(state, page, signed, reference, besides, StatusCode::UNPROCESSABLE_ENTITY).await
            }
            None => Err(error.into()),
        },
    }
}
