//! Reception at a desk: a counter, an agent point or an outreach session
//! receives a dossier for a citizen who is there, with the decision on the
//! spot where the procedure allows it, and a catalogue entry without details
//! gets its documents and time limit from the officer.

use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use motcua_app::AppError;
use motcua_app::documents::{DocumentChoice, Upload};
use motcua_app::dossiers::{ApplicantDetails, DeskOutcome, SubmitDossier};
use motcua_domain::Reason;
use motcua_domain::access::Principal;
use motcua_domain::clock::{ProcessingTime, TimeUnit};
use motcua_domain::dossier::{Delivery, FormData, ReceivedComponent};
use motcua_i18n::{msg, text};
use serde::Deserialize;

use super::desk::desk_layout;
use super::form::{FieldError, Posted, form_token, read_posted, settle};
use super::guard::Officer;
use super::{PageLocale, vi};
use crate::AppState;
use crate::auth::{FORM_TOKEN_FIELD, Signed};
use crate::i18n::{self, Locale};
use crate::problem::ApiError;

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
        received.push(ReceivedComponent {
            component_code: code.to_owned(),
            name: None,
            original: posted.text(&format!("kind:{code}")) != "copy",
            count: posted.text(&format!("count:{code}")).parse::<u32>().unwrap_or(1).clamp(1, 99),
        });
    }
    // Documents named by the officer, for a procedure whose catalogue lists none.
    for index in 1..=NAMED_DOCUMENTS {
        let name = posted.text(&format!("doc:{index}"));
        if !name.trim().is_empty() {
            received.push(ReceivedComponent {
                component_code: String::new(),
                name: Some(name.trim().to_owned()),
                original: posted.text(&format!("doc_kind:{index}")) != "copy",
                count: posted.text(&format!("doc_count:{index}")).parse::<u32>().unwrap_or(1).clamp(1, 99),
            });
        }
    }
    let time_limit = match posted.text("time_limit").trim() {
        "" => None,
        text => Some(ProcessingTime {
            amount: text.replace(',', ".").parse::<f64>().map_err(|_| {
                AppError::from(motcua_domain::DomainError::invalid("time_limit", Reason::ExpectedNumber))
            })?,
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
        form_data: FormData { request: posted.text("request"), received_components: received, ..FormData::default() },
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
    Ok(dossier.reference())
}
