//! The running tally of the indicators. Every dossier change refreshes the
//! dossier's facts (`dossier_measures`) in its own transaction and moves its
//! contribution between the day and month cells: the old facts are taken out,
//! the new ones put in. A figure then reads the cells of its period plus the
//! dossiers open at the period's end, never every dossier.
//! `rebuild_indicators` recomputes all of it from the dossiers and their
//! histories, adding the cells up in memory instead of by differences.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use motcua_domain::dossier::Satisfaction;
use motcua_domain::indicators::{
    AttachedComponent, Counts, DossierFacts, IndexIndicator, Measure, OpenAtEnd, Period, Rating, contributions,
    period_of_days,
};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::dossier_rows::{DossierRow, read_dossier};
use crate::encoding::{corrupt, flag, instant, optional_instant, parse_instant};
use crate::query::{SqlBuilder, insert_many};
use crate::row;
use crate::{Store, StoreResult};

/// Where a dossier counts: the cells' dimensions below the province.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Place {
    /// The competent agency's unit: a commune, or the province itself.
    pub unit_code: String,
    pub agency: String,
    /// Where it was received; empty for an online dossier.
    pub service_point: String,
    pub procedure_code: String,
    pub channel: String,
}

/// What the tally knows of one received dossier.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MeasureRecord {
    pub province_code: String,
    pub dossier_id: String,
    pub place: Place,
    pub facts: DossierFacts,
}

/// Which dossiers a figure counts. Every field narrows; none set is the whole country.
#[derive(Debug, Clone, Default)]
pub struct IndicatorFilter {
    pub province: Option<String>,
    /// A commune (or the province as a unit: its own agencies).
    pub unit: Option<String>,
    pub agency: Option<String>,
    pub service_point: Option<String>,
    /// Any of these procedures; empty for any.
    pub procedures: Vec<String>,
    pub channel: Option<String>,
}

/// What a breakdown groups the figures by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breakdown {
    Province,
    Unit,
    Agency,
    ServicePoint,
    Procedure,
    Channel,
}

impl Breakdown {
    fn column(self) -> &'static str {
        match self {
            Breakdown::Province => "province_code",
            Breakdown::Unit => "unit_code",
            Breakdown::Agency => "agency",
            Breakdown::ServicePoint => "service_point",
            Breakdown::Procedure => "procedure_code",
            Breakdown::Channel => "channel",
        }
    }
}

/// One group of a breakdown: its key and the counts behind its measures.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tallied {
    pub key: String,
    pub cells: Counts,
    pub open: OpenAtEnd,
}

/// A dossier behind a figure, for the drill-down.
#[derive(Debug, Clone, PartialEq)]
pub struct CountedDossier {
    pub province_code: String,
    pub dossier_id: String,
    pub code: Option<String>,
    pub procedure_code: String,
    pub channel: String,
    pub agency: String,
    pub received_at: DateTime<Utc>,
    pub due_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    /// Whether it counts towards the figure (on time, online, …), not only in its total.
    pub counts: bool,
}

