//! Account pages: register, sign in, sign out, and "my dossiers". Plain
//! forms that work without JavaScript; a mistake is shown beside its field,
//! in the page's language, and the form keeps what was typed (but never the
//! password).

use axum::Form;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use motcua_app::AppError;
use motcua_app::accounts::{FailedSignIns, NewSession, Registration};
use motcua_domain::DomainError;
use serde::Deserialize;

use motcua_app::documents::{DocumentChoice, Upload};
use motcua_app::dossiers::ActionDetails;
use motcua_domain::clock::Timeliness;
use motcua_domain::dossier::{Action, Satisfaction, Status};

use super::guard::Citizen;
use super::submit::form_token;
use super::{PageLocale, date, event_time, layout, ltr, vi};
use crate::AppState;
use crate::auth::{PresentedToken, SESSION_COOKIE, Signed};
use crate::i18n::{self, Locale};
use crate::problem::{ApiError, FileRefusal};
use crate::security::ClientAddress;
use motcua_i18n::{Args, MessageId, msg, text, text_with};

/// A field's mistake, ready to show beside it.
#[derive(Debug, Default)]
pub(super) struct FieldError {
    pub(super) field: String,
    pub(super) message: String,
}

pub(super) fn field_error(l: Locale, error: &AppError) -> Option<FieldError> {
    match error {
        AppError::Domain(DomainError::InvalidValue { field, reason }) => {
            Some(FieldError { field: (*field).to_owned(), message: sentence(&i18n::reason(l, reason)) })
        }
        AppError::AlreadyRegistered => {
            Some(FieldError { field: "id_number".to_owned(), message: text(l, msg::FIELD_ERROR_ALREADY_REGISTERED) })
        }
        AppError::NotFound { what: "account", .. } => {
            Some(FieldError { field: "phone".to_owned(), message: text(l, msg::FIELD_ERROR_NO_ACCOUNT_WITH_PHONE) })
        }
        // An error that is not the upload's fault gets the general error page.
        AppError::File(file_error) => FileRefusal::of(file_error).map(|refusal| FieldError {
            field: "document".to_owned(),
            message: crate::problem::file_refusal(l, refusal),
        }),
        AppError::TooManyAttempts { seconds } => {
            Some(FieldError { field: "password".to_owned(), message: crate::problem::too_many_attempts(l, *seconds) })
        }
        AppError::WrongCredentials => {
            Some(FieldError { field: "password".to_owned(), message: text(l, msg::FIELD_ERROR_WRONG_CREDENTIALS) })
        }
        _ => None,
    }
}

/// A sign-in form shown again after a refusal, by `page` with its status:
/// 429 with `Retry-After` when the caller must wait first, else 422.
pub(super) fn refused_sign_in(error: &AppError, page: impl FnOnce(StatusCode) -> Response) -> Response {
    match error {
        AppError::TooManyAttempts { seconds } => {
            let mut response = page(StatusCode::TOO_MANY_REQUESTS);
            response.headers_mut().insert(header::RETRY_AFTER, crate::problem::retry_after(*seconds));
            response
        }
        _ => page(StatusCode::UNPROCESSABLE_ENTITY),
    }
}

/// A reason shown on its own, as a sentence: capitalised, with a full stop.
fn sentence(reason: &str) -> String {
    let mut chars = reason.trim().chars();
    let mut text: String = chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default();
    if !text.ends_with(['.', '!', '?']) {
        text.push('.');
    }
    text
}

/// One labelled input, with its mistake if it has one.
pub(super) fn input(
    l: Locale,
    name: &str,
    label: MessageId,
    kind: &str,
    value: &str,
    error: &Option<FieldError>,
) -> Markup {
    let mistake = error.as_ref().filter(|e| e.field == name);
    let error_id = format!("{name}-error");
    html! {
        label for=(name) { (text(l, label)) }
        @if let Some(mistake) = mistake { p.error id=(error_id) { (mistake.message) } }
        input id=(name) name=(name) type=(kind) value=(value) dir=(if name == "full_name" { "auto" } else { "ltr" })
            autocomplete=(match name { "password" if label == msg::PASSWORD_NEW => "new-password", "password" => "current-password", "full_name" => "name", "phone" => "tel", "email" => "email", _ => "username" })
            aria-invalid=[mistake.map(|_| "true")] aria-describedby=[mistake.map(|_| error_id.as_str())];
    }
}

