//! Importing reference data: administrative units, the national portal's
//! catalogue, and the official calendar.
//!
//! Every import reads and checks the whole input before it writes anything,
//! so a malformed file is refused with the line at fault and changes nothing;
//! and every import is idempotent, so running it twice changes nothing the
//! second time.

use motcua_domain::{DomainError, Reason};
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use motcua_domain::calendar::{DayKind, ScheduleSource, SpecialDay, YearSchedule};
use motcua_domain::catalogue::portal;
use motcua_domain::units::{AdminUnit, CommuneCode, ProvinceCode, UnitLevel, reform_2025_effective_date};
use motcua_store::SavedVersion;
use serde::Deserialize;

use crate::{App, AppError, AppResult, Progress};

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Records read from the input.
    pub read: usize,
    /// Records that did not exist before.
    pub created: usize,
    /// Existing records that changed (for procedures: a new version).
    pub changed: usize,
    /// Records already stored exactly so.
    pub unchanged: usize,
}

/// The day legacy units are recorded from: their true start dates are not in
/// the source, only that they existed until the 2025 reform.
fn legacy_valid_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).expect("a valid date")
}

#[derive(Debug, Deserialize)]
struct UnitRow {
    province_code: String,
    province_name: String,
    commune_code: String,
    commune_name: String,
    commune_type: String,
    commune_lat: Option<f64>,
    commune_lon: Option<f64>,
    commune_area_km2: Option<f64>,
    province_lat: Option<f64>,
    province_lon: Option<f64>,
}

#[derive(Debug, Deserialize)]
struct LegacyRow {
    old_province_code: String,
    old_province: String,
    old_district_code: String,
    old_district: String,
    old_ward_code: String,
    old_ward: String,
    old_ward_type: String,
    new_province_code: String,
    new_ward_code: String,
    is_default_for_split: String,
}

#[derive(Debug, Deserialize)]
struct CalendarRow {
    date: String,
    name_vi: String,
    kind: String,
}

pub(crate) fn csv_error(line: usize, error: DomainError) -> AppError {
    AppError::Import { line, error }
}

/// Reads CSV records of type `T`, naming the line of the first bad one.
pub(crate) fn read_csv<T: for<'de> Deserialize<'de>>(text: &str) -> AppResult<Vec<T>> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (index, record) in reader.deserialize::<T>().enumerate() {
        rows.push(
            record
                .map_err(|e| csv_error(index + 2, DomainError::invalid("file", Reason::Unreadable(e.to_string()))))?,
        );
    }
    Ok(rows)
}

fn province_type(name: &str) -> &'static str {
    if name.starts_with("Thành phố") { "Thành phố" } else { "Tỉnh" }
}

/// The units of the 2025 file: one province record per province, one commune record per row.
fn units_2025(text: &str) -> AppResult<Vec<AdminUnit>> {
    let rows: Vec<UnitRow> = read_csv(text)?;
    let from = reform_2025_effective_date();
    let mut provinces: BTreeMap<String, AdminUnit> = BTreeMap::new();
    let mut units = Vec::with_capacity(rows.len() + 40);
    for (index, row) in rows.iter().enumerate() {
        let line = index + 2;
        let province = ProvinceCode::parse(&row.province_code).map_err(|e| csv_error(line, e))?;
        let commune = CommuneCode::parse(&row.commune_code).map_err(|e| csv_error(line, e))?;
        if row.commune_name.is_empty() || row.province_name.is_empty() {
            return Err(csv_error(line, DomainError::invalid("name", Reason::UnitNeedsName)));
        }
        provinces.entry(province.to_string()).or_insert_with(|| AdminUnit {
            code: province.to_string(),
            level: UnitLevel::Province,
            name: row.province_name.clone(),
            unit_type: province_type(&row.province_name).to_owned(),
            province_code: province.to_string(),
            latitude: row.province_lat,
            longitude: row.province_lon,
            area_km2: None,
            valid_from: from,
            valid_to: None,
            superseded_by: None,
        });
        units.push(AdminUnit {
            code: commune.to_string(),
            level: UnitLevel::Commune,
            name: row.commune_name.clone(),
            unit_type: row.commune_type.clone(),
            province_code: province.to_string(),
            latitude: row.commune_lat,
            longitude: row.commune_lon,
            area_km2: row.commune_area_km2,
            valid_from: from,
            valid_to: None,
            superseded_by: None,
        });
    }
    let mut all: Vec<AdminUnit> = provinces.into_values().collect();
    all.extend(units);
    Ok(all)
}

