//! The figures: a public transparency page with each province's measures and
//! Decision 766 points, and what the figures' pages share with the officers'
//! dashboard (`dashboard`): the query, charts, sortable headers, exports.
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
use motcua_domain::indicators::{Measure, Ratio};
use motcua_domain::{DomainError, Reason};
use motcua_i18n::{MessageId, msg, text};
use serde::Deserialize;

use super::form::field_error;
use super::{PageLocale, layout, scrolling, vi};
use crate::AppState;
use crate::export::{Cell, csv, xlsx};
use crate::i18n::{self, Locale};
use crate::problem::ApiError;

/// The query string of the figures' pages, as typed: dates are checked here
/// so that a mistyped one is shown beside its field.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RawQuery {
    pub(super) from: String,
    pub(super) to: String,
    pub(super) unit: String,
    pub(super) procedure: String,
    pub(super) channel: String,
    pub(super) by: String,
    pub(super) sort: String,
    pub(super) dir: String,
    pub(super) measure: String,
    pub(super) counting: String,
    pub(super) page: Option<i64>,
}

impl RawQuery {
    pub(super) fn figure_query(&self) -> Result<FigureQuery, AppError> {
        let day = |field: &'static str, text: &str| -> Result<Option<NaiveDate>, AppError> {
            let text = text.trim();
            if text.is_empty() {
                return Ok(None);
            }
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| DomainError::invalid(field, Reason::DateLike20260131).into())
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

    pub(super) fn breakdown(&self) -> Breakdown {
        match self.by.as_str() {
            "unit" => Breakdown::Unit,
            "service_point" => Breakdown::ServicePoint,
            "procedure" => Breakdown::Procedure,
            "channel" => Breakdown::Channel,
            _ => Breakdown::Agency,
        }
    }

    /// The query string again, with some keys replaced.
    pub(super) fn with(&self, checked: &Checked, changes: &[(&str, &str)]) -> String {
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
pub(super) fn percent(ratio: Ratio) -> String {
    ratio.rate().map(|r| format!("{:.1} %", r * 100.0)).unwrap_or_else(|| "–".to_owned())
}

pub(super) fn points(value: f64) -> String {
    format!("{value:.2}")
}

/// A horizontal bar chart of rates in [0, 1]: SVG with its title and
/// description, read by screen readers as one image; the same data is in
/// the table beside it.
pub(super) fn bar_chart(id: &str, title: &str, description: &str, bars: &[(String, Option<f64>)]) -> Markup {
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
pub(super) fn sort_header(
    l: Locale,
    raw: &RawQuery,
    checked: &Checked,
    path: &str,
    column: &str,
    label: MessageId,
) -> Markup {
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
pub(super) fn sort_figures(figures: &mut [(Figure, Option<IndexReport>)], sort: &str, dir: &str) {
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

pub(super) fn period_form(
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

pub(super) fn export_links(l: Locale, path: &str, query: &str) -> Markup {
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

pub(super) fn export(rows: &[Vec<Cell>], format: &str, name: &str) -> Response {
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

pub(super) fn rate_cell(ratio: Ratio) -> Cell {
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
