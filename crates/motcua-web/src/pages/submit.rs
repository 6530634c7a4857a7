//! Submitting online, step by step, without JavaScript: the case and the
//! agency, the form, the documents (uploaded or picked from "my
//! documents"), how to receive the result, then a review. Every step is
//! saved in a draft, which "my dossiers" lists until it is submitted; the
//! receipt shows the dossier's reference as text and as a QR code.

use axum::Form;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, PreEscaped, html};
use motcua_app::AppError;
use motcua_app::documents::{DocumentChoice, Upload};
use motcua_app::drafts::{Draft, DraftAnswers, DraftPart, NoAgencyReason};
use motcua_domain::catalogue::Procedure;
use motcua_domain::dossier::Delivery;
use motcua_i18n::{MessageId, msg, text};
use serde::Deserialize;

use super::form::{FieldError, Posted, error_line, field_error, form_token, mistake_for, read_posted};
use super::guard::Citizen;
use super::{PageLocale, date, layout, ltr, vi};
use crate::AppState;
use crate::auth::{FORM_TOKEN_FIELD, Signed};
use crate::i18n::{self, Locale};
use crate::problem::ApiError;

/// The wizard's steps, in order, with their title's key.
const STEPS: [(u8, MessageId); 5] = [
    (1, msg::STEP_CASE),
    (2, msg::STEP_FORM),
    (3, msg::STEP_DOCUMENTS),
    (4, msg::STEP_DELIVERY),
    (5, msg::STEP_REVIEW),
];