/// The pre-2025 provinces and wards of the conversion file, each closed on
/// 1 July 2025 and pointing to the unit that took it over (the default target
/// of a ward that was split).
fn legacy_units(text: &str) -> AppResult<Vec<AdminUnit>> {
    let rows: Vec<LegacyRow> = read_csv(text)?;
    let end = reform_2025_effective_date();
    let mut provinces: BTreeMap<String, AdminUnit> = BTreeMap::new();
    let mut wards: BTreeMap<String, AdminUnit> = BTreeMap::new();
    for (index, row) in rows.iter().enumerate() {
        let line = index + 2;
        let old_province = ProvinceCode::parse(&row.old_province_code).map_err(|e| csv_error(line, e))?;
        let new_province = ProvinceCode::parse(&row.new_province_code).map_err(|e| csv_error(line, e))?;
        let new_ward = CommuneCode::parse(&row.new_ward_code).map_err(|e| csv_error(line, e))?;
        provinces.entry(old_province.to_string()).or_insert_with(|| AdminUnit {
            code: old_province.to_string(),
            level: UnitLevel::Province,
            name: row.old_province.clone(),
            unit_type: province_type(&row.old_province).to_owned(),
            province_code: old_province.to_string(),
            latitude: None,
            longitude: None,
            area_km2: None,
            valid_from: legacy_valid_from(),
            valid_to: Some(end),
            superseded_by: Some(new_province.to_string()),
        });
        // A few island districts had no wards; the file names the district
        // itself as the unit that became a special zone.
        let (code, level, name, unit_type) = if row.old_ward_code.is_empty() {
            let district = &row.old_district_code;
            if district.len() != 3 || !district.bytes().all(|b| b.is_ascii_digit()) {
                return Err(csv_error(line, DomainError::invalid("old_district_code", Reason::DistrictCodeNeeded)));
            }
            (district.clone(), UnitLevel::District, row.old_district.clone(), String::new())
        } else {
            let ward = CommuneCode::parse(&row.old_ward_code).map_err(|e| csv_error(line, e))?;
            (ward.to_string(), UnitLevel::Commune, row.old_ward.clone(), row.old_ward_type.clone())
        };
        let is_default = row.is_default_for_split.trim() == "1";
        let ward = wards.entry(format!("{}:{code}", level.as_str())).or_insert_with(|| AdminUnit {
            code,
            level,
            name,
            unit_type,
            province_code: old_province.to_string(),
            latitude: None,
            longitude: None,
            area_km2: None,
            valid_from: legacy_valid_from(),
            valid_to: Some(end),
            superseded_by: Some(new_ward.to_string()),
        });
        if is_default {
            ward.superseded_by = Some(new_ward.to_string());
        }
    }
    let mut all: Vec<AdminUnit> = provinces.into_values().collect();
    all.extend(wards.into_values());
    Ok(all)
}

/// The official schedules in a calendar file, one per year it mentions.
pub fn official_schedules(text: &str) -> AppResult<Vec<YearSchedule>> {
    let rows: Vec<CalendarRow> = read_csv(text)?;
    let mut by_year: BTreeMap<i32, Vec<SpecialDay>> = BTreeMap::new();
    for (index, row) in rows.iter().enumerate() {
        let line = index + 2;
        let date = NaiveDate::parse_from_str(&row.date, "%Y-%m-%d")
            .map_err(|_| csv_error(line, DomainError::invalid("date", Reason::ExpectedDate)))?;
        let kind = DayKind::parse_loose(&row.kind)
            .ok_or_else(|| csv_error(line, DomainError::invalid("kind", Reason::ExpectedDayKind)))?;
        if kind == DayKind::WorkingSaturday && chrono::Datelike::weekday(&date) != chrono::Weekday::Sat {
            return Err(csv_error(line, DomainError::invalid("date", Reason::WorkingSaturdayNotSaturday)));
        }
        by_year.entry(chrono::Datelike::year(&date)).or_default().push(SpecialDay {
            date,
            name: row.name_vi.clone(),
            kind,
        });
    }
    Ok(by_year.into_iter().map(|(year, days)| YearSchedule::new(year, ScheduleSource::Official, days)).collect())
}

