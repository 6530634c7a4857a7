//! The administration of what a province offers: the settings of its
//! procedures (offered, time limit, fee, hours per step), its agencies, and
//! the points and targets of the Decision 766 index.

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::html;
use motcua_app::AppError;
use motcua_domain::access::Principal;
use motcua_domain::clock::TimeUnit;
use motcua_domain::{DomainError, Reason};
use motcua_i18n::{msg, text};
use serde::Deserialize;

use super::admin::{admin_layout, mistake_line, text_field};
use super::form::{FieldError, form_token, settle};
use super::guard::Administrator;
use super::{PageLocale, ltr, vi};
use crate::AppState;
use crate::auth::Signed;
use crate::i18n;
use crate::problem::ApiError;

pub(crate) async fn settings(
    State(state): State<AppState>,
    page: PageLocale,
    Administrator(signed): Administrator,
) -> Result<Response, ApiError> {
    settings_page(&state, page, &signed, &SettingForm::default(), None, StatusCode::OK).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct SettingForm {
    csrf: String,
    procedure_code: String,
    unit_code: String,
    enabled: String,
    boundary_free: String,
    processing_amount: String,
    processing_unit: String,
    fee_dong: String,
    review_hours: String,
    approval_hours: String,
}

async fn settings_page(
    state: &AppState,
    page: PageLocale,
    signed: &Signed,
    form: &SettingForm,
    error: Option<FieldError>,
    status: StatusCode,
) -> Result<Response, ApiError> {
    let l = page.locale;
    let settings = state.app.province_procedure_settings(&signed.principal).await?;
    let yes_no = |value: Option<bool>| match value {
        None => "—".to_owned(),
        Some(true) => text(l, msg::YES),
        Some(false) => text(l, msg::NO),
    };
    let body = html! {
        h1 { (text(l, msg::PROCEDURE_SETTINGS)) }
        p { (text(l, msg::SETTINGS_INTRO)) }
        (mistake_line(&error))
        @if !settings.is_empty() {
            (super::scrolling(&text(l, msg::TABLE), html! { table {
                thead { tr {
                    th scope="col" { (text(l, msg::CODE)) }
                    th scope="col" { (text(l, msg::UNIT_CODE)) }
                    th scope="col" { (text(l, msg::OFFERED)) }
                    th scope="col" { (text(l, msg::BOUNDARY_FREE)) }
                    th scope="col" { (text(l, msg::TIME)) }
                    th scope="col" { (text(l, msg::FEES)) }
                    th scope="col" { (text(l, msg::WORKFLOW_STEPS)) }
                } }
                tbody {
                    @for setting in &settings {
                        tr {
                            th scope="row" { (ltr(&setting.procedure_code)) }
                            td { (ltr(&setting.unit_code)) }
                            td { (yes_no(Some(setting.enabled))) }
                            td { (yes_no(setting.boundary_free)) }
                            td { @if let Some(time) = &setting.processing { (ltr(&time.amount.to_string())) " " (text(l, i18n::time_unit(time.unit))) } @else { "—" } }
                            td { @if let Some(fee) = setting.fee_dong { (ltr(&format!("{fee} đ"))) } @else { "—" } }
                            td {
                                @for (key, hours) in [(msg::STAGE_REVIEW, setting.review_hours), (msg::STAGE_APPROVAL, setting.approval_hours)] {
                                    @if let Some(hours) = hours { div { (text(l, key)) ": " (ltr(&hours.to_string())) " " (text(l, msg::TIME_UNIT_HOUR)) } }
                                }
                            }
                        }
                    }
                }
            } }))
        }
        section.card aria-labelledby="setting-form" {
            h2 #setting-form { (text(l, msg::SETTING_FORM)) }
            form method="post" action="/quan-tri/thu-tuc" {
                (form_token(signed))
                (text_field("s-code", "procedure_code", &text(l, msg::CODE), &form.procedure_code))
                (text_field("s-unit", "unit_code", &text(l, msg::UNIT_CODE), &form.unit_code))
                label.check { input type="checkbox" name="enabled" value="1" checked[form.enabled == "1" || form.procedure_code.is_empty()]; (text(l, msg::OFFERED)) }
                label for="s-boundary" { (text(l, msg::BOUNDARY_FREE)) }
                select #s-boundary name="boundary_free" {
                    option value="" { (text(l, msg::AS_CATALOGUE)) }
                    option value="1" selected[form.boundary_free == "1"] { (text(l, msg::YES)) }
                    option value="0" selected[form.boundary_free == "0"] { (text(l, msg::NO)) }
                }
                (text_field("s-amount", "processing_amount", &text(l, msg::TIME_OVERRIDE), &form.processing_amount))
                label for="s-unit-time" { (text(l, msg::TIME_UNIT)) }
                select #s-unit-time name="processing_unit" {
                    @for unit in [TimeUnit::WorkingDay, TimeUnit::Day, TimeUnit::Hour, TimeUnit::Month] {
                        option value=(unit.as_str()) selected[form.processing_unit == unit.as_str()] { (text(l, i18n::time_unit(unit))) }
                    }
                }
                (text_field("s-fee", "fee_dong", &text(l, msg::FEE_OVERRIDE), &form.fee_dong))
                fieldset {
                    legend { (text(l, msg::WORKFLOW_STEPS)) }
                    (text_field("s-review", "review_hours", &text(l, msg::REVIEW_HOURS), &form.review_hours))
                    (text_field("s-approval", "approval_hours", &text(l, msg::APPROVAL_HOURS), &form.approval_hours))
                }
                button type="submit" { (text(l, msg::SAVE)) }
            }
        }
    };
    Ok((status, admin_layout(page, &text(l, msg::PROCEDURE_SETTINGS), "/quan-tri/thu-tuc", body)).into_response())
}

