//! The administrator's reconciliation of a day's online payments against a
//! gateway's statement (`/quan-tri/doi-soat`), its exports, and the import
//! of a statement file.

use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDate, Utc};
use maud::{Markup, html};
use motcua_app::reconciliation::DayReconciliation;
use motcua_domain::clock::to_vietnam_time;
use motcua_domain::payments::{Finding, Gateway};
use motcua_domain::{DomainError, Reason};
use motcua_i18n::{Args, Locale, MessageId, msg, text, text_with};
use serde::Deserialize;

use super::admin::{admin_layout, mistake_line};
use super::form::{FieldError, field_error, form_token, read_posted};
use super::guard::Administrator;
use super::indicators::export;
use super::payments::gateway_name;
use super::{PageLocale, group_digits, ltr};
use crate::AppState;
use crate::auth::{FORM_TOKEN_FIELD, Signed};
use crate::export::Cell;
use crate::problem::ApiError;

const PATH: &str = "/quan-tri/doi-soat";

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct DayQuery {
    ngay: String,
    /// After an import: the lines read and the lines new.
    read: Option<usize>,
    added: Option<u64>,
}

/// The day asked for, today (Vietnam time) when none is.
fn day_of(query: &DayQuery) -> Result<NaiveDate, DomainError> {
    match query.ngay.trim() {
        "" => Ok(to_vietnam_time(Utc::now()).date_naive()),
        day => {
            NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| DomainError::invalid("ngay", Reason::ExpectedDate))
        }
    }
}

fn finding_name(finding: Finding) -> MessageId {
    match finding {
        Finding::Matched => msg::FINDING_MATCHED,
        Finding::AmountDiffers => msg::FINDING_AMOUNT_DIFFERS,
        Finding::MissingFromStatement => msg::FINDING_MISSING_FROM_STATEMENT,
        Finding::MissingHere => msg::FINDING_MISSING_HERE,
        Finding::Duplicate => msg::FINDING_DUPLICATE,
    }
}

fn dong(amount: Option<i64>) -> String {
    amount.map_or_else(|| "—".to_owned(), |a| format!("{} đ", group_digits(a)))
}

pub(crate) async fn reconciliation(
    State(state): State<AppState>,
    page: PageLocale,
    Administrator(signed): Administrator,
    Query(query): Query<DayQuery>,
) -> Result<Response, ApiError> {
    let day = day_of(&query)?;
    let imported = query.read.zip(query.added);
    reconciliation_page(&state, page, &signed, day, (imported, None), StatusCode::OK).await
}