/// Reads the facts of the received dossiers of a province whose ids lie in
/// `[first, last]`: one dossier when both are its id, a page when rebuilding.
/// Which facts count for what is the domain's to say
/// ([`DossierFacts::of`]); this reads what it needs.
async fn load_facts(
    conn: &mut AnyConnection,
    province: &str,
    first: &str,
    last: &str,
) -> StoreResult<Vec<MeasureRecord>> {
    let rows = sqlx::query(&format!(
        "SELECT {}, (SELECT r.rating FROM ratings r WHERE r.province_code = d.province_code AND r.dossier_id = d.id)
             AS rating
         FROM dossiers d
         WHERE d.province_code = $1 AND d.id >= $2 AND d.id <= $3 AND d.received_at IS NOT NULL ORDER BY d.id",
        row::column_list::<DossierRow>(Some("d"))
    ))
    .bind(province)
    .bind(first)
    .bind(last)
    .fetch_all(&mut *conn)
    .await?;
    let mut attached: HashMap<String, Vec<AttachedComponent>> = HashMap::new();
    let documents = sqlx::query(
        "SELECT dossier_id, component_code, reused FROM dossier_documents
         WHERE province_code = $1 AND dossier_id >= $2 AND dossier_id <= $3",
    )
    .bind(province)
    .bind(first)
    .bind(last)
    .fetch_all(&mut *conn)
    .await?;
    for row in documents {
        let reused: i64 = row.try_get("reused")?;
        attached
            .entry(row.try_get("dossier_id")?)
            .or_default()
            .push(AttachedComponent { component_code: row.try_get("component_code")?, reused: reused != 0 });
    }
    rows.iter()
        .map(|row| {
            let dossier = read_dossier(row)?;
            let rating = row
                .try_get::<Option<String>, _>("rating")?
                .as_deref()
                .map(Satisfaction::parse)
                .transpose()
                .map_err(|e| corrupt("rating", e))?;
            let facts = DossierFacts::of(&dossier, attached.get(&dossier.id).map(Vec::as_slice).unwrap_or(&[]), rating);
            Ok(MeasureRecord {
                place: Place {
                    unit_code: dossier.competent_unit.clone(),
                    agency: dossier.competent_agency.to_string(),
                    service_point: dossier.service_point.clone(),
                    procedure_code: dossier.procedure_code.clone(),
                    channel: dossier.channel.as_str().to_owned(),
                },
                province_code: dossier.province_code,
                dossier_id: dossier.id,
                facts,
            })
        })
        .collect()
}

/// The dossier's facts as the tally last counted them.
async fn counted_facts(conn: &mut AnyConnection, province: &str, id: &str) -> StoreResult<Option<MeasureRecord>> {
    let row = sqlx::query(&format!(
        "SELECT {MEASURE_COLUMNS} FROM dossier_measures WHERE province_code = $1 AND dossier_id = $2"
    ))
    .bind(province)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(measure_from_row).transpose()
}

const MEASURE_COLUMNS: &str = "province_code, dossier_id, unit_code, agency, service_point, procedure_code, channel,
    received_at, due_at, resolved_at, online, supplement_requests, fee_bearing, paid_online, components, digitised,
    reused, electronic_result, rating";

fn measure_from_row(row: &AnyRow) -> StoreResult<MeasureRecord> {
    let when = |column: &str| optional_instant(row, column);
    let number = |column: &str| -> StoreResult<u32> { Ok(u32::try_from(row.try_get::<i64, _>(column)?).unwrap_or(0)) };
    Ok(MeasureRecord {
        province_code: row.try_get("province_code")?,
        dossier_id: row.try_get("dossier_id")?,
        place: Place {
            unit_code: row.try_get("unit_code")?,
            agency: row.try_get("agency")?,
            service_point: row.try_get("service_point")?,
            procedure_code: row.try_get("procedure_code")?,
            channel: row.try_get("channel")?,
        },
        facts: DossierFacts {
            received_at: when("received_at")?,
            due_at: when("due_at")?,
            resolved_at: when("resolved_at")?,
            submitted_online: number("online")? != 0,
            supplement_requests: number("supplement_requests")?,
            fee_bearing: number("fee_bearing")? != 0,
            paid_online: number("paid_online")? != 0,
            components: number("components")?,
            components_digitised: number("digitised")?,
            components_reused: number("reused")?,
            electronic_result: number("electronic_result")? != 0,
            rating: match row.try_get::<String, _>("rating")?.as_str() {
                "not_satisfied" => Some(Rating::NotSatisfied),
                "satisfied" => Some(Rating::Satisfied),
                _ => None,
            },
            complained: false,
        },
    })
}

async fn save_measures(conn: &mut AnyConnection, records: &[MeasureRecord]) -> StoreResult<()> {
    let received: Vec<&MeasureRecord> = records.iter().filter(|r| r.facts.received_at.is_some()).collect();
    let head = format!("INSERT INTO dossier_measures ({MEASURE_COLUMNS}) VALUES");
    insert_many(conn, &head, 19, &received, |q, record| bind_measure(q, record)).await?;
    Ok(())
}