fn parse_setting(form: &SettingForm) -> Result<motcua_domain::catalogue::ProcedureSetting, DomainError> {
    let processing = match form.processing_amount.trim() {
        "" => None,
        text => Some(motcua_domain::clock::ProcessingTime {
            amount: text
                .replace(',', ".")
                .parse()
                .map_err(|_| DomainError::invalid("processing_amount", Reason::ExpectedNumber))?,
            unit: TimeUnit::parse(&form.processing_unit)?,
        }),
    };
    let fee_dong = match form.fee_dong.trim().replace(['.', ' '], "").as_str() {
        "" => None,
        text => Some(text.parse().map_err(|_| DomainError::invalid("fee_dong", Reason::ExpectedNumber))?),
    };
    let hours = |text: &str, field: &'static str| -> Result<Option<f64>, DomainError> {
        match text.trim() {
            "" => Ok(None),
            value => value
                .replace(',', ".")
                .parse()
                .map(Some)
                .map_err(|_| DomainError::invalid(field, Reason::ExpectedNumber)),
        }
    };
    Ok(motcua_domain::catalogue::ProcedureSetting {
        review_hours: hours(&form.review_hours, "review_hours")?,
        approval_hours: hours(&form.approval_hours, "approval_hours")?,
        unit_code: form.unit_code.trim().to_owned(),
        procedure_code: form.procedure_code.trim().to_owned(),
        enabled: form.enabled == "1",
        boundary_free: match form.boundary_free.as_str() {
            "1" => Some(true),
            "0" => Some(false),
            _ => None,
        },
        processing,
        fee_dong,
    })
}

