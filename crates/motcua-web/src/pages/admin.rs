//! Administration pages: officers and their role assignments, service
//! points (outreach sessions with their date and staff), and the calendar.
//! Plain forms; a mistake is shown on the page and nothing changes.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, NaiveDate};
use maud::{Markup, html};
use motcua_app::AppError;
use motcua_app::admin::NewOfficer;
use motcua_domain::access::Principal;
use motcua_domain::calendar::DayKind;
use motcua_domain::clock::WorkingHours;
use motcua_domain::organisation::{Role, Scope, ServicePoint, ServicePointKind};
use motcua_domain::{DomainError, Reason};
use motcua_i18n::{msg, text};
use serde::Deserialize;

use super::form::{FieldError, form_token, settle};
use super::guard::Administrator;
use super::{PageLocale, frame, ltr, vi};
use crate::AppState;
use crate::auth::Signed;
use crate::i18n::{self, Locale};
use crate::problem::ApiError;

pub(super) fn admin_layout(page: PageLocale, title: &str, path: &str, body: Markup) -> Response {
    let l = page.locale;
    let nav = html! {
        li { a href="/quan-tri" { (text(l, msg::OFFICERS)) } }
        li { a href="/quan-tri/co-quan" { (text(l, msg::AGENCIES_ADMIN)) } }
        li { a href="/quan-tri/diem-tiep-nhan" { (text(l, msg::SERVICE_POINTS)) } }
        li { a href="/quan-tri/lich" { (text(l, msg::CALENDAR)) } }
        li { a href="/quan-tri/thu-tuc" { (text(l, msg::PROCEDURE_SETTINGS)) } }
        li { a href="/quan-tri/chi-so" { (text(l, msg::INDEX766_SHORT)) } }
        li { a href="/quan-tri/doi-soat" { (text(l, msg::RECONCILIATION)) } }
        li { a href="/can-bo" { (text(l, msg::WORKLIST)) } }
    };
    frame(page, title, path, nav, body)
}

pub(super) fn mistake_line(error: &Option<FieldError>) -> Markup {
    html! { @if let Some(mistake) = error { p.error role="alert" { (mistake.message) } } }
}

pub(super) fn text_field(id: &str, name: &str, label: &str, value: &str) -> Markup {
    html! {
        label for=(id) { (label) }
        input id=(id) type="text" name=(name) value=(value) dir="auto";
    }
}

fn role_select(l: Locale, id: &str, chosen: Option<Role>) -> Markup {
    html! {
        label for=(id) { (text(l, msg::ROLE)) }
        select id=(id) name="role" {
            @for role in Role::ALL { option value=(role.as_str()) selected[chosen == Some(role)] { (text(l, i18n::role(role))) } }
        }
    }
}

fn scope_fields(l: Locale, prefix: &str, kind: &str, code: &str) -> Markup {
    html! {
        label for=(format!("{prefix}-scope-kind")) { (text(l, msg::SCOPE_KIND)) }
        select id=(format!("{prefix}-scope-kind")) name="scope_kind" {
            @for (value, key) in [("service_point", msg::SCOPE_SERVICE_POINT), ("agency", msg::AGENCY), ("unit", msg::SCOPE_UNIT)] {
                option value=(value) selected[kind == value] { (text(l, key)) }
            }
        }
        (text_field(&format!("{prefix}-scope-code"), "scope_code", &text(l, msg::SCOPE_CODE), code))
    }
}

pub(crate) async fn officers(
    State(state): State<AppState>,
    page: PageLocale,
    Administrator(signed): Administrator,
) -> Result<Response, ApiError> {
    officers_page(&state, page, &signed, None, StatusCode::OK).await
}