impl App {
    /// Imports units from either the 2025 units file or the legacy conversion
    /// file (told apart by their header).
    pub async fn import_units(&self, text: &str, progress: &dyn Progress) -> AppResult<ImportReport> {
        let header = text.lines().next().unwrap_or_default();
        let units = if header.contains("old_ward_code") { legacy_units(text)? } else { units_2025(text)? };
        progress.start("units", units.len() as u64);
        let mut report = ImportReport { read: units.len(), ..ImportReport::default() };
        for chunk in units.chunks(500) {
            let changed = self.store().save_units(chunk).await?;
            report.changed += usize::try_from(changed).unwrap_or(usize::MAX);
            progress.advance(chunk.len() as u64);
        }
        report.unchanged = report.read.saturating_sub(report.changed);
        progress.finish();
        Ok(report)
    }

    /// Imports complete procedure records of the national portal (JSON, one per
    /// line). Unchanged records change nothing; changed ones get a new version
    /// in force from `effective_from`.
    pub async fn import_procedures(
        &self,
        text: &str,
        effective_from: DateTime<Utc>,
        progress: &dyn Progress,
    ) -> AppResult<ImportReport> {
        let mut procedures = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (index, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let procedure = portal::parse_procedure(line).map_err(|e| csv_error(index + 1, e))?;
            if let Some(first) = seen.insert(procedure.code.to_string(), index + 1) {
                return Err(csv_error(
                    index + 1,
                    DomainError::invalid("code", Reason::RepeatedLine(first.to_string())),
                ));
            }
            procedures.push(procedure);
        }
        progress.start("procedures", procedures.len() as u64);
        let mut report = ImportReport { read: procedures.len(), ..ImportReport::default() };
        for procedure in &procedures {
            match self.store().save_procedure(procedure, effective_from).await? {
                SavedVersion::Created => report.created += 1,
                SavedVersion::NewVersion(_) => report.changed += 1,
                SavedVersion::Unchanged => report.unchanged += 1,
            }
            progress.advance(1);
        }
        progress.finish();
        Ok(report)
    }

    /// Imports catalogue rows without details (JSON, one per line). Rows never
    /// overwrite a procedure imported with details.
    pub async fn import_catalogue(&self, text: &str, progress: &dyn Progress) -> AppResult<ImportReport> {
        let mut entries = Vec::new();
        for (index, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            entries.push(portal::parse_catalogue_row(line).map_err(|e| csv_error(index + 1, e))?);
        }
        progress.start("catalogue", entries.len() as u64);
        let mut report = ImportReport { read: entries.len(), ..ImportReport::default() };
        for chunk in entries.chunks(500) {
            let changed = usize::try_from(self.store().save_catalogue_entries(chunk).await?).unwrap_or(usize::MAX);
            report.changed += changed;
            report.unchanged += chunk.len() - changed.min(chunk.len());
            progress.advance(chunk.len() as u64);
        }
        progress.finish();
        Ok(report)
    }