/// The step that asks for a field, to send the applicant back to it.
fn step_of(field: &str) -> u8 {
    match field {
        "case_code" | "competent_agency" | "province_code" => 1,
        "address" | "request" => 2,
        "documents" | "document" => 3,
        "delivery" => 4,
        _ => 5,
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct StartForm {
    #[serde(default)]
    procedure: String,
    #[serde(default)]
    csrf: String,
}

/// Starts a draft for a procedure and opens its first step.
pub(crate) async fn start(
    State(state): State<AppState>,
    Citizen(signed): Citizen,
    Form(form): Form<StartForm>,
) -> Result<Response, ApiError> {
    signed.check_form(&form.csrf)?;
    let draft = state.app.start_draft(&signed.principal, &form.procedure).await?;
    Ok(Redirect::to(&format!("/nop-ho-so/{}", draft.record.id)).into_response())
}

#[derive(Debug, Deserialize)]
pub(crate) struct StepQuery {
    buoc: Option<u8>,
}

/// The first step whose answers are missing: where a resumed draft opens.
fn first_open_step(answers: &DraftAnswers) -> u8 {
    if answers.competent_agency.is_empty() {
        1
    } else if answers.request.is_empty() || answers.address.is_empty() {
        2
    } else if answers.delivery.is_none() {
        // Documents may all be optional, so step 3 is never "missing" alone.
        if answers.documents.is_empty() { 3 } else { 4 }
    } else {
        5
    }
}

pub(crate) async fn step(
    State(state): State<AppState>,
    page: PageLocale,
    Citizen(signed): Citizen,
    Path(id): Path<String>,
    Query(query): Query<StepQuery>,
) -> Result<Response, ApiError> {
    let draft = state.app.draft(&signed.principal, &id).await?;
    if let Some(dossier) = &draft.record.dossier_id {
        return Ok(Redirect::to(&format!("/ho-so-cua-toi/{dossier}/bien-nhan")).into_response());
    }
    let step = query.buoc.filter(|s| (1..=5).contains(s)).unwrap_or_else(|| first_open_step(&draft.answers));
    render(&state, page, &signed, &draft, &draft.answers, step, None, StatusCode::OK).await
}

/// Saves a step's answers, then moves on (or back, or out), or shows the
/// step again with the mistake beside its field.
pub(crate) async fn save(
    State(state): State<AppState>,
    page: PageLocale,
    Citizen(signed): Citizen,
    Path(id): Path<String>,
    multipart: Multipart,
) -> Result<Response, ApiError> {
    let posted = read_posted(multipart).await?;
    signed.check_form(&posted.text(FORM_TOKEN_FIELD))?;
    let draft = state.app.draft(&signed.principal, &id).await?;
    if let Some(dossier) = &draft.record.dossier_id {
        return Ok(Redirect::to(&format!("/ho-so-cua-toi/{dossier}/bien-nhan")).into_response());
    }
    let step: u8 = posted.text("step").parse().unwrap_or(1).clamp(1, 5);
    let go = posted.text("go");
    let procedure = state.app.draft_procedure(&draft).await?;
    let mut answers = draft.answers.clone();
    let outcome = async {
        let stay = apply_step(&state, &signed, &procedure, step, &posted, &mut answers).await?;
        state.app.save_draft(&signed.principal, &id, &answers).await?;
        // What was typed is kept; going on needs the step complete.
        if let Some(part) = DraftPart::ALL.get(usize::from(step) - 1).filter(|_| go == "next" && !stay) {
            answers.check_part(*part, &procedure)?;
        }
        if go == "submit" && !stay {
            return state.app.submit_draft(&signed.principal, &id).await.map(|dossier| (Some(dossier), stay));
        }
        Ok((None, stay))
    }
    .await;
    match outcome {
        Ok((Some(dossier), _)) => Ok(Redirect::to(&format!("/ho-so-cua-toi/{}/bien-nhan", dossier.id)).into_response()),
        Ok((None, stay)) => {
            let next = match go.as_str() {
                "save" => return Ok(Redirect::to("/ho-so-cua-toi").into_response()),
                _ if stay => step,
                "back" => step.saturating_sub(1).max(1),
                _ => (step + 1).min(5),
            };
            Ok(Redirect::to(&format!("/nop-ho-so/{id}?buoc={next}")).into_response())
        }
        Err(error) => match field_error(page.locale, &error) {
            Some(mistake) => {
                let shown = step_of(&mistake.field).min(step);
                let draft = Draft { answers: answers.clone(), ..draft };
                render(&state, page, &signed, &draft, &answers, shown, Some(mistake), StatusCode::UNPROCESSABLE_ENTITY)
                    .await
            }
            None => Err(error.into()),
        },
    }
}

/// Reads one step's fields into the answers; uploads files into "my
/// documents". Answers whether the step must be shown again (a new province
/// whose agencies are to be chosen).
async fn apply_step(
    state: &AppState,
    signed: &Signed,
    procedure: &Procedure,
    step: u8,
    posted: &Posted,
    answers: &mut DraftAnswers,
) -> Result<bool, AppError> {
    match step {
        1 => {
            if posted.fields.contains_key("case_code") {
                answers.case_code = posted.text("case_code");
            }
            let province = posted.text("province_code");
            if province != answers.province_code {
                // A new province: show its agencies before going on.
                answers.province_code = province;
                answers.competent_agency.clear();
                return Ok(true);
            }
            answers.competent_agency = posted.text("competent_agency");
        }
        2 => {
            answers.address = posted.text("address");
            answers.request = posted.text("request");
        }
        3 => {
            let components: Vec<_> = procedure.component_groups.iter().flat_map(|g| &g.components).collect();
            let posted_files: Vec<(&str, Upload)> = components
                .iter()
                .filter_map(|component| {
                    let field = format!("file:{}", component.code);
                    let (_, file_name, bytes) = posted.files.iter().find(|(name, ..)| name == &field)?;
                    Some((component.code.as_str(), Upload { client_name: file_name, bytes }))
                })
                .collect();
            // All of the step's files are checked before any is kept.
            let uploads: Vec<Upload> = posted_files.iter().map(|(_, upload)| *upload).collect();
            let stored = state.app.with_uploads(&signed.principal, &uploads, |stored| async { Ok(stored) }).await?;
            let mut chosen = Vec::new();
            for component in components {
                let upload = posted_files.iter().zip(&stored).find(|((code, _), _)| *code == component.code);
                let sha256 = match upload {
                    Some((_, stored)) => Some(stored.sha256.clone()),
                    None => Some(posted.text(&format!("pick:{}", component.code))).filter(|s| !s.is_empty()),
                };
                if let Some(sha256) = sha256 {
                    chosen.push(DocumentChoice { component_code: component.code.clone(), sha256 });
                }
            }
            answers.documents = chosen;
        }
        4 => {
            answers.delivery = match posted.text("delivery").as_str() {
                "online" => Some(Delivery::Online),
                "counter" => Some(Delivery::Counter { service_point: posted.text("service_point") }),
                "post" => Some(Delivery::Post { address: posted.text("post_address") }),
                _ => None,
            };
            if let Some(delivery) = &answers.delivery {
                delivery.validate()?;
            }
        }
        _ => {}
    }
    Ok(false)
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    page: PageLocale,
    signed: &Signed,
    draft: &Draft,
    answers: &DraftAnswers,
    step: u8,
    error: Option<FieldError>,
    status: StatusCode,
) -> Result<Response, ApiError> {
    let l = page.locale;
    let procedure = state.app.draft_procedure(draft).await?;
    let id = &draft.record.id;
    let path = format!("/nop-ho-so/{id}?buoc={step}");
    let title = STEPS.iter().find(|(n, _)| *n == step).map(|(_, title)| text(l, *title)).unwrap_or_default();
    let content = match step {
        1 => step_case(state, l, draft, &procedure, answers, &error).await?,
        2 => step_form(state, l, signed, answers, &error).await?,
        3 => step_documents(state, l, signed, &procedure, answers, &error).await?,
        4 => step_delivery(state, l, answers, &error).await?,
        _ => step_review(state, l, signed, &procedure, answers, &error).await?,
    };
    let body = html! {
        p.muted { (vi(&procedure.name)) }
        h1 { (title) }
        nav aria-label=(text(l, msg::STEPS_LABEL)) {
            ol.steps {
                @for (n, key) in STEPS {
                    li aria-current=[(n == step).then_some("step")] {
                        @if n == step { strong { (text(l, key)) } } @else { a href=(format!("/nop-ho-so/{id}?buoc={n}")) { (text(l, key)) } }
                    }
                }
            }
        }
        @if let Some(mistake) = error.as_ref().filter(|e| step_of(&e.field) != step) {
            p.error role="alert" { (mistake.message) }
        }
        form method="post" action=(format!("/nop-ho-so/{id}")) enctype="multipart/form-data" novalidate {
            (form_token(signed))
            input type="hidden" name="step" value=(step);
            (content)
            div.actions {
                @if step > 1 { button.secondary type="submit" name="go" value="back" { (text(l, msg::BACK)) } }
                @if step < 5 {
                    button type="submit" name="go" value="next" { (text(l, msg::CONTINUE)) }
                } @else {
                    button type="submit" name="go" value="submit" { (text(l, msg::SUBMIT_NOW)) }
                }
                button.secondary type="submit" name="go" value="save" { (text(l, msg::SAVE_FOR_LATER)) }
            }
        }
        form method="post" action=(format!("/nop-ho-so/{id}/xoa")) {
            (form_token(signed))
            button.link type="submit" { (text(l, msg::DISCARD_DRAFT)) }
        }
    };
    Ok((status, layout(page, &title, &path, body)).into_response())
}

async fn step_case(
    state: &AppState,
    l: Locale,
    draft: &Draft,
    procedure: &Procedure,
    answers: &DraftAnswers,
    error: &Option<FieldError>,
) -> Result<Markup, ApiError> {
    let provinces = state.app.provinces().await?;
    let (agencies, none_because) = match answers.province_code.as_str() {
        "" => (Vec::new(), None),
        code => {
            let choice = state.app.draft_agencies(draft, code).await?;
            (choice.agencies, choice.none_because)
        }
    };
    let agency_error = mistake_for(error, "competent_agency");
    Ok(html! {
        @if procedure.cases.len() > 1 {
            fieldset aria-describedby=[mistake_for(error, "case_code").map(|_| "case_code-error")] {
                legend { (text(l, msg::CHOOSE_CASE)) }
                (error_line(error, "case_code"))
                @for case in &procedure.cases {
                    label.check {
                        input type="radio" name="case_code" value=(case.code) checked[answers.case_code == case.code];
                        (vi(&case.name))
                    }
                }
            }
        }
        label for="province_code" { (text(l, msg::AGENCY_PROVINCE)) }
        select #province_code name="province_code" {
            option value="" { "—" }
            @for p in &provinces { option value=(p.code) lang="vi" selected[answers.province_code == p.code] { (p.name) } }
        }
        @if !answers.province_code.is_empty() {
            label for="competent_agency" { (text(l, msg::AGENCY)) }
            (error_line(error, "competent_agency"))
            @if agencies.is_empty() {
                p #no-agency {
                    @match none_because {
                        Some(NoAgencyReason::ProvinceNotSetUp) => (text(l, msg::NO_AGENCY_PROVINCE_NOT_SET_UP)),
                        _ => (text(l, msg::NO_AGENCY_SETTLES_IT)),
                    }
                }
            } @else {
                select #competent_agency name="competent_agency"
                    aria-invalid=[agency_error.map(|_| "true")] aria-describedby=[agency_error.map(|_| "competent_agency-error")] {
                    option value="" { "—" }
                    @for a in &agencies {
                        option value=(a.code.as_str()) lang="vi" selected[answers.competent_agency == a.code.as_str()] { (a.name) }
                    }
                }
            }
        } @else {
            p.muted { (text(l, msg::PROVINCE_FIRST)) }
        }
    })
}

