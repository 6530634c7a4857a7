//! The officers' figures: the dashboard of the dossiers in one's scope, by
//! period, with a breakdown by agency, unit, service point, procedure or
//! channel, the dossiers behind each figure, and its CSV and XLSX exports.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::html;
use motcua_app::AppError;
use motcua_app::indicators::{Breakdown, Checked, Figure, IndexReport};
use motcua_domain::dossier::Channel;
use motcua_domain::indicators::Measure;
use motcua_i18n::{Args, msg, text, text_with};

use super::desk::desk_layout;
use super::form::field_error;
use super::guard::Officer;
use super::indicators::{
    RawQuery, bar_chart, export, export_links, percent, period_form, points, rate_cell, sort_figures, sort_header,
};
use super::{PageLocale, date, scrolling, vi};
use crate::AppState;
use crate::export::Cell;
use crate::i18n::{self, Locale};
use crate::problem::ApiError;

async fn checked_for(state: &AppState, signed: &crate::auth::Signed, raw: &RawQuery) -> Result<Checked, AppError> {
    let mut checked = state.app.check_figure_query(&raw.figure_query()?).await?;
    state.app.within_scope(&signed.principal, &mut checked)?;
    Ok(checked)
}

async fn breakdown_rows(
    state: &AppState,
    l: Locale,
    checked: &Checked,
    raw: &RawQuery,
) -> Result<Vec<(Figure, Option<IndexReport>)>, AppError> {
    let mut rows: Vec<(Figure, Option<IndexReport>)> =
        state.app.figures_by(checked, raw.breakdown()).await?.into_iter().map(|f| (f, None)).collect();
    if raw.breakdown() == Breakdown::Channel {
        for (figure, _) in &mut rows {
            figure.label = channel_label(l, &figure.key);
        }
    }
    sort_figures(&mut rows, &raw.sort, &raw.dir);
    Ok(rows)
}

fn channel_label(l: Locale, key: &str) -> String {
    i18n::channel_named(l, key)
}

