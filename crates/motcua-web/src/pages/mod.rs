//! Server-rendered pages for the public: home, the catalogue, a procedure,
//! and the dossier lookup. They work without JavaScript, are light, and are
//! laid out right to left in Arabic with codes, dates and numbers kept left
//! to right. Handlers call the same use cases as the API.

mod account;
mod admin;
mod desk;
mod guard;
mod indicators;
mod password;
mod slips;
mod submit;
mod verify;

pub(crate) use account::{
    my_dossier, my_dossiers, rate, register, register_form, sign_in, sign_in_form, sign_out, supplement, withdraw,
};
pub(crate) use admin::{
    agencies as admin_agencies, assign_officer as admin_assign_officer, calendar as admin_calendar,
    create_officer as admin_create_officer, index766 as admin_index766, officers as admin_officers,
    points as admin_points, remove_day as admin_remove_day, save_agency as admin_save_agency,
    save_index766_weight as admin_save_index766_weight, save_point as admin_save_point,
    save_setting as admin_save_setting, set_day as admin_set_day, settings as admin_settings,
};
pub(crate) use desk::{
    act as desk_act, dossier as desk_dossier, receive as desk_receive, reception_form as desk_reception,
    sign_in as desk_sign_in, sign_in_form as desk_sign_in_form, worklist as desk_worklist,
};
pub(crate) use indicators::{
    behind as indicators_behind, dashboard as indicators_dashboard, dashboard_csv as indicators_dashboard_csv,
    dashboard_xlsx as indicators_dashboard_xlsx, transparency, transparency_csv, transparency_xlsx,
};
pub(crate) use password::{forgot, forgot_form, reset, reset_form};
pub(crate) use slips::{dossier_form, my_receipt, tracking_book};
pub(crate) use submit::{discard, receipt, save as save_step, start as start_submission, step as submission_step};
pub(crate) use verify::{verify as desk_verify_account, verify_form as desk_verify_account_form};

use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use maud::{DOCTYPE, Markup, html};
use motcua_domain::catalogue::{CatalogueQuery, StatedTime};
use motcua_domain::clock::to_vietnam_time;
use serde::Deserialize;

use crate::AppState;
use crate::i18n::{self, LANGUAGE_COOKIE, Locale};
use crate::problem::ApiError;
use motcua_i18n::{Args, msg, text, text_with};

/// The page's language: negotiated, and remembered when chosen with `?lang=`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PageLocale {
    locale: Locale,
    chosen: bool,
}

impl<S: Send + Sync> FromRequestParts<S> for PageLocale {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<PageLocale, Self::Rejection> {
        let query = parts.uri.query();
        let chosen = query.is_some_and(|q| q.split('&').any(|p| p.starts_with("lang=")));
        Ok(PageLocale { locale: i18n::negotiate(query, &parts.headers), chosen })
    }
}