async fn step_form(
    state: &AppState,
    l: Locale,
    signed: &Signed,
    answers: &DraftAnswers,
    error: &Option<FieldError>,
) -> Result<Markup, ApiError> {
    let me = state.app.citizen_profile(&signed.principal).await?;
    let described = |field: &str| mistake_for(error, field).map(|_| format!("{field}-error"));
    Ok(html! {
        h2 { (text(l, msg::APPLICANT)) }
        dl {
            dt { (text(l, msg::FULL_NAME)) } dd { (vi(&me.full_name)) }
            dt { (text(l, msg::ID_NUMBER)) } dd { (ltr(&me.personal_id)) }
            dt { (text(l, msg::PHONE)) } dd { (ltr(&me.phone)) }
        }
        label for="address" { (text(l, msg::ADDRESS)) }
        (error_line(error, "address"))
        input #address type="text" name="address" value=(answers.address) autocomplete="street-address" dir="auto"
            aria-invalid=[described("address").map(|_| "true")] aria-describedby=[described("address")];
        label for="request" { (text(l, msg::REQUEST)) }
        p.muted id="request-hint" { (text(l, msg::REQUEST_HINT)) }
        (error_line(error, "request"))
        textarea #request name="request" rows="4" dir="auto"
            aria-invalid=[described("request").map(|_| "true")]
            aria-describedby=(described("request").map(|e| format!("request-hint {e}")).unwrap_or_else(|| "request-hint".to_owned())) {
            (answers.request)
        }
    })
}