pub(crate) async fn dashboard(
    State(state): State<AppState>,
    page: PageLocale,
    Officer(signed): Officer,
    Query(raw): Query<RawQuery>,
) -> Result<Response, ApiError> {
    let l = page.locale;
    let checked = match checked_for(&state, &signed, &raw).await {
        Ok(checked) => checked,
        Err(error) => {
            let mistake = field_error(l, &error).map(|e| (e.field, e.message)).ok_or(error)?;
            let body = html! { h1 { (text(l, msg::DASHBOARD)) } (period_form(l, "/can-bo/chi-so", &raw, None, Some(&mistake), html! {})) };
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                desk_layout(page, Some(&signed), &text(l, msg::DASHBOARD), "/can-bo/chi-so", body),
            )
                .into_response());
        }
    };
    let figure = state.app.figures(&checked).await?;
    let report = state.app.index766(&checked).await?;
    let rows = breakdown_rows(&state, l, &checked, &raw).await?;
    let top = state.app.figures_by(&checked, Breakdown::Procedure).await?;
    let mut top: Vec<&Figure> = top.iter().collect();
    top.sort_by(|a, b| b.received.cmp(&a.received).then(a.label.cmp(&b.label)));
    top.truncate(10);
    let due = state.app.late_and_due_soon(&signed.principal, &checked).await?;
    let query = raw.with(&checked, &[]);
    let drill = |measure: Measure, counting: &str| {
        format!("/can-bo/chi-so/ho-so?{}", raw.with(&checked, &[("measure", measure.as_str()), ("counting", counting)]))
    };
    let bars: Vec<(String, Option<f64>)> =
        Measure::ALL.iter().map(|m| (text(l, i18n::measure(*m)).to_owned(), m.of(&figure.measures).rate())).collect();
    let filters = html! {
        label for="procedure" { (text(l, msg::PROCEDURE_CODE)) }
        input #procedure type="text" name="procedure" value=(raw.procedure) dir="ltr";
        label for="channel" { (text(l, msg::CHANNEL)) }
        select #channel name="channel" {
            option value="" { (text(l, msg::ANY_CHANNEL)) }
            @for channel in Channel::ALL {
                option value=(channel.as_str()) selected[raw.channel == channel.as_str()] { (text(l, i18n::channel(channel))) }
            }
        }
        label for="unit" { (text(l, msg::UNIT_CODE)) }
        input #unit type="text" name="unit" value=(raw.unit) dir="ltr" inputmode="numeric";
        label for="by" { (text(l, msg::BREAKDOWN_BY)) }
        select #by name="by" {
            @for (key, word) in [("agency", msg::BY_AGENCY), ("unit", msg::BY_UNIT), ("service_point", msg::BY_SERVICE_POINT), ("procedure", msg::BY_PROCEDURE), ("channel", msg::BY_CHANNEL)] {
                option value=(key) selected[raw.by == key] { (text(l, word)) }
            }
        }
    };
    let path = "/can-bo/chi-so";
    let body = html! {
        h1 { (text(l, msg::DASHBOARD)) }
        (period_form(l, path, &raw, Some(&checked), None, filters))
        h2 { (text(l, msg::MEASURES)) }
        (bar_chart("measures-chart", &text(l, msg::MEASURES), &text(l, msg::CHART_MEASURES_DESC), &bars))
        (scrolling(&text(l, msg::MEASURES), html! {
            table {
                caption { (text(l, msg::MEASURES)) " " (checked.from.format("%d/%m/%Y").to_string()) " – " (checked.to.format("%d/%m/%Y").to_string()) }
                thead { tr { th scope="col" { (text(l, msg::MEASURE)) } th scope="col" { (text(l, msg::RATE)) } th scope="col" { (text(l, msg::COUNTED)) } th scope="col" { (text(l, msg::DOSSIERS_BEHIND)) } } }
                tbody {
                    @for measure in Measure::ALL {
                        @let ratio = measure.of(&figure.measures);
                        tr {
                            th scope="row" { (text(l, i18n::measure(measure))) }
                            td { (percent(ratio)) }
                            td { (ratio.count) " / " (ratio.of) }
                            td {
                                a href=(drill(measure, "true")) { (text(l, msg::COUNTING_YES)) }
                                " · "
                                a href=(drill(measure, "false")) { (text(l, msg::COUNTING_NO)) }
                            }
                        }
                    }
                }
            }
        }))
        p { (text(l, msg::RECEIVED_COUNT)) ": " (figure.received) " · " (text(l, msg::RESOLVED_COUNT)) ": " (figure.resolved) " · " (text(l, msg::OPEN_AT_END)) ": " (figure.open) " (" (text(l, msg::LATE)) ": " (figure.open_late) ")" }
        h2 { (text(l, msg::BREAKDOWN)) }
        (scrolling(&text(l, msg::BREAKDOWN), html! {
            table {
                caption { (text(l, msg::BREAKDOWN)) }
                thead { tr {
                    (sort_header(l, &raw, &checked, path, "name", msg::NAME))
                    (sort_header(l, &raw, &checked, path, "received", msg::RECEIVED_COUNT))
                    @for measure in Measure::ALL { (sort_header(l, &raw, &checked, path, measure.as_str(), i18n::measure(measure))) }
                } }
                tbody {
                    @for (row, _) in &rows {
                        tr {
                            th scope="row" { (vi(&row.label)) }
                            td { (row.received) }
                            @for measure in Measure::ALL { td { (percent(measure.of(&row.measures))) } }
                        }
                    }
                    @if rows.is_empty() { tr { td colspan="9" { (text(l, msg::NO_FIGURES)) } } }
                }
            }
        }))
        (export_links(l, path, &query))
        h2 { (text(l, msg::TOP_PROCEDURES)) }
        (scrolling(&text(l, msg::TOP_PROCEDURES), html! {
            table {
                caption { (text(l, msg::TOP_PROCEDURES)) }
                thead { tr { th scope="col" { (text(l, msg::PROCEDURE)) } th scope="col" { (text(l, msg::RECEIVED_COUNT)) } th scope="col" { (text(l, msg::M_ON_TIME)) } } }
                tbody {
                    @for row in &top {
                        tr { th scope="row" { (vi(&row.label)) " " small.muted dir="ltr" { (row.key) } } td { (row.received) } td { (percent(row.measures.on_time)) } }
                    }
                }
            }
        }))
        h2 { (text(l, msg::LATE_AND_DUE_SOON)) }
        @if due.is_empty() { p { (text(l, msg::NONE_DUE)) } } @else {
            (scrolling(&text(l, msg::LATE_AND_DUE_SOON), html! {
                table {
                    caption { (text(l, msg::LATE_AND_DUE_SOON)) }
                    thead { tr { th scope="col" { (text(l, msg::DOSSIER_CODE)) } th scope="col" { (text(l, msg::PROCEDURE_CODE)) } th scope="col" { (text(l, msg::DUE)) } } }
                    tbody {
                        @for dossier in &due {
                            @let reference = dossier.code.clone().unwrap_or_else(|| dossier.dossier_id.clone());
                            tr {
                                td { a href=(format!("/can-bo/ho-so/{reference}")) dir="ltr" { (reference) } }
                                td dir="ltr" { (dossier.procedure_code) }
                                td dir="ltr" { (dossier.due_at.map(date).unwrap_or_default()) }
                            }
                        }
                    }
                }
            }))
        }
        h2 { (text(l, msg::INDEX766)) }
        p { (text(l, msg::INDEX766_TOTAL)) ": " strong { (points(report.points)) " / " (points(report.max_points)) } }
        (scrolling(&text(l, msg::INDEX766), html! {
            table {
                caption { (text(l, msg::INDEX766)) }
                thead { tr { th scope="col" { (text(l, msg::INDICATOR_GROUP)) } th scope="col" { (text(l, msg::INDICATOR)) } th scope="col" { (text(l, msg::RATE)) } th scope="col" { (text(l, msg::TARGET)) } th scope="col" { (text(l, msg::INDEX766_POINTS)) } } }
                tbody {
                    @for item in &report.scored {
                        tr {
                            td { (vi(&item.indicator.group)) }
                            th scope="row" { (vi(&item.indicator.name)) }
                            td { @match item.ratio { Some(ratio) => (percent(ratio)), None => (text(l, msg::NOT_MEASURED)) } }
                            td { (format!("{:.0} %", item.indicator.target * 100.0)) }
                            td { (points(item.points)) " / " (points(item.indicator.max_points)) }
                        }
                    }
                }
            }
        }))
        p.muted { (text(l, msg::INDEX766_NOTE)) }
    };
    Ok(desk_layout(page, Some(&signed), &text(l, msg::DASHBOARD), &format!("{path}?{query}"), body))
}

