//! The running tally of the indicators. Every dossier change refreshes the
//! dossier's facts (`dossier_measures`) in its own transaction and moves its
//! contribution between the day and month cells: the old facts are taken out,
//! the new ones put in. A figure then reads the cells of its period plus the
//! dossiers open at the period's end, never every dossier.
//! `rebuild_indicators` recomputes all of it from the dossiers and their
//! histories, adding the cells up in memory instead of by differences.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use motcua_domain::dossier::Dossier;
use motcua_domain::dossier::Satisfaction;
use motcua_domain::indicators::{
    Counts, DossierFacts, IndexIndicator, Measure, OpenAtEnd, Period, Rating, contributions, period_of_days,
};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::documents::attached_components;
use crate::dossier_rows::DossierRow;
use crate::encoding::{corrupt, flag, instant, parse_instant, parse_optional_instant};
use crate::query::SqlBuilder;
use crate::row::{self, Columns, Row};
use crate::{Store, StoreError, StoreResult};

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

/// The columns of a place, in the tables keyed by place.
fn place_columns(place: &mut Place, c: &mut dyn Columns) {
    c.text("unit_code", &mut place.unit_code);
    c.text("agency", &mut place.agency);
    c.text("service_point", &mut place.service_point);
    c.text("procedure_code", &mut place.procedure_code);
    c.text("channel", &mut place.channel);
}

/// The columns of the counts, named as the domain names them ([`Counts::NAMES`]).
fn count_columns(counts: &mut Counts, c: &mut dyn Columns) {
    let mut values = counts.values();
    for (name, value) in Counts::NAMES.into_iter().zip(values.iter_mut()) {
        c.int(name, value);
    }
    *counts = Counts::from_values(values);
}

/// A dossier's row among those the tally counted.
#[derive(Debug, Clone, Default, PartialEq)]
struct MeasureRow {
    province_code: String,
    dossier_id: String,
    place: Place,
    received_at: String,
    due_at: Option<String>,
    resolved_at: Option<String>,
    online: i64,
    supplement_requests: i64,
    fee_bearing: i64,
    paid_online: i64,
    components: i64,
    digitised: i64,
    reused: i64,
    electronic_result: i64,
    /// `not_satisfied`, `satisfied`, or empty when not rated.
    rating: String,
}

impl Row for MeasureRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("province_code", &mut self.province_code);
        c.text("dossier_id", &mut self.dossier_id);
        place_columns(&mut self.place, c);
        c.text("received_at", &mut self.received_at);
        c.optional_text("due_at", &mut self.due_at);
        c.optional_text("resolved_at", &mut self.resolved_at);
        c.int("online", &mut self.online);
        c.int("supplement_requests", &mut self.supplement_requests);
        c.int("fee_bearing", &mut self.fee_bearing);
        c.int("paid_online", &mut self.paid_online);
        c.int("components", &mut self.components);
        c.int("digitised", &mut self.digitised);
        c.int("reused", &mut self.reused);
        c.int("electronic_result", &mut self.electronic_result);
        c.text("rating", &mut self.rating);
    }
}

impl MeasureRow {
    /// The row of a dossier's facts; none before it is received, as such a
    /// dossier counts for nothing.
    fn received(record: &MeasureRecord) -> Option<MeasureRow> {
        let facts = &record.facts;
        Some(MeasureRow {
            province_code: record.province_code.clone(),
            dossier_id: record.dossier_id.clone(),
            place: record.place.clone(),
            received_at: instant(facts.received_at?),
            due_at: facts.due_at.map(instant),
            resolved_at: facts.resolved_at.map(instant),
            online: flag(facts.submitted_online),
            supplement_requests: i64::from(facts.supplement_requests),
            fee_bearing: flag(facts.fee_bearing),
            paid_online: flag(facts.paid_online),
            components: i64::from(facts.components),
            digitised: i64::from(facts.components_digitised),
            reused: i64::from(facts.components_reused),
            electronic_result: flag(facts.electronic_result),
            rating: match facts.rating {
                Some(Rating::NotSatisfied) => "not_satisfied",
                Some(Rating::Satisfied) => "satisfied",
                None => "",
            }
            .to_owned(),
        })
    }
}