async fn officers_page(
    state: &AppState,
    page: PageLocale,
    signed: &Signed,
    error: Option<FieldError>,
    status: StatusCode,
) -> Result<Response, ApiError> {
    let l = page.locale;
    let officers = state.app.province_officers(&signed.principal).await?;
    let body = html! {
        h1 { (text(l, msg::OFFICERS)) }
        (mistake_line(&error))
        (super::scrolling(&text(l, msg::TABLE), html! { table {
            caption.muted { (text(l, msg::OFFICERS_CAPTION)) }
            thead { tr {
                th scope="col" { (text(l, msg::USERNAME)) }
                th scope="col" { (text(l, msg::FULL_NAME)) }
                th scope="col" { (text(l, msg::ROLE)) }
                th scope="col" { (text(l, msg::SCOPE_CODE)) }
            } }
            tbody {
                @for officer in &officers {
                    tr {
                        th scope="row" { (ltr(&officer.username)) }
                        td { (vi(&officer.display_name)) }
                        td { (text(l, i18n::role(officer.role))) }
                        td { (ltr(officer.scope.code())) }
                    }
                }
            }
        } }))
        section.card aria-labelledby="new-officer" {
            h2 #new-officer { (text(l, msg::NEW_OFFICER)) }
            form method="post" action="/quan-tri/can-bo" {
                (form_token(signed))
                (text_field("new-username", "username", &text(l, msg::USERNAME), ""))
                (text_field("new-name", "display_name", &text(l, msg::FULL_NAME), ""))
                (role_select(l, "new-role", None))
                (scope_fields(l, "new", "service_point", ""))
                label for="new-password" { (text(l, msg::PASSWORD_NEW)) }
                input #new-password type="password" name="password" autocomplete="new-password";
                button type="submit" { (text(l, msg::CREATE)) }
            }
        }
        section.card aria-labelledby="assign-officer" {
            h2 #assign-officer { (text(l, msg::ASSIGN_OFFICER)) }
            p.muted { (text(l, msg::ASSIGN_HINT)) }
            form method="post" action="/quan-tri/can-bo/phan-cong" {
                (form_token(signed))
                label for="assign-username" { (text(l, msg::USERNAME)) }
                select #assign-username name="username" {
                    @for officer in &officers { option value=(officer.username) { (officer.username) } }
                }
                (role_select(l, "assign-role", None))
                (scope_fields(l, "assign", "service_point", ""))
                button type="submit" { (text(l, msg::SAVE)) }
            }
        }
    };
    Ok((status, admin_layout(page, &text(l, msg::OFFICERS), "/quan-tri", body)).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct OfficerForm {
    csrf: String,
    username: String,
    display_name: String,
    role: String,
    scope_kind: String,
    scope_code: String,
    password: String,
}

pub(crate) async fn create_officer(
    State(state): State<AppState>,
    page: PageLocale,
    Administrator(signed): Administrator,
    Form(form): Form<OfficerForm>,
) -> Result<Response, ApiError> {
    signed.check_form(&form.csrf)?;
    let new = NewOfficer {
        username: form.username,
        display_name: form.display_name,
        role: form.role,
        scope_kind: form.scope_kind,
        scope_code: form.scope_code,
        password: form.password,
    };
    let outcome = state.app.create_officer_account(&signed.principal, &new).await.map(|()| "/quan-tri".to_owned());
    settle(page.locale, outcome, |mistake| {
        officers_page(&state, page, &signed, Some(mistake), StatusCode::UNPROCESSABLE_ENTITY)
    })
    .await
}

pub(crate) async fn assign_officer(
    State(state): State<AppState>,
    page: PageLocale,
    Administrator(signed): Administrator,
    Form(form): Form<OfficerForm>,
) -> Result<Response, ApiError> {
    signed.check_form(&form.csrf)?;
    let outcome = state
        .app
        .assign_officer(&signed.principal, &form.username, &form.role, &form.scope_kind, &form.scope_code)
        .await
        .map(|()| "/quan-tri".to_owned());
    settle(page.locale, outcome, |mistake| {
        officers_page(&state, page, &signed, Some(mistake), StatusCode::UNPROCESSABLE_ENTITY)
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct PointForm {
    csrf: String,
    code: String,
    name: String,
    kind: String,
    unit_code: String,
    address: String,
    hours: String,
    session_date: String,
    latitude: String,
    longitude: String,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct PointQuery {
    ma: Option<String>,
}

pub(crate) async fn points(
    State(state): State<AppState>,
    page: PageLocale,
    Administrator(signed): Administrator,
    Query(query): Query<PointQuery>,
) -> Result<Response, ApiError> {
    let mut form = PointForm::default();
    if let Some(code) = query.ma.as_deref() {
        let point = state.app.service_point(code).await?;
        form = PointForm {
            code: point.code,
            name: point.name,
            kind: point.kind.as_str().to_owned(),
            unit_code: point.unit_code,
            address: point.address,
            hours: point.working_hours.to_string(),
            session_date: point.session_date.map(|d| d.to_string()).unwrap_or_default(),
            latitude: point.latitude.map(|v| v.to_string()).unwrap_or_default(),
            longitude: point.longitude.map(|v| v.to_string()).unwrap_or_default(),
            csrf: String::new(),
        };
    }
    points_page(&state, page, &signed, &form, None, StatusCode::OK).await
}

async fn points_page(
    state: &AppState,
    page: PageLocale,
    signed: &Signed,
    form: &PointForm,
    error: Option<FieldError>,
    status: StatusCode,
) -> Result<Response, ApiError> {
    let l = page.locale;
    let Principal::Officer { scope, .. } = &signed.principal else { return Err(AppError::Unauthenticated.into()) };
    let province = scope.code().to_owned();
    let points = state.app.service_points(&province, None).await?;
    let officers = state.app.province_officers(&signed.principal).await?;
    let body = html! {
        h1 { (text(l, msg::SERVICE_POINTS)) }
        (mistake_line(&error))
        (super::scrolling(&text(l, msg::TABLE), html! { table {
            thead { tr {
                th scope="col" { (text(l, msg::CODE_SHORT)) }
                th scope="col" { (text(l, msg::NAME)) }
                th scope="col" { (text(l, msg::HOURS)) }
                th scope="col" { (text(l, msg::STAFF)) }
            } }
            tbody {
                @for nearby in &points {
                    @let point = &nearby.point;
                    tr {
                        th scope="row" { a href=(format!("/quan-tri/diem-tiep-nhan?ma={}#point-form", point.code)) { (ltr(&point.code)) } }
                        td {
                            (vi(&point.name))
                            div.muted { (text(l, i18n::service_point_kind(point.kind))) @if let Some(day) = point.session_date { " · " (ltr(&day.format("%d/%m/%Y").to_string())) } }
                        }
                        td { (ltr(&point.working_hours.to_string().replace(',', ", "))) }
                        td {
                            @for officer in officers.iter().filter(|o| matches!(&o.scope, Scope::ServicePoint(c) if c == &point.code)) {
                                div { (vi(&officer.display_name)) }
                            }
                        }
                    }
                }
            }
        } }))
        section.card aria-labelledby="point-form" {
            h2 #point-form { (text(l, msg::POINT_FORM)) }
            p.muted { (text(l, msg::POINT_HINT)) }
            form method="post" action="/quan-tri/diem-tiep-nhan" {
                (form_token(signed))
                (text_field("p-code", "code", &text(l, msg::CODE_SHORT), &form.code))
                (text_field("p-name", "name", &text(l, msg::NAME), &form.name))
                label for="p-kind" { (text(l, msg::POINT_KIND)) }
                select #p-kind name="kind" {
                    @for kind in ServicePointKind::ALL {
                        option value=(kind.as_str()) selected[form.kind == kind.as_str()] { (text(l, i18n::service_point_kind(kind))) }
                    }
                }
                (text_field("p-unit", "unit_code", &text(l, msg::UNIT_CODE), &form.unit_code))
                (text_field("p-address", "address", &text(l, msg::ADDRESS_OF_POINT), &form.address))
                (text_field("p-hours", "hours", &text(l, msg::HOURS_FORMAT), &form.hours))
                label for="p-date" { (text(l, msg::SESSION_DATE)) }
                input #p-date type="date" name="session_date" value=(form.session_date);
                (text_field("p-lat", "latitude", &text(l, msg::LATITUDE), &form.latitude))
                (text_field("p-lon", "longitude", &text(l, msg::LONGITUDE), &form.longitude))
                button type="submit" { (text(l, msg::SAVE)) }
            }
        }
    };
    Ok((status, admin_layout(page, &text(l, msg::SERVICE_POINTS), "/quan-tri/diem-tiep-nhan", body)).into_response())
}

fn parse_point(form: &PointForm, province: &str) -> Result<ServicePoint, DomainError> {
    let coordinate = |text: &str, field: &'static str| -> Result<Option<f64>, DomainError> {
        match text.trim() {
            "" => Ok(None),
            value => value.parse::<f64>().map(Some).map_err(|_| DomainError::invalid(field, Reason::ExpectedNumber)),
        }
    };
    let session_date = match form.session_date.trim() {
        "" => None,
        text => Some(
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_err(|_| DomainError::invalid("session_date", Reason::ExpectedDate))?,
        ),
    };
    Ok(ServicePoint {
        code: form.code.trim().to_owned(),
        name: form.name.trim().to_owned(),
        kind: ServicePointKind::parse(&form.kind)?,
        unit_code: form.unit_code.trim().to_owned(),
        province_code: province.to_owned(),
        address: form.address.trim().to_owned(),
        latitude: coordinate(&form.latitude, "latitude")?,
        longitude: coordinate(&form.longitude, "longitude")?,
        working_hours: WorkingHours::parse(form.hours.trim())?,
        session_date,
    })
}

pub(crate) async fn save_point(
    State(state): State<AppState>,
    page: PageLocale,
    Administrator(signed): Administrator,
    Form(form): Form<PointForm>,
) -> Result<Response, ApiError> {
    signed.check_form(&form.csrf)?;
    let Principal::Officer { scope, .. } = &signed.principal else { return Err(AppError::Unauthenticated.into()) };
    let outcome = match parse_point(&form, scope.code()) {
        Ok(point) => state.app.save_service_point(&signed.principal, &point).await,
        Err(error) => Err(error.into()),
    };
    let outcome = outcome.map(|()| "/quan-tri/diem-tiep-nhan".to_owned());
    settle(page.locale, outcome, |mistake| {
        points_page(&state, page, &signed, &form, Some(mistake), StatusCode::UNPROCESSABLE_ENTITY)
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct CalendarQuery {
    nam: Option<i32>,
}

pub(crate) async fn calendar(
    State(state): State<AppState>,
    page: PageLocale,
    Administrator(signed): Administrator,
    Query(query): Query<CalendarQuery>,
) -> Result<Response, ApiError> {
    calendar_page(&state, page, &signed, query.nam, None, StatusCode::OK).await
}

async fn calendar_page(
    state: &AppState,
    page: PageLocale,
    signed: &Signed,
    year: Option<i32>,
    error: Option<FieldError>,
    status: StatusCode,
) -> Result<Response, ApiError> {
    let l = page.locale;
    let year = year.unwrap_or_else(|| motcua_app::units::today_in_vietnam().year());
    let schedule = state.app.year_schedule(year).await?;
    let kinds = [DayKind::Statutory, DayKind::Compensatory, DayKind::Swap, DayKind::WorkingSaturday];
    let path = format!("/quan-tri/lich?nam={year}");
    let body = html! {
        h1 { (text(l, msg::CALENDAR)) " " (ltr(&year.to_string())) }
        p { (text(l, if schedule.source == motcua_domain::calendar::ScheduleSource::Official { msg::SCHEDULE_OFFICIAL } else { msg::SCHEDULE_PROPOSED })) }
        nav.pages aria-label=(text(l, msg::CALENDAR)) {
            a href=(format!("/quan-tri/lich?nam={}", year - 1)) { (ltr(&(year - 1).to_string())) }
            a href=(format!("/quan-tri/lich?nam={}", year + 1)) { (ltr(&(year + 1).to_string())) }
        }
        (mistake_line(&error))
        (super::scrolling(&text(l, msg::TABLE), html! { table {
            thead { tr {
                th scope="col" { (text(l, msg::DATE)) }
                th scope="col" { (text(l, msg::NAME)) }
                th scope="col" { (text(l, msg::DAY_KIND)) }
                th scope="col" { span.skip { (text(l, msg::REMOVE)) } }
            } }
            tbody {
                @for day in &schedule.days {
                    tr {
                        th scope="row" { (ltr(&day.date.format("%d/%m/%Y").to_string())) }
                        td { (vi(&day.name)) }
                        td { (text(l, i18n::day_kind(day.kind))) }
                        td {
                            form method="post" action="/quan-tri/lich/xoa" {
                                (form_token(signed))
                                input type="hidden" name="date" value=(day.date.to_string());
                                button.secondary type="submit" aria-label=(format!("{} {}", text(l, msg::REMOVE), day.date.format("%d/%m/%Y"))) { (text(l, msg::REMOVE)) }
                            }
                        }
                    }
                }
            }
        } }))
        section.card aria-labelledby="add-day" {
            h2 #add-day { (text(l, msg::ADD_DAY)) }
            form method="post" action="/quan-tri/lich" {
                (form_token(signed))
                label for="day-date" { (text(l, msg::DATE)) }
                input #day-date type="date" name="date" required;
                (text_field("day-name", "name", &text(l, msg::NAME), ""))
                label for="day-kind" { (text(l, msg::DAY_KIND)) }
                select #day-kind name="kind" {
                    @for kind in kinds { option value=(kind.as_str()) { (text(l, i18n::day_kind(kind))) } }
                }
                button type="submit" { (text(l, msg::SAVE)) }
            }
        }
    };
    Ok((status, admin_layout(page, &text(l, msg::CALENDAR), &path, body)).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct DayForm {
    csrf: String,
    date: String,
    name: String,
    kind: String,
}

fn parse_day(text: &str) -> Result<NaiveDate, DomainError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| DomainError::invalid("date", Reason::ExpectedDate))
}

pub(crate) async fn set_day(
    State(state): State<AppState>,
    page: PageLocale,
    Administrator(signed): Administrator,
    Form(form): Form<DayForm>,
) -> Result<Response, ApiError> {
    signed.check_form(&form.csrf)?;
    let outcome = async {
        let date = parse_day(&form.date)?;
        let kind =
            DayKind::parse_loose(&form.kind).ok_or_else(|| DomainError::invalid("kind", Reason::ExpectedDayKind))?;
        state.app.set_calendar_day(&signed.principal, date, kind, &form.name).await.map(|s| s.year)
    }
    .await;
    let outcome = outcome.map(|year| format!("/quan-tri/lich?nam={year}"));
    settle(page.locale, outcome, |mistake| {
        calendar_page(&state, page, &signed, None, Some(mistake), StatusCode::UNPROCESSABLE_ENTITY)
    })
    .await
}

pub(crate) async fn remove_day(
    State(state): State<AppState>,
    page: PageLocale,
    Administrator(signed): Administrator,
    Form(form): Form<DayForm>,
) -> Result<Response, ApiError> {
    signed.check_form(&form.csrf)?;
    let outcome = async {
        let date = parse_day(&form.date)?;
        state.app.remove_calendar_day(&signed.principal, date).await.map(|s| s.year)
    }
    .await;
    let outcome = outcome.map(|year| format!("/quan-tri/lich?nam={year}"));
    settle(page.locale, outcome, |mistake| {
        calendar_page(&state, page, &signed, None, Some(mistake), StatusCode::UNPROCESSABLE_ENTITY)
    })
    .await
}