pub(crate) async fn dashboard_export(
    state: &AppState,
    signed: &crate::auth::Signed,
    raw: &RawQuery,
    format: &'static str,
) -> Result<Response, ApiError> {
    let checked = checked_for(state, signed, raw).await?;
    let l = Locale::Vi;
    let rows = breakdown_rows(state, l, &checked, raw).await?;
    let mut table = vec![
        [text(l, msg::NAME), text(l, msg::RECEIVED_COUNT), text(l, msg::RESOLVED_COUNT)]
            .into_iter()
            .chain(Measure::ALL.iter().map(|m| text(l, i18n::measure(*m))))
            .map(|h| Cell::Text(h.to_owned()))
            .collect::<Vec<_>>(),
    ];
    for (figure, _) in &rows {
        let mut row = vec![
            Cell::Text(figure.label.clone()),
            Cell::Number(figure.received as f64),
            Cell::Number(figure.resolved as f64),
        ];
        row.extend(Measure::ALL.iter().map(|m| rate_cell(m.of(&figure.measures))));
        table.push(row);
    }
    Ok(export(&table, format, "chi-so"))
}

pub(crate) async fn dashboard_csv(
    State(state): State<AppState>,
    Officer(signed): Officer,
    Query(raw): Query<RawQuery>,
) -> Result<Response, ApiError> {
    dashboard_export(&state, &signed, &raw, "csv").await
}

