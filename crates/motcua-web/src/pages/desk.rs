//! The one-stop desk and the back office, for officers: sign in, the
//! worklist of one's role (nearest due first, late and due-soon marked),
//! a dossier with its control slip and the actions open now (reception at a
//! counter is `reception`). Plain forms that work without JavaScript and
//! follow the keyboard order of the work.

use axum::Form;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDateTime, TimeZone};
use maud::{Markup, html};
use motcua_app::AppError;
use motcua_app::documents::{DocumentChoice, Upload};
use motcua_app::dossiers::{ActionDetails, Dossier, WorklistFilter};
use motcua_domain::Reason;
use motcua_domain::access::{Principal, may_read_figures, may_receive_at_desk, may_verify_accounts};
use motcua_domain::dossier::{Action, ActionInput, Channel, PaymentMethod};
use motcua_domain::organisation::Role;
use motcua_domain::worklist::{Urgency, Worklist};
use motcua_i18n::{msg, text};
use serde::Deserialize;

use super::account::{end_previous_session, failed_sign_ins_notice, refused_sign_in, with_session};
use super::form::{FieldError, Posted, field_error, form_token, input, read_posted, settle};
use super::guard::Officer;
use super::{PageLocale, date, frame, ltr, vi};
use crate::AppState;
use crate::auth::{FORM_TOKEN_FIELD, PresentedToken, Signed};
use crate::i18n::{self, Locale};
use crate::problem::ApiError;
use crate::security::ClientAddress;

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
        channel: query.channel.as_deref().filter(|c| !c.is_empty()).map(Channel::parse).transpose()?,
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
                        @let reference = dossier.reference();
                        tr {
                            th scope="row" {
                                a href=(format!("/can-bo/ho-so/{reference}")) { (ltr(&super::readable(&reference, dossier.code.is_some()))) }
                                div.muted { (ltr(&dossier.procedure_code)) }
                            }
                            td { (vi(&dossier.contact.name)) }
                            td { (text(l, i18n::channel(dossier.channel))) }
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
    let actions = state.app.open_actions(&signed.principal, record);
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
    let agency_name = state.app.agency(record.competent_agency.as_str()).await.map(|a| a.name).unwrap_or_default();
    let point_name = state.app.service_point(&record.service_point).await.map(|p| p.name).unwrap_or_default();
    let shown = record.reference();
    let path = format!("/can-bo/ho-so/{shown}");
    let body = html! {
        h1 { (text(l, msg::DOSSIER_CODE)) " " (ltr(&shown)) }
        @if let Some(mistake) = &error { p.error role="alert" { (mistake.message) } }
        dl {
            dt { (text(l, msg::CATALOGUE)) } dd { (vi(&procedure.entry.summary.name)) " " span.muted { "(" (ltr(&record.procedure_code)) ")" } }
            dt { (text(l, msg::APPLICANT)) }
            dd {
                (vi(&record.contact.name)) " · " (ltr(&record.contact.personal_id)) " · " (ltr(&record.contact.phone))
                @if !record.contact.address.is_empty() { div { (vi(&record.contact.address)) } }
            }
            @if !record.form.request.is_empty() { dt { (text(l, msg::REQUEST)) } dd { (vi(&record.form.request)) } }
            dt { (text(l, msg::CHANNEL_LABEL)) } dd { (text(l, i18n::channel(record.channel))) " · " (vi(&point_name)) }
            dt { (text(l, msg::AGENCY)) } dd { (vi(&agency_name)) " " span.muted { "(" (ltr(record.competent_agency.as_str())) ")" } }
            dt { (text(l, msg::STATUS)) } dd { (text(l, i18n::status(record.status()))) " · " (text(l, i18n::step(record.step()))) }
            @if let Some(received) = record.received_at { dt { (text(l, msg::RECEIVED_AT)) } dd { (ltr(&date(received))) } }
            @if let Some(due) = record.due_at { dt { (text(l, msg::DUE_AT)) } dd { (ltr(&date(due))) } }
            dt { (text(l, msg::HOW_RECEIVE)) } dd { (super::submit::delivery_text(l, Some(&record.delivery))) }
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
                        td { (ltr(&date(named.row.at))) }
                        td { (text(l, i18n::history_entry(named.row.kind))) @if !named.row.note.is_empty() { div.muted { (vi(&named.row.note)) } } }
                        td { (vi(&named.giver)) }
                        td { (vi(&named.receiver)) }
                        td { @if let Some(timeliness) = named.row.timeliness { (text(l, i18n::timeliness(timeliness))) } }
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
    record: &Dossier,
    error: &Option<FieldError>,
) -> Markup {
    let in_person = !record.goes_by_post();
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
                        @for method in PaymentMethod::AT_COUNTER {
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
            @if action == Action::Pay {
                // Or not paid at all: exempted, with the legal reason the history keeps.
                form.exemption method="post" action=(format!("{path}/xu-ly")) enctype="multipart/form-data" {
                    (form_token(signed))
                    input type="hidden" name="action" value=(value);
                    input type="hidden" name="payment_method" value=(PaymentMethod::Exempt.as_str());
                    h3 { (text(l, msg::EXEMPT_CHARGES)) }
                    label for=(field_id("exemption")) { (text(l, msg::EXEMPTION_REASON)) }
                    @if let Some(message) = mistake("reason") { p.error id=(field_id("exemption-error")) { (message) } }
                    textarea id=(field_id("exemption")) name="reason" rows="2" required dir="auto"
                        aria-invalid=[mistake("reason").map(|_| "true")]
                        aria-describedby=[mistake("reason").map(|_| field_id("exemption-error"))] {}
                    button type="submit" { (text(l, msg::RECORD_EXEMPTION)) }
                }
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
        .ok_or_else(|| motcua_domain::DomainError::invalid("action", Reason::NotAnAction))?;
    let optional = |name: &str| Some(posted.text(name)).filter(|v| !v.is_empty());
    let mut details = ActionInput {
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
        ..ActionInput::default()
    };
    if let Some(amount) = optional("amount_dong") {
        details.amount_dong = Some(
            amount.parse().map_err(|_| motcua_domain::DomainError::invalid("amount_dong", Reason::ExpectedNumber))?,
        );
    }
    if let Some(text) = optional("new_due") {
        let local = NaiveDateTime::parse_from_str(&text, "%Y-%m-%dT%H:%M")
            .map_err(|_| motcua_domain::DomainError::invalid("new_due_at", Reason::ExpectedInstant))?;
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
            let mut details = ActionDetails { input: details, documents: Vec::new() };
            for ((field, ..), stored) in posted_files.iter().zip(stored) {
                if field == "supplement" {
                    details
                        .documents
                        .push(DocumentChoice { component_code: "bo-sung".to_owned(), sha256: stored.sha256 });
                } else {
                    details.input.result_document = Some(stored.sha256);
                }
            }
            state.app.act(&signed.principal, reference, action, &details).await
        })
        .await?;
    Ok(view.dossier.reference())
}