fn bind_measure(insert: &mut SqlBuilder, record: &MeasureRecord) {
    let facts = &record.facts;
    insert.text(&record.province_code).push(", ").text(&record.dossier_id).push(", ");
    push_place(insert, &record.place);
    insert.push(", ").opt_text(facts.received_at.map(instant)).push(", ").opt_text(facts.due_at.map(instant));
    insert.push(", ").opt_text(facts.resolved_at.map(instant));
    for value in [
        flag(facts.submitted_online),
        i64::from(facts.supplement_requests),
        flag(facts.fee_bearing),
        flag(facts.paid_online),
        i64::from(facts.components),
        i64::from(facts.components_digitised),
        i64::from(facts.components_reused),
        flag(facts.electronic_result),
    ] {
        insert.push(", ").int(value);
    }
    let rating = match facts.rating {
        Some(Rating::NotSatisfied) => "not_satisfied",
        Some(Rating::Satisfied) => "satisfied",
        None => "",
    };
    insert.push(", ").text(rating);
}

fn push_place(query: &mut SqlBuilder, place: &Place) {
    query.text(&place.unit_code).push(", ").text(&place.agency).push(", ").text(&place.service_point);
    query.push(", ").text(&place.procedure_code).push(", ").text(&place.channel);
}

/// A cell's key: province, day (or month), place.
type CellKey = (String, i64, Place);

/// Adds what a dossier contributes to each day cell, times `sign`.
fn add_contributions(cells: &mut HashMap<CellKey, Counts>, record: &MeasureRecord, sign: i64) {
    for (day, counts) in contributions(&record.facts) {
        cells.entry((record.province_code.clone(), day, record.place.clone())).or_default().add(&counts, sign);
    }
}

/// The tables of cells: name, period column, and whether they keep the
/// service point and the procedure (the fine ones) or leave them empty.
const CELL_TABLES: [(&str, &str, bool); 4] = [
    ("indicator_days", "day", true),
    ("indicator_months", "month", true),
    ("indicator_agency_days", "day", false),
    ("indicator_agency_months", "month", false),
];

/// A cell's key in one of the tables: the day or month, and the place as kept there.
fn key_in(day: i64, place: &Place, period: &str, fine: bool) -> (i64, Place) {
    let at = if period == "day" { day } else { day / 100 };
    let place = if fine {
        place.clone()
    } else {
        Place { service_point: String::new(), procedure_code: String::new(), ..place.clone() }
    };
    (at, place)
}

