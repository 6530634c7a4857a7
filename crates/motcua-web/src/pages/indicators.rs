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
use motcua_domain::dossier::Channel;
use motcua_domain::indicators::{Measure, Ratio};
use motcua_i18n::{Args, MessageId, msg, text, text_with};
use serde::Deserialize;

use super::desk::desk_layout;
use super::form::field_error;
use super::guard::Officer;
use super::{PageLocale, date, layout, scrolling, vi};
use crate::AppState;
use crate::export::{Cell, csv, xlsx};
use crate::i18n::{self, Locale};
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
fn sort_header(l: Locale, raw: &RawQuery, checked: &Checked, path: &str, column: &str, label: MessageId) -> Markup {
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
                (text(l, label)) @if sorted { (if ascending { " ▲" } else { " ▼" }) }
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
            @for (field, key, fallback) in [("from", msg::PERIOD_FROM, checked.map(|c| c.from)), ("to", msg::PERIOD_TO, checked.map(|c| c.to))] {
                label for=(field) { (text(l, key)) }
                input id=(field) type="date" name=(field) value=(value(field, fallback)) dir="ltr"
                    aria-invalid=[error.filter(|(f, _)| f == field).map(|_| "true")]
                    aria-describedby=[error.filter(|(f, _)| f == field).map(|(f, _)| format!("{f}-error"))];
            }
            (extra)
            button type="submit" { (text(l, msg::SHOW_FIGURES)) }
        }
    }
}

fn export_links(l: Locale, path: &str, query: &str) -> Markup {
    html! {
        p.exports {
            a href=(format!("{path}.csv?{query}")) download { (text(l, msg::EXPORT_CSV)) }
            " · "
            a href=(format!("{path}.xlsx?{query}")) download { (text(l, msg::EXPORT_XLSX)) }
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
            let body = html! { h1 { (text(l, msg::TRANSPARENCY)) } (period_form(l, "/chi-so", &raw, None, Some(&mistake), html! {})) };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, layout(page, &text(l, msg::TRANSPARENCY), "/chi-so", body))
                .into_response());
        }
    };
    let rows = province_rows(&state, &checked, &raw).await?;
    let query = raw.with(&checked, &[]);
    let bars: Vec<(String, Option<f64>)> =
        rows.iter().map(|(f, r)| (f.label.clone(), r.as_ref().map(|r| r.points / r.max_points.max(1.0)))).collect();
    let body = html! {
        h1 { (text(l, msg::TRANSPARENCY)) }
        p { (text(l, msg::TRANSPARENCY_INTRO)) }
        (period_form(l, "/chi-so", &raw, Some(&checked), None, html! {}))
        h2 #index-chart { (text(l, msg::INDEX766_BY_PROVINCE)) }
        (bar_chart("index-chart-svg", &text(l, msg::INDEX766_BY_PROVINCE), &text(l, msg::CHART_POINTS_DESC), &bars))
        h2 { (text(l, msg::FIGURES_BY_PROVINCE)) }
        (scrolling(&text(l, msg::FIGURES_BY_PROVINCE), html! {
            table {
                caption { (text(l, msg::FIGURES_BY_PROVINCE)) " " (checked.from.format("%d/%m/%Y").to_string()) " – " (checked.to.format("%d/%m/%Y").to_string()) }
                thead { tr {
                    (sort_header(l, &raw, &checked, "/chi-so", "name", msg::PROVINCE_NAME))
                    (sort_header(l, &raw, &checked, "/chi-so", "received", msg::RECEIVED_COUNT))
                    @for measure in PUBLIC_COLUMNS { (sort_header(l, &raw, &checked, "/chi-so", measure.as_str(), i18n::measure(measure))) }
                    (sort_header(l, &raw, &checked, "/chi-so", "points", msg::INDEX766_POINTS))
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
                    @if rows.is_empty() { tr { td colspan="8" { (text(l, msg::NO_FIGURES)) } } }
                }
            }
        }))
        (export_links(l, "/chi-so", &query))
        p.muted { (text(l, msg::INDEX766_NOTE)) }
    };
    Ok(layout(page, &text(l, msg::TRANSPARENCY), &format!("/chi-so?{query}"), body))
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
        [text(l, msg::PROVINCE_NAME), text(l, msg::RECEIVED_COUNT)]
            .into_iter()
            .chain(Measure::ALL.iter().map(|m| text(l, i18n::measure(*m))))
            .chain([text(l, msg::INDEX766_POINTS)])
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