pub(super) fn with_session(mut response: Response, session: &NewSession) -> Response {
    if let Some(value) = crate::security::cookie(SESSION_COOKIE, &session.token, 43_200) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// A sign-in always opens a new session with a new token; the one the
/// browser already carried, if any, ends then, so that a token planted or
/// seen before the sign-in is worth nothing after it.
pub(super) async fn end_previous_session(state: &AppState, previous: &PresentedToken) -> Result<(), ApiError> {
    if let Some(token) = &previous.0 {
        state.app.sign_out(token).await?;
    }
    Ok(())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RegisterForm {
    id_number: String,
    full_name: String,
    phone: String,
    email: String,
    password: String,
}

fn register_page(page: PageLocale, form: &RegisterForm, error: Option<FieldError>, status: StatusCode) -> Response {
    let l = page.locale;
    let body = html! {
        h1 { (text(l, msg::REGISTER)) }
        p { (text(l, msg::REGISTER_INTRO)) }
        form method="post" action="/dang-ky" novalidate {
            (input(l, "id_number", msg::ID_NUMBER, "text", &form.id_number, &error))
            (input(l, "full_name", msg::FULL_NAME, "text", &form.full_name, &error))
            (input(l, "phone", msg::PHONE, "tel", &form.phone, &error))
            (input(l, "email", msg::EMAIL_OPTIONAL, "email", &form.email, &error))
            (input(l, "password", msg::PASSWORD_NEW, "password", "", &error))
            button type="submit" { (text(l, msg::REGISTER)) }
        }
        p { a href="/dang-nhap" { (text(l, msg::HAVE_ACCOUNT)) } }
    };
    (status, layout(page, &text(l, msg::REGISTER), "/dang-ky", body)).into_response()
}

pub(crate) async fn register_form(page: PageLocale) -> Response {
    register_page(page, &RegisterForm::default(), None, StatusCode::OK)
}

pub(crate) async fn register(
    State(state): State<AppState>,
    page: PageLocale,
    previous: PresentedToken,
    ClientAddress(address): ClientAddress,
    Form(form): Form<RegisterForm>,
) -> Result<Response, ApiError> {
    let registration = Registration {
        id_number: form.id_number.clone(),
        full_name: form.full_name.clone(),
        phone: form.phone.clone(),
        email: form.email.clone(),
        password: form.password.clone(),
    };
    let outcome = async {
        state.app.register_citizen(&registration).await?;
        state.app.sign_in_citizen(&form.id_number, &form.password, &address.to_string()).await
    }
    .await;
    match outcome {
        Ok(session) => {
            end_previous_session(&state, &previous).await?;
            Ok(with_session(Redirect::to("/ho-so-cua-toi").into_response(), &session))
        }
        Err(error) => match field_error(page.locale, &error) {
            Some(mistake) => Ok(register_page(page, &form, Some(mistake), StatusCode::UNPROCESSABLE_ENTITY)),
            None => Err(error.into()),
        },
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct SignInForm {
    id_number: String,
    password: String,
    next: String,
}

/// Where to go after signing in: a path of this site only, never elsewhere.
/// Browsers drop tabs and line breaks from addresses and read `\` as `/`,
/// so `/<TAB>/evil.example` or `/\evil.example` would lead off the site: a
/// path with any whitespace, control character or backslash, one that
/// starts with `//`, or one that does any of this once percent-decoded, is
/// refused.
fn local_path(next: &str) -> &str {
    fn plain_local(path: &str) -> bool {
        path.starts_with('/')
            && !path.starts_with("//")
            && !path.chars().any(|c| c.is_whitespace() || c.is_control() || c == '\\')
    }
    let mut decoded = next.to_owned();
    let mut safe = plain_local(next);
    // Decoding until nothing changes catches `%2F%2F`, `%252F%252F`, `%09`…
    for _ in 0..4 {
        let once = percent_decode(&decoded);
        safe &= plain_local(&once);
        if once == decoded {
            break;
        }
        decoded = once;
    }
    if safe { next } else { "/ho-so-cua-toi" }
}

/// Percent-decodes text; an incomplete escape stays as it is, and bytes that
/// are not UTF-8 become U+FFFD (which [`local_path`] then sees as text).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).and_then(|b| hex(*b)), bytes.get(i + 2).and_then(|b| hex(*b))) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn sign_in_page(page: PageLocale, form: &SignInForm, error: Option<FieldError>, status: StatusCode) -> Response {
    let l = page.locale;
    let next = local_path(&form.next);
    let body = html! {
        h1 { (text(l, msg::SIGN_IN)) }
        form method="post" action="/dang-nhap" novalidate {
            input type="hidden" name="next" value=(next);
            (input(l, "id_number", msg::ID_NUMBER, "text", &form.id_number, &error))
            (input(l, "password", msg::PASSWORD, "password", "", &error))
            button type="submit" { (text(l, msg::SIGN_IN)) }
        }
        p { a href="/quen-mat-khau" { (text(l, msg::FORGOT_TITLE)) } }
        p { a href="/dang-ky" { (text(l, msg::NO_ACCOUNT)) } }
    };
    (status, layout(page, &text(l, msg::SIGN_IN), "/dang-nhap", body)).into_response()
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct NextQuery {
    next: String,
}

pub(crate) async fn sign_in_form(page: PageLocale, Query(query): Query<NextQuery>) -> Response {
    sign_in_page(page, &SignInForm { next: query.next, ..SignInForm::default() }, None, StatusCode::OK)
}

pub(crate) async fn sign_in(
    State(state): State<AppState>,
    page: PageLocale,
    previous: PresentedToken,
    ClientAddress(address): ClientAddress,
    Form(form): Form<SignInForm>,
) -> Result<Response, ApiError> {
    match state.app.sign_in_citizen(&form.id_number, &form.password, &address.to_string()).await {
        Ok(session) => {
            end_previous_session(&state, &previous).await?;
            Ok(with_session(Redirect::to(local_path(&form.next)).into_response(), &session))
        }
        Err(error) => match field_error(page.locale, &error) {
            Some(mistake) => Ok(refused_sign_in(&error, |status| sign_in_page(page, &form, Some(mistake), status))),
            None => Err(error.into()),
        },
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct SignOutForm {
    csrf: String,
}

/// Signing out is a form like any other: without this session's form
/// token it changes nothing, so another site cannot sign a person out.
pub(crate) async fn sign_out(
    State(state): State<AppState>,
    signed: Option<Signed>,
    Form(form): Form<SignOutForm>,
) -> Result<Response, ApiError> {
    if let Some(signed) = signed {
        signed.check_form(&form.csrf)?;
        state.app.sign_out(&signed.token).await?;
    }
    let mut response = Redirect::to("/").into_response();
    if let Some(value) = crate::security::cookie(SESSION_COOKIE, "", 0) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// What the owner of an account is told after signing in when sign-ins to
/// it failed since their previous one: how many, and the last one's masked
/// address and time.
pub(super) fn failed_sign_ins_notice(l: Locale, notice: &Option<FailedSignIns>) -> Markup {
    html! {
        @if let Some(notice) = notice {
            section.notice role="status" aria-label=(text(l, msg::FAILED_SIGN_INS_TITLE)) {
                p {
                    (ltr(&notice.count.to_string())) " " (text_with(l, msg::FAILED_SIGN_INS_SINCE, &Args::new().count("count", notice.count))) ", "
                    (text(l, msg::LAST_FAILURE_FROM)) " " (ltr(&notice.last_address))
                    @if let Some(at) = notice.last_at { " " (text(l, msg::AT_TIME)) " " (ltr(&date(at))) }
                    "."
                }
            }
        }
    }
}

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
                h2 { a href=(format!("/ho-so-cua-toi/{}", dossier.code.as_deref().unwrap_or(&dossier.id))) { (ltr(dossier.code.as_deref().unwrap_or(&dossier.id))) } }
                p { (text(l, msg::CODE)) ": " (ltr(&dossier.procedure_code)) }
                p { strong { (text(l, msg::STATUS)) ": " } (i18n::status_named(l, &dossier.status)) }
                @if let Some(due) = dossier.due_at { p { (text(l, msg::DUE_AT)) ": " (ltr(&date(due))) } }
                (timeliness(l, dossier))
                @if dossier.applicant_name.is_empty() {} @else { p.muted { (vi(&dossier.applicant_name)) } }
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
) -> Result<Response, ApiError> {
    dossier_page(&state, page, &signed, &reference, None, ("", ""), StatusCode::OK).await
}

/// The citizen's dossier page; after a refused rating, `kept` is the
/// rating and comment sent, shown again.
async fn dossier_page(
    state: &AppState,
    page: PageLocale,
    signed: &Signed,
    reference: &str,
    error: Option<FieldError>,
    kept: (&str, &str),
    status_code: StatusCode,
) -> Result<Response, ApiError> {
    let l = page.locale;
    let view = state.app.dossier(&signed.principal, reference).await?;
    let dossier = &view.dossier;
    let procedure = state.app.procedure(&dossier.procedure_code).await?;
    let status = Status::parse(&dossier.status)?;
    let can_withdraw = !status.is_final() && status != Status::Resolved;
    let rating = state.app.dossier_rating(&view).await?;
    let mine = if status == Status::SupplementRequested {
        state.app.my_documents(&signed.principal).await?
    } else {
        Vec::new()
    };
    let asked = view.events.iter().rev().find(|e| e.action == "request_supplement").and_then(|e| reason_of(&e.data));
    let shown = dossier.code.clone().unwrap_or_else(|| dossier.id.clone());
    let path = format!("/ho-so-cua-toi/{shown}");
    let components: Vec<_> = procedure
        .current
        .as_ref()
        .map(|v| v.procedure.component_groups.iter().flat_map(|g| g.components.clone()).collect())
        .unwrap_or_default();
    let body = html! {
        h1 { (text(l, msg::DOSSIER_CODE)) " " (ltr(&shown)) }
        p { (vi(&procedure.entry.summary.name)) }
        p { strong { (text(l, msg::STATUS)) ": " } (i18n::status_named(l, &dossier.status)) }
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
        @if let Some(due) = &view.payment_due {
            section.card aria-labelledby="payment-title" {
                h2 #payment-title { (text(l, msg::PAYMENT_DUE_TITLE)) }
                p { strong { (text(l, msg::AMOUNT_TO_PAY)) ": " } (ltr(&format!("{} đ", super::group_digits(due.amount_dong)))) }
                @if !due.agency_name.is_empty() { p { (text(l, msg::PAYABLE_TO)) ": " (vi(&due.agency_name)) } }
                p { (text(l, msg::PAY_AT_COUNTER)) }
                dl {
                    dt { (text(l, msg::PAY_AT)) } dd { (vi(&due.pay_at.name)) }
                    @if !due.pay_at.address.is_empty() { dt { (text(l, msg::POINT_ADDRESS)) } dd { (vi(&due.pay_at.address)) } }
                    dt { (text(l, msg::HOURS)) } dd { (ltr(&due.pay_at.working_hours.to_string().replace(',', ", "))) }
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
                    (ltr(&event_time(&event.at))) " — " (i18n::history_entry(l, &event.action))
                    @if !event.note.is_empty() { ": " (vi(&event.note)) }
                    @if let Some(reason) = reason_of(&event.data) { " (" (vi(&reason)) ")" }
                    @if late_entry(&event.data) { " · " (text(l, msg::LATE_ENTRY)) }
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
fn timeliness(l: Locale, dossier: &motcua_app::dossiers::DossierRecord) -> Markup {
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

/// The reason an event carries (a supplement request's, a refusal's).
fn reason_of(data: &str) -> Option<String> {
    serde_json::from_str::<serde_json::Value>(data).ok().and_then(|d| d["reason"].as_str().map(str::to_owned))
}

/// Whether an event is an outreach session's dossier entered late by an officer.
fn late_entry(data: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(data).is_ok_and(|d| d["late_entry_reason"].is_string())
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
    let posted = super::submit::read_posted(multipart).await?;
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
                return Err(DomainError::invalid("documents", "attach at least one document").into());
            }
            let details = ActionDetails { note: posted.text("note"), documents, ..ActionDetails::default() };
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
                dossier_page(state, page, signed, reference, Some(mistake), kept, StatusCode::UNPROCESSABLE_ENTITY)
                    .await
            }
            None => Err(error.into()),
        },
    }
}
