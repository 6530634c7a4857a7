//! Reading the national portal's procedure JSON (Cổng Dịch vụ công quốc gia).
//!
//! The portal's records are loose: numbers arrive as integers, floats or
//! sentences, lists may be missing, and names carry non-breaking spaces. The
//! raw shapes below accept all of that; [`parse_procedure`] and
//! [`parse_catalogue_row`] turn them into clean catalogue types or say why not.

use serde::Deserialize;
use serde_json::Value;

use super::{
    Channel, Component, ComponentGroup, Fee, FormFile, Levels, Named, Procedure, ProcedureCase, ProcedureCode,
    ProcedureSummary, StatedTime, Step, SubmissionMethod,
};
use crate::clock::TimeUnit;
use crate::{DomainError, Reason};

#[derive(Debug, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct RawProcedure {
    id: String,
    code: String,
    name: String,
    category: Option<RawNamed>,
    categories_details: Vec<RawNamed>,
    is_ward: bool,
    is_province: bool,
    is_ministry: bool,
    is_other_agency: bool,
    is_full_process: bool,
    is_non_territorial: bool,
    departments_executing: Vec<RawNamed>,
    departments_authority: Vec<RawNamed>,
    department_promulgate_code: Option<String>,
    department_promulgate_name: Option<String>,
    execution_steps: Vec<RawStep>,
    execution_methods: Vec<RawMethod>,
    execution_cases: Vec<RawComponentGroup>,
    cases: Vec<RawCase>,
    results_details: Vec<RawNamed>,
    legal_basises_details: Vec<RawNamed>,
    subject_types_details: Vec<RawNamed>,
    requirements_and_conditions: Option<String>,
    returning_methods: Vec<RawReturning>,
    keywords: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