/// A reference as people read it out: a dossier code as it is, a random
/// reference in groups of four.
pub(super) fn readable(reference: &str, is_code: bool) -> String {
    if is_code {
        return reference.to_owned();
    }
    let chars: Vec<char> = reference.chars().collect();
    chars.chunks(4).map(|group| group.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
}

/// After a form that changes something: on to `outcome`'s address; or the
/// form's page again, by `again`, with a mistake the person can fix shown
/// where it belongs; or the error page.
async fn settle<Fut>(
    locale: Locale,
    outcome: Result<String, motcua_app::AppError>,
    again: impl FnOnce(account::FieldError) -> Fut,
) -> Result<Response, ApiError>
where
    Fut: Future<Output = Result<Response, ApiError>>,
{
    match outcome {
        Ok(to) => Ok(axum::response::Redirect::to(&to).into_response()),
        Err(error) => match account::field_error(locale, &error) {
            Some(mistake) => again(mistake).await,
            None => Err(error.into()),
        },
    }
}

/// A wide table that scrolls on its own on a narrow screen, instead of the
/// page: a labelled region that the keyboard can reach and scroll.
fn scrolling(label: &str, table: Markup) -> Markup {
    html! { div.scroll role="region" aria-label=(label) tabindex="0" { (table) } }
}

/// Text that must read left to right even inside Arabic: codes, dates, numbers.
fn ltr(text: &str) -> Markup {
    html! { bdi dir="ltr" { (text) } }
}

/// Catalogue text, which is in Vietnamese whatever the page's language: marked
/// so that screen readers pronounce it as Vietnamese and it keeps its own
/// direction inside an Arabic page.
fn vi(text: &str) -> Markup {
    html! { bdi lang="vi" dir="ltr" { (text) } }
}

fn date(instant: DateTime<Utc>) -> String {
    to_vietnam_time(instant).format("%d/%m/%Y %H:%M").to_string()
}

/// A history event's stored RFC 3339 instant, as [`date`] shows it.
fn event_time(at: &str) -> String {
    DateTime::parse_from_rfc3339(at).map(|a| date(a.with_timezone(&Utc))).unwrap_or_default()
}

/// The common frame of every public page.
fn layout(page: PageLocale, title: &str, path: &str, body: Markup) -> Response {
    let l = page.locale;
    let nav = html! {
        li { a href="/" { (text(l, msg::HOME)) } }
        li { a href="/thu-tuc" { (text(l, msg::CATALOGUE)) } }
        li { a href="/tra-cuu" { (text(l, msg::LOOKUP)) } }
        li { a href="/ho-so-cua-toi" { (text(l, msg::MY_DOSSIERS)) } }
        li { a href="/chi-so" { (text(l, msg::INDICATORS_NAV)) } }
    };
    frame(page, title, path, nav, body)
}

/// The frame of every page: head, skip link, the site's navigation, the
/// language switch, the main content.
fn frame(page: PageLocale, title: &str, path: &str, nav: Markup, body: Markup) -> Response {
    let l = page.locale;
    let markup = html! {
        (DOCTYPE)
        html lang=(l.tag()) dir=(l.dir()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · " (text(l, msg::SITE)) }
                link rel="stylesheet" href=(crate::assets::stylesheet_path());
            }
            body {
                a.skip href="#main" { (text(l, msg::SKIP)) }
                header {
                    a.site href="/" { (text(l, msg::SITE)) }
                    nav aria-label=(text(l, msg::SITE)) {
                        ul { (nav) }
                    }
                    nav aria-label=(text(l, msg::LANGUAGE)) {
                        ul.langs {
                            @for other in Locale::ALL {
                                li {
                                    a href=(format!("{path}{}lang={}", if path.contains('?') { "&" } else { "?" }, other.tag()))
                                      lang=(other.tag()) hreflang=(other.tag())
                                      aria-current=[(other == l).then_some("true")] {
                                        (language_name(other))
                                    }
                                }
                            }
                        }
                    }
                }
                main #main { (body) }
                footer.muted { (text(l, msg::SITE)) }
            }
        }
    };
    let mut response = markup.into_response();
    if page.chosen
        && let Some(value) = crate::security::cookie(LANGUAGE_COOKIE, l.tag(), 31_536_000)
    {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response.headers_mut().insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(l.tag()));
    response
}

fn language_name(locale: Locale) -> &'static str {
    match locale {
        Locale::Vi => "Tiếng Việt",
        Locale::En => "English",
        Locale::Ar => "العربية",
    }
}

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
                    " " span.muted { "(" (ltr(&count.to_string())) " " (text_with(l, msg::PROCEDURES_COUNT, &Args::new().count("count", i64::from(*count)))) ")" }
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
                        (submit::form_token(signed))
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

pub(super) fn group_digits(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if amount < 0 { format!("-{out}") } else { out }
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
                        p { strong { (text(l, msg::STATUS)) ": " } (i18n::status_named(l, &status.status)) }
                        @if let Some(received) = status.received_at { p { (text(l, msg::RECEIVED_AT)) ": " (ltr(&date(received))) } }
                        @if let Some(due) = status.due_at { p { (text(l, msg::DUE_AT)) ": " (ltr(&date(due))) } }
                        h3 { (text(l, msg::HISTORY)) }
                        ol {
                            @for event in &status.history {
                                li {
                                    (ltr(&event_time(&event.at))) " — " (i18n::history_entry(l, &event.action))
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

#[cfg(test)]
mod tests {
    #[test]
    fn amounts_are_grouped_by_thousands() {
        assert_eq!(super::group_digits(1_500_000), "1.500.000");
        assert_eq!(super::group_digits(100), "100");
    }
}
