//! The public pages: home, the catalogue and its search, a procedure with
//! the nearest service points, and the dossier lookup. No sign-in needed.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use chrono::Utc;
use maud::{Markup, html};
use motcua_domain::catalogue::{CatalogueQuery, StatedTime};
use motcua_i18n::{Args, msg, text, text_with};
use serde::Deserialize;

use super::form::form_token;
use super::{PageLocale, date, group_digits, layout, ltr, vi};
use crate::AppState;
use crate::i18n::{self, Locale};
use crate::problem::ApiError;

fn search_form(l: Locale, value: &str) -> Markup {
    html! {
        form method="get" action="/thu-tuc" role="search" {
            label for="q" { (text(l, msg::SEARCH_LABEL)) }
            input #q type="search" name="q" value=(value) autocomplete="off";
            button type="submit" { (text(l, msg::SEARCH)) }
        }
    }
}

/// The lookup asks for an identification number, so it is posted: the
/// number stays out of addresses, browser history and proxy logs.
fn lookup_form(l: Locale, code: &str, id_number: &str) -> Markup {
    html! {
        form method="post" action="/tra-cuu" {
            label for="code" { (text(l, msg::DOSSIER_CODE)) }
            input #code type="text" name="code" value=(code) inputmode="text" autocomplete="off" dir="ltr";
            label for="id_number" { (text(l, msg::ID_NUMBER)) }
            input #id_number type="text" name="id_number" value=(id_number) inputmode="numeric" autocomplete="off" dir="ltr";
            button type="submit" { (text(l, msg::LOOK_UP)) }
        }
    }
}

pub(crate) async fn home(State(state): State<AppState>, page: PageLocale) -> Result<Response, ApiError> {
    let l = page.locale;
    let facts = state.app.home_facts().await?;
    let body = html! {
        h1 { (text(l, msg::SITE)) }
        (search_form(l, ""))
        h2 { (text(l, msg::MOST_USED)) }
        ul {
            @for hit in &facts.most_used {
                li { a href=(format!("/thu-tuc/{}", hit.summary.code)) { (vi(&hit.summary.name)) } }
            }
        }
        h2 { (text(l, msg::FIELDS)) }
        ul {
            @for (code, name, count) in &facts.fields {
                li {
                    a href=(format!("/thu-tuc?field={code}")) { (vi(name)) " " span.muted { "(" (ltr(code)) ")" } }
                    " " span.muted { "(" (ltr(&count.to_string())) " " (text_with(l, msg::PROCEDURES_COUNT, &Args::new().count("count", *count))) ")" }
                }
            }
        }
        h2 { (text(l, msg::LOOKUP)) }
        (lookup_form(l, "", ""))
    };
    Ok(layout(page, &text(l, msg::HOME), "/", body))
}

#[derive(Debug, Deserialize)]
pub(crate) struct CatalogueParams {
    q: Option<String>,
    level: Option<String>,
    field: Option<String>,
    full_online: Option<String>,
    page: Option<u32>,
}