async fn step_documents(
    state: &AppState,
    l: Locale,
    signed: &Signed,
    procedure: &Procedure,
    answers: &DraftAnswers,
    error: &Option<FieldError>,
) -> Result<Markup, ApiError> {
    let mine = state.app.my_documents(&signed.principal).await?;
    Ok(html! {
        p { (text(l, msg::DOCUMENTS_INTRO)) }
        (error_line(error, "documents"))
        (error_line(error, "document"))
        @if procedure.component_groups.iter().all(|g| g.components.is_empty()) {
            p { (text(l, msg::NO_DOCUMENTS_NEEDED)) }
        }
        @for (group_index, group) in procedure.component_groups.iter().enumerate() {
            @if !group.name.is_empty() { h2 lang="vi" dir="auto" { (group.name) } }
            @for (index, component) in group.components.iter().enumerate() {
                @let chosen = answers.documents.iter().find(|d| d.component_code == component.code);
                @let key = format!("c{group_index}-{index}");
                fieldset.card {
                    legend {
                        (vi(&component.name))
                        @if component.required { " " span.tag { (text(l, msg::REQUIRED)) } }
                    }
                    @if let Some(chosen) = chosen {
                        @let name = mine.iter().find(|d| d.sha256 == chosen.sha256).map(|d| d.file_name.as_str()).unwrap_or("");
                        p { (text(l, msg::ATTACHED)) ": " (vi(name)) }
                    }
                    label for=(format!("file-{key}")) { (text(l, msg::UPLOAD_FILE)) }
                    input id=(format!("file-{key}")) type="file" name=(format!("file:{}", component.code))
                        accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png";
                    @if !mine.is_empty() {
                        label for=(format!("pick-{key}")) { (text(l, msg::OR_PICK)) }
                        select id=(format!("pick-{key}")) name=(format!("pick:{}", component.code)) {
                            option value="" { "—" }
                            @for document in &mine {
                                option value=(document.sha256) selected[chosen.is_some_and(|c| c.sha256 == document.sha256)] {
                                    (document.file_name)
                                }
                            }
                        }
                    }
                }
            }
        }
    })
}

