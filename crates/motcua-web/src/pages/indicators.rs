//! The figures: a public transparency page with each province's measures and
//! Decision 766 points, and a dashboard for supervisors and leaders with the
//! measures of their unit, a breakdown, the top procedures, the late and
//! soon-due dossiers, the index, and the dossiers behind every figure.
//! Charts are SVG with a title and a description, and the same data is
//! always in a table; tables sort by any column through plain links; every
//! table exports to CSV and XLSX.

use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use maud::{Markup, html};
use motcua_app::AppError;
use motcua_app::indicators::{Breakdown, Checked, Figure, FigureQuery, IndexReport};
use motcua_domain::DomainError;
use motcua_domain::indicators::{Measure, Ratio};
use serde::Deserialize;

use super::account::field_error;
use super::desk::desk_layout;
use super::guard::Officer;
use super::words::t;
use super::{PageLocale, date, layout, scrolling, vi};
use crate::AppState;
use crate::export::{Cell, csv, xlsx};
use crate::i18n::Locale;
use crate::problem::ApiError;

/// The query string of the figures' pages, as typed: dates are checked here
/// so that a mistyped one is shown beside its field.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RawQuery {
    from: String,
    to: String,
    unit: String,
    procedure: String,
    channel: String,
    by: String,
    sort: String,
    dir: String,
    measure: String,
    counting: String,
    page: Option<i64>,
}

impl RawQuery {
    fn figure_query(&self) -> Result<FigureQuery, AppError> {
        let day = |field: &'static str, text: &str| -> Result<Option<NaiveDate>, AppError> {
            let text = text.trim();
            if text.is_empty() {
                return Ok(None);
            }
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| DomainError::invalid(field, "a date such as 2026-01-31").into())
        };
        let some = |text: &str| Some(text.trim().to_owned()).filter(|t| !t.is_empty());
        Ok(FigureQuery {
            unit: some(&self.unit),
            procedure: some(&self.procedure),
            channel: some(&self.channel),
            from: day("from", &self.from)?,
            to: day("to", &self.to)?,
            ..FigureQuery::default()
        })
    }

    fn breakdown(&self) -> Breakdown {
        match self.by.as_str() {
            "unit" => Breakdown::Unit,
            "service_point" => Breakdown::ServicePoint,
            "procedure" => Breakdown::Procedure,
            "channel" => Breakdown::Channel,
            _ => Breakdown::Agency,
        }
    }

    /// The query string again, with some keys replaced.
    fn with(&self, checked: &Checked, changes: &[(&str, &str)]) -> String {
        let mut pairs: Vec<(String, String)> = vec![
            ("from".into(), checked.from.to_string()),
            ("to".into(), checked.to.to_string()),
            ("unit".into(), self.unit.trim().to_owned()),
            ("procedure".into(), self.procedure.trim().to_owned()),
            ("channel".into(), self.channel.trim().to_owned()),
            ("by".into(), self.by.clone()),
            ("sort".into(), self.sort.clone()),
            ("dir".into(), self.dir.clone()),
        ];
        for (key, value) in changes {
            match pairs.iter_mut().find(|(k, _)| k == key) {
                Some(pair) => pair.1 = (*value).to_owned(),
                None => pairs.push(((*key).to_owned(), (*value).to_owned())),
            }
        }
        pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", urlencoding(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

fn urlencoding(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn measure_key(measure: Measure) -> &'static str {
    match measure {
        Measure::OnTime => "m_on_time",
        Measure::Online => "m_online",
        Measure::EPayment => "m_e_payment",
        Measure::Digitised => "m_digitised",
        Measure::Reuse => "m_reuse",
        Measure::EResult => "m_e_result",
        Measure::Satisfaction => "m_satisfaction",
    }
}

/// A rate as a percentage with one decimal, or a dash when nothing was counted.
fn percent(ratio: Ratio) -> String {
    ratio.rate().map(|r| format!("{:.1} %", r * 100.0)).unwrap_or_else(|| "–".to_owned())
}

fn points(value: f64) -> String {
    format!("{value:.2}")
}

/// A horizontal bar chart of rates in [0, 1]: SVG with its title and
/// description, read by screen readers as one image; the same data is in
/// the table beside it.
fn bar_chart(id: &str, title: &str, description: &str, bars: &[(String, Option<f64>)]) -> Markup {
    let row = 28;
    let height = bars.len() * row + 10;
    html! {
        figure.chart {
            svg role="img" aria-labelledby=(format!("{id}-title {id}-desc")) viewBox=(format!("0 0 640 {height}"))
                width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg" {
                title id=(format!("{id}-title")) { (title) }
                desc id=(format!("{id}-desc")) { (description) }
                @for (index, (label, rate)) in bars.iter().enumerate() {
                    @let y = index * row + 5;
                    @let width = rate.map(|r| (r.clamp(0.0, 1.0) * 360.0).round()).unwrap_or(0.0);
                    text x="0" y=(y + 18) font-size="14" fill="#1a1a1a" { (label) }
                    rect x="220" y=(y + 4) width="360" height="18" fill="#e6e6e6" {}
                    rect x="220" y=(y + 4) width=(width) height="18" fill="#0b4f9c" {}
                    text x="586" y=(y + 18) font-size="14" fill="#1a1a1a" {
                        (rate.map(|r| format!("{:.1}%", r * 100.0)).unwrap_or_else(|| "–".to_owned()))
                    }
                }
            }
        }
    }
}