impl TryFrom<MeasureRow> for MeasureRecord {
    type Error = StoreError;

    fn try_from(r: MeasureRow) -> StoreResult<MeasureRecord> {
        let number = |value: i64| u32::try_from(value).unwrap_or(0);
        Ok(MeasureRecord {
            province_code: r.province_code,
            dossier_id: r.dossier_id,
            place: r.place,
            facts: DossierFacts {
                received_at: Some(parse_instant(&r.received_at)?),
                due_at: parse_optional_instant(r.due_at.as_deref())?,
                resolved_at: parse_optional_instant(r.resolved_at.as_deref())?,
                submitted_online: r.online != 0,
                supplement_requests: number(r.supplement_requests),
                fee_bearing: r.fee_bearing != 0,
                paid_online: r.paid_online != 0,
                components: number(r.components),
                components_digitised: number(r.digitised),
                components_reused: number(r.reused),
                electronic_result: r.electronic_result != 0,
                rating: match r.rating.as_str() {
                    "not_satisfied" => Some(Rating::NotSatisfied),
                    "satisfied" => Some(Rating::Satisfied),
                    _ => None,
                },
                complained: false,
            },
        })
    }
}

fn read_measure(row: &AnyRow) -> StoreResult<MeasureRecord> {
    MeasureRecord::try_from(row::read::<MeasureRow>(row)?)
}

fn read_counted(row: &AnyRow) -> StoreResult<CountedDossier> {
    CountedDossier::try_from(row::read::<CountedRow>(row)?)
}

/// A dossier's row with its rating, if it was rated: what the facts are
/// taken from.
#[derive(Debug, Clone, Default, PartialEq)]
struct RatedDossierRow {
    dossier: DossierRow,
    rating: Option<String>,
}

impl Row for RatedDossierRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        self.dossier.columns(c);
        c.optional_text("rating", &mut self.rating);
    }
}

/// A dossier behind a figure: its counted facts, its code, and whether it
/// counts towards the figure.
#[derive(Debug, Clone, Default, PartialEq)]
struct CountedRow {
    measure: MeasureRow,
    code: Option<String>,
    counts: i64,
}

impl Row for CountedRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        self.measure.columns(c);
        c.optional_text("code", &mut self.code);
        c.int("counts", &mut self.counts);
    }
}

/// The select list of a [`CountedRow`] over `dossier_measures m` joined to
/// `dossiers d`, but for `counts`, which the caller adds.
fn counted_columns() -> String {
    format!("{}, d.code", row::column_list::<MeasureRow>(Some("m")))
}

impl TryFrom<CountedRow> for CountedDossier {
    type Error = StoreError;

    fn try_from(r: CountedRow) -> StoreResult<CountedDossier> {
        let m = r.measure;
        Ok(CountedDossier {
            province_code: m.province_code,
            dossier_id: m.dossier_id,
            code: r.code,
            procedure_code: m.place.procedure_code,
            channel: m.place.channel,
            agency: m.place.agency,
            received_at: parse_instant(&m.received_at)?,
            due_at: parse_optional_instant(m.due_at.as_deref())?,
            resolved_at: parse_optional_instant(m.resolved_at.as_deref())?,
            counts: r.counts != 0,
        })
    }
}

/// How the tables of cells are kept: by day (`yyyymmdd`) or by month
/// (`yyyymm`), in a fine table (every place) and a coarse one (without the
/// service point and the procedure, kept as '').
trait CellPeriod: std::fmt::Debug + Clone + Default + Eq + std::hash::Hash {
    /// The column holding the day or month.
    const COLUMN: &'static str;
    const FINE: &'static str;
    const COARSE: &'static str;
    /// The day or month of a day.
    fn of_day(day: i64) -> i64;