pub(crate) async fn dashboard_xlsx(
    State(state): State<AppState>,
    Officer(signed): Officer,
    Query(raw): Query<RawQuery>,
) -> Result<Response, ApiError> {
    dashboard_export(&state, &signed, &raw, "xlsx").await
}

/// The dossiers behind a figure: those that count towards it, or those that do not.
pub(crate) async fn behind(
    State(state): State<AppState>,
    page: PageLocale,
    Officer(signed): Officer,
    Query(raw): Query<RawQuery>,
) -> Result<Response, ApiError> {
    let l = page.locale;
    let measure = Measure::parse(&raw.measure).ok_or_else(|| AppError::not_found("measure", &raw.measure))?;
    let counting = match raw.counting.as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    };
    let checked = state.app.check_figure_query(&raw.figure_query()?).await?;
    let page_number = raw.page.unwrap_or(1).max(1);
    let (dossiers, total) =
        state.app.dossiers_behind(&signed.principal, &checked, measure, counting, page_number).await?;
    let heading = format!(
        "{}: {}",
        text(l, i18n::measure(measure)),
        match counting {
            Some(true) => text(l, msg::COUNTING_YES),
            Some(false) => text(l, msg::COUNTING_NO),
            None => text(l, msg::ALL_COUNTED),
        }
    );
    let page_link = |n: i64| {
        format!(
            "/can-bo/chi-so/ho-so?{}",
            raw.with(&checked, &[("measure", measure.as_str()), ("counting", &raw.counting), ("page", &n.to_string())])
        )
    };
    let body = html! {
        h1 { (heading) }
        p { (total) " " (text_with(l, msg::DOSSIERS_FOUND, &Args::new().count("count", total))) " · " (checked.from.format("%d/%m/%Y").to_string()) " – " (checked.to.format("%d/%m/%Y").to_string()) }
        p { a href=(format!("/can-bo/chi-so?{}", raw.with(&checked, &[]))) { (text(l, msg::BACK_TO_DASHBOARD)) } }
        (scrolling(&heading, html! {
            table {
                caption { (heading) }
                thead { tr {
                    th scope="col" { (text(l, msg::DOSSIER_CODE)) }
                    th scope="col" { (text(l, msg::PROCEDURE_CODE)) }
                    th scope="col" { (text(l, msg::CHANNEL)) }
                    th scope="col" { (text(l, msg::RECEIVED_ON)) }
                    th scope="col" { (text(l, msg::DUE)) }
                    th scope="col" { (text(l, msg::RESOLVED_ON)) }
                    th scope="col" { (text(l, msg::COUNTS_TOWARDS)) }
                } }
                tbody {
                    @for dossier in &dossiers {
                        @let reference = dossier.code.clone().unwrap_or_else(|| dossier.dossier_id.clone());
                        tr {
                            td { a href=(format!("/can-bo/ho-so/{reference}")) dir="ltr" { (reference) } }
                            td dir="ltr" { (dossier.procedure_code) }
                            td { (channel_label(l, &dossier.channel)) }
                            td dir="ltr" { (date(dossier.received_at)) }
                            td dir="ltr" { (dossier.due_at.map(date).unwrap_or_default()) }
                            td dir="ltr" { (dossier.resolved_at.map(date).unwrap_or_default()) }
                            td { (if dossier.counts { text(l, msg::YES) } else { text(l, msg::NO) }) }
                        }
                    }
                }
            }
        }))
        nav aria-label=(text(l, msg::PAGES)) {
            @if page_number > 1 { a href=(page_link(page_number - 1)) rel="prev" { (text(l, msg::PREVIOUS_PAGE)) } " " }
            @if page_number * 50 < total { a href=(page_link(page_number + 1)) rel="next" { (text(l, msg::NEXT_PAGE)) } }
        }
    };
    Ok(desk_layout(page, Some(&signed), &heading, "/can-bo/chi-so/ho-so", body))
}
