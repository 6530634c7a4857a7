//! The figures a province is judged by: measures per unit, agency, service
//! point, procedure, field, channel and period, read from the running tally;
//! the Decision 766 index scored from them; and the dossiers behind each
//! figure. Aggregates are public (the transparency page); the dossiers behind
//! them are shown to officers of the unit only.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use motcua_domain::access::Principal;
use motcua_domain::clock::to_vietnam_time;
use motcua_domain::dossier::Channel;
use motcua_domain::indicators::{IndexIndicator, Measure, Measures, Scored, measures_from, period_of_days, score};
use motcua_domain::organisation::{Role, Scope};
use motcua_domain::units::UnitLevel;
use motcua_domain::{DomainError, Reason};
pub use motcua_store::{Breakdown, CountedDossier};
use motcua_store::{IndicatorFilter, Tallied};
use serde::Deserialize;

use crate::{App, AppError, AppResult};

const INDEX766: &str = include_str!("../../../data/index766/indicators.json");

/// The longest period a figure covers.
const LONGEST_PERIOD_DAYS: i64 = 366 * 10;

/// What a figure is asked for, as the query string gives it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct FigureQuery {
    /// A province (2 digits) or commune (5 digits) code.
    pub unit: Option<String>,
    pub agency: Option<String>,
    pub service_point: Option<String>,
    pub procedure: Option<String>,
    /// A field (lĩnh vực) code: its procedures.
    pub field: Option<String>,
    pub channel: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// A figure's query, checked: the store's filter and the period.
#[derive(Debug, Clone)]
pub struct Checked {
    pub filter: IndicatorFilter,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// When the figures are judged: the period's end, or now if it ends later.
    pub as_of: DateTime<Utc>,
}

/// The measures of one group of dossiers.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub key: String,
    pub label: String,
    pub measures: Measures,
    /// Dossiers received in the period.
    pub received: u64,
    /// Dossiers resolved in the period.
    pub resolved: u64,
    /// Dossiers open at the period's end, and how many of them were late then.
    pub open: u64,
    pub open_late: u64,
}

/// The 766 index of one unit over a period.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexReport {
    pub scored: Vec<Scored>,
    /// Each group: name, maximum points, points scored.
    pub groups: Vec<(String, f64, f64)>,
    pub points: f64,
    pub max_points: f64,
}

fn figure(tallied: &Tallied, label: String) -> Figure {
    Figure {
        key: tallied.key.clone(),
        label,
        measures: measures_from(&tallied.cells, &tallied.open),
        received: tallied.cells.received.max(0) as u64,
        resolved: tallied.cells.resolved.max(0) as u64,
        open: tallied.open.open.max(0) as u64,
        open_late: tallied.open.late.max(0) as u64,
    }
}

/// The current year so far, in Vietnam time: the default period.
fn this_year() -> (NaiveDate, NaiveDate) {
    let today = to_vietnam_time(Utc::now()).date_naive();
    (NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today), today)
}

/// The indicators of the 766 index as the data file gives them, with the
/// targets motcua starts from and the measure each is computed from.
pub fn index766_defaults() -> AppResult<Vec<IndexIndicator>> {
    #[derive(Deserialize)]
    struct File {
        indicators: Vec<Row>,
    }
    #[derive(Deserialize)]
    struct Row {
        stt: u32,
        group: String,
        name: String,
        metric_code: Option<String>,
        max_score: Option<f64>,
    }
    let file: File = serde_json::from_str(INDEX766)
        .map_err(|e| DomainError::invalid("index766", Reason::Unreadable(e.to_string())))?;
    Ok(file
        .indicators
        .into_iter()
        .map(|row| {
            let (measure, target) = match row.stt {
                5 => (Some(Measure::OnTime), 1.0),
                6 => (Some(Measure::Online), 0.8),
                11 => (Some(Measure::EResult), 0.9),
                12 => (Some(Measure::Digitised), 0.9),
                14 => (Some(Measure::Reuse), 0.5),
                23 => (Some(Measure::Satisfaction), 0.9),
                24 => (Some(Measure::EPayment), 0.5),
                _ => (None, 1.0),
            };
            IndexIndicator {
                number: row.stt,
                group: row.group,
                name: row.name,
                code: row.metric_code.unwrap_or_else(|| format!("INDICATOR_{}", row.stt)),
                max_points: row.max_score.unwrap_or(0.0),
                target,
                measure,
            }
        })
        .collect())
}

impl App {
    /// Seeds the 766 index's indicators that are missing; changes made since are kept.
    pub async fn ensure_index766(&self) -> AppResult<u64> {
        Ok(self.store().seed_index766(&index766_defaults()?).await?)
    }