pub(crate) async fn catalogue(
    State(state): State<AppState>,
    page: PageLocale,
    Query(params): Query<CatalogueParams>,
) -> Result<Response, ApiError> {
    let l = page.locale;
    let words = params.q.clone().unwrap_or_default();
    let mut query =
        CatalogueQuery::new(Some(&words), params.level.as_deref(), params.field.as_deref(), params.page, None)?;
    let full_online = params.full_online.as_deref() == Some("1");
    query.full_online = full_online.then_some(true);
    let results = state.app.search_catalogue(&query).await?;
    let pages = (results.total + i64::from(query.per_page) - 1) / i64::from(query.per_page);
    let link = |n: u32| {
        let mut link = format!("/thu-tuc?q={}&page={n}", crate::percent_encode(&words));
        for (name, value) in [("level", &params.level), ("field", &params.field), ("full_online", &params.full_online)]
        {
            if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
                link.push_str(&format!("&{name}={}", crate::percent_encode(value)));
            }
        }
        link
    };
    let levels = [
        ("", msg::ANY_LEVEL),
        ("province", msg::PROVINCE),
        ("commune", msg::COMMUNE),
        ("ministry", msg::MINISTRY),
        ("other", msg::OTHER),
    ];
    let body = html! {
        h1 { (text(l, msg::CATALOGUE)) }
        form method="get" action="/thu-tuc" role="search" {
            label for="q" { (text(l, msg::SEARCH_LABEL)) }
            input #q type="search" name="q" value=(words) autocomplete="off";
            label for="level" { (text(l, msg::LEVEL)) }
            select #level name="level" {
                @for (value, key) in levels {
                    option value=(value) selected[params.level.as_deref().unwrap_or("") == value] { (text(l, key)) }
                }
            }
            @if let Some(field) = params.field.as_deref().filter(|f| !f.is_empty()) {
                input type="hidden" name="field" value=(field);
            }
            label.check {
                input type="checkbox" name="full_online" value="1" checked[full_online];
                (text(l, msg::FULL_ONLINE_ONLY))
            }
            button type="submit" { (text(l, msg::SEARCH)) }
        }
        p role="status" { (ltr(&results.total.to_string())) " " (text_with(l, msg::RESULTS_FOUND, &Args::new().count("count", results.total))) }
        @if results.items.is_empty() {
            p { (text(l, msg::NO_RESULTS)) }
        }
        @for hit in &results.items {
            div.card {
                h2 { a href=(format!("/thu-tuc/{}", hit.summary.code)) { (vi(&hit.summary.name)) } }
                p.muted {
                    (text(l, msg::CODE)) ": " (ltr(hit.summary.code.as_str()))
                    @if let Some(field) = &hit.summary.field { " · " (vi(&field.name)) }
                }
                @if hit.summary.full_online { span.tag { (text(l, msg::FULL_ONLINE)) } }
                @if hit.summary.online { span.tag { (text(l, msg::ONLINE)) } }
                @if hit.summary.boundary_free { span.tag { (text(l, msg::BOUNDARY_FREE)) } }
            }
        }
        @if pages > 1 {
            nav.pages aria-label=(text(l, msg::PAGE)) {
                @if query.page > 1 { a href=(link(query.page - 1)) rel="prev" { (text(l, msg::PREVIOUS)) } } @else { span {} }
                span { (text(l, msg::PAGE)) " " (ltr(&format!("{}/{}", query.page, pages))) }
                @if i64::from(query.page) < pages { a href=(link(query.page + 1)) rel="next" { (text(l, msg::NEXT)) } } @else { span {} }
            }
        }
    };
    Ok(layout(page, &text(l, msg::CATALOGUE), &link(query.page), body))
}

