//! Administrative units (đơn vị hành chính): provinces and communes, effective-dated.
//!
//! Since 1 July 2025 local government has two levels, 34 provinces and 3,321
//! communes, wards and special zones. Units are never deleted: a merged unit
//! keeps its record, closed on the day it was superseded and pointing to its
//! successor, so older dossiers and addresses still resolve.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{DomainError, Reason};

/// The day the two-level local government took effect.
pub fn reform_2025_effective_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).expect("1 July 2025 is a date")
}

/// A province code of the General Statistics Office: two digits, e.g. `01` for Hà Nội.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ProvinceCode(String);

impl ProvinceCode {
    pub fn parse(text: &str) -> Result<ProvinceCode, DomainError> {
        let text = text.trim();
        if text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit()) {
            Ok(ProvinceCode(text.to_owned()))
        } else {
            Err(DomainError::invalid("province_code", Reason::ExpectedTwoDigits))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A commune (xã, phường, đặc khu) code of the General Statistics Office: five digits.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CommuneCode(String);

impl CommuneCode {
    pub fn parse(text: &str) -> Result<CommuneCode, DomainError> {
        let text = text.trim();
        if text.len() == 5 && text.bytes().all(|b| b.is_ascii_digit()) {
            Ok(CommuneCode(text.to_owned()))
        } else {
            Err(DomainError::invalid("commune_code", Reason::ExpectedFiveDigits))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

string_conversions!(ProvinceCode, CommuneCode);

/// The tier of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitLevel {
    /// Tỉnh, thành phố trực thuộc trung ương.
    Province,
    /// Quận, huyện, thị xã: the district tier abolished on 1 July 2025.
    District,
    /// Xã, phường, thị trấn, đặc khu.
    Commune,
}

impl UnitLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            UnitLevel::Province => "province",
            UnitLevel::District => "district",
            UnitLevel::Commune => "commune",
        }
    }

    pub fn parse(text: &str) -> Result<UnitLevel, DomainError> {
        match text {
            "province" => Ok(UnitLevel::Province),
            "district" => Ok(UnitLevel::District),
            "commune" => Ok(UnitLevel::Commune),
            other => Err(DomainError::invalid("unit_level", Reason::Unknown(other.to_owned()))),
        }
    }
}

/// One administrative unit over the period it existed in this form.
///
/// `(code, valid_from)` identifies a record: the General Statistics Office
/// reused some codes in 2025 for merged units, so a code alone is not enough.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminUnit {
    pub code: String,
    pub level: UnitLevel,
    pub name: String,
    /// "Phường", "Xã", "Đặc khu", "Thành phố", "Tỉnh", … as written in the source.
    pub unit_type: String,
    /// The province the unit belongs to (its own code for a province).
    pub province_code: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub area_km2: Option<f64>,
    pub valid_from: NaiveDate,
    /// The first day the unit no longer exists in this form.
    pub valid_to: Option<NaiveDate>,
    /// The unit that took over from this one on `valid_to`.
    pub superseded_by: Option<String>,
}

impl AdminUnit {
    /// Whether the unit exists in this form on `date`.
    pub fn is_valid_on(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && self.valid_to.is_none_or(|end| date < end)
    }

    /// Closes the unit on `date`, naming its successor.
    pub fn supersede(&mut self, date: NaiveDate, successor: &str) -> Result<(), DomainError> {
        if date <= self.valid_from {
            return Err(DomainError::invalid("valid_to", Reason::UnitEndsBeforeBegin));
        }
        self.valid_to = Some(date);
        self.superseded_by = Some(successor.to_owned());
        Ok(())
    }
}

/// Great-circle distance in kilometres between two points given in degrees,
/// used to list the service points nearest to a commune first.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    const EARTH_RADIUS_KM: f64 = 6371.0;
    let (phi1, phi2) = (lat1.to_radians(), lat2.to_radians());
    let d_phi = (lat2 - lat1).to_radians();
    let d_lambda = (lon2 - lon1).to_radians();
    let a = (d_phi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (d_lambda / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn codes_parse_only_digits_of_the_right_length() {
        assert!(ProvinceCode::parse("01").is_ok());
        assert!(ProvinceCode::parse(" 46 ").is_ok());
        for bad in ["1", "001", "ab", ""] {
            assert!(ProvinceCode::parse(bad).is_err(), "{bad:?}");
        }
        assert!(CommuneCode::parse("00004").is_ok());
        for bad in ["0004", "000004", "0000a"] {
            assert!(CommuneCode::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_superseded_unit_is_valid_only_before_its_end() {
        let mut ward = AdminUnit {
            code: "00001".into(),
            level: UnitLevel::Commune,
            name: "Phường Phúc Xá".into(),
            unit_type: "Phường".into(),
            province_code: "01".into(),
            latitude: None,
            longitude: None,
            area_km2: None,
            valid_from: day(2008, 8, 1),
            valid_to: None,
            superseded_by: None,
        };
        assert!(ward.is_valid_on(day(2025, 6, 30)));
        ward.supersede(reform_2025_effective_date(), "00097").expect("later date");
        assert!(ward.is_valid_on(day(2025, 6, 30)));
        assert!(!ward.is_valid_on(day(2025, 7, 1)));
        assert!(ward.supersede(day(2000, 1, 1), "x").is_err());
    }

    #[test]
    fn distance_between_hanoi_and_hue_is_about_540_km() {
        let km = distance_km(21.0285, 105.8542, 16.4637, 107.5909);
        assert!((km - 540.0).abs() < 20.0, "{km}");
    }
}