    /// Checks a figure's query: codes that exist in form, a channel motcua
    /// knows, a period that ends after it starts and is at most ten years.
    pub async fn check_figure_query(&self, query: &FigureQuery) -> AppResult<Checked> {
        let (first, today) = this_year();
        let from = query.from.unwrap_or(first);
        let to = query.to.unwrap_or(today);
        if to < from {
            return Err(DomainError::invalid("to", Reason::BeforePeriodStart).into());
        }
        if from > today {
            return Err(DomainError::invalid("from", Reason::PeriodStartsAfterToday).into());
        }
        if (to - from).num_days() > LONGEST_PERIOD_DAYS {
            return Err(DomainError::invalid("from", Reason::PeriodAtMostTenYears).into());
        }
        let mut filter = IndicatorFilter::default();
        if let Some(unit) = query.unit.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            match unit.len() {
                2 if unit.bytes().all(|b| b.is_ascii_digit()) => {
                    self.store()
                        .unit(UnitLevel::Province, unit, today)
                        .await?
                        .ok_or_else(|| AppError::not_found("unit", unit))?;
                    filter.province = Some(unit.to_owned());
                }
                5 if unit.bytes().all(|b| b.is_ascii_digit()) => {
                    // A commune is read within its province: the cells are kept by province first.
                    let commune = self
                        .store()
                        .unit(UnitLevel::Commune, unit, today)
                        .await?
                        .ok_or_else(|| AppError::not_found("unit", unit))?;
                    filter.province = Some(commune.province_code);
                    filter.unit = Some(unit.to_owned());
                }
                _ => {
                    return Err(DomainError::invalid("unit", Reason::ProvinceOrCommuneCode).into());
                }
            }
        }
        let text =
            |value: &Option<String>| value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
        filter.agency = text(&query.agency);
        if let Some(agency) = &filter.agency {
            self.store().agency(agency).await?.ok_or_else(|| AppError::not_found("agency", agency))?;
        }
        filter.service_point = text(&query.service_point);
        if let Some(point) = &filter.service_point {
            self.store().service_point(point).await?.ok_or_else(|| AppError::not_found("service point", point))?;
        }
        if let Some(channel) = text(&query.channel) {
            filter.channel = Some(Channel::parse(&channel)?.as_str().to_owned());
        }
        if let Some(procedure) = text(&query.procedure) {
            filter.procedures.push(procedure);
        }
        if let Some(field) = text(&query.field) {
            let codes = self.store().procedures_in_field(&field).await?;
            if codes.is_empty() {
                return Err(AppError::not_found("field", &field));
            }
            if filter.procedures.is_empty() {
                filter.procedures = codes;
            } else {
                filter.procedures.retain(|p| codes.contains(p));
            }
        }
        Ok(Checked { filter, from, to, as_of: Utc::now() })
    }

    /// The measures of the dossiers a query picks.
    pub async fn figures(&self, checked: &Checked) -> AppResult<Figure> {
        let tallied = self.store().tally(&checked.filter, checked.from, checked.to, checked.as_of, None).await?;
        Ok(tallied
            .first()
            .map(|t| figure(t, String::new()))
            .unwrap_or_else(|| figure(&Tallied::default(), String::new())))
    }

    /// The measures per province, unit, agency, service point, procedure or
    /// channel, each labelled with its name.
    pub async fn figures_by(&self, checked: &Checked, by: Breakdown) -> AppResult<Vec<Figure>> {
        let tallied = self.store().tally(&checked.filter, checked.from, checked.to, checked.as_of, Some(by)).await?;
        let today = to_vietnam_time(Utc::now()).date_naive();
        let mut figures = Vec::with_capacity(tallied.len());
        for group in &tallied {
            let label = match by {
                Breakdown::Province => self.store().unit(UnitLevel::Province, &group.key, today).await?.map(|u| u.name),
                Breakdown::Unit => match group.key.len() {
                    2 => self.store().unit(UnitLevel::Province, &group.key, today).await?.map(|u| u.name),
                    _ => self.store().unit(UnitLevel::Commune, &group.key, today).await?.map(|u| u.name),
                },
                Breakdown::Agency => self.store().agency(&group.key).await?.map(|a| a.name),
                Breakdown::ServicePoint => self.store().service_point(&group.key).await?.map(|p| p.name),
                Breakdown::Procedure => self.store().procedure_summary(&group.key).await?.map(|p| p.summary.name),
                Breakdown::Channel => None,
            };
            figures.push(figure(group, label.unwrap_or_else(|| group.key.clone())));
        }
        Ok(figures)
    }

    /// The 766 index's indicators as they stand.
    pub async fn index766_indicators(&self) -> AppResult<Vec<IndexIndicator>> {
        Ok(self.store().index766_indicators().await?)
    }

    /// The 766 index of the dossiers a query picks.
    pub async fn index766(&self, checked: &Checked) -> AppResult<IndexReport> {
        let indicators = self.index766_indicators().await?;
        let measures = self.figures(checked).await?.measures;
        Ok(index_report(&indicators, &measures))
    }

    /// The 766 index of each group of a breakdown (provinces, or the communes of one).
    pub async fn index766_by(&self, checked: &Checked, by: Breakdown) -> AppResult<Vec<(Figure, IndexReport)>> {
        let indicators = self.index766_indicators().await?;
        Ok(self
            .figures_by(checked, by)
            .await?
            .into_iter()
            .map(|figure| {
                let report = index_report(&indicators, &figure.measures);
                (figure, report)
            })
            .collect())
    }

    /// Changes an indicator's points and target (administrators).
    pub async fn set_index766_weight(
        &self,
        principal: &Principal,
        number: u32,
        max_points: f64,
        target: f64,
    ) -> AppResult<()> {
        let Principal::Officer { role: Role::Administrator, username, .. } = principal else {
            return Err(AppError::Forbidden { role: principal.role_name(), action: "set_index766_weight" });
        };
        if !(0.0..=100.0).contains(&max_points) || !max_points.is_finite() {
            return Err(DomainError::invalid("max_points", Reason::Between0And100).into());
        }
        if !(target > 0.0 && target <= 1.0) {
            return Err(DomainError::invalid("target", Reason::RateUpTo100Percent).into());
        }
        if !self.store().save_index766_weight(number, max_points, target, username).await? {
            return Err(AppError::not_found("indicator", number.to_string()));
        }
        Ok(())
    }

    /// Narrows a figure to what an officer may look into: their own province
    /// (supervisors and administrators), agency or service point.
    pub fn within_scope(&self, principal: &Principal, checked: &mut Checked) -> AppResult<()> {
        let Principal::Officer { scope, .. } = principal else {
            return Err(AppError::Forbidden { role: principal.role_name(), action: "read_indicators" });
        };
        if !motcua_domain::access::may_read_figures(principal) {
            return Err(AppError::Forbidden { role: principal.role_name(), action: "read_indicators" });
        }
        match scope {
            Scope::Unit(code) if code.len() == 2 => {
                if checked.filter.province.as_ref().is_some_and(|p| p != code) {
                    return Err(AppError::not_found("unit", checked.filter.province.as_deref().unwrap_or("")));
                }
                checked.filter.province = Some(code.clone());
            }
            Scope::Unit(code) => {
                checked.filter.unit = Some(code.clone());
            }
            Scope::Agency(code) => checked.filter.agency = Some(code.clone()),
            Scope::ServicePoint(code) => checked.filter.service_point = Some(code.clone()),
        }
        Ok(())
    }

    /// The dossiers a figure counts (those that count towards it, or those
    /// that do not), a page at a time, with how many there are.
    pub async fn dossiers_behind(
        &self,
        principal: &Principal,
        checked: &Checked,
        measure: Measure,
        counting: Option<bool>,
        page: i64,
    ) -> AppResult<(Vec<CountedDossier>, i64)> {
        let mut checked = checked.clone();
        self.within_scope(principal, &mut checked)?;
        let page = page.max(1);
        Ok(self
            .store()
            .counted_dossiers(
                &checked.filter,
                period_of_days(checked.from, checked.to).judged_at(checked.as_of),
                measure,
                counting,
                (50, (page - 1) * 50),
            )
            .await?)
    }

    /// Open dossiers late now or due within three days, nearest due first.
    pub async fn late_and_due_soon(&self, principal: &Principal, checked: &Checked) -> AppResult<Vec<CountedDossier>> {
        let mut checked = checked.clone();
        self.within_scope(principal, &mut checked)?;
        Ok(self.store().due_soon(&checked.filter, Utc::now() + chrono::Duration::days(3), 50).await?)
    }
}