fn stated_time(l: Locale, time: &StatedTime) -> String {
    match time.amount {
        Some(amount) => {
            let amount = if amount.fract() == 0.0 { format!("{amount:.0}") } else { format!("{amount}") };
            format!("{amount} {}", text(l, i18n::time_unit(time.unit)))
        }
        None => time.text.clone(),
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct WhereParams {
    tinh: Option<String>,
    xa: Option<String>,
}

pub(crate) async fn procedure(
    State(state): State<AppState>,
    page: PageLocale,
    signed: Option<crate::auth::Signed>,
    Path(code): Path<String>,
    Query(place): Query<WhereParams>,
) -> Result<Response, ApiError> {
    let l = page.locale;
    let view = state.app.procedure(&code).await?;
    let summary = &view.entry.summary;
    let provinces = state.app.provinces().await?;
    let province = place.tinh.as_deref().filter(|p| !p.is_empty());
    let communes = match province {
        Some(code) => state.app.communes(code).await?,
        None => Vec::new(),
    };
    let commune = place.xa.as_deref().filter(|c| !c.is_empty());
    let points = match province {
        Some(code) => state.app.service_points(code, commune).await?,
        None => Vec::new(),
    };
    let path = format!("/thu-tuc/{}", summary.code);
    let body = html! {
        h1 lang="vi" dir="auto" { (summary.name) }
        p.muted {
            (text(l, msg::CODE)) ": " (ltr(summary.code.as_str()))
            @if let Some(field) = &summary.field { " · " (text(l, msg::FIELD)) ": " (vi(&field.name)) }
        }
        @if summary.full_online { span.tag { (text(l, msg::FULL_ONLINE)) } }
        @if summary.online { span.tag { (text(l, msg::ONLINE)) } }
        @if summary.boundary_free { span.tag { (text(l, msg::BOUNDARY_FREE)) } }
        @if !summary.agencies.is_empty() {
            p { (text(l, msg::AGENCIES)) ": " (vi(&summary.agencies.join("; "))) }
        }
        @if view.current.as_ref().is_some_and(|v| v.procedure.accepts_online()) {
            section.card aria-labelledby="nop-title" {
                h2 #nop-title { (text(l, msg::SUBMIT_ONLINE)) }
                @match signed.as_ref().filter(|s| matches!(s.principal, motcua_domain::access::Principal::Citizen { .. })) {
                    Some(signed) => form method="post" action="/nop-ho-so" {
                        (form_token(signed))
                        input type="hidden" name="procedure" value=(summary.code.as_str());
                        button type="submit" { (text(l, msg::START_SUBMISSION)) }
                    },
                    None => p {
                        a href=(format!("/dang-nhap?next={}", crate::percent_encode(&format!("/thu-tuc/{}", summary.code)))) { (text(l, msg::SIGN_IN_TO_SUBMIT)) }
                    },
                }
            }
        }
        @match &view.current {
            None => section #no-details {
                p { (text(l, msg::NO_DETAILS)) }
                p { (text(l, msg::NO_DETAILS_AT_COUNTER)) }
            },
            Some(version) => {
                @let procedure = &version.procedure;
                h2 { (text(l, msg::TIME_AND_FEES)) }
                table {
                    thead { tr { th scope="col" { (text(l, msg::CHANNEL)) } th scope="col" { (text(l, msg::TIME)) } th scope="col" { (text(l, msg::FEES)) } } }
                    tbody {
                        @for channel in &procedure.channels {
                            tr {
                                th scope="row" { (text(l, i18n::submission_method(channel.method))) }
                                td { (stated_time(l, &channel.processing_time)) }
                                td {
                                    @let paid: Vec<_> = channel.fees.iter().filter(|f| f.amount_dong.unwrap_or(0) > 0).collect();
                                    @if paid.is_empty() { (text(l, msg::FREE)) }
                                    @for fee in paid {
                                        div { (ltr(&format!("{} đ", group_digits(fee.amount_dong.unwrap_or(0))))) }
                                        @if !fee.description.is_empty() { div.muted lang="vi" dir="auto" { (fee.description) } }
                                    }
                                }
                            }
                        }
                    }
                }
                h2 { (text(l, msg::DOCUMENTS)) }
                @for group in &procedure.component_groups {
                    @if !group.name.is_empty() { h3 lang="vi" dir="auto" { (group.name) } }
                    ul {
                        @for component in &group.components {
                            li {
                                (vi(&component.name))
                                " " span.muted {
                                    "(" (ltr(&component.originals.to_string())) " " (text(l, msg::ORIGINALS)) ", "
                                    (ltr(&component.copies.to_string())) " " (text(l, msg::COPIES))
                                    @if component.required { ", " (text(l, msg::REQUIRED)) }
                                    ")"
                                }
                                @for form in &component.forms { " · " (text(l, msg::FORM)) ": " (vi(&form.file_name)) }
                            }
                        }
                    }
                }
                @if !procedure.steps.is_empty() {
                    h2 { (text(l, msg::STEPS)) }
                    @for step in &procedure.steps {
                        @if !step.name.is_empty() { h3 lang="vi" dir="auto" { (step.name) } }
                        @for line in step.description.lines().filter(|line| !line.trim().is_empty()) { p lang="vi" dir="auto" { (line.trim()) } }
                    }
                }
                @if !procedure.results.is_empty() {
                    h2 { (text(l, msg::RESULTS)) }
                    ul { @for result in &procedure.results { li { (vi(&result.name)) } } }
                }
                @if !procedure.legal_bases.is_empty() {
                    h2 { (text(l, msg::LEGAL_BASES)) }
                    ul { @for basis in &procedure.legal_bases { li { (ltr(&basis.code)) " " (vi(&basis.name)) } } }
                }
            }
        }
        h2 #noi-nop { (text(l, msg::WHERE)) }
        form method="get" action=(format!("{path}#noi-nop")) {
            label for="tinh" { (text(l, msg::CHOOSE_PROVINCE)) }
            select #tinh name="tinh" {
                option value="" { "—" }
                @for p in &provinces { option value=(p.code) lang="vi" selected[province == Some(p.code.as_str())] { (p.name) } }
            }
            @if !communes.is_empty() {
                label for="xa" { (text(l, msg::CHOOSE_COMMUNE)) }
                select #xa name="xa" {
                    option value="" { "—" }
                    @for c in &communes { option value=(c.code) lang="vi" selected[commune == Some(c.code.as_str())] { (c.name) } }
                }
            }
            button type="submit" { (text(l, msg::SHOW)) }
        }
        @for nearby in &points {
            div.card {
                h3 lang="vi" dir="auto" { (nearby.point.name) }
                p { (vi(&nearby.point.address)) }
                @if let Some(day) = nearby.point.session_date {
                    p {
                        strong { (text(l, msg::SESSION_DAY)) ": " } (ltr(&day.format("%d/%m/%Y").to_string()))
                        @if nearby.point.session_time(Utc::now()) == Some(motcua_domain::organisation::SessionTime::Over) {
                            " " span.tag { (text(l, msg::SESSION_OVER)) }
                        }
                    }
                }
                p.muted {
                    (text(l, msg::HOURS)) ": " (ltr(&nearby.point.working_hours.to_string().replace(',', ", ")))
                    @if let Some(km) = nearby.distance_km { " · " (ltr(&format!("{km:.1}"))) " " (text(l, msg::KM_AWAY)) }
                }
            }
        }
    };
    Ok(layout(page, &summary.name, &path, body))
}