async fn step_delivery(
    state: &AppState,
    l: Locale,
    answers: &DraftAnswers,
    error: &Option<FieldError>,
) -> Result<Markup, ApiError> {
    let points = match answers.province_code.as_str() {
        "" => Vec::new(),
        code => state.app.service_points(code, None).await?,
    };
    let (kind, point, address) = match &answers.delivery {
        Some(Delivery::Online) | None => ("online", "", answers.address.as_str()),
        Some(Delivery::Counter { service_point }) => ("counter", service_point.as_str(), answers.address.as_str()),
        Some(Delivery::Post { address }) => ("post", "", address.as_str()),
    };
    let kind = if answers.delivery.is_none() { "" } else { kind };
    Ok(html! {
        fieldset aria-describedby=[mistake_for(error, "delivery").map(|_| "delivery-error")] {
            legend { (text(l, msg::HOW_RECEIVE)) }
            (error_line(error, "delivery"))
            label.check { input type="radio" name="delivery" value="online" checked[kind == "online"]; (text(l, msg::RECEIVE_ONLINE)) }
            label.check { input type="radio" name="delivery" value="counter" checked[kind == "counter"]; (text(l, msg::RECEIVE_COUNTER)) }
            label for="service_point" { (text(l, msg::WHICH_COUNTER)) }
            select #service_point name="service_point" {
                option value="" { "—" }
                @for nearby in points.iter().filter(|p| !p.point.kind.is_agent()) {
                    option value=(nearby.point.code) lang="vi" selected[point == nearby.point.code] { (nearby.point.name) }
                }
            }
            label.check { input type="radio" name="delivery" value="post" checked[kind == "post"]; (text(l, msg::RECEIVE_POST)) }
            label for="post_address" { (text(l, msg::POST_ADDRESS)) }
            input #post_address type="text" name="post_address" value=(address) autocomplete="street-address" dir="auto";
        }
    })
}

async fn step_review(
    state: &AppState,
    l: Locale,
    signed: &Signed,
    procedure: &Procedure,
    answers: &DraftAnswers,
    error: &Option<FieldError>,
) -> Result<Markup, ApiError> {
    let agency = match answers.competent_agency.as_str() {
        "" => None,
        code => Some(state.app.agency(code).await?),
    };
    let case = procedure.cases.iter().find(|c| c.code == answers.case_code);
    let mine = state.app.my_documents(&signed.principal).await?;
    let documents: Vec<&str> = answers
        .documents
        .iter()
        .filter_map(|d| mine.iter().find(|m| m.sha256 == d.sha256).map(|m| m.file_name.as_str()))
        .collect();
    Ok(html! {
        p { (text(l, msg::REVIEW_INTRO)) }
        @if let Some(mistake) = error.as_ref().filter(|e| step_of(&e.field) == 5) { p.error role="alert" { (mistake.message) } }
        dl {
            @if let Some(case) = case { dt { (text(l, msg::STEP_CASE)) } dd { (vi(&case.name)) } }
            dt { (text(l, msg::AGENCY)) } dd { @if let Some(agency) = &agency { (vi(&agency.name)) } @else { "—" } }
            dt { (text(l, msg::ADDRESS)) } dd { (vi(&answers.address)) }
            dt { (text(l, msg::REQUEST)) } dd { (vi(&answers.request)) }
            dt { (text(l, msg::STEP_DOCUMENTS)) }
            dd {
                @if documents.is_empty() { "—" }
                ul { @for name in &documents { li { (vi(name)) } } }
            }
            dt { (text(l, msg::HOW_RECEIVE)) }
            dd { (delivery_text(l, answers.delivery.as_ref())) }
        }
        p { (text(l, msg::REVIEW_PROMISE)) }
    })
}