    fn table(fine: bool) -> &'static str {
        if fine { Self::FINE } else { Self::COARSE }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
struct Daily;

impl CellPeriod for Daily {
    const COLUMN: &'static str = "day";
    const FINE: &'static str = "indicator_days";
    const COARSE: &'static str = "indicator_agency_days";
    fn of_day(day: i64) -> i64 {
        day
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
struct Monthly;

impl CellPeriod for Monthly {
    const COLUMN: &'static str = "month";
    const FINE: &'static str = "indicator_months";
    const COARSE: &'static str = "indicator_agency_months";
    fn of_day(day: i64) -> i64 {
        day / 100
    }
}

/// Every table of cells.
const CELL_TABLES: [&str; 4] = [Daily::FINE, Daily::COARSE, Monthly::FINE, Monthly::COARSE];

/// The key of a cell in a table of `P`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
struct CellKeyRow<P: CellPeriod> {
    province_code: String,
    at: i64,
    place: Place,
    period: std::marker::PhantomData<P>,
}

impl<P: CellPeriod> Row for CellKeyRow<P> {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("province_code", &mut self.province_code);
        c.int(P::COLUMN, &mut self.at);
        place_columns(&mut self.place, c);
    }
}

impl<P: CellPeriod> CellKeyRow<P> {
    /// The key, in the fine or the coarse table, of a day's cell.
    fn of((province, day, place): &CellKey, fine: bool) -> CellKeyRow<P> {
        let place = if fine {
            place.clone()
        } else {
            Place { service_point: String::new(), procedure_code: String::new(), ..place.clone() }
        };
        CellKeyRow { province_code: province.clone(), at: P::of_day(*day), place, period: std::marker::PhantomData }
    }
}

/// A cell's row: its key and its counts.
#[derive(Debug, Clone, Default, PartialEq)]
struct CellRow<P: CellPeriod> {
    key: CellKeyRow<P>,
    counts: Counts,
}

impl<P: CellPeriod> Row for CellRow<P> {
    fn columns(&mut self, c: &mut dyn Columns) {
        self.key.columns(c);
        count_columns(&mut self.counts, c);
    }
}

/// A group of a period's cells added up: its key and the sums.
#[derive(Debug, Clone, Default, PartialEq)]
struct SummedCellsRow {
    group_key: String,
    counts: Counts,
}

impl Row for SummedCellsRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("group_key", &mut self.group_key);
        count_columns(&mut self.counts, c);
    }
}

/// A group of the dossiers open at an instant: its key, how many, and how
/// many of them late.
#[derive(Debug, Clone, Default, PartialEq)]
struct OpenRow {
    group_key: String,
    open: i64,
    late: i64,
}

impl Row for OpenRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("group_key", &mut self.group_key);
        c.int("open", &mut self.open);
        c.int("late", &mut self.late);
    }
}

/// An indicator of the 766 index, as its row.
#[derive(Debug, Clone, Default, PartialEq)]
struct IndexRow {
    number: i64,
    group_name: String,
    name: String,
    code: String,
    /// The measure's name, empty where motcua does not hold the data.
    measure: String,
    weight: WeightRow,
}

impl Row for IndexRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.int("number", &mut self.number);
        c.text("group_name", &mut self.group_name);
        c.text("name", &mut self.name);
        c.text("code", &mut self.code);
        c.text("measure", &mut self.measure);
        self.weight.columns(c);
    }
}

/// The columns of an indicator's row that an administrator changes.
#[derive(Debug, Clone, Default, PartialEq)]
struct WeightRow {
    max_points: f64,
    target: f64,
    updated_by: String,
    updated_at: String,
}

impl Row for WeightRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.double("max_points", &mut self.max_points);
        c.double("target", &mut self.target);
        c.text("updated_by", &mut self.updated_by);
        c.text("updated_at", &mut self.updated_at);
    }
}