#[derive(Debug, Deserialize)]
pub(crate) struct LookupParams {
    code: Option<String>,
    id_number: Option<String>,
}

pub(crate) async fn lookup(
    State(state): State<AppState>,
    page: PageLocale,
    Query(params): Query<LookupParams>,
) -> Result<Response, ApiError> {
    lookup_page(&state, page, params).await
}

pub(crate) async fn lookup_posted(
    State(state): State<AppState>,
    page: PageLocale,
    axum::Form(params): axum::Form<LookupParams>,
) -> Result<Response, ApiError> {
    lookup_page(&state, page, params).await
}

async fn lookup_page(state: &AppState, page: PageLocale, params: LookupParams) -> Result<Response, ApiError> {
    let l = page.locale;
    let code = params.code.unwrap_or_default();
    let id_number = params.id_number.unwrap_or_default();
    let asked = !code.trim().is_empty() && !id_number.trim().is_empty();
    let found = if asked {
        match state.app.lookup(&code, Some(&id_number), None).await {
            Ok(status) => Some(status),
            Err(motcua_app::AppError::NotFound { .. }) => None,
            Err(other) => return Err(other.into()),
        }
    } else {
        None
    };
    let body = html! {
        h1 { (text(l, msg::LOOKUP)) }
        p { (text(l, msg::LOOKUP_INTRO)) }
        (lookup_form(l, &code, &id_number))
        @if asked {
            section aria-live="polite" {
                @match &found {
                    None => p role="alert" { (text(l, msg::NOT_FOUND_PAIR)) },
                    Some(status) => {
                        h2 { (text(l, msg::DOSSIER_CODE)) ": " (ltr(&status.code)) }
                        p { strong { (text(l, msg::STATUS)) ": " } (text(l, i18n::status(status.status))) }
                        @if let Some(received) = status.received_at { p { (text(l, msg::RECEIVED_AT)) ": " (ltr(&date(received))) } }
                        @if let Some(due) = status.due_at { p { (text(l, msg::DUE_AT)) ": " (ltr(&date(due))) } }
                        h3 { (text(l, msg::HISTORY)) }
                        ol {
                            @for event in &status.history {
                                li {
                                    (ltr(&date(event.at))) " — " (text(l, i18n::history_entry(event.kind)))
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(layout(page, &text(l, msg::LOOKUP), "/tra-cuu", body))
}