pub(super) fn delivery_text(l: Locale, delivery: Option<&Delivery>) -> Markup {
    html! {
        @match delivery {
            None => "—",
            Some(Delivery::Online) => (text(l, msg::RECEIVE_ONLINE)),
            Some(Delivery::Counter { service_point }) => { (text(l, msg::RECEIVE_COUNTER)) " (" (ltr(service_point)) ")" },
            Some(Delivery::Post { address }) => { (text(l, msg::RECEIVE_POST)) ": " (vi(address)) },
        }
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct TokenOnly {
    #[serde(default)]
    csrf: String,
}

pub(crate) async fn discard(
    State(state): State<AppState>,
    Citizen(signed): Citizen,
    Path(id): Path<String>,
    Form(form): Form<TokenOnly>,
) -> Result<Response, ApiError> {
    signed.check_form(&form.csrf)?;
    state.app.discard_draft(&signed.principal, &id).await?;
    Ok(Redirect::to("/ho-so-cua-toi").into_response())
}

/// The QR code of a text, as inline SVG with a text alternative.
fn qr_code(text: &str, label: &str) -> Markup {
    let svg = qrcode::QrCode::new(text.as_bytes())
        .map(|code| code.render::<qrcode::render::svg::Color<'_>>().min_dimensions(160, 160).quiet_zone(true).build())
        .unwrap_or_default();
    let inline = svg.split_once("?>").map_or(svg.as_str(), |(_, rest)| rest);
    let label = html! { (label) }.into_string().replace('"', "&quot;");
    let labelled = inline.replacen("<svg ", &format!("<svg role=\"img\" aria-label=\"{label}\" "), 1);
    html! { div.qr { (PreEscaped(labelled)) } }
}

/// The receipt of an online submission: reference, QR code, what comes next.
pub(crate) async fn receipt(
    State(state): State<AppState>,
    page: PageLocale,
    Citizen(signed): Citizen,
    Path(reference): Path<String>,
) -> Result<Response, ApiError> {
    let l = page.locale;
    let view = state.app.dossier(&signed.principal, &reference).await?;
    let dossier = &view.dossier;
    let procedure = state.app.procedure(&dossier.procedure_code).await?;
    let shown = dossier.reference();
    let expected = match dossier.due_at {
        Some(_) => None,
        None => state.app.expected_due_at(dossier).await?,
    };
    let path = format!("/ho-so-cua-toi/{shown}/bien-nhan");
    let body = html! {
        h1 { (text(l, msg::RECEIPT_TITLE)) }
        p role="status" { (text(l, if dossier.code.is_some() { msg::RECEIPT_RECEIVED } else { msg::RECEIPT_SUBMITTED })) }
        dl {
            dt { (text(l, if dossier.code.is_some() { msg::DOSSIER_CODE } else { msg::REFERENCE })) }
            dd.big { (ltr(&super::readable(&shown, dossier.code.is_some()))) }
            dt { (text(l, msg::CATALOGUE)) } dd { (vi(&procedure.entry.summary.name)) }
            dt { (text(l, msg::SUBMITTED_AT)) } dd { (ltr(&date(dossier.submitted_at))) }
            @if let Some(due) = dossier.due_at { dt { (text(l, msg::DUE_AT)) } dd { (ltr(&date(due))) } }
            @if let Some(expected) = expected {
                dt { (text(l, msg::EXPECTED_DUE)) } dd { (ltr(&date(expected))) }
            }
            dt { (text(l, msg::STATUS)) } dd { (text(l, i18n::status(dossier.status()))) }
        }
        (qr_code(&shown, &format!("{}: {shown}", text(l, msg::QR_OF_CODE))))
        @if dossier.code.is_none() { p { (text(l, msg::CODE_COMES_LATER)) } } @else {
            p { a href=(format!("/ho-so-cua-toi/{shown}/bien-nhan.pdf")) { (text(l, msg::FORM_01)) " (PDF)" } }
        }
        p { a href=(format!("/ho-so-cua-toi/{shown}")) { (text(l, msg::FOLLOW_DOSSIER)) } }
        p { a href="/ho-so-cua-toi" { (text(l, msg::MY_DOSSIERS)) } }
    };
    Ok(layout(page, &text(l, msg::RECEIPT_TITLE), &path, body))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_qr_code_is_inline_svg_with_a_label() {
        let markup = super::qr_code("000.04.01.H29-261128-0001", "Mã hồ sơ").into_string();
        assert!(markup.starts_with("<div class=\"qr\"><svg role=\"img\" aria-label=\"Mã hồ sơ\""), "{markup}");
        assert!(!markup.contains("<?xml"));
    }

    #[test]
    fn random_references_read_in_groups() {
        assert_eq!(super::super::readable("c442e3d727897ee7", false), "c442 e3d7 2789 7ee7");
        assert_eq!(super::super::readable("000.04.01.H29-261128-0001", true), "000.04.01.H29-261128-0001");
    }

    #[test]
    fn each_field_belongs_to_a_step() {
        assert_eq!(super::step_of("competent_agency"), 1);
        assert_eq!(super::step_of("request"), 2);
        assert_eq!(super::step_of("documents"), 3);
        assert_eq!(super::step_of("delivery"), 4);
    }
}
