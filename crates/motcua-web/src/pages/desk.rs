//! The one-stop desk and the back office, for officers: sign in, the
//! worklist of one's role (nearest due first, late and due-soon marked),
//! a dossier with its control slip and the actions open now, and reception
//! at a counter, an agent point or an outreach session. Plain forms that work
//! without JavaScript and follow the keyboard order of the work.

use axum::Form;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDateTime, TimeZone};
use maud::{Markup, html};
use motcua_app::AppError;
use motcua_app::documents::{DocumentChoice, Upload};
use motcua_app::dossiers::{
    ActionDetails, ApplicantDetails, DeskOutcome, DossierRecord, SubmitDossier, WorklistFilter,
};
use motcua_domain::access::{Principal, may_read_figures, may_receive_at_desk, may_verify_accounts};
use motcua_domain::clock::{ProcessingTime, TimeUnit};
use motcua_domain::dossier::{Action, Channel, Delivery};
use motcua_domain::organisation::Role;
use motcua_domain::worklist::{Urgency, Worklist};
use serde::Deserialize;

use super::account::{end_previous_session, failed_sign_ins_notice, refused_sign_in, with_session};
use super::form::settle;
use super::form::{FieldError, field_error, input};
use super::form::{Posted, form_token, read_posted};
use super::guard::Officer;
use super::{PageLocale, date, event_time, frame, ltr, vi};
use crate::AppState;
use crate::auth::{FORM_TOKEN_FIELD, PresentedToken, Signed};
use crate::i18n::{self, Locale};
use crate::problem::ApiError;
use crate::security::ClientAddress;
use motcua_i18n::{msg, text};

/// The frame of the desk's pages, with the desk's navigation: only the
/// pages the signed-in officer's role may open, and signing out.
pub(super) fn desk_layout(
    page: PageLocale,
    signed: Option<&Signed>,
    title: &str,
    path: &str,
    body: Markup,
) -> Response {
    let l = page.locale;
    let principal = signed.map(|s| &s.principal);
    let nav = html! {
        @if let Some(principal) = principal {
            li { a href="/can-bo" { (text(l, msg::WORKLIST)) } }
            @if may_receive_at_desk(principal) { li { a href="/can-bo/tiep-nhan" { (text(l, msg::RECEPTION)) } } }
            @if matches!(principal, Principal::Officer { role, .. } if may_verify_accounts(*role)) {
                li { a href="/can-bo/xac-thuc-tai-khoan" { (text(l, msg::VERIFY_ACCOUNT)) } }
            }
            @if may_read_figures(principal) { li { a href="/can-bo/chi-so" { (text(l, msg::DASHBOARD)) } } }
            @if matches!(principal, Principal::Officer { role: Role::Administrator, .. }) {
                li { a href="/quan-tri" { (text(l, msg::ADMINISTRATION)) } }
            }
        }
        li { a href="/" { (text(l, msg::PUBLIC_SITE)) } }
        @if let Some(signed) = signed {
            li { (sign_out_form(l, signed)) }
        }
    };
    frame(page, title, path, nav, body)
}