async fn reconciliation_page(
    state: &AppState,
    page: PageLocale,
    signed: &Signed,
    day: NaiveDate,
    (imported, error): (Option<(usize, u64)>, Option<FieldError>),
    status: StatusCode,
) -> Result<Response, ApiError> {
    let l = page.locale;
    let day_text = day.format("%Y-%m-%d").to_string();
    let report = state.app.reconciliation(&signed.principal, day).await?;
    let found = &report.found;
    let mismatches = found.lines.iter().filter(|line| line.finding.is_mismatch()).count();
    let summary = Args::new()
        .count("count", found.count(Finding::Matched) as i64)
        .text("amount", motcua_i18n::ltr(l, &group_digits(found.matched_dong())))
        .count("dossiers", found.matched_dossiers() as i64);
    let body = html! {
        h1 { (text(l, msg::RECONCILIATION)) }
        p { (text(l, msg::RECONCILIATION_INTRO)) }
        form method="get" action=(PATH) {
            label for="r-day" { (text(l, msg::DATE)) }
            input #r-day type="date" name="ngay" value=(day_text);
            button type="submit" { (text(l, msg::SHOW)) }
        }
        @if let Some((read, added)) = imported {
            p role="status" #statement-imported {
                (text_with(l, msg::STATEMENT_IMPORTED, &Args::new().count("read", read as i64).count("added", added as i64)))
            }
        }
        @if found.lines.is_empty() {
            p #reconciliation-summary { (text(l, msg::NO_PAYMENTS_THAT_DAY)) }
        } @else {
            p #reconciliation-summary {
                (text_with(l, msg::MATCHED_SUMMARY, &summary)) " "
                strong { (text(l, msg::MISMATCH_COUNT)) ": " (ltr(&mismatches.to_string())) }
            }
            (super::scrolling(&text(l, msg::RECONCILIATION), findings_table(l, &report)))
            p {
                a href=(format!("{PATH}.csv?ngay={day_text}")) download { (text(l, msg::EXPORT_CSV)) }
                " · "
                a href=(format!("{PATH}.xlsx?ngay={day_text}")) download { (text(l, msg::EXPORT_XLSX)) }
            }
        }
        section.card aria-labelledby="statement-import" {
            h2 #statement-import { (text(l, msg::STATEMENT_IMPORT)) }
            p { (text(l, msg::STATEMENT_COLUMNS)) }
            (mistake_line(&error))
            form method="post" action=(format!("{PATH}/sao-ke")) enctype="multipart/form-data" {
                (form_token(signed))
                input type="hidden" name="ngay" value=(day_text);
                label for="r-gateway" { (text(l, msg::PAYMENT_GATEWAY)) }
                select #r-gateway name="gateway" {
                    @for gateway in Gateway::ALL {
                        option value=(gateway.as_str()) { (text(l, gateway_name(gateway))) }
                    }
                }
                label for="r-file" { (text(l, msg::STATEMENT_FILE)) }
                input #r-file type="file" name="statement" accept=".csv,text/csv" required;
                button type="submit" { (text(l, msg::IMPORT)) }
            }
        }
    };
    Ok((status, admin_layout(page, &text(l, msg::RECONCILIATION), PATH, body)).into_response())
}

fn findings_table(l: Locale, report: &DayReconciliation) -> Markup {
    html! { table #reconciliation {
        thead { tr {
            th scope="col" { (text(l, msg::FINDING)) }
            th scope="col" { (text(l, msg::ORDER_ID)) }
            th scope="col" { (text(l, msg::DOSSIER_CODE)) }
            th scope="col" { (text(l, msg::AMOUNT_HERE)) }
            th scope="col" { (text(l, msg::AMOUNT_ON_STATEMENT)) }
            th scope="col" { (text(l, msg::TRANSACTION_NO)) }
        } }
        tbody {
            @for line in &report.found.lines {
                tr class=[line.finding.is_mismatch().then_some("mismatch")] data-finding=(line.finding.as_str()) {
                    th scope="row" { (text(l, finding_name(line.finding))) }
                    td { (ltr(&line.order_id)) }
                    td { @match line.dossier_id.as_ref().and_then(|id| report.codes.get(id)) {
                        Some(code) => { (ltr(code)) }
                        None => { "—" }
                    } }
                    td { (ltr(&dong(line.here_dong))) }
                    td { (ltr(&dong(line.statement_dong))) }
                    td { (ltr(if line.transaction_no.is_empty() { "—" } else { &line.transaction_no })) }
                }
            }
        }
    } }
}

/// The day's findings as a table for a spreadsheet, in the page's language.
fn rows(l: Locale, report: &DayReconciliation) -> Vec<Vec<Cell>> {
    let header = [
        msg::FINDING,
        msg::ORDER_ID,
        msg::DOSSIER_CODE,
        msg::AMOUNT_HERE,
        msg::AMOUNT_ON_STATEMENT,
        msg::TRANSACTION_NO,
    ];
    let amount = |a: Option<i64>| a.map_or(Cell::Empty, |a| Cell::Number(a as f64));
    let mut rows = vec![header.iter().map(|id| Cell::Text(text(l, *id))).collect::<Vec<_>>()];
    for line in &report.found.lines {
        let code = line.dossier_id.as_ref().and_then(|id| report.codes.get(id)).cloned().unwrap_or_default();
        rows.push(vec![
            Cell::Text(text(l, finding_name(line.finding))),
            Cell::Text(line.order_id.clone()),
            Cell::Text(code),
            amount(line.here_dong),
            amount(line.statement_dong),
            Cell::Text(line.transaction_no.clone()),
        ]);
    }
    rows
}