impl IndexRow {
    /// The row of `indicator`, its weight set by `by` at `at`.
    fn of(indicator: &IndexIndicator, by: &str, at: DateTime<Utc>) -> IndexRow {
        IndexRow {
            number: i64::from(indicator.number),
            group_name: indicator.group.clone(),
            name: indicator.name.clone(),
            code: indicator.code.clone(),
            measure: indicator.measure.map(Measure::as_str).unwrap_or("").to_owned(),
            weight: WeightRow {
                max_points: indicator.max_points,
                target: indicator.target,
                updated_by: by.to_owned(),
                updated_at: instant(at),
            },
        }
    }
}

impl From<IndexRow> for IndexIndicator {
    fn from(r: IndexRow) -> IndexIndicator {
        IndexIndicator {
            number: u32::try_from(r.number).unwrap_or(0),
            group: r.group_name,
            name: r.name,
            code: r.code,
            max_points: r.weight.max_points,
            target: r.weight.target,
            measure: Measure::parse(&r.measure),
        }
    }
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
    let attached = attached_components(conn, province, first, last).await?;
    rows.iter()
        .map(|row| {
            let read = row::read::<RatedDossierRow>(row)?;
            let dossier = Dossier::try_from(read.dossier)?;
            let rating =
                read.rating.as_deref().map(Satisfaction::parse).transpose().map_err(|e| corrupt("rating", e))?;
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
        "SELECT {} FROM dossier_measures WHERE province_code = $1 AND dossier_id = $2",
        row::column_list::<MeasureRow>(None)
    ))
    .bind(province)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(read_measure).transpose()
}

/// Writes the facts of the received dossiers among `records`.
async fn save_measures(conn: &mut AnyConnection, records: &[MeasureRecord]) -> StoreResult<()> {
    let rows: Vec<MeasureRow> = records.iter().filter_map(MeasureRow::received).collect();
    row::insert_all(conn, "dossier_measures", &rows).await
}

/// A cell's key: province, day (or month), place.
type CellKey = (String, i64, Place);

/// Adds what a dossier contributes to each day cell, times `sign`.
fn add_contributions(cells: &mut HashMap<CellKey, Counts>, record: &MeasureRecord, sign: i64) {
    for (day, counts) in contributions(&record.facts) {
        cells.entry((record.province_code.clone(), day, record.place.clone())).or_default().add(&counts, sign);
    }
}

/// Adds `counts` to the cells of a day, fine and coarse, by day and by month,
/// creating them if new.
async fn add_to_cells(conn: &mut AnyConnection, key: &CellKey, counts: &Counts) -> StoreResult<()> {
    add_to_cells_of::<Daily>(conn, key, counts).await?;
    add_to_cells_of::<Monthly>(conn, key, counts).await
}