struct RawNamed {
    code: Option<String>,
    name: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
struct RawStep {
    name: Option<String>,
    description: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct RawMethod {
    submission_method: String,
    processing_time: Value,
    processing_time_unit: Option<String>,
    description: Option<String>,
    fees: Vec<RawFee>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
struct RawFee {
    #[serde(rename = "type")]
    kind: Option<String>,
    value: Value,
    description: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct RawComponentGroup {
    name: Option<String>,
    profile_components: Vec<RawComponent>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct RawComponent {
    code: Option<String>,
    name: Option<String>,
    original_qty: Value,
    copy_qty: Value,
    required: bool,
    has_electronic_form: bool,
    attachments: Vec<RawAttachment>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct RawAttachment {
    file_name: Option<String>,
    file_path: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct RawCase {
    code: Option<String>,
    name: Option<String>,
    processing_day: Option<RawProcessingDay>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
struct RawProcessingDay {
    qty: Value,
    #[serde(rename = "type")]
    unit: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
struct RawReturning {
    value: Vec<String>,
}

/// A row of the portal's catalogue listing: enough to find a procedure, no details.
#[derive(Debug, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct RawCatalogueRow {
    code: String,
    name: String,
    categories: Vec<String>,
    departments: Vec<String>,
}

/// Collapses the portal's non-breaking and repeated spaces.
fn clean(text: &str) -> String {
    text.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

fn clean_opt(text: &Option<String>) -> String {
    text.as_deref().map(clean).unwrap_or_default()
}

fn named(raw: &RawNamed) -> Named {
    Named { code: clean_opt(&raw.code), name: clean_opt(&raw.name) }
}

fn named_list(raw: &[RawNamed]) -> Vec<Named> {
    raw.iter().map(named).filter(|n| !n.name.is_empty() || !n.code.is_empty()).collect()
}

/// A count as the portal writes it: a number, a numeric string, or nothing.
fn count(value: &Value) -> u32 {
    match value {
        Value::Number(n) => n.as_u64().map(|n| n.min(u64::from(u32::MAX)) as u32).unwrap_or(0),
        Value::String(s) => s.trim().parse().unwrap_or(0),
        _ => 0,
    }
}

fn stated_time(amount: &Value, unit: Option<&str>, description: &str) -> Result<StatedTime, DomainError> {
    let unit = TimeUnit::parse(unit.unwrap_or("OTHER"))?;
    let (amount, mut text) = match amount {
        Value::Number(n) => (n.as_f64().filter(|a| a.is_finite() && *a >= 0.0), String::new()),
        Value::String(s) => match s.trim().replace(',', ".").parse::<f64>() {
            Ok(a) if a.is_finite() && a >= 0.0 => (Some(a), String::new()),
            _ => (None, clean(s)),
        },
        _ => (None, String::new()),
    };
    if text.is_empty() && (unit == TimeUnit::Other || amount.is_none()) {
        text = clean(description);
    }
    Ok(StatedTime { amount, unit, text })
}

fn fee(raw: &RawFee) -> Fee {
    let amount_dong = match &raw.value {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f.round() as i64)),
        Value::String(s) => s.chars().filter(char::is_ascii_digit).collect::<String>().parse().ok(),
        _ => None,
    };
    Fee { kind: clean_opt(&raw.kind), amount_dong, description: clean_opt(&raw.description) }
}

/// Parses one complete record of the portal's procedure API.
pub fn parse_procedure(json: &str) -> Result<Procedure, DomainError> {
    let raw: RawProcedure =
        serde_json::from_str(json).map_err(|e| DomainError::invalid("procedure", Reason::Unreadable(e.to_string())))?;
    let code = ProcedureCode::parse(&raw.code)?;
    let name = clean(&raw.name);
    if name.is_empty() {
        return Err(DomainError::invalid("name", Reason::ProcedureWithoutName(code.to_string())));
    }
    let mut channels = Vec::new();
    for method in &raw.execution_methods {
        let description = clean_opt(&method.description);
        channels.push(Channel {
            method: SubmissionMethod::parse(&method.submission_method)?,
            processing_time: stated_time(
                &method.processing_time,
                method.processing_time_unit.as_deref(),
                &description,
            )?,
            fees: method.fees.iter().map(fee).collect(),
            description,
        });
    }
    let mut cases = Vec::new();
    for case in &raw.cases {
        let processing_time = match &case.processing_day {
            Some(day) => Some(stated_time(&day.qty, day.unit.as_deref(), "")?),
            None => None,
        };
        cases.push(ProcedureCase { code: clean_opt(&case.code), name: clean_opt(&case.name), processing_time });
    }
    let component_groups = raw
        .execution_cases
        .iter()
        .map(|group| ComponentGroup {
            name: clean_opt(&group.name),
            components: group
                .profile_components
                .iter()
                .map(|c| Component {
                    code: clean_opt(&c.code),
                    name: clean_opt(&c.name),
                    originals: count(&c.original_qty),
                    copies: count(&c.copy_qty),
                    required: c.required,
                    has_electronic_form: c.has_electronic_form,
                    forms: c
                        .attachments
                        .iter()
                        .map(|a| FormFile { file_name: clean_opt(&a.file_name), source_path: clean_opt(&a.file_path) })
                        .filter(|f| !f.file_name.is_empty())
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let field = raw.category.as_ref().map(named).or_else(|| raw.categories_details.first().map(named));
    let promulgating_agency = match (&raw.department_promulgate_code, &raw.department_promulgate_name) {
        (None, None) => None,
        (code, name) => Some(Named { code: clean_opt(code), name: clean_opt(name) }),
    };
    let mut return_methods: Vec<String> = Vec::new();
    for method in raw.returning_methods.iter().flat_map(|r| r.value.iter()) {
        if !return_methods.contains(method) {
            return_methods.push(method.clone());
        }
    }
    Ok(Procedure {
        code,
        name,
        field,
        levels: Levels {
            province: raw.is_province,
            commune: raw.is_ward,
            ministry: raw.is_ministry,
            other: raw.is_other_agency,
        },
        executing_agencies: named_list(&raw.departments_executing),
        competent_agencies: named_list(&raw.departments_authority),
        promulgating_agency,
        steps: raw
            .execution_steps
            .iter()
            .map(|s| Step {
                name: clean_opt(&s.name),
                description: s.description.clone().unwrap_or_default().trim().to_owned(),
            })
            .collect(),
        cases,
        channels,
        component_groups,
        results: named_list(&raw.results_details),
        legal_bases: named_list(&raw.legal_basises_details),
        subjects: raw.subject_types_details.iter().map(|s| clean_opt(&s.name)).filter(|s| !s.is_empty()).collect(),
        requirements: clean_opt(&raw.requirements_and_conditions),
        full_online_hint: raw.is_full_process,
        boundary_free: raw.is_non_territorial,
        return_methods,
        keywords: clean_opt(&raw.keywords),
        source_id: raw.id,
    })
}

/// Parses one row of the portal's catalogue listing into a summary without details.
pub fn parse_catalogue_row(json: &str) -> Result<ProcedureSummary, DomainError> {
    let raw: RawCatalogueRow = serde_json::from_str(json)
        .map_err(|e| DomainError::invalid("catalogue_row", Reason::Unreadable(e.to_string())))?;
    let code = ProcedureCode::parse(&raw.code)?;
    let name = clean(&raw.name);
    if name.is_empty() {
        return Err(DomainError::invalid("name", Reason::ProcedureWithoutName(code.to_string())));
    }
    Ok(ProcedureSummary {
        code,
        name,
        field: raw.categories.first().map(|c| Named { code: String::new(), name: clean(c) }),
        levels: Levels::default(),
        agencies: raw.departments.iter().map(|d| clean(d)).filter(|d| !d.is_empty()).collect(),
        full_online: false,
        boundary_free: false,
        online: false,
        has_details: false,
        keywords: String::new(),
    })
}