async fn reconciliation_export(
    state: &AppState,
    page: PageLocale,
    signed: &Signed,
    query: &DayQuery,
    format: &str,
) -> Result<Response, ApiError> {
    let day = day_of(query)?;
    let report = state.app.reconciliation(&signed.principal, day).await?;
    let name = format!("doi-soat-{}-{}", report.province_code, day.format("%Y-%m-%d"));
    Ok(export(&rows(page.locale, &report), format, &name))
}

pub(crate) async fn reconciliation_csv(
    State(state): State<AppState>,
    page: PageLocale,
    Administrator(signed): Administrator,
    Query(query): Query<DayQuery>,
) -> Result<Response, ApiError> {
    reconciliation_export(&state, page, &signed, &query, "csv").await
}

pub(crate) async fn reconciliation_xlsx(
    State(state): State<AppState>,
    page: PageLocale,
    Administrator(signed): Administrator,
    Query(query): Query<DayQuery>,
) -> Result<Response, ApiError> {
    reconciliation_export(&state, page, &signed, &query, "xlsx").await
}

/// Imports a statement file, then shows the day again with what it added.
pub(crate) async fn import_statement(
    State(state): State<AppState>,
    page: PageLocale,
    Administrator(signed): Administrator,
    multipart: Multipart,
) -> Result<Response, ApiError> {
    let posted = read_posted(multipart).await?;
    signed.check_form(&posted.text(FORM_TOKEN_FIELD))?;
    let day = day_of(&DayQuery { ngay: posted.text("ngay"), ..DayQuery::default() })?;
    let gateway = Gateway::parse(&posted.text("gateway"))
        .ok_or_else(|| DomainError::invalid("gateway", Reason::Unknown(posted.text("gateway"))))?;
    let file = posted.files.iter().find(|(name, _, _)| name == "statement").map(|(_, _, bytes)| bytes.as_slice());
    let outcome = match file.map(std::str::from_utf8) {
        None => Err(DomainError::invalid("statement", Reason::Required).into()),
        Some(Err(_)) => Err(DomainError::invalid("statement", Reason::Unreadable("not UTF-8 text".to_owned())).into()),
        Some(Ok(text)) => {
            state.app.import_statement(&signed.principal, gateway, text.trim_start_matches('\u{feff}')).await
        }
    };
    match outcome {
        Ok(imported) => Ok(Redirect::to(&format!(
            "{PATH}?ngay={}&read={}&added={}",
            day.format("%Y-%m-%d"),
            imported.read,
            imported.added
        ))
        .into_response()),
        Err(error) => match statement_mistake(page.locale, &error) {
            Some(mistake) => {
                reconciliation_page(&state, page, &signed, day, (None, Some(mistake)), StatusCode::UNPROCESSABLE_ENTITY)
                    .await
            }
            None => Err(error.into()),
        },
    }
}

/// A refused statement, said beside the form: the line at fault when there is one.
fn statement_mistake(l: Locale, error: &motcua_app::AppError) -> Option<FieldError> {
    match error {
        motcua_app::AppError::Import { line, error: DomainError::InvalidValue { field, reason } } => {
            // The column as the file names it, which is what its author fixes.
            let args = Args::new()
                .text("field", motcua_i18n::ltr(l, field))
                .text("reason", crate::i18n::reason(l, reason))
                .text("line", motcua_i18n::ltr(l, &line.to_string()));
            Some(FieldError {
                field: "statement".to_owned(),
                message: text_with(l, msg::PROBLEM_INVALID_LINE_DETAIL, &args),
            })
        }
        other => field_error(l, other),
    }
}