/// A column header that sorts the table by itself, with `aria-sort` on the sorted one.
fn sort_header(l: Locale, raw: &RawQuery, checked: &Checked, path: &str, column: &str, key: &str) -> Markup {
    let sorted = raw.sort == column;
    let ascending = sorted && raw.dir == "asc";
    let next = if sorted && !ascending { "asc" } else { "desc" };
    let aria = match (sorted, ascending) {
        (true, true) => Some("ascending"),
        (true, false) => Some("descending"),
        _ => None,
    };
    html! {
        th scope="col" aria-sort=[aria] {
            a href=(format!("{path}?{}", raw.with(checked, &[("sort", column), ("dir", next)]))) {
                (t(l, key)) @if sorted { (if ascending { " ▲" } else { " ▼" }) }
            }
        }
    }
}

/// Sorts figures by a column: a measure's rate, the dossiers received, or the name.
fn sort_figures(figures: &mut [(Figure, Option<IndexReport>)], sort: &str, dir: &str) {
    let value = |figure: &Figure, report: &Option<IndexReport>| -> f64 {
        match sort {
            "received" => figure.received as f64,
            "points" => report.as_ref().map(|r| r.points).unwrap_or(0.0),
            other => Measure::parse(other).and_then(|m| m.of(&figure.measures).rate()).unwrap_or(-1.0),
        }
    };
    if sort.is_empty() || sort == "name" {
        figures.sort_by(|a, b| a.0.label.cmp(&b.0.label));
    } else {
        figures.sort_by(|a, b| value(&b.0, &b.1).total_cmp(&value(&a.0, &a.1)));
    }
    if dir == "asc" {
        figures.reverse();
    }
}

fn period_form(
    l: Locale,
    action: &str,
    raw: &RawQuery,
    checked: Option<&Checked>,
    error: Option<&(String, String)>,
    extra: Markup,
) -> Markup {
    let value = |field: &str, fallback: Option<NaiveDate>| match field {
        "from" if !raw.from.is_empty() => raw.from.clone(),
        "to" if !raw.to.is_empty() => raw.to.clone(),
        _ => fallback.map(|d| d.to_string()).unwrap_or_default(),
    };
    html! {
        form.filters method="get" action=(action) {
            @if let Some((field, message)) = error { p.error id=(format!("{field}-error")) role="alert" { (message) } }
            @for (field, key, fallback) in [("from", "period_from", checked.map(|c| c.from)), ("to", "period_to", checked.map(|c| c.to))] {
                label for=(field) { (t(l, key)) }
                input id=(field) type="date" name=(field) value=(value(field, fallback)) dir="ltr"
                    aria-invalid=[error.filter(|(f, _)| f == field).map(|_| "true")]
                    aria-describedby=[error.filter(|(f, _)| f == field).map(|(f, _)| format!("{f}-error"))];
            }
            (extra)
            button type="submit" { (t(l, "show_figures")) }
        }
    }
}

fn export_links(l: Locale, path: &str, query: &str) -> Markup {
    html! {
        p.exports {
            a href=(format!("{path}.csv?{query}")) download { (t(l, "export_csv")) }
            " · "
            a href=(format!("{path}.xlsx?{query}")) download { (t(l, "export_xlsx")) }
        }
    }
}