/// Signing out: a form with the session's token, like every form that
/// changes something.
pub(super) fn sign_out_form(l: Locale, signed: &Signed) -> Markup {
    html! {
        form.inline method="post" action="/dang-xuat" {
            (form_token(signed))
            button.link type="submit" { (text(l, msg::SIGN_OUT)) }
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct SignInForm {
    username: String,
    password: String,
}

fn sign_in_page(page: PageLocale, username: &str, error: Option<FieldError>, status: StatusCode) -> Response {
    let l = page.locale;
    let body = html! {
        h1 { (text(l, msg::DESK_SIGN_IN)) }
        form method="post" action="/can-bo/dang-nhap" novalidate {
            (input(l, "username", msg::USERNAME, "text", username, &error))
            (input(l, "password", msg::PASSWORD, "password", "", &error))
            button type="submit" { (text(l, msg::SIGN_IN)) }
        }
    };
    (status, desk_layout(page, None, &text(l, msg::DESK_SIGN_IN), "/can-bo/dang-nhap", body)).into_response()
}

pub(crate) async fn sign_in_form(page: PageLocale) -> Response {
    sign_in_page(page, "", None, StatusCode::OK)
}

pub(crate) async fn sign_in(
    State(state): State<AppState>,
    page: PageLocale,
    previous: PresentedToken,
    ClientAddress(address): ClientAddress,
    Form(form): Form<SignInForm>,
) -> Result<Response, ApiError> {
    match state.app.sign_in_officer(&form.username, &form.password, &address.to_string()).await {
        Ok(session) => {
            end_previous_session(&state, &previous).await?;
            Ok(with_session(Redirect::to("/can-bo").into_response(), &session))
        }
        Err(error) => match field_error(page.locale, &error) {
            Some(mistake) => {
                Ok(refused_sign_in(&error, |status| sign_in_page(page, &form.username, Some(mistake), status)))
            }
            None => Err(error.into()),
        },
    }
}

fn urgency_tag(l: Locale, urgency: Urgency, not_received: bool) -> Markup {
    let (id, class) = match urgency {
        Urgency::Late => (msg::LATE, "tag late"),
        Urgency::DueSoon => (msg::DUE_SOON, "tag soon"),
        Urgency::OnTime => (msg::ON_TIME_SO_FAR, "tag ok"),
        Urgency::NoClock if not_received => (msg::NOT_RECEIVED_YET, "tag"),
        Urgency::NoClock => (msg::CLOCK_STOPPED, "tag"),
    };
    html! { span class=(class) { (text(l, id)) } }
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct WorklistQuery {
    tab: Option<String>,
    procedure: Option<String>,
    channel: Option<String>,
    page: Option<u32>,
}

pub(crate) async fn worklist(
    State(state): State<AppState>,
    page: PageLocale,
    Officer(signed): Officer,
    Query(query): Query<WorklistQuery>,
) -> Result<Response, ApiError> {
    let l = page.locale;
    let Principal::Officer { role, username, .. } = &signed.principal else {
        return Ok(Redirect::to("/can-bo/dang-nhap").into_response());
    };
    let failed_sign_ins = state.app.failed_sign_ins(&signed.principal).await?;
    let tabs = Worklist::tabs_of(*role);
    let Some(first) = tabs.first() else {
        let body = html! {
            h1 { (text(l, msg::WORKLIST)) }
            (failed_sign_ins_notice(l, &failed_sign_ins))
            p { (text(l, msg::NO_WORKLIST)) }
            @if *role == Role::Administrator {
                p { a href="/quan-tri" { (text(l, msg::ADMINISTRATION)) } }
            }
        };
        return Ok(desk_layout(page, Some(&signed), &text(l, msg::WORKLIST), "/can-bo", body));
    };
    let tab = query.tab.as_deref().and_then(Worklist::parse).filter(|t| tabs.contains(t)).unwrap_or(*first);
    let filter = WorklistFilter {
        procedure: query.procedure.clone().filter(|p| !p.trim().is_empty()),
        channel: query.channel.clone().filter(|c| !c.is_empty()),
    };
    let list = state.app.worklist(&signed.principal, tab, &filter, query.page.unwrap_or(1)).await?;
    let path = format!("/can-bo?tab={}", tab.as_str());
    let body = html! {
        h1 { (text(l, msg::WORKLIST)) }
        (failed_sign_ins_notice(l, &failed_sign_ins))
        p.muted { (text(l, msg::SIGNED_IN_AS)) " " (ltr(username)) " · " (text(l, i18n::role(*role))) }
        nav aria-label=(text(l, msg::WORKLIST)) {
            ul.tabs {
                @for (each, count) in &list.counts {
                    li {
                        a href=(format!("/can-bo?tab={}", each.as_str())) aria-current=[(*each == tab).then_some("page")] {
                            (text(l, i18n::worklist(*each))) " " span.count { "(" (ltr(&count.to_string())) ")" }
                        }
                    }
                }
            }
        }
        form method="get" action="/can-bo" role="search" {
            input type="hidden" name="tab" value=(tab.as_str());
            label for="procedure" { (text(l, msg::CODE)) }
            input #procedure type="text" name="procedure" value=(query.procedure.as_deref().unwrap_or("")) dir="ltr";
            label for="channel" { (text(l, msg::CHANNEL_LABEL)) }
            select #channel name="channel" {
                option value="" { (text(l, msg::ANY_CHANNEL)) }
                @for channel in Channel::ALL {
                    option value=(channel.as_str()) selected[query.channel.as_deref() == Some(channel.as_str())] {
                        (text(l, i18n::channel(channel)))
                    }
                }
            }
            button type="submit" { (text(l, msg::FILTER)) }
        }
        @if list.items.is_empty() {
            p role="status" { (text(l, msg::NOTHING_WAITING)) }
        } @else {
            (super::scrolling(&text(l, i18n::worklist(tab)), html! { table {
                caption { (text(l, i18n::worklist(tab))) }
                thead { tr {
                    th scope="col" { (text(l, msg::DOSSIER_CODE)) }
                    th scope="col" { (text(l, msg::APPLICANT)) }
                    th scope="col" { (text(l, msg::CHANNEL_LABEL)) }
                    th scope="col" { (text(l, msg::DUE_AT)) }
                    th scope="col" { (text(l, msg::URGENCY)) }
                } }
                tbody {
                    @for item in &list.items {
                        @let dossier = &item.dossier;
                        @let reference = dossier.code.clone().unwrap_or_else(|| dossier.id.clone());
                        tr {
                            th scope="row" {
                                a href=(format!("/can-bo/ho-so/{reference}")) { (ltr(&super::readable(&reference, dossier.code.is_some()))) }
                                div.muted { (ltr(&dossier.procedure_code)) }
                            }
                            td { (vi(&dossier.applicant_name)) }
                            td { (i18n::channel_named(l, &dossier.channel)) }
                            td { @if let Some(due) = dossier.due_at { (ltr(&date(due))) } @else { "—" } }
                            td { (urgency_tag(l, item.urgency, dossier.received_at.is_none())) }
                        }
                    }
                }
            } }))
        }
        details.card {
            summary { (text(l, msg::FORM_07)) }
            form method="get" action="/can-bo/so-theo-doi" {
                label for="book-from" { (text(l, msg::BOOK_FROM)) }
                input #book-from type="date" name="from";
                label for="book-to" { (text(l, msg::BOOK_TO)) }
                input #book-to type="date" name="to";
                button.secondary type="submit" { (text(l, msg::FORM_07)) " (PDF)" }
            }
        }
    };
    Ok(desk_layout(page, Some(&signed), &text(l, msg::WORKLIST), &path, body))
}

/// A dossier as the desk sees it, with the actions open now.
pub(crate) async fn dossier(
    State(state): State<AppState>,
    page: PageLocale,
    Officer(signed): Officer,
    Path(reference): Path<String>,
) -> Result<Response, ApiError> {
    dossier_page(&state, page, &signed, &reference, None, StatusCode::OK).await
}

async fn dossier_page(
    state: &AppState,
    page: PageLocale,
    signed: &Signed,
    reference: &str,
    error: Option<FieldError>,
    status: StatusCode,
) -> Result<Response, ApiError> {
    let l = page.locale;
    let view = state.app.dossier(&signed.principal, reference).await?;
    let record = &view.dossier;
    let slip = state.app.named_control_slip(record, &view.events).await?;
    let actions = state.app.open_actions(&signed.principal, record)?;
    let colleagues = if actions.iter().any(|a| matches!(a, Action::HandOver { .. })) {
        state.app.colleagues(&signed.principal, reference).await?
    } else {
        Vec::new()
    };
    let agencies = if actions.iter().any(|a| matches!(a, Action::HandOver { .. })) {
        state.app.agencies(&record.province_code).await?
    } else {
        Vec::new()
    };
    let procedure = state.app.procedure(&record.procedure_code).await?;
    let agency_name = state.app.agency(&record.competent_agency).await.map(|a| a.name).unwrap_or_default();
    let point_name = state.app.service_point(&record.service_point).await.map(|p| p.name).unwrap_or_default();
    let shown = record.code.clone().unwrap_or_else(|| record.id.clone());
    let path = format!("/can-bo/ho-so/{shown}");
    let form_data: serde_json::Value = serde_json::from_str(&record.form_data).unwrap_or_default();
    let delivery: Option<Delivery> = serde_json::from_str(&record.delivery).ok();
    let body = html! {
        h1 { (text(l, msg::DOSSIER_CODE)) " " (ltr(&shown)) }
        @if let Some(mistake) = &error { p.error role="alert" { (mistake.message) } }
        dl {
            dt { (text(l, msg::CATALOGUE)) } dd { (vi(&procedure.entry.summary.name)) " " span.muted { "(" (ltr(&record.procedure_code)) ")" } }
            dt { (text(l, msg::APPLICANT)) }
            dd {
                (vi(&record.applicant_name)) " · " (ltr(&record.applicant_personal_id)) " · " (ltr(&record.applicant_phone))
                @if !record.applicant_address.is_empty() { div { (vi(&record.applicant_address)) } }
            }
            @if let Some(request) = form_data["request"].as_str() { dt { (text(l, msg::REQUEST)) } dd { (vi(request)) } }
            dt { (text(l, msg::CHANNEL_LABEL)) } dd { (i18n::channel_named(l, &record.channel)) " · " (vi(&point_name)) }
            dt { (text(l, msg::AGENCY)) } dd { (vi(&agency_name)) " " span.muted { "(" (ltr(&record.competent_agency)) ")" } }
            dt { (text(l, msg::STATUS)) } dd { (i18n::status_named(l, &record.status)) " · " (i18n::step_named(l, &record.step)) }
            @if let Some(received) = record.received_at { dt { (text(l, msg::RECEIVED_AT)) } dd { (ltr(&date(received))) } }
            @if let Some(due) = record.due_at { dt { (text(l, msg::DUE_AT)) } dd { (ltr(&date(due))) } }
            dt { (text(l, msg::HOW_RECEIVE)) } dd { (super::submit::delivery_text(l, delivery.as_ref())) }
        }
        @if !view.documents.is_empty() {
            h2 { (text(l, msg::MY_DOCUMENTS)) }
            ul {
                @for document in &view.documents {
                    li {
                        a href=(format!("/api/v1/documents/{}", document.sha256)) { (vi(&document.file_name)) }
                        " " span.muted { "(" (ltr(&document.component_code)) @if document.reused { ", " (text(l, msg::REUSED)) } ")" }
                    }
                }
            }
        }
        h2 { (text(l, msg::PRINT)) }
        ul {
            @for (number, title) in super::slips::printable(&view) {
                li { a href=(format!("{path}/phieu/{number}")) { (text(l, title)) " (PDF)" } }
            }
        }
        h2 #actions { (text(l, msg::ACTIONS)) }
        @if actions.is_empty() { p { (text(l, msg::NO_ACTIONS)) } }
        @for action in &actions {
            (action_form(l, signed, &path, *action, (&colleagues, &agencies), record, &error))
        }
        h2 { (text(l, msg::CONTROL_SLIP)) }
        (super::scrolling(&text(l, msg::CONTROL_SLIP), html! { table {
            caption.muted { (text(l, msg::CONTROL_SLIP_CAPTION)) }
            thead { tr {
                th scope="col" { (text(l, msg::WHEN)) }
                th scope="col" { (text(l, msg::WHAT)) }
                th scope="col" { (text(l, msg::GIVER)) }
                th scope="col" { (text(l, msg::RECEIVER)) }
                th scope="col" { (text(l, msg::URGENCY)) }
                th scope="col" { (text(l, msg::STEP_PLACE)) }
            } }
            tbody {
                @for named in &slip {
                    tr {
                        td { (ltr(&event_time(&named.row.at))) }
                        td { (i18n::history_entry(l, &named.row.action)) @if !named.row.note.is_empty() { div.muted { (vi(&named.row.note)) } } }
                        td { (vi(&named.giver)) }
                        td { (vi(&named.receiver)) }
                        td { @if let Some(timeliness) = i18n::timeliness_of_key(&named.row.timeliness) { (text(l, i18n::timeliness(timeliness))) } }
                        td { (vi(&named.place)) }
                    }
                }
            }
        } }))
        p { a href="/can-bo" { (text(l, msg::WORKLIST)) } }
    };
    Ok((status, desk_layout(page, Some(signed), &text(l, msg::DOSSIER_CODE), &path, body)).into_response())
}

/// The value of an action's hidden field, and back.
fn action_value(action: Action) -> String {
    match action {
        Action::HandOver { to } => format!("hand_over:{}", to.as_str()),
        other => other.name().to_owned(),
    }
}

fn parse_action(value: &str) -> Option<Action> {
    Action::ALL.into_iter().find(|a| action_value(*a) == value)
}

fn action_form(
    l: Locale,
    signed: &Signed,
    path: &str,
    action: Action,
    (colleagues, agencies): (&[motcua_app::dossiers::Colleague], &[motcua_domain::organisation::Agency]),
    record: &DossierRecord,
    error: &Option<FieldError>,
) -> Markup {
    let in_person = !matches!(serde_json::from_str(&record.delivery), Ok(Delivery::Post { .. }));
    let value = action_value(action);
    let key = value.replace(':', "-");
    let title = match action {
        Action::HandOver { to } => format!("{} {}", text(l, msg::HAND_OVER_TO), text(l, i18n::step(to))),
        other => text(l, i18n::action_button(other)),
    };
    let field_id = |name: &str| format!("{key}-{name}");
    let mistake = |field: &str| error.as_ref().filter(|e| e.field == field).map(|e| e.message.clone());
    html! {
        details.card open[error.is_some()] {
            summary { (title) }
            form method="post" action=(format!("{path}/xu-ly")) enctype="multipart/form-data" {
                (form_token(signed))
                input type="hidden" name="action" value=(value);
                @match action {
                    Action::RefuseAtReception | Action::RequestSupplement | Action::Refuse | Action::Stop | Action::Extend => {
                        label for=(field_id("reason")) { (text(l, if action == Action::RequestSupplement { msg::WHAT_TO_ADD } else { msg::LEGAL_REASON })) }
                        @if let Some(message) = mistake("reason") { p.error id=(field_id("reason-error")) { (message) } }
                        textarea id=(field_id("reason")) name="reason" rows="3" required dir="auto"
                            aria-invalid=[mistake("reason").map(|_| "true")]
                            aria-describedby=[mistake("reason").map(|_| field_id("reason-error"))] {}
                    }
                    _ => {}
                }
                @if action == Action::Extend {
                    label for=(field_id("new_due")) { (text(l, msg::NEW_DUE)) }
                    @if let Some(message) = mistake("new_due_at") { p.error id=(field_id("new_due-error")) { (message) } }
                    input id=(field_id("new_due")) type="datetime-local" name="new_due" required
                        aria-invalid=[mistake("new_due_at").map(|_| "true")]
                        aria-describedby=[mistake("new_due_at").map(|_| field_id("new_due-error"))];
                }
                @if action == Action::RequestPayment {
                    label for=(field_id("amount")) { (text(l, msg::AMOUNT_DONG)) }
                    @if let Some(message) = mistake("amount_dong") { p.error id=(field_id("amount-error")) { (message) } }
                    input id=(field_id("amount")) type="number" name="amount_dong" min="1" step="1" required inputmode="numeric"
                        aria-invalid=[mistake("amount_dong").map(|_| "true")]
                        aria-describedby=[mistake("amount_dong").map(|_| field_id("amount-error"))];
                }
                @if let Action::HandOver { .. } = action {
                    label for=(field_id("officer")) { (text(l, msg::TO_OFFICER)) }
                    select id=(field_id("officer")) name="to_officer" {
                        option value="" { "—" }
                        @for colleague in colleagues {
                            option value=(colleague.username) { (colleague.display_name) " (" (i18n::role_named(l, &colleague.role)) ")" }
                        }
                    }
                    label for=(field_id("agency")) { (text(l, msg::TO_AGENCY)) }
                    select id=(field_id("agency")) name="to_agency" {
                        option value="" { "—" }
                        @for agency in agencies { option value=(agency.code.as_str()) lang="vi" { (agency.name) } }
                    }
                }
                @if action == Action::Supplement {
                    label for=(field_id("documents")) { (text(l, msg::SUPPLEMENT_FILE)) }
                    @if let Some(message) = mistake("document") { p.error id=(field_id("documents-error")) role="alert" { (message) } }
                    input id=(field_id("documents")) type="file" name="supplement" accept=".pdf,application/pdf,image/jpeg,image/png"
                        aria-invalid=[mistake("document").map(|_| "true")]
                        aria-describedby=[mistake("document").map(|_| field_id("documents-error"))];
                }
                @if action == Action::Approve {
                    label for=(field_id("result")) { (text(l, msg::RESULT_FILE)) }
                    @if let Some(message) = mistake("document") { p.error id=(field_id("result-error")) role="alert" { (message) } }
                    input id=(field_id("result")) type="file" name="result" accept=".pdf,application/pdf,image/jpeg,image/png"
                        aria-invalid=[mistake("document").map(|_| "true")]
                        aria-describedby=[mistake("document").map(|_| field_id("result-error"))];
                }
                @if action == Action::Pay {
                    p { (text(l, msg::AMOUNT_REQUESTED)) ": " (ltr(&format!("{} đ", super::group_digits(record.fee_dong)))) }
                    label for=(field_id("amount")) { (text(l, msg::AMOUNT_RECEIVED)) }
                    @if let Some(message) = mistake("amount_dong") { p.error id=(field_id("amount-error")) { (message) } }
                    input id=(field_id("amount")) type="number" name="amount_dong" min="1" step="1" required inputmode="numeric"
                        aria-invalid=[mistake("amount_dong").map(|_| "true")]
                        aria-describedby=[mistake("amount_dong").map(|_| field_id("amount-error"))];
                    label for=(field_id("method")) { (text(l, msg::PAYMENT_METHOD)) }
                    @if let Some(message) = mistake("payment_method") { p.error id=(field_id("method-error")) { (message) } }
                    select id=(field_id("method")) name="payment_method" required
                        aria-describedby=[mistake("payment_method").map(|_| field_id("method-error"))] {
                        @for method in motcua_domain::dossier::PaymentMethod::AT_COUNTER {
                            option value=(method.as_str()) { (text(l, i18n::payment_method(method))) }
                        }
                    }
                    label for=(field_id("receipt")) { (text(l, msg::RECEIPT_NUMBER)) }
                    @if let Some(message) = mistake("receipt_number") { p.error id=(field_id("receipt-error")) { (message) } }
                    input id=(field_id("receipt")) type="text" name="receipt_number" required dir="ltr"
                        aria-invalid=[mistake("receipt_number").map(|_| "true")]
                        aria-describedby=[mistake("receipt_number").map(|_| field_id("receipt-error"))];
                }
                @if action == Action::Return && !in_person {
                    label for=(field_id("tracking")) { (text(l, msg::TRACKING_NUMBER)) }
                    input id=(field_id("tracking")) type="text" name="tracking_number" dir="ltr";
                }
                @if action == Action::Return && in_person {
                    fieldset {
                        legend { (text(l, msg::RECIPIENT_SIGNATURE)) }
                        @for field in ["signed_by_recipient", "recipient_name", "recipient_id_number"] {
                            @if let Some(message) = mistake(field) { p.error id=(field_id(&format!("{field}-error"))) { (message) } }
                        }
                        label.check {
                            input type="checkbox" name="signed_by_recipient" value="1";
                            (text(l, msg::SIGNED_BY_RECIPIENT))
                        }
                        label for=(field_id("recipient")) { (text(l, msg::RECIPIENT_NAME)) }
                        input id=(field_id("recipient")) type="text" name="recipient_name" dir="auto";
                        label for=(field_id("recipient-id")) { (text(l, msg::RECIPIENT_ID_NUMBER)) }
                        input id=(field_id("recipient-id")) type="text" name="recipient_id_number" dir="ltr" inputmode="numeric";
                    }
                }
                label for=(field_id("note")) { (text(l, msg::NOTE_OPTIONAL)) }
                input id=(field_id("note")) type="text" name="note" dir="auto";
                button type="submit" { (title) }
            }
        }
    }
}

/// Takes an action from the dossier page, then shows the dossier again.
pub(crate) async fn act(
    State(state): State<AppState>,
    page: PageLocale,
    Officer(signed): Officer,
    Path(reference): Path<String>,
    multipart: Multipart,
) -> Result<Response, ApiError> {
    let posted = read_posted(multipart).await?;
    signed.check_form(&posted.text(FORM_TOKEN_FIELD))?;
    let outcome =
        take_action(&state, &signed, &reference, &posted).await.map(|after| format!("/can-bo/ho-so/{after}#actions"));
    settle(page.locale, outcome, |mistake| {
        dossier_page(&state, page, &signed, &reference, Some(mistake), StatusCode::UNPROCESSABLE_ENTITY)
    })
    .await
}

/// Reads an action's fields and takes it; answers the dossier's reference
/// afterwards (a dossier received online gets its code now).
async fn take_action(state: &AppState, signed: &Signed, reference: &str, posted: &Posted) -> Result<String, AppError> {
    let action = parse_action(&posted.text("action"))
        .ok_or_else(|| motcua_domain::DomainError::invalid("action", "is not an action"))?;
    let optional = |name: &str| Some(posted.text(name)).filter(|v| !v.is_empty());
    let mut details = ActionDetails {
        note: posted.text("note"),
        reason: optional("reason"),
        to_agency: optional("to_agency"),
        to_officer: optional("to_officer"),
        tracking_number: optional("tracking_number"),
        payment_method: optional("payment_method"),
        receipt_number: optional("receipt_number"),
        signed_by_recipient: posted.text("signed_by_recipient") == "1",
        recipient_name: optional("recipient_name"),
        recipient_id_number: optional("recipient_id_number"),
        ..ActionDetails::default()
    };
    if let Some(amount) = optional("amount_dong") {
        details.amount_dong =
            Some(amount.parse().map_err(|_| motcua_domain::DomainError::invalid("amount_dong", "expected a number"))?);
    }
    if let Some(text) = optional("new_due") {
        let local = NaiveDateTime::parse_from_str(&text, "%Y-%m-%dT%H:%M").map_err(|_| {
            motcua_domain::DomainError::invalid(
                "new_due_at",
                "expected an RFC 3339 instant such as 2025-11-03T08:00:00+07:00",
            )
        })?;
        let vietnam = chrono::FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset");
        details.new_due_at = vietnam.from_local_datetime(&local).single().map(|d| d.with_timezone(&chrono::Utc));
    }
    let posted_files: Vec<_> = ["supplement", "result"]
        .into_iter()
        .filter_map(|field| posted.files.iter().find(|(name, ..)| name == field))
        .collect();
    let uploads: Vec<Upload> =
        posted_files.iter().map(|(_, file_name, bytes)| Upload { client_name: file_name, bytes }).collect();
    let view = state
        .app
        .with_uploads(&signed.principal, &uploads, |stored| async move {
            for ((field, ..), stored) in posted_files.iter().zip(stored) {
                if field == "supplement" {
                    details
                        .documents
                        .push(DocumentChoice { component_code: "bo-sung".to_owned(), sha256: stored.sha256 });
                } else {
                    details.result_document = Some(stored.sha256);
                }
            }
            state.app.act(&signed.principal, reference, action, &details).await
        })
        .await?;
    Ok(view.dossier.code.unwrap_or(view.dossier.id))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ReceptionQuery {
    procedure: String,
    id_number: String,
}

/// Reception at a desk: find the procedure and the applicant, then tick
/// the documents handed in and receive.
pub(crate) async fn reception_form(
    State(state): State<AppState>,
    page: PageLocale,
    Officer(signed): Officer,
    Query(query): Query<ReceptionQuery>,
) -> Result<Response, ApiError> {
    reception_page(&state, page, &signed, &query, &Posted::default(), None, StatusCode::OK).await
}

async fn reception_page(
    state: &AppState,
    page: PageLocale,
    signed: &Signed,
    query: &ReceptionQuery,
    posted: &Posted,
    error: Option<FieldError>,
    status: StatusCode,
) -> Result<Response, ApiError> {
    let l = page.locale;
    let (channel, province) = state.app.desk_channel(&signed.principal).await?;
    let procedure = match query.procedure.trim() {
        "" => None,
        code => match state.app.procedure(code).await {
            Ok(view) => Some(view),
            Err(AppError::NotFound { .. }) => None,
            Err(other) => return Err(other.into()),
        },
    };
    let on_file = match query.id_number.trim() {
        "" => None,
        id => state.app.applicant_on_file(&signed.principal, id).await.ok().flatten(),
    };
    let agencies = match &procedure {
        Some(view) => state.app.fitting_agencies(view.entry.summary.code.as_str(), &province).await?,
        None => Vec::new(),
    };
    let value = |name: &str, fallback: &str| posted.fields.get(name).cloned().unwrap_or_else(|| fallback.to_owned());
    let mistake = |field: &str| error.as_ref().filter(|e| e.field == field).map(|e| e.message.clone());
    let body = html! {
        h1 { (text(l, msg::RECEPTION)) }
        p.muted { (text(l, msg::CHANNEL_LABEL)) ": " (text(l, i18n::channel(channel))) }
        form method="get" action="/can-bo/tiep-nhan" {
            label for="find-procedure" { (text(l, msg::CODE)) }
            input #find-procedure type="text" name="procedure" value=(query.procedure) dir="ltr" required;
            label for="find-id" { (text(l, msg::ID_NUMBER)) }
            input #find-id type="text" name="id_number" value=(query.id_number) dir="ltr" inputmode="numeric";
            button type="submit" { (text(l, msg::FIND)) }
        }
        @if !query.procedure.trim().is_empty() && procedure.is_none() { p.error role="alert" { (text(l, msg::NO_SUCH_PROCEDURE)) } }
        @if let Some(view) = &procedure {
            h2 lang="vi" dir="auto" { (view.entry.summary.name) }
            @if let Some(mistake) = &error { p.error role="alert" { (mistake.message) } }
            form method="post" action="/can-bo/tiep-nhan" enctype="multipart/form-data" novalidate {
                (form_token(signed))
                // One reception per rendered form, however often it is sent.
                input type="hidden" name="attempt" value=(value("attempt", &motcua_app::accounts::random_id()));
                input type="hidden" name="procedure" value=(view.entry.summary.code.as_str());
                @if let Some(version) = &view.current {
                    @if version.procedure.cases.len() > 1 {
                        label for="case_code" { (text(l, msg::CASE_LABEL)) }
                        select #case_code name="case_code" {
                            @for case in &version.procedure.cases {
                                option value=(case.code) lang="vi" selected[value("case_code", "") == case.code] { (case.name) " (" (case.code) ")" }
                            }
                        }
                    }
                }
                label for="competent_agency" { (text(l, msg::AGENCY)) }
                @if let Some(message) = mistake("competent_agency") { p.error #competent_agency-error { (message) } }
                select #competent_agency name="competent_agency"
                    aria-invalid=[mistake("competent_agency").map(|_| "true")]
                    aria-describedby=[mistake("competent_agency").map(|_| "competent_agency-error")] {
                    @for agency in &agencies {
                        option value=(agency.code.as_str()) lang="vi" selected[value("competent_agency", "") == agency.code.as_str()] { (agency.name) }
                    }
                }
                h3 { (text(l, msg::APPLICANT)) }
                @for (name, key, fallback) in [
                    ("id_number", msg::APPLICANT_ID_NUMBER, on_file.as_ref().map(|a| a.id_number.as_str()).unwrap_or(query.id_number.as_str())),
                    ("full_name", msg::FULL_NAME, on_file.as_ref().map(|a| a.full_name.as_str()).unwrap_or("")),
                    ("phone", msg::PHONE, on_file.as_ref().map(|a| a.phone.as_str()).unwrap_or("")),
                    ("email", msg::EMAIL_OPTIONAL, on_file.as_ref().map(|a| a.email.as_str()).unwrap_or("")),
                    ("address", msg::ADDRESS, ""),
                ] {
                    label for=(format!("a-{name}")) { (text(l, key)) }
                    @if let Some(message) = mistake(name) { p.error id=(format!("a-{name}-error")) { (message) } }
                    input id=(format!("a-{name}")) type="text" name=(name) value=(value(name, fallback)) dir="auto"
                        aria-invalid=[mistake(name).map(|_| "true")] aria-describedby=[mistake(name).map(|_| format!("a-{name}-error"))];
                }
                label for="request" { (text(l, msg::REQUEST)) }
                input #request type="text" name="request" value=(value("request", "")) dir="auto";
                @if view.current.is_none() {
                    (catalogue_entry_fields(l, view, &value, &mistake))
                }
                @if let Some(version) = &view.current {
                    h3 { (text(l, msg::DOCUMENTS_RECEIVED)) }
                    @for (index, component) in version.procedure.component_groups.iter().flat_map(|g| &g.components).enumerate() {
                        fieldset.card {
                            legend { (vi(&component.name)) @if component.required { " " span.tag { (text(l, msg::REQUIRED)) } } }
                            label.check {
                                input type="checkbox" name=(format!("got:{}", component.code)) value="1"
                                    checked[value(&format!("got:{}", component.code), "") == "1"];
                                (text(l, msg::HANDED_IN))
                            }
                            label for=(format!("kind-{index}")) { (text(l, msg::ORIGINAL_OR_COPY)) }
                            select id=(format!("kind-{index}")) name=(format!("kind:{}", component.code)) {
                                option value="original" { (text(l, msg::ORIGINALS)) }
                                option value="copy" selected[value(&format!("kind:{}", component.code), "") == "copy"] { (text(l, msg::COPIES)) }
                            }
                            label for=(format!("count-{index}")) { (text(l, msg::COUNT)) }
                            input id=(format!("count-{index}")) type="number" name=(format!("count:{}", component.code))
                                value=(value(&format!("count:{}", component.code), "1")) min="1" max="99" inputmode="numeric";
                            label for=(format!("scan-{index}")) { (text(l, msg::SCAN)) }
                            input id=(format!("scan-{index}")) type="file" name=(format!("file:{}", component.code)) accept=".pdf,application/pdf,image/jpeg,image/png";
                        }
                    }
                }
                @let delivery = value("delivery", "counter");
                fieldset {
                    legend { (text(l, msg::DESK_HOW_RECEIVE)) }
                    @if let Some(message) = mistake("delivery") { p.error { (message) } }
                    label.check { input type="radio" name="delivery" value="counter" checked[delivery == "counter"]; (text(l, msg::RECEIVE_COUNTER)) }
                    label.check { input type="radio" name="delivery" value="post" checked[delivery == "post"]; (text(l, msg::RECEIVE_POST)) }
                    label.check { input type="radio" name="delivery" value="online" checked[delivery == "online"]; (text(l, msg::RECEIVE_ONLINE)) }
                    label for="post_address" { (text(l, msg::POST_ADDRESS)) }
                    input #post_address type="text" name="post_address" value=(value("post_address", "")) dir="auto";
                }
                @if let Some(message) = mistake("applicant_consents") { p.error #consent-error { (message) } }
                label.check {
                    input type="checkbox" name="consent" value="1" checked[value("consent", "") == "1"]
                        aria-invalid=[mistake("applicant_consents").map(|_| "true")]
                        aria-describedby=[mistake("applicant_consents").map(|_| "consent-error")];
                    (text(l, msg::CONSENT))
                }
                label.check {
                    input type="checkbox" name="identity_checked" value="1" checked[value("identity_checked", "") == "1"];
                    (text(l, msg::IDENTITY_CHECKED))
                }
                @let decision = value("decision", "receive");
                fieldset {
                    legend { (text(l, msg::DESK_DECISION)) }
                    label.check { input type="radio" name="decision" value="receive" checked[decision == "receive"]; (text(l, msg::DO_RECEIVE)) }
                    label.check { input type="radio" name="decision" value="request_supplement" checked[decision == "request_supplement"]; (text(l, msg::DO_REQUEST_SUPPLEMENT)) }
                    label.check { input type="radio" name="decision" value="refuse" checked[decision == "refuse"]; (text(l, msg::DO_REFUSE_AT_RECEPTION)) }
                    label for="desk-reason" { (text(l, msg::DESK_REASON)) }
                    @if let Some(message) = mistake("reason") { p.error { (message) } }
                    textarea #desk-reason name="reason" rows="2" dir="auto" { (value("reason", "")) }
                }
                button type="submit" { (text(l, msg::CONFIRM_DECISION)) }
            }
        }
    };
    Ok((status, desk_layout(page, Some(signed), &text(l, msg::RECEPTION), "/can-bo/tiep-nhan", body)).into_response())
}

/// How many documents the generic form lets an officer name.
const NAMED_DOCUMENTS: usize = 6;

/// The generic reception form of a procedure known only from its catalogue
/// entry: what the catalogue does not give, the officer states — the
/// documents handed in, by name, and the time limit the province published.
fn catalogue_entry_fields(
    l: Locale,
    view: &motcua_app::catalogue::ProcedureView,
    value: &dyn Fn(&str, &str) -> String,
    mistake: &dyn Fn(&str) -> Option<String>,
) -> Markup {
    html! {
        p.card #catalogue-entry { (text(l, msg::DESK_CATALOGUE_ENTRY)) }
        @if !view.entry.summary.agencies.is_empty() {
            p.muted { (text(l, msg::AGENCIES)) ": " (vi(&view.entry.summary.agencies.join("; "))) }
        }
        label for="time_limit" { (text(l, msg::DESK_TIME_LIMIT)) }
        @if let Some(message) = mistake("time_limit") { p.error #time_limit-error { (message) } }
        input #time_limit type="number" name="time_limit" value=(value("time_limit", "")) min="0.5" max="365" step="0.5"
            inputmode="decimal" aria-invalid=[mistake("time_limit").map(|_| "true")]
            aria-describedby=[mistake("time_limit").map(|_| "time_limit-error")];
        h3 { (text(l, msg::DOCUMENTS_RECEIVED)) }
        @if let Some(message) = mistake("documents") { p.error #documents-error { (message) } }
        @for index in 1..=NAMED_DOCUMENTS {
            fieldset.card {
                legend { (text(l, msg::DESK_DOCUMENT)) " " (index) }
                label for=(format!("doc-{index}")) { (text(l, msg::DESK_DOCUMENT_NAME)) }
                input id=(format!("doc-{index}")) type="text" name=(format!("doc:{index}")) value=(value(&format!("doc:{index}"), "")) dir="auto";
                label for=(format!("doc-kind-{index}")) { (text(l, msg::ORIGINAL_OR_COPY)) }
                select id=(format!("doc-kind-{index}")) name=(format!("doc_kind:{index}")) {
                    option value="original" { (text(l, msg::ORIGINALS)) }
                    option value="copy" selected[value(&format!("doc_kind:{index}"), "") == "copy"] { (text(l, msg::COPIES)) }
                }
                label for=(format!("doc-count-{index}")) { (text(l, msg::COUNT)) }
                input id=(format!("doc-count-{index}")) type="number" name=(format!("doc_count:{index}"))
                    value=(value(&format!("doc_count:{index}"), "1")) min="1" max="99" inputmode="numeric";
            }
        }
    }
}

/// Receives a dossier handed in at the desk: it gets its code and due date at once.
pub(crate) async fn receive(
    State(state): State<AppState>,
    page: PageLocale,
    Officer(signed): Officer,
    multipart: Multipart,
) -> Result<Response, ApiError> {
    let posted = read_posted(multipart).await?;
    signed.check_form(&posted.text(FORM_TOKEN_FIELD))?;
    let outcome = receive_posted(&state, &signed, &posted).await.map(|reference| format!("/can-bo/ho-so/{reference}"));
    let query = ReceptionQuery { procedure: posted.text("procedure"), id_number: posted.text("id_number") };
    settle(page.locale, outcome, |mistake| {
        reception_page(&state, page, &signed, &query, &posted, Some(mistake), StatusCode::UNPROCESSABLE_ENTITY)
    })
    .await
}

async fn receive_posted(state: &AppState, signed: &Signed, posted: &Posted) -> Result<String, AppError> {
    let (channel, _) = state.app.desk_channel(&signed.principal).await?;
    let Principal::Officer { scope, .. } = &signed.principal else { return Err(AppError::Unauthenticated) };
    let mut received = Vec::new();
    for (name, _) in posted.fields.iter().filter(|(name, value)| name.starts_with("got:") && value.as_str() == "1") {
        let code = &name["got:".len()..];
        received.push(serde_json::json!({
            "component_code": code,
            "original": posted.text(&format!("kind:{code}")) != "copy",
            "count": posted.text(&format!("count:{code}")).parse::<u32>().unwrap_or(1).clamp(1, 99),
        }));
    }
    // Documents named by the officer, for a procedure whose catalogue lists none.
    for index in 1..=NAMED_DOCUMENTS {
        let name = posted.text(&format!("doc:{index}"));
        if !name.trim().is_empty() {
            received.push(serde_json::json!({
                "name": name.trim(),
                "original": posted.text(&format!("doc_kind:{index}")) != "copy",
                "count": posted.text(&format!("doc_count:{index}")).parse::<u32>().unwrap_or(1).clamp(1, 99),
            }));
        }
    }
    let time_limit = match posted.text("time_limit").trim() {
        "" => None,
        text => Some(ProcessingTime {
            amount: text
                .replace(',', ".")
                .parse::<f64>()
                .map_err(|_| AppError::from(motcua_domain::DomainError::invalid("time_limit", "expected a number")))?,
            unit: TimeUnit::WorkingDay,
        }),
    };
    let posted_files: Vec<(&str, Upload)> = posted
        .files
        .iter()
        .filter_map(|(name, file_name, bytes)| {
            name.strip_prefix("file:").map(|code| (code, Upload { client_name: file_name, bytes }))
        })
        .collect();
    let delivery = match posted.text("delivery").as_str() {
        "post" => Delivery::Post { address: posted.text("post_address") },
        "online" => Delivery::Online,
        _ => Delivery::Counter { service_point: scope.code().to_owned() },
    };
    let request = SubmitDossier {
        procedure_code: posted.text("procedure"),
        case_code: Some(posted.text("case_code")).filter(|c| !c.is_empty()),
        channel,
        service_point: Some(scope.code().to_owned()),
        competent_agency: posted.text("competent_agency"),
        applicant: Some(ApplicantDetails {
            id_number: posted.text("id_number"),
            full_name: posted.text("full_name"),
            phone: posted.text("phone"),
            email: posted.text("email"),
            address: posted.text("address"),
        }),
        applicant_consents: posted.text("consent") == "1",
        applicant_identity_checked: posted.text("identity_checked") == "1",
        form_data: serde_json::json!({ "request": posted.text("request"), "received_components": received }),
        documents: Vec::new(),
        delivery,
        outcome: match posted.text("decision").as_str() {
            "request_supplement" => DeskOutcome::RequestSupplement { reason: posted.text("reason") },
            "refuse" => DeskOutcome::Refuse { reason: posted.text("reason") },
            _ => DeskOutcome::Receive,
        },
        late_entry_reason: None,
        time_limit,
    };
    let attempt = Some(posted.text("attempt")).filter(|a| !a.is_empty()).map(|a| format!("desk-{a}"));
    let uploads: Vec<Upload> = posted_files.iter().map(|(_, upload)| *upload).collect();
    let dossier = state
        .app
        .with_uploads(&signed.principal, &uploads, |stored| async move {
            let mut request = request;
            for ((code, _), stored) in posted_files.iter().zip(stored) {
                request.documents.push(DocumentChoice { component_code: (*code).to_owned(), sha256: stored.sha256 });
            }
            state.app.submit_dossier(&signed.principal, &request, attempt.as_deref()).await
        })
        .await?;
    Ok(dossier.code.unwrap_or(dossier.id))
}