/// Adds `counts` to the cells of a day, fine and coarse, by day and by month,
/// creating them if new.
async fn add_to_cells(conn: &mut AnyConnection, key: &CellKey, counts: &Counts) -> StoreResult<()> {
    let (province, day, place) = key;
    for (table, period, fine) in CELL_TABLES {
        let (at, place) = key_in(*day, place, period, fine);
        let mut upsert = SqlBuilder::new(&format!(
            "INSERT INTO {table} (province_code, {period}, unit_code, agency, service_point, procedure_code, channel, {})
             VALUES (",
            Counts::NAMES.join(", ")
        ));
        upsert.text(province).push(", ").int(at).push(", ");
        push_place(&mut upsert, &place);
        for value in counts.values() {
            upsert.push(", ").int(value);
        }
        upsert.push(&format!(
            ") ON CONFLICT (province_code, {period}, unit_code, agency, service_point, procedure_code, channel)
             DO UPDATE SET "
        ));
        let sums: Vec<String> = Counts::NAMES.iter().map(|n| format!("{n} = {table}.{n} + excluded.{n}")).collect();
        upsert.push(&sums.join(", "));
        upsert.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Whether a figure can be read from the coarse cells: it neither filters
/// nor groups by service point or procedure.
fn coarse_enough(filter: &IndicatorFilter, by: Option<Breakdown>) -> bool {
    filter.service_point.is_none()
        && filter.procedures.is_empty()
        && !matches!(by, Some(Breakdown::ServicePoint | Breakdown::Procedure))
}

/// Brings the tally up to date with one dossier's change: inside the
/// change's own transaction, so the figures never disagree with the dossiers.
pub(crate) async fn refresh_measures(conn: &mut AnyConnection, province: &str, id: &str) -> StoreResult<()> {
    let before = counted_facts(conn, province, id).await?;
    let after = load_facts(conn, province, id, id).await?.into_iter().next();
    if before == after {
        return Ok(());
    }
    let mut cells = HashMap::new();
    if let Some(before) = &before {
        add_contributions(&mut cells, before, -1);
        sqlx::query("DELETE FROM dossier_measures WHERE province_code = $1 AND dossier_id = $2")
            .bind(province)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    if let Some(after) = &after {
        add_contributions(&mut cells, after, 1);
        save_measures(conn, std::slice::from_ref(after)).await?;
    }
    for (key, counts) in cells.iter().filter(|(_, counts)| !counts.is_zero()) {
        add_to_cells(conn, key, counts).await?;
    }
    Ok(())
}

/// How many dossiers a rebuild read, and how many cells it wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rebuilt {
    pub dossiers: u64,
    pub cells: u64,
}

/// The day cells of a period, split so that whole months read the month cells.
/// First and last key of a run of days (`yyyymmdd`) or months (`yyyymm`).
type KeyRange = (i64, i64);

fn period_parts(from: NaiveDate, to: NaiveDate) -> (Vec<KeyRange>, Option<KeyRange>) {
    let key = |d: NaiveDate| i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day());
    let month_key = |d: NaiveDate| i64::from(d.year()) * 100 + i64::from(d.month());
    let first_whole = if from.day() == 1 { from } else { first_of_next_month(from) };
    let after_last_whole = first_of_month(to.succ_opt().unwrap_or(to));
    if first_whole >= after_last_whole {
        return (vec![(key(from), key(to))], None);
    }
    let mut days = Vec::new();
    if from < first_whole {
        days.push((key(from), key(first_whole.pred_opt().unwrap_or(first_whole))));
    }
    if after_last_whole <= to {
        days.push((key(after_last_whole), key(to)));
    }
    let last_whole = after_last_whole.pred_opt().unwrap_or(after_last_whole);
    (days, Some((month_key(first_whole), month_key(last_whole))))
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

fn first_of_next_month(day: NaiveDate) -> NaiveDate {
    let first = first_of_month(day);
    first.checked_add_months(chrono::Months::new(1)).unwrap_or(first)
}

/// The `AND …` conditions of a filter on the tables keyed by place.
fn push_filter(query: &mut SqlBuilder, filter: &IndicatorFilter, prefix: &str) {
    let mut equal = |column: &str, value: &Option<String>| {
        if let Some(value) = value {
            query.push(&format!(" AND {prefix}{column} = ")).text(value);
        }
    };
    equal("province_code", &filter.province);
    equal("unit_code", &filter.unit);
    equal("agency", &filter.agency);
    equal("service_point", &filter.service_point);
    equal("channel", &filter.channel);
    if !filter.procedures.is_empty() {
        query.push(&format!(" AND {prefix}procedure_code IN ("));
        for (i, code) in filter.procedures.iter().enumerate() {
            if i > 0 {
                query.push(", ");
            }
            query.text(code);
        }
        query.push(")");
    }
}

/// A dossier behind a figure, from a row of `dossier_measures` joined to its code.
fn counted_from_row(row: &AnyRow) -> StoreResult<CountedDossier> {
    Ok(CountedDossier {
        province_code: row.try_get("province_code")?,
        dossier_id: row.try_get("dossier_id")?,
        code: row.try_get("code")?,
        procedure_code: row.try_get("procedure_code")?,
        channel: row.try_get("channel")?,
        agency: row.try_get("agency")?,
        received_at: parse_instant(&row.try_get::<String, _>("received_at")?)?,
        due_at: optional_instant(row, "due_at")?,
        resolved_at: optional_instant(row, "resolved_at")?,
        counts: row.try_get::<i64, _>("counts")? != 0,
    })
}

fn counts_from_row(row: &AnyRow) -> StoreResult<Counts> {
    let mut values = [0i64; 11];
    for (value, name) in values.iter_mut().zip(Counts::NAMES) {
        *value = row.try_get::<Option<i64>, _>(name)?.unwrap_or(0);
    }
    Ok(Counts::from_values(values))
}

impl Store {
    /// The counts behind the measures of a period, grouped by `by` (one group
    /// keyed "" when `None`): the cells of the period plus the dossiers open
    /// at its end, or at `as_of` when the period ends later.
    pub async fn tally(
        &self,
        filter: &IndicatorFilter,
        from: NaiveDate,
        to: NaiveDate,
        as_of: DateTime<Utc>,
        by: Option<Breakdown>,
    ) -> StoreResult<Vec<Tallied>> {
        let group = by.map(Breakdown::column);
        let key_column = group.map(|g| format!("{g} AS group_key")).unwrap_or_else(|| "'' AS group_key".to_owned());
        let sums: Vec<String> = Counts::NAMES.iter().map(|n| format!("CAST(sum({n}) AS BIGINT) AS {n}")).collect();
        let (days, months) = period_parts(from, to);
        let mut groups: HashMap<String, Tallied> = HashMap::new();
        let (day_table, month_table) = if coarse_enough(filter, by) {
            ("indicator_agency_days", "indicator_agency_months")
        } else {
            ("indicator_days", "indicator_months")
        };
        let mut parts: Vec<(&str, &str, KeyRange)> = days.into_iter().map(|r| (day_table, "day", r)).collect();
        parts.extend(months.map(|r| (month_table, "month", r)));
        for (table, period, (first, last)) in parts {
            let mut query =
                SqlBuilder::new(&format!("SELECT {key_column}, {} FROM {table} WHERE {period} >= ", sums.join(", ")));
            query.int(first).push(&format!(" AND {period} <= ")).int(last);
            push_filter(&mut query, filter, "");
            if let Some(group) = group {
                query.push(&format!(" GROUP BY {group}"));
            }
            for row in query.build().fetch_all(&self.pool).await? {
                let key: String = row.try_get("group_key")?;
                let entry = groups.entry(key.clone()).or_insert_with(|| Tallied { key, ..Tallied::default() });
                entry.cells.add(&counts_from_row(&row)?, 1);
            }
        }
        let end = period_of_days(from, to).judged_at(as_of).to;
        for open in self.open_at(filter, end, group).await? {
            let entry = groups
                .entry(open.key.clone())
                .or_insert_with(|| Tallied { key: open.key.clone(), ..Tallied::default() });
            entry.open = open.open;
        }
        let mut tallied: Vec<Tallied> = groups
            .into_values()
            .filter(|t| by.is_none() || t.cells != Counts::default() || t.open != OpenAtEnd::default())
            .collect();
        if tallied.is_empty() && by.is_none() {
            tallied.push(Tallied::default());
        }
        tallied.sort_by(|a, b| a.key.cmp(&b.key));
        Ok(tallied)
    }

    /// The dossiers received by `end` and not finished by then, and how many
    /// of them were late at `end`: those open now, plus those finished since.
    async fn open_at(
        &self,
        filter: &IndicatorFilter,
        end: DateTime<Utc>,
        group: Option<&str>,
    ) -> StoreResult<Vec<Tallied>> {
        let end_text = instant(end);
        let key_column = group.map(|g| format!("{g} AS group_key")).unwrap_or_else(|| "'' AS group_key".to_owned());
        let mut groups: HashMap<String, Tallied> = HashMap::new();
        for still_open in [true, false] {
            let mut query = SqlBuilder::new(&format!(
                "SELECT {key_column}, count(*) AS open, CAST(sum(CASE WHEN supplement_requests > 1 OR due_at < "
            ));
            query
                .text(end_text.clone())
                .push(" THEN 1 ELSE 0 END) AS BIGINT) AS late FROM dossier_measures WHERE received_at <= ");
            query.text(end_text.clone());
            if still_open {
                query.push(" AND resolved_at IS NULL");
            } else {
                query.push(" AND resolved_at > ").text(end_text.clone());
            }
            push_filter(&mut query, filter, "");
            if let Some(group) = group {
                query.push(&format!(" GROUP BY {group}"));
            }
            for row in query.build().fetch_all(&self.pool).await? {
                let key: String = row.try_get("group_key")?;
                let open: i64 = row.try_get("open")?;
                let late: i64 = row.try_get::<Option<i64>, _>("late")?.unwrap_or(0);
                let entry = groups.entry(key.clone()).or_insert_with(|| Tallied { key, ..Tallied::default() });
                entry.open.open += open;
                entry.open.late += late;
            }
        }
        Ok(groups.into_values().filter(|t| t.open.open > 0).collect())
    }

    /// The dossiers a measure is taken over in a period, as judged (see
    /// [`Period::judged_at`]): only those that count towards it, or only
    /// those that do not, when `counting` says so; a page of
    /// `(limit, offset)`, with how many there are.
    pub async fn counted_dossiers(
        &self,
        filter: &IndicatorFilter,
        period: Period,
        measure: Measure,
        counting: Option<bool>,
        (limit, offset): (i64, i64),
    ) -> StoreResult<(Vec<CountedDossier>, i64)> {
        let (start, end) = (instant(period.from), instant(period.to));
        let mut within = SqlBuilder::new("");
        let mut counts = SqlBuilder::new("");
        match measure {
            Measure::OnTime => {
                within.push("((m.resolved_at >= ").text(start.clone()).push(" AND m.resolved_at <= ").text(end.clone());
                within
                    .push(") OR (m.received_at <= ")
                    .text(end.clone())
                    .push(" AND (m.resolved_at IS NULL OR m.resolved_at > ");
                within.text(end.clone()).push(")))");
                counts.push("NOT (m.supplement_requests > 1 OR (m.resolved_at IS NOT NULL AND m.resolved_at <= ");
                counts.text(end.clone()).push(" AND m.due_at IS NOT NULL AND m.resolved_at > m.due_at)");
                counts.push(" OR ((m.resolved_at IS NULL OR m.resolved_at > ").text(end.clone());
                counts.push(") AND m.due_at IS NOT NULL AND m.due_at < ").text(end.clone()).push("))");
            }
            Measure::EResult | Measure::Satisfaction => {
                within.push("m.resolved_at >= ").text(start.clone()).push(" AND m.resolved_at <= ").text(end.clone());
                counts.push(if measure == Measure::EResult {
                    "m.electronic_result = 1"
                } else {
                    "(m.rating <> 'not_satisfied' AND m.supplement_requests <= 1
                      AND (m.due_at IS NULL OR m.resolved_at <= m.due_at))"
                });
            }
            Measure::Online | Measure::EPayment | Measure::Digitised | Measure::Reuse => {
                within.push("m.received_at >= ").text(start.clone()).push(" AND m.received_at <= ").text(end.clone());
                if measure == Measure::EPayment {
                    within.push(" AND m.fee_bearing = 1");
                }
                counts.push(match measure {
                    Measure::Online => "m.online = 1",
                    Measure::EPayment => "m.paid_online = 1",
                    Measure::Digitised => "(m.components > 0 AND m.digitised >= m.components)",
                    _ => "m.reused > 0",
                });
            }
        }
        let mut condition = SqlBuilder::new(" WHERE ");
        condition.extend(&within);
        push_filter(&mut condition, filter, "m.");
        match counting {
            Some(true) => {
                condition.push(" AND ").extend(&counts);
            }
            Some(false) => {
                condition.push(" AND NOT ").extend(&counts);
            }
            None => {}
        }
        let mut total = SqlBuilder::new("SELECT count(*) AS total FROM dossier_measures m");
        total.extend(&condition);
        let total: i64 = total.build().fetch_one(&self.pool).await?.try_get("total")?;
        let mut list = SqlBuilder::new(
            "SELECT m.province_code, m.dossier_id, d.code, m.procedure_code, m.channel, m.agency, m.received_at,
                 m.due_at, m.resolved_at, CASE WHEN ",
        );
        list.extend(&counts).push(
            " THEN 1 ELSE 0 END AS counts FROM dossier_measures m
             JOIN dossiers d ON d.province_code = m.province_code AND d.id = m.dossier_id",
        );
        list.extend(&condition).push(" ORDER BY m.received_at DESC, m.dossier_id LIMIT ").int(limit);
        list.push(" OFFSET ").int(offset);
        let rows = list.build().fetch_all(&self.pool).await?;
        let dossiers = rows.iter().map(counted_from_row).collect::<StoreResult<Vec<_>>>()?;
        Ok((dossiers, total))
    }

    /// Open dossiers due before `before` (late ones and those soon due),
    /// nearest due first.
    pub async fn due_soon(
        &self,
        filter: &IndicatorFilter,
        before: DateTime<Utc>,
        limit: i64,
    ) -> StoreResult<Vec<CountedDossier>> {
        let mut query = SqlBuilder::new(
            "SELECT m.province_code, m.dossier_id, d.code, m.procedure_code, m.channel, m.agency, m.received_at,
                 m.due_at, m.resolved_at, 0 AS counts FROM dossier_measures m
             JOIN dossiers d ON d.province_code = m.province_code AND d.id = m.dossier_id
             WHERE m.resolved_at IS NULL AND m.due_at < ",
        );
        query.text(instant(before));
        push_filter(&mut query, filter, "m.");
        query.push(" ORDER BY m.due_at LIMIT ").int(limit);
        let rows = query.build().fetch_all(&self.pool).await?;
        rows.iter().map(counted_from_row).collect()
    }

    /// Recomputes the whole tally from the dossiers and their histories, in
    /// one write: what the running tally holds must equal what this writes.
    pub async fn rebuild_indicators(&self) -> StoreResult<Rebuilt> {
        self.write(move |conn| {
            Box::pin(async move {
                for table in ["dossier_measures"].into_iter().chain(CELL_TABLES.iter().map(|(table, _, _)| *table)) {
                    sqlx::query(&format!("DELETE FROM {table}")).execute(&mut *conn).await?;
                }
                let mut cells: HashMap<CellKey, Counts> = HashMap::new();
                let mut rebuilt = Rebuilt::default();
                let mut after = (String::new(), String::new());
                loop {
                    let keys = sqlx::query(
                        "SELECT province_code, id FROM dossiers
                         WHERE province_code > $1 OR (province_code = $2 AND id > $3)
                         ORDER BY province_code, id LIMIT 2000",
                    )
                    .bind(&after.0)
                    .bind(&after.0)
                    .bind(&after.1)
                    .fetch_all(&mut *conn)
                    .await?;
                    let keys: Vec<(String, String)> = keys
                        .iter()
                        .map(|r| Ok((r.try_get("province_code")?, r.try_get("id")?)))
                        .collect::<StoreResult<_>>()?;
                    let Some(last) = keys.last().cloned() else { break };
                    // A page may cross from one province to the next: one range per province.
                    let mut start = 0;
                    while start < keys.len() {
                        let province = &keys[start].0;
                        let end =
                            keys[start..].iter().position(|(p, _)| p != province).map_or(keys.len(), |n| start + n);
                        let records = load_facts(conn, province, &keys[start].1, &keys[end - 1].1).await?;
                        for record in &records {
                            add_contributions(&mut cells, record, 1);
                        }
                        save_measures(conn, &records).await?;
                        rebuilt.dossiers += records.len() as u64;
                        start = end;
                    }
                    after = last;
                }
                for (table, period, fine) in CELL_TABLES {
                    let mut source: HashMap<CellKey, Counts> = HashMap::new();
                    for ((province, day, place), counts) in &cells {
                        let (at, place) = key_in(*day, place, period, fine);
                        source.entry((province.clone(), at, place)).or_default().add(counts, 1);
                    }
                    let rows: Vec<(&CellKey, &Counts)> = source.iter().filter(|(_, c)| !c.is_zero()).collect();
                    let head = format!(
                        "INSERT INTO {table} (province_code, {period}, unit_code, agency, service_point, procedure_code,
                             channel, {}) VALUES",
                        Counts::NAMES.join(", ")
                    );
                    insert_many(conn, &head, 18, &rows, |q, ((province, at, place), counts)| {
                        q.text(province).push(", ").int(*at).push(", ");
                        push_place(q, place);
                        for value in counts.values() {
                            q.push(", ").int(value);
                        }
                    })
                    .await?;
                    rebuilt.cells += rows.len() as u64;
                }
                Ok(rebuilt)
            })
        })
        .await
    }

    /// Every cell of every table, fine and coarse, by day and by month, in
    /// key order: what tests compare.
    pub async fn indicator_cells(&self) -> StoreResult<Vec<(String, i64, Place, Counts)>> {
        let mut all = Vec::new();
        for (table, period, _) in CELL_TABLES {
            let rows = sqlx::query(&format!(
                "SELECT province_code, {period} AS at, unit_code, agency, service_point, procedure_code, channel, {}
                 FROM {table} ORDER BY province_code, {period}, unit_code, agency, service_point, procedure_code, channel",
                Counts::NAMES.join(", ")
            ))
            .fetch_all(&self.pool)
            .await?;
            for row in rows {
                let counts = counts_from_row(&row)?;
                if counts.is_zero() {
                    continue;
                }
                let place = Place {
                    unit_code: row.try_get("unit_code")?,
                    agency: row.try_get("agency")?,
                    service_point: row.try_get("service_point")?,
                    procedure_code: row.try_get("procedure_code")?,
                    channel: row.try_get("channel")?,
                };
                all.push((row.try_get("province_code")?, row.try_get("at")?, place, counts));
            }
        }
        Ok(all)
    }

    /// Every dossier's counted facts, in key order: what tests compare.
    pub async fn measure_records(&self) -> StoreResult<Vec<MeasureRecord>> {
        let rows =
            sqlx::query(&format!("SELECT {MEASURE_COLUMNS} FROM dossier_measures ORDER BY province_code, dossier_id"))
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(measure_from_row).collect()
    }

    /// The indicators of the 766 index, by number.
    pub async fn index766_indicators(&self) -> StoreResult<Vec<IndexIndicator>> {
        let rows = sqlx::query(
            "SELECT number, group_name, name, code, max_points, target, measure FROM index766_indicators ORDER BY number",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(IndexIndicator {
                    number: u32::try_from(row.try_get::<i64, _>("number")?).unwrap_or(0),
                    group: row.try_get("group_name")?,
                    name: row.try_get("name")?,
                    code: row.try_get("code")?,
                    max_points: row.try_get("max_points")?,
                    target: row.try_get("target")?,
                    measure: Measure::parse(&row.try_get::<String, _>("measure")?),
                })
            })
            .collect()
    }

    /// Writes the index's indicators that are not there yet: the first start
    /// seeds them, and an administrator's changes are kept afterwards.
    pub async fn seed_index766(&self, indicators: &[IndexIndicator]) -> StoreResult<u64> {
        let indicators = indicators.to_vec();
        self.write(move |conn| {
            Box::pin(async move {
                let mut added = 0;
                for indicator in &indicators {
                    added += sqlx::query(
                        "INSERT INTO index766_indicators (number, group_name, name, code, max_points, target, measure,
                             updated_by, updated_at)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, 'seed', $8) ON CONFLICT (number) DO NOTHING",
                    )
                    .bind(i64::from(indicator.number))
                    .bind(&indicator.group)
                    .bind(&indicator.name)
                    .bind(&indicator.code)
                    .bind(indicator.max_points)
                    .bind(indicator.target)
                    .bind(indicator.measure.map(Measure::as_str).unwrap_or(""))
                    .bind(instant(Utc::now()))
                    .execute(&mut *conn)
                    .await?
                    .rows_affected();
                }
                Ok(added)
            })
        })
        .await
    }

    /// Changes an indicator's points and target; false if there is no such indicator.
    pub async fn save_index766_weight(&self, number: u32, max_points: f64, target: f64, by: &str) -> StoreResult<bool> {
        let by = by.to_owned();
        self.write(move |conn| {
            Box::pin(async move {
                let changed = sqlx::query(
                    "UPDATE index766_indicators SET max_points = $1, target = $2, updated_by = $3, updated_at = $4
                     WHERE number = $5",
                )
                .bind(max_points)
                .bind(target)
                .bind(&by)
                .bind(instant(Utc::now()))
                .bind(i64::from(number))
                .execute(&mut *conn)
                .await?
                .rows_affected();
                Ok(changed == 1)
            })
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("day")
    }

    #[test]
    fn a_period_reads_whole_months_from_the_month_cells() {
        assert_eq!(period_parts(day(2026, 11, 3), day(2026, 11, 20)), (vec![(20261103, 20261120)], None));
        assert_eq!(period_parts(day(2026, 1, 1), day(2026, 12, 31)), (vec![], Some((202601, 202612))));
        assert_eq!(
            period_parts(day(2026, 1, 15), day(2026, 4, 10)),
            (vec![(20260115, 20260131), (20260401, 20260410)], Some((202602, 202603)))
        );
        assert_eq!(period_parts(day(2026, 2, 1), day(2026, 2, 28)), (vec![], Some((202602, 202602))));
    }
}