/// Scores the indicators and adds them up per group.
fn index_report(indicators: &[IndexIndicator], measures: &Measures) -> IndexReport {
    let scored = score(indicators, measures);
    let mut groups: Vec<(String, f64, f64)> = Vec::new();
    for item in &scored {
        match groups.iter_mut().find(|(name, _, _)| *name == item.indicator.group) {
            Some(group) => {
                group.1 += item.indicator.max_points;
                group.2 += item.points;
            }
            None => groups.push((item.indicator.group.clone(), item.indicator.max_points, item.points)),
        }
    }
    IndexReport {
        points: scored.iter().map(|s| s.points).sum(),
        max_points: scored.iter().map(|s| s.indicator.max_points).sum(),
        groups,
        scored,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_file_gives_six_groups_worth_one_hundred_points() {
        let indicators = index766_defaults().expect("the index file reads");
        let report = index_report(&indicators, &Measures::default());
        assert_eq!(report.groups.len(), 6);
        assert!((report.max_points - 100.0).abs() < 1e-9, "{}", report.max_points);
        let maxima: Vec<f64> = report.groups.iter().map(|g| g.1).collect();
        assert_eq!(maxima, vec![18.0, 20.0, 12.0, 22.0, 18.0, 10.0]);
        let measured: Vec<u32> = indicators.iter().filter(|i| i.measure.is_some()).map(|i| i.number).collect();
        assert_eq!(measured, vec![5, 6, 11, 12, 14, 23, 24]);
    }
}