fn attachment(bytes: Vec<u8>, media_type: &'static str, name: &str) -> Response {
    let mut response = (StatusCode::OK, bytes).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        response.headers_mut().insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

fn export(rows: &[Vec<Cell>], format: &str, name: &str) -> Response {
    if format == "xlsx" {
        attachment(
            xlsx(name, rows),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &format!("{name}.xlsx"),
        )
    } else {
        attachment(csv(rows), "text/csv; charset=utf-8", &format!("{name}.csv"))
    }
}

fn rate_cell(ratio: Ratio) -> Cell {
    ratio.rate().map(Cell::Percent).unwrap_or(Cell::Empty)
}

// ---------------------------------------------------------------------------
// The public transparency page: each province's figures.

async fn province_rows(
    state: &AppState,
    checked: &Checked,
    raw: &RawQuery,
) -> Result<Vec<(Figure, Option<IndexReport>)>, AppError> {
    let mut rows: Vec<(Figure, Option<IndexReport>)> = state
        .app
        .index766_by(checked, Breakdown::Province)
        .await?
        .into_iter()
        .map(|(figure, report)| (figure, Some(report)))
        .collect();
    sort_figures(&mut rows, &raw.sort, &raw.dir);
    Ok(rows)
}

const PUBLIC_COLUMNS: [Measure; 5] =
    [Measure::OnTime, Measure::Online, Measure::EPayment, Measure::Digitised, Measure::Satisfaction];

pub(crate) async fn transparency(
    State(state): State<AppState>,
    page: PageLocale,
    Query(raw): Query<RawQuery>,
) -> Result<Response, ApiError> {
    let l = page.locale;
    let checked = match raw.figure_query() {
        Ok(query) => {
            state.app.check_figure_query(&FigureQuery { unit: None, procedure: None, channel: None, ..query }).await
        }
        Err(error) => Err(error),
    };
    let checked = match checked {
        Ok(checked) => checked,
        Err(error) => {
            let mistake = field_error(l, &error).map(|e| (e.field, e.message)).ok_or(error)?;
            let body = html! { h1 { (t(l, "transparency")) } (period_form(l, "/chi-so", &raw, None, Some(&mistake), html! {})) };
            return Ok(
                (StatusCode::UNPROCESSABLE_ENTITY, layout(page, t(l, "transparency"), "/chi-so", body)).into_response()
            );
        }
    };
    let rows = province_rows(&state, &checked, &raw).await?;
    let query = raw.with(&checked, &[]);
    let bars: Vec<(String, Option<f64>)> =
        rows.iter().map(|(f, r)| (f.label.clone(), r.as_ref().map(|r| r.points / r.max_points.max(1.0)))).collect();
    let body = html! {
        h1 { (t(l, "transparency")) }
        p { (t(l, "transparency_intro")) }
        (period_form(l, "/chi-so", &raw, Some(&checked), None, html! {}))
        h2 #index-chart { (t(l, "index766_by_province")) }
        (bar_chart("index-chart-svg", t(l, "index766_by_province"), t(l, "chart_points_desc"), &bars))
        h2 { (t(l, "figures_by_province")) }
        (scrolling(t(l, "figures_by_province"), html! {
            table {
                caption { (t(l, "figures_by_province")) " " (checked.from.format("%d/%m/%Y").to_string()) " – " (checked.to.format("%d/%m/%Y").to_string()) }
                thead { tr {
                    (sort_header(l, &raw, &checked, "/chi-so", "name", "province_name"))
                    (sort_header(l, &raw, &checked, "/chi-so", "received", "received_count"))
                    @for measure in PUBLIC_COLUMNS { (sort_header(l, &raw, &checked, "/chi-so", measure.as_str(), measure_key(measure))) }
                    (sort_header(l, &raw, &checked, "/chi-so", "points", "index766_points"))
                } }
                tbody {
                    @for (figure, report) in &rows {
                        tr {
                            th scope="row" { (vi(&figure.label)) }
                            td { (figure.received) }
                            @for measure in PUBLIC_COLUMNS { td { (percent(measure.of(&figure.measures))) } }
                            td { (report.as_ref().map(|r| points(r.points)).unwrap_or_default()) " / " (report.as_ref().map(|r| points(r.max_points)).unwrap_or_default()) }
                        }
                    }
                    @if rows.is_empty() { tr { td colspan="8" { (t(l, "no_figures")) } } }
                }
            }
        }))
        (export_links(l, "/chi-so", &query))
        p.muted { (t(l, "index766_note")) }
    };
    Ok(layout(page, t(l, "transparency"), &format!("/chi-so?{query}"), body))
}

pub(crate) async fn transparency_export(
    State(state): State<AppState>,
    Query(raw): Query<RawQuery>,
    format: &'static str,
) -> Result<Response, ApiError> {
    let query = raw.figure_query()?;
    let checked =
        state.app.check_figure_query(&FigureQuery { unit: None, procedure: None, channel: None, ..query }).await?;
    let rows = province_rows(&state, &checked, &raw).await?;
    let l = Locale::Vi;
    let mut table = vec![
        [t(l, "province_name"), t(l, "received_count")]
            .into_iter()
            .chain(Measure::ALL.iter().map(|m| t(l, measure_key(*m))))
            .chain([t(l, "index766_points")])
            .map(|h| Cell::Text(h.to_owned()))
            .collect::<Vec<_>>(),
    ];
    for (figure, report) in &rows {
        let mut row = vec![Cell::Text(figure.label.clone()), Cell::Number(figure.received as f64)];
        row.extend(Measure::ALL.iter().map(|m| rate_cell(m.of(&figure.measures))));
        row.push(report.as_ref().map(|r| Cell::Number((r.points * 100.0).round() / 100.0)).unwrap_or(Cell::Empty));
        table.push(row);
    }
    Ok(export(&table, format, "chi-so-cac-tinh"))
}

pub(crate) async fn transparency_csv(state: State<AppState>, raw: Query<RawQuery>) -> Result<Response, ApiError> {
    transparency_export(state, raw, "csv").await
}

pub(crate) async fn transparency_xlsx(state: State<AppState>, raw: Query<RawQuery>) -> Result<Response, ApiError> {
    transparency_export(state, raw, "xlsx").await
}

// ---------------------------------------------------------------------------
// The supervisors' dashboard.

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
    match key {
        "online" | "counter" | "postal" | "agent_point" | "outreach" => t(l, &format!("channel_{key}")).to_owned(),
        other => other.to_owned(),
    }
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
            let body = html! { h1 { (t(l, "dashboard")) } (period_form(l, "/can-bo/chi-so", &raw, None, Some(&mistake), html! {})) };
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                desk_layout(page, Some(&signed), t(l, "dashboard"), "/can-bo/chi-so", body),
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
        Measure::ALL.iter().map(|m| (t(l, measure_key(*m)).to_owned(), m.of(&figure.measures).rate())).collect();
    let filters = html! {
        label for="procedure" { (t(l, "procedure_code")) }
        input #procedure type="text" name="procedure" value=(raw.procedure) dir="ltr";
        label for="channel" { (t(l, "channel")) }
        select #channel name="channel" {
            option value="" { (t(l, "any_channel")) }
            @for key in ["online", "counter", "postal", "agent_point", "outreach"] {
                option value=(key) selected[raw.channel == key] { (channel_label(l, key)) }
            }
        }
        label for="unit" { (t(l, "unit_code")) }
        input #unit type="text" name="unit" value=(raw.unit) dir="ltr" inputmode="numeric";
        label for="by" { (t(l, "breakdown_by")) }
        select #by name="by" {
            @for (key, word) in [("agency", "by_agency"), ("unit", "by_unit"), ("service_point", "by_service_point"), ("procedure", "by_procedure"), ("channel", "by_channel")] {
                option value=(key) selected[raw.by == key] { (t(l, word)) }
            }
        }
    };
    let path = "/can-bo/chi-so";
    let body = html! {
        h1 { (t(l, "dashboard")) }
        (period_form(l, path, &raw, Some(&checked), None, filters))
        h2 { (t(l, "measures")) }
        (bar_chart("measures-chart", t(l, "measures"), t(l, "chart_measures_desc"), &bars))
        (scrolling(t(l, "measures"), html! {
            table {
                caption { (t(l, "measures")) " " (checked.from.format("%d/%m/%Y").to_string()) " – " (checked.to.format("%d/%m/%Y").to_string()) }
                thead { tr { th scope="col" { (t(l, "measure")) } th scope="col" { (t(l, "rate")) } th scope="col" { (t(l, "counted")) } th scope="col" { (t(l, "dossiers_behind")) } } }
                tbody {
                    @for measure in Measure::ALL {
                        @let ratio = measure.of(&figure.measures);
                        tr {
                            th scope="row" { (t(l, measure_key(measure))) }
                            td { (percent(ratio)) }
                            td { (ratio.count) " / " (ratio.of) }
                            td {
                                a href=(drill(measure, "true")) { (t(l, "counting_yes")) }
                                " · "
                                a href=(drill(measure, "false")) { (t(l, "counting_no")) }
                            }
                        }
                    }
                }
            }
        }))
        p { (t(l, "received_count")) ": " (figure.received) " · " (t(l, "resolved_count")) ": " (figure.resolved) " · " (t(l, "open_at_end")) ": " (figure.open) " (" (t(l, "late")) ": " (figure.open_late) ")" }
        h2 { (t(l, "breakdown")) }
        (scrolling(t(l, "breakdown"), html! {
            table {
                caption { (t(l, "breakdown")) }
                thead { tr {
                    (sort_header(l, &raw, &checked, path, "name", "name"))
                    (sort_header(l, &raw, &checked, path, "received", "received_count"))
                    @for measure in Measure::ALL { (sort_header(l, &raw, &checked, path, measure.as_str(), measure_key(measure))) }
                } }
                tbody {
                    @for (row, _) in &rows {
                        tr {
                            th scope="row" { (vi(&row.label)) }
                            td { (row.received) }
                            @for measure in Measure::ALL { td { (percent(measure.of(&row.measures))) } }
                        }
                    }
                    @if rows.is_empty() { tr { td colspan="9" { (t(l, "no_figures")) } } }
                }
            }
        }))
        (export_links(l, path, &query))
        h2 { (t(l, "top_procedures")) }
        (scrolling(t(l, "top_procedures"), html! {
            table {
                caption { (t(l, "top_procedures")) }
                thead { tr { th scope="col" { (t(l, "procedure")) } th scope="col" { (t(l, "received_count")) } th scope="col" { (t(l, "m_on_time")) } } }
                tbody {
                    @for row in &top {
                        tr { th scope="row" { (vi(&row.label)) " " small.muted dir="ltr" { (row.key) } } td { (row.received) } td { (percent(row.measures.on_time)) } }
                    }
                }
            }
        }))
        h2 { (t(l, "late_and_due_soon")) }
        @if due.is_empty() { p { (t(l, "none_due")) } } @else {
            (scrolling(t(l, "late_and_due_soon"), html! {
                table {
                    caption { (t(l, "late_and_due_soon")) }
                    thead { tr { th scope="col" { (t(l, "dossier_code")) } th scope="col" { (t(l, "procedure_code")) } th scope="col" { (t(l, "due")) } } }
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
        h2 { (t(l, "index766")) }
        p { (t(l, "index766_total")) ": " strong { (points(report.points)) " / " (points(report.max_points)) } }
        (scrolling(t(l, "index766"), html! {
            table {
                caption { (t(l, "index766")) }
                thead { tr { th scope="col" { (t(l, "indicator_group")) } th scope="col" { (t(l, "indicator")) } th scope="col" { (t(l, "rate")) } th scope="col" { (t(l, "target")) } th scope="col" { (t(l, "index766_points")) } } }
                tbody {
                    @for item in &report.scored {
                        tr {
                            td { (vi(&item.indicator.group)) }
                            th scope="row" { (vi(&item.indicator.name)) }
                            td { @match item.ratio { Some(ratio) => (percent(ratio)), None => (t(l, "not_measured")) } }
                            td { (format!("{:.0} %", item.indicator.target * 100.0)) }
                            td { (points(item.points)) " / " (points(item.indicator.max_points)) }
                        }
                    }
                }
            }
        }))
        p.muted { (t(l, "index766_note")) }
    };
    Ok(desk_layout(page, Some(&signed), t(l, "dashboard"), &format!("{path}?{query}"), body))
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
        [t(l, "name"), t(l, "received_count"), t(l, "resolved_count")]
            .into_iter()
            .chain(Measure::ALL.iter().map(|m| t(l, measure_key(*m))))
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
        t(l, measure_key(measure)),
        match counting {
            Some(true) => t(l, "counting_yes"),
            Some(false) => t(l, "counting_no"),
            None => t(l, "all_counted"),
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
        p { (total) " " (t(l, "dossiers_found")) " · " (checked.from.format("%d/%m/%Y").to_string()) " – " (checked.to.format("%d/%m/%Y").to_string()) }
        p { a href=(format!("/can-bo/chi-so?{}", raw.with(&checked, &[]))) { (t(l, "back_to_dashboard")) } }
        (scrolling(&heading, html! {
            table {
                caption { (heading) }
                thead { tr {
                    th scope="col" { (t(l, "dossier_code")) }
                    th scope="col" { (t(l, "procedure_code")) }
                    th scope="col" { (t(l, "channel")) }
                    th scope="col" { (t(l, "received_on")) }
                    th scope="col" { (t(l, "due")) }
                    th scope="col" { (t(l, "resolved_on")) }
                    th scope="col" { (t(l, "counts_towards")) }
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
                            td { (if dossier.counts { t(l, "yes") } else { t(l, "no") }) }
                        }
                    }
                }
            }
        }))
        nav aria-label=(t(l, "pages")) {
            @if page_number > 1 { a href=(page_link(page_number - 1)) rel="prev" { (t(l, "previous_page")) } " " }
            @if page_number * 50 < total { a href=(page_link(page_number + 1)) rel="next" { (t(l, "next_page")) } }
        }
    };
    Ok(desk_layout(page, Some(&signed), &heading, "/can-bo/chi-so/ho-so", body))
}