    /// Imports an official calendar file (date, weekday, name_vi, kind, source):
    /// each year it mentions becomes that year's official schedule.
    pub async fn import_calendar(&self, text: &str, progress: &dyn Progress) -> AppResult<ImportReport> {
        let schedules = official_schedules(text)?;
        progress.start("calendar years", schedules.len() as u64);
        let mut report = ImportReport { read: schedules.len(), ..ImportReport::default() };
        for schedule in &schedules {
            if self.save_official_schedule(schedule).await? {
                report.changed += 1;
            } else {
                report.unchanged += 1;
            }
            progress.advance(1);
        }
        progress.finish();
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_2025_units_file_yields_provinces_and_communes() {
        let text = "province_code,province_name,commune_code,commune_name,commune_type,commune_lat,commune_lon,commune_area_km2,province_lat,province_lon
01,Thành phố Hà Nội,00004,Phường Ba Đình,Phường,21.0386,105.838,2.97,21.0001,105.698
01,Thành phố Hà Nội,00008,Phường Ngọc Hà,Phường,21.0381,105.816,2.68,21.0001,105.698
46,Thành phố Huế,19753,Phường Phú Xuân,Phường,16.4785,107.577,10.38,16.3316,107.517
";
        let units = units_2025(text).expect("valid file");
        assert_eq!(units.iter().filter(|u| u.level == UnitLevel::Province).count(), 2);
        assert_eq!(units.iter().filter(|u| u.level == UnitLevel::Commune).count(), 3);
        assert_eq!(units[0].unit_type, "Thành phố");
    }

    #[test]
    fn a_bad_units_row_names_its_line() {
        let text = "province_code,province_name,commune_code,commune_name,commune_type,commune_lat,commune_lon,commune_area_km2,province_lat,province_lon
01,Thành phố Hà Nội,00004,Phường Ba Đình,Phường,21.0386,105.838,2.97,21.0001,105.698
1,Thành phố Hà Nội,00008,Phường Ngọc Hà,Phường,21.0381,105.816,2.68,21.0001,105.698
";
        match units_2025(text) {
            Err(AppError::Import { line, .. }) => assert_eq!(line, 3),
            other => panic!("expected an import error, got {other:?}"),
        }
    }

    #[test]
    fn legacy_wards_point_to_the_default_target_of_a_split() {
        let text = "old_province_code,old_province,old_district_code,old_district,old_ward_code,old_ward,old_ward_type,new_province_code,new_province,new_ward_code,new_ward,new_ward_type,relation,is_default_for_split
01,Thành phố Hà Nội,001,Quận Ba Đình,00001,Phường Phúc Xá,Phường,01,Thành phố Hà Nội,00097,Phường Hồng Hà,Phường,whole,1
01,Thành phố Hà Nội,001,Quận Ba Đình,00002,Phường X,Phường,01,Thành phố Hà Nội,00004,Phường Ba Đình,Phường,split,0
01,Thành phố Hà Nội,001,Quận Ba Đình,00002,Phường X,Phường,01,Thành phố Hà Nội,00008,Phường Ngọc Hà,Phường,split,1
31,Thành phố Hải Phòng,318,Huyện Bạch Long Vĩ,,(district-level special unit),,31,Thành phố Hải Phòng,11948,Đặc khu Bạch Long Vĩ,Đặc khu,whole,1
";
        let units = legacy_units(text).expect("valid file");
        let x = units.iter().find(|u| u.code == "00002").expect("ward X");
        assert_eq!(x.superseded_by.as_deref(), Some("00008"));
        assert_eq!(x.valid_to, Some(reform_2025_effective_date()));
        assert_eq!(units.iter().filter(|u| u.level == UnitLevel::Province).count(), 2);
        let island = units.iter().find(|u| u.level == UnitLevel::District).expect("island district");
        assert_eq!((island.code.as_str(), island.superseded_by.as_deref()), ("318", Some("11948")));
    }

    #[test]
    fn the_official_calendar_file_groups_days_by_year() {
        let text = "date,weekday,name_vi,kind,source
2025-04-26,Sat,Ngày làm việc bù,working Saturday,x
2025-05-02,Fri,Ngày nghỉ,\"swap (state sector, PM-approved)\",x
2026-01-01,Thu,Tết Dương lịch,statutory,x
";
        let schedules = official_schedules(text).expect("valid file");
        assert_eq!(schedules.len(), 2);
        assert_eq!(schedules[0].working_saturdays().count(), 1);
        assert_eq!(schedules[0].days_off().count(), 1);
        let bad = "date,weekday,name_vi,kind,source\n2025-04-27,Sun,x,working Saturday,x\n";
        assert!(matches!(official_schedules(bad), Err(AppError::Import { line: 2, .. })));
        let bad = "date,weekday,name_vi,kind,source\n2025-13-01,Sun,x,statutory,x\n";
        assert!(matches!(official_schedules(bad), Err(AppError::Import { line: 2, .. })));
    }
}