/// Adds `counts` to the fine and the coarse cell of `P` that a day's cell falls in.
async fn add_to_cells_of<P: CellPeriod>(conn: &mut AnyConnection, key: &CellKey, counts: &Counts) -> StoreResult<()> {
    let keys = row::names::<CellKeyRow<P>>().join(", ");
    for fine in [true, false] {
        let table = P::table(fine);
        let cell = CellRow::<P> { key: CellKeyRow::of(key, fine), counts: *counts };
        let mut upsert = row::insert(table, &cell);
        let sums: Vec<String> = Counts::NAMES.iter().map(|n| format!("{n} = {table}.{n} + excluded.{n}")).collect();
        upsert.push(&format!(" ON CONFLICT ({keys}) DO UPDATE SET {}", sums.join(", ")));
        upsert.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Writes the fine and the coarse cells of `P` that the day cells add up
/// to, into empty tables; returns how many.
async fn write_cells_of<P: CellPeriod>(conn: &mut AnyConnection, cells: &HashMap<CellKey, Counts>) -> StoreResult<u64> {
    let mut written = 0;
    for fine in [true, false] {
        let mut sums: HashMap<CellKeyRow<P>, Counts> = HashMap::new();
        for (key, counts) in cells {
            sums.entry(CellKeyRow::of(key, fine)).or_default().add(counts, 1);
        }
        let rows: Vec<CellRow<P>> = sums
            .into_iter()
            .filter(|(_, counts)| !counts.is_zero())
            .map(|(key, counts)| CellRow { key, counts })
            .collect();
        row::insert_all(conn, P::table(fine), &rows).await?;
        written += rows.len() as u64;
    }
    Ok(written)
}

/// Every cell of the fine and the coarse table of `P`, in key order.
async fn read_cells_of<P: CellPeriod>(pool: &sqlx::AnyPool) -> StoreResult<Vec<(String, i64, Place, Counts)>> {
    let mut all = Vec::new();
    for fine in [true, false] {
        let rows = sqlx::query(&format!(
            "SELECT {} FROM {} ORDER BY {}",
            row::column_list::<CellRow<P>>(None),
            P::table(fine),
            row::names::<CellKeyRow<P>>().join(", ")
        ))
        .fetch_all(pool)
        .await?;
        for row in &rows {
            let cell = row::read::<CellRow<P>>(row)?;
            if !cell.counts.is_zero() {
                all.push((cell.key.province_code, cell.key.at, cell.key.place, cell.counts));
            }
        }
    }
    Ok(all)
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
        // Sums over no rows are null: an empty period's counts are zeros.
        let sums: Vec<String> =
            Counts::NAMES.iter().map(|n| format!("CAST(COALESCE(sum({n}), 0) AS BIGINT) AS {n}")).collect();
        let (days, months) = period_parts(from, to);
        let mut groups: HashMap<String, Tallied> = HashMap::new();
        let fine = !coarse_enough(filter, by);
        let mut parts: Vec<(&str, &str, KeyRange)> =
            days.into_iter().map(|r| (Daily::table(fine), Daily::COLUMN, r)).collect();
        parts.extend(months.map(|r| (Monthly::table(fine), Monthly::COLUMN, r)));
        for (table, period, (first, last)) in parts {
            let mut query =
                SqlBuilder::new(&format!("SELECT {key_column}, {} FROM {table} WHERE {period} >= ", sums.join(", ")));
            query.int(first).push(&format!(" AND {period} <= ")).int(last);
            push_filter(&mut query, filter, "");
            if let Some(group) = group {
                query.push(&format!(" GROUP BY {group}"));
            }
            for row in query.build().fetch_all(&self.pool).await? {
                let SummedCellsRow { group_key: key, counts } = row::read(&row)?;
                let entry = groups.entry(key.clone()).or_insert_with(|| Tallied { key, ..Tallied::default() });
                entry.cells.add(&counts, 1);
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
                "SELECT {key_column}, count(*) AS open,
                     CAST(COALESCE(sum(CASE WHEN supplement_requests > 1 OR due_at < "
            ));
            query
                .text(end_text.clone())
                .push(" THEN 1 ELSE 0 END), 0) AS BIGINT) AS late FROM dossier_measures WHERE received_at <= ");
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
                let OpenRow { group_key: key, open, late } = row::read(&row)?;
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
        let mut total = SqlBuilder::new("SELECT count(*) FROM dossier_measures m");
        total.extend(&condition);
        let total: i64 = total.build_scalar().fetch_one(&self.pool).await?;
        let mut list = SqlBuilder::new(&format!("SELECT {}, CASE WHEN ", counted_columns()));
        list.extend(&counts).push(
            " THEN 1 ELSE 0 END AS counts FROM dossier_measures m
             JOIN dossiers d ON d.province_code = m.province_code AND d.id = m.dossier_id",
        );
        list.extend(&condition).push(" ORDER BY m.received_at DESC, m.dossier_id LIMIT ").int(limit);
        list.push(" OFFSET ").int(offset);
        let rows = list.build().fetch_all(&self.pool).await?;
        let dossiers = rows.iter().map(read_counted).collect::<StoreResult<Vec<_>>>()?;
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
        let mut query = SqlBuilder::new(&format!(
            "SELECT {}, 0 AS counts FROM dossier_measures m
             JOIN dossiers d ON d.province_code = m.province_code AND d.id = m.dossier_id
             WHERE m.resolved_at IS NULL AND m.due_at < ",
            counted_columns()
        ));
        query.text(instant(before));
        push_filter(&mut query, filter, "m.");
        query.push(" ORDER BY m.due_at LIMIT ").int(limit);
        let rows = query.build().fetch_all(&self.pool).await?;
        rows.iter().map(read_counted).collect()
    }

    /// Recomputes the whole tally from the dossiers and their histories, in
    /// one write: what the running tally holds must equal what this writes.
    pub async fn rebuild_indicators(&self) -> StoreResult<Rebuilt> {
        self.write(move |conn| {
            Box::pin(async move {
                for table in ["dossier_measures"].into_iter().chain(CELL_TABLES) {
                    sqlx::query(&format!("DELETE FROM {table}")).execute(&mut *conn).await?;
                }
                let mut cells: HashMap<CellKey, Counts> = HashMap::new();
                let mut rebuilt = Rebuilt::default();
                let mut after = (String::new(), String::new());
                loop {
                    let keys: Vec<(String, String)> = sqlx::query_as(
                        "SELECT province_code, id FROM dossiers
                         WHERE province_code > $1 OR (province_code = $2 AND id > $3)
                         ORDER BY province_code, id LIMIT 2000",
                    )
                    .bind(&after.0)
                    .bind(&after.0)
                    .bind(&after.1)
                    .fetch_all(&mut *conn)
                    .await?;
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
                rebuilt.cells += write_cells_of::<Daily>(conn, &cells).await?;
                rebuilt.cells += write_cells_of::<Monthly>(conn, &cells).await?;
                Ok(rebuilt)
            })
        })
        .await
    }

    /// Every cell of every table, fine and coarse, by day and by month, in
    /// key order: what tests compare.
    pub async fn indicator_cells(&self) -> StoreResult<Vec<(String, i64, Place, Counts)>> {
        let mut all = read_cells_of::<Daily>(&self.pool).await?;
        all.extend(read_cells_of::<Monthly>(&self.pool).await?);
        Ok(all)
    }

    /// Every dossier's counted facts, in key order: what tests compare.
    pub async fn measure_records(&self) -> StoreResult<Vec<MeasureRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {} FROM dossier_measures ORDER BY province_code, dossier_id",
            row::column_list::<MeasureRow>(None)
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(read_measure).collect()
    }

    /// The indicators of the 766 index, by number.
    pub async fn index766_indicators(&self) -> StoreResult<Vec<IndexIndicator>> {
        let rows = sqlx::query(&format!(
            "SELECT {} FROM index766_indicators ORDER BY number",
            row::column_list::<IndexRow>(None)
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok(IndexIndicator::from(row::read::<IndexRow>(r)?))).collect()
    }

    /// Writes the index's indicators that are not there yet: the first start
    /// seeds them, and an administrator's changes are kept afterwards.
    pub async fn seed_index766(&self, indicators: &[IndexIndicator]) -> StoreResult<u64> {
        let now = Utc::now();
        let rows: Vec<IndexRow> = indicators.iter().map(|i| IndexRow::of(i, "seed", now)).collect();
        self.write(move |conn| {
            Box::pin(async move {
                let mut added = 0;
                for indicator in &rows {
                    let mut insert = row::insert("index766_indicators", indicator);
                    insert.push(" ON CONFLICT (number) DO NOTHING");
                    added += insert.build().execute(&mut *conn).await?.rows_affected();
                }
                Ok(added)
            })
        })
        .await
    }

    /// Changes an indicator's points and target; false if there is no such indicator.
    pub async fn save_index766_weight(&self, number: u32, max_points: f64, target: f64, by: &str) -> StoreResult<bool> {
        let weight = WeightRow { max_points, target, updated_by: by.to_owned(), updated_at: instant(Utc::now()) };
        self.write(move |conn| {
            Box::pin(async move {
                let mut update = row::update("index766_indicators", &weight);
                update.push(" WHERE number = ").int(i64::from(number));
                let changed = update.build().execute(&mut *conn).await?.rows_affected();
                Ok(changed == 1)
            })
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place() -> Place {
        Place {
            unit_code: "u".into(),
            agency: "v".into(),
            service_point: "w".into(),
            procedure_code: "x".into(),
            channel: "y".into(),
        }
    }

    fn counts() -> Counts {
        Counts::from_values([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    }

    fn measure_row() -> MeasureRow {
        MeasureRow {
            province_code: "a".into(),
            dossier_id: "b".into(),
            place: place(),
            received_at: "c".into(),
            due_at: Some("d".into()),
            resolved_at: Some("e".into()),
            online: 1,
            supplement_requests: 2,
            fee_bearing: 3,
            paid_online: 4,
            components: 5,
            digitised: 6,
            reused: 7,
            electronic_result: 8,
            rating: "f".into(),
        }
    }

    #[test]
    fn every_field_of_the_tally_rows_has_its_column() {
        row::tests::round_trips(&measure_row());
        row::tests::round_trips(&CountedRow { measure: measure_row(), code: Some("g".into()), counts: 1 });
        row::tests::round_trips(&RatedDossierRow {
            dossier: crate::dossier_rows::tests::every_field_set(),
            rating: Some("h".into()),
        });
        let key = ("a".to_owned(), 20260304, place());
        row::tests::round_trips(&CellRow::<Daily> { key: CellKeyRow::of(&key, true), counts: counts() });
        row::tests::round_trips(&CellRow::<Monthly> { key: CellKeyRow::of(&key, true), counts: counts() });
        row::tests::round_trips(&SummedCellsRow { group_key: "a".into(), counts: counts() });
        row::tests::round_trips(&OpenRow { group_key: "a".into(), open: 2, late: 1 });
        row::tests::round_trips(&IndexRow {
            number: 3,
            group_name: "a".into(),
            name: "b".into(),
            code: "c".into(),
            measure: "d".into(),
            weight: WeightRow { max_points: 2.5, target: 0.75, updated_by: "e".into(), updated_at: "f".into() },
        });
    }

    #[test]
    fn a_cell_is_keyed_by_its_day_or_month_and_coarse_cells_drop_the_point_and_procedure() {
        let key = ("01".to_owned(), 20260304, place());
        assert_eq!(
            row::column_list::<CellKeyRow<Monthly>>(None),
            "province_code, month, unit_code, agency, service_point, procedure_code, channel"
        );
        let day = CellKeyRow::<Daily>::of(&key, true);
        assert_eq!((day.at, day.place), (20260304, place()));
        let month = CellKeyRow::<Monthly>::of(&key, false);
        assert_eq!(month.at, 202603);
        assert_eq!(month.place, Place { service_point: String::new(), procedure_code: String::new(), ..place() });
    }

    #[test]
    fn counted_facts_survive_their_row() {
        let at = |t: &str| parse_instant(t).expect("instant");
        let record = MeasureRecord {
            province_code: "01".into(),
            dossier_id: "d1".into(),
            place: place(),
            facts: DossierFacts {
                received_at: Some(at("2026-03-04T01:02:03.000000Z")),
                due_at: Some(at("2026-03-10T01:02:03.000000Z")),
                resolved_at: None,
                submitted_online: true,
                supplement_requests: 2,
                fee_bearing: true,
                paid_online: false,
                components: 3,
                components_digitised: 2,
                components_reused: 1,
                electronic_result: false,
                rating: Some(Rating::NotSatisfied),
                complained: false,
            },
        };
        let row = MeasureRow::received(&record).expect("received");
        assert_eq!(MeasureRecord::try_from(row).expect("readable"), record);
        let unreceived = MeasureRecord { facts: DossierFacts { received_at: None, ..record.facts.clone() }, ..record };
        assert_eq!(MeasureRow::received(&unreceived), None, "a dossier not received is not counted");
    }

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