pub(crate) async fn save_setting(
    State(state): State<AppState>,
    page: PageLocale,
    Administrator(signed): Administrator,
    Form(form): Form<SettingForm>,
) -> Result<Response, ApiError> {
    signed.check_form(&form.csrf)?;
    let outcome = match parse_setting(&form) {
        Ok(setting) => state.app.save_procedure_setting(&signed.principal, &setting).await,
        Err(error) => Err(error.into()),
    };
    let outcome = outcome.map(|()| "/quan-tri/thu-tuc".to_owned());
    settle(page.locale, outcome, |mistake| {
        settings_page(&state, page, &signed, &form, Some(mistake), StatusCode::UNPROCESSABLE_ENTITY)
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct AgencyForm {
    csrf: String,
    code: String,
    name: String,
    kind: String,
    unit_code: String,
}

pub(crate) async fn agencies(
    State(state): State<AppState>,
    page: PageLocale,
    Administrator(signed): Administrator,
) -> Result<Response, ApiError> {
    agencies_page(&state, page, &signed, &AgencyForm::default(), None, StatusCode::OK).await
}

async fn agencies_page(
    state: &AppState,
    page: PageLocale,
    signed: &Signed,
    form: &AgencyForm,
    error: Option<FieldError>,
    status: StatusCode,
) -> Result<Response, ApiError> {
    let l = page.locale;
    let Principal::Officer { scope, .. } = &signed.principal else { return Err(AppError::Unauthenticated.into()) };
    let agencies = state.app.agencies(scope.code()).await?;
    let body = html! {
        h1 { (text(l, msg::AGENCIES_ADMIN)) }
        (mistake_line(&error))
        (super::scrolling(&text(l, msg::AGENCIES_ADMIN), html! { table {
            thead { tr {
                th scope="col" { (text(l, msg::CODE_SHORT)) }
                th scope="col" { (text(l, msg::NAME)) }
                th scope="col" { (text(l, msg::UNIT_CODE)) }
            } }
            tbody {
                @for agency in &agencies {
                    tr {
                        th scope="row" { (ltr(agency.code.as_str())) }
                        td { (vi(&agency.name)) div.muted { (text(l, i18n::agency_kind(agency.kind))) } }
                        td { (ltr(&agency.unit_code)) }
                    }
                }
            }
        } }))
        section.card aria-labelledby="agency-form" {
            h2 #agency-form { (text(l, msg::AGENCY_FORM)) }
            form method="post" action="/quan-tri/co-quan" {
                (form_token(signed))
                (text_field("g-code", "code", &text(l, msg::AGENCY_CODE), &form.code))
                (text_field("g-name", "name", &text(l, msg::NAME), &form.name))
                label for="g-kind" { (text(l, msg::POINT_KIND)) }
                select #g-kind name="kind" {
                    @for kind in motcua_domain::organisation::AgencyKind::ALL {
                        option value=(kind.as_str()) selected[form.kind == kind.as_str()] { (text(l, i18n::agency_kind(kind))) }
                    }
                }
                (text_field("g-unit", "unit_code", &text(l, msg::UNIT_CODE), &form.unit_code))
                button type="submit" { (text(l, msg::SAVE)) }
            }
        }
    };
    Ok((status, admin_layout(page, &text(l, msg::AGENCIES_ADMIN), "/quan-tri/co-quan", body)).into_response())
}

pub(crate) async fn save_agency(
    State(state): State<AppState>,
    page: PageLocale,
    Administrator(signed): Administrator,
    Form(form): Form<AgencyForm>,
) -> Result<Response, ApiError> {
    signed.check_form(&form.csrf)?;
    let Principal::Officer { scope, .. } = &signed.principal else { return Err(AppError::Unauthenticated.into()) };
    let parsed = (|| -> Result<motcua_domain::organisation::Agency, DomainError> {
        Ok(motcua_domain::organisation::Agency {
            code: motcua_domain::organisation::AgencyCode::parse(&form.code)?,
            name: form.name.trim().to_owned(),
            kind: motcua_domain::organisation::AgencyKind::parse(&form.kind)?,
            unit_code: form.unit_code.trim().to_owned(),
            province_code: scope.code().to_owned(),
        })
    })();
    let outcome = match parsed {
        Ok(agency) => state.app.save_agency(&signed.principal, &agency).await,
        Err(error) => Err(error.into()),
    };
    let outcome = outcome.map(|()| "/quan-tri/co-quan".to_owned());
    settle(page.locale, outcome, |mistake| {
        agencies_page(&state, page, &signed, &form, Some(mistake), StatusCode::UNPROCESSABLE_ENTITY)
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct WeightForm {
    csrf: String,
    number: String,
    max_points: String,
    target_percent: String,
}

/// The Decision 766 index's indicators, with the points and target of each.
pub(crate) async fn index766(
    State(state): State<AppState>,
    page: PageLocale,
    Administrator(signed): Administrator,
) -> Result<Response, ApiError> {
    index766_page(&state, page, &signed, &WeightForm::default(), None, StatusCode::OK).await
}

async fn index766_page(
    state: &AppState,
    page: PageLocale,
    signed: &Signed,
    form: &WeightForm,
    error: Option<FieldError>,
    status: StatusCode,
) -> Result<Response, ApiError> {
    let l = page.locale;
    let indicators = state.app.index766_indicators().await?;
    let body = html! {
        h1 { (text(l, msg::INDEX766)) }
        p { (text(l, msg::INDEX766_ADMIN_INTRO)) }
        (mistake_line(&error))
        (super::scrolling(&text(l, msg::INDEX766), html! { table {
            caption { (text(l, msg::INDEX766)) }
            thead { tr {
                th scope="col" { "#" }
                th scope="col" { (text(l, msg::INDICATOR_GROUP)) }
                th scope="col" { (text(l, msg::INDICATOR)) }
                th scope="col" { (text(l, msg::INDEX766_POINTS)) }
                th scope="col" { (text(l, msg::TARGET)) }
            } }
            tbody {
                @for indicator in &indicators {
                    tr {
                        td { (indicator.number) }
                        td { (vi(&indicator.group)) }
                        th scope="row" { (vi(&indicator.name)) @if indicator.measure.is_none() { " " span.tag { (text(l, msg::NOT_MEASURED)) } } }
                        td { (format!("{}", indicator.max_points)) }
                        td { (format!("{:.0} %", indicator.target * 100.0)) }
                    }
                }
            }
        } }))
        h2 { (text(l, msg::CHANGE_WEIGHT)) }
        form method="post" action="/quan-tri/chi-so" novalidate {
            (form_token(signed))
            label for="w-number" { (text(l, msg::INDICATOR)) }
            select #w-number name="number" {
                @for indicator in &indicators {
                    option value=(indicator.number) selected[form.number == indicator.number.to_string()] {
                        (indicator.number) ". " (indicator.name)
                    }
                }
            }
            (text_field("w-points", "max_points", &text(l, msg::INDEX766_POINTS), &form.max_points))
            (text_field("w-target", "target_percent", &text(l, msg::TARGET_PERCENT), &form.target_percent))
            button type="submit" { (text(l, msg::SAVE)) }
        }
    };
    Ok((status, admin_layout(page, &text(l, msg::INDEX766), "/quan-tri/chi-so", body)).into_response())
}

pub(crate) async fn save_index766_weight(
    State(state): State<AppState>,
    page: PageLocale,
    Administrator(signed): Administrator,
    Form(form): Form<WeightForm>,
) -> Result<Response, ApiError> {
    signed.check_form(&form.csrf)?;
    let number = |text: &str, field: &'static str| -> Result<f64, AppError> {
        text.trim()
            .replace(',', ".")
            .parse::<f64>()
            .map_err(|_| DomainError::invalid(field, Reason::ExpectedNumber).into())
    };
    let outcome = async {
        let indicator: u32 =
            form.number.trim().parse().map_err(|_| DomainError::invalid("number", Reason::ExpectedNumber))?;
        let max_points = number(&form.max_points, "max_points")?;
        let target = number(&form.target_percent, "target")? / 100.0;
        state.app.set_index766_weight(&signed.principal, indicator, max_points, target).await
    }
    .await
    .map(|()| "/quan-tri/chi-so".to_owned());
    settle(page.locale, outcome, |mistake| {
        index766_page(&state, page, &signed, &form, Some(mistake), StatusCode::UNPROCESSABLE_ENTITY)
    })
    .await
}
