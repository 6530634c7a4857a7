//! The personal identification number (số định danh cá nhân), printed on the chip ID card (CCCD).
//!
//! Twelve digits, read left to right:
//!
//! | digits | meaning |
//! |--------|---------|
//! | 1–3    | the province where the birth was registered (pre-2025 provinces; the codes were not renumbered after the 2025 merger) |
//! | 4      | century and gender: 0/1 the 1900s male/female, 2/3 the 2000s, 4/5 the 2100s, 6/7 the 2200s, 8/9 the 2300s |
//! | 5–6    | the last two digits of the birth year |
//! | 7–12   | random |
//!
//! There is no check digit, so a well-formed number can still belong to nobody;
//! only the population database can say that. The province codes come from
//! `data/identity/cccd_province_codes.csv` (Circular 07/2016/TT-BCA, appendix 1),
//! embedded in the binary.
//!
//! The number is personal data: [`PersonalId`]'s `Debug` shows only a masked form,
//! so logs and panic messages never carry it, and errors never repeat the input.
//! `Display` and serde give the full number, for storage and for the owner's own pages.
//!
//! Every error is [`DomainError::InvalidValue`] with field [`FIELD`] and one
//! of the `IdNumber…` reasons, which carry nothing of the input.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{DomainError, Reason};

/// The province list: `cccd_code,province_pre_2025,admin_code_2digit_QD124_2004`, CRLF line ends.
const PROVINCE_CODES: &str = include_str!("../../../data/identity/cccd_province_codes.csv");

/// The number of digits in a personal identification number.
const LENGTH: usize = 12;

/// The field of every error [`PersonalId`] returns.
pub const FIELD: &str = "id_number";

fn invalid(reason: Reason) -> DomainError {
    DomainError::invalid(FIELD, reason)
}

/// The `(code, name)` pairs of the embedded province list, in file order.
fn provinces() -> impl Iterator<Item = (&'static str, &'static str)> {
    PROVINCE_CODES.lines().skip(1).filter_map(|line| {
        let mut fields = line.trim_end_matches('\r').split(',');
        let code = fields.next()?.trim();
        let name = fields.next()?.trim();
        (!code.is_empty() && !name.is_empty()).then_some((code, name))
    })
}

/// The pre-2025 province a three-digit code stands for, e.g. `"001"` → `"Hà Nội"`.
fn province_name(code: &str) -> Option<&'static str> {
    provinces().find(|(known, _)| *known == code).map(|(_, name)| name)
}

/// The gender encoded in the fourth digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// Nam: an even fourth digit.
    Male,
    /// Nữ: an odd fourth digit.
    Female,
}

impl Gender {
    /// `"male"` or `"female"`, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Male => "male",
            Gender::Female => "female",
        }
    }
}

/// A well-formed personal identification number: twelve ASCII digits opening with a known province code.
///
/// `Debug` is masked (`PersonalId("001*******45")`); `Display` is the full number.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonalId(String);

impl PersonalId {
    /// Reads a number as typed: surrounding blanks are trimmed and spaces, dots and dashes
    /// between digit groups dropped (`"001 099 012 345"`); anything else is refused.
    ///
    /// Uses no clock, so a birth year in the future is accepted; see [`PersonalId::parse_on`].
    pub fn parse(text: &str) -> Result<PersonalId, DomainError> {
        let mut digits = String::with_capacity(LENGTH);
        for c in text.trim().chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '.' | '-' => {}
                _ => return Err(invalid(Reason::IdNumberNotDigits)),
            }
        }
        if digits.is_empty() {
            return Err(invalid(Reason::IdNumberEmpty));
        }
        if digits.len() != LENGTH {
            return Err(invalid(Reason::IdNumberLength));
        }
        if province_name(&digits[..3]).is_none() {
            return Err(invalid(Reason::IdNumberProvince));
        }
        Ok(PersonalId(digits))
    }

    /// Like [`PersonalId::parse`], and also refuses a birth year after `today`'s year.
    pub fn parse_on(text: &str, today: NaiveDate) -> Result<PersonalId, DomainError> {
        let id = PersonalId::parse(text)?;
        if id.birth_year() > today.year() {
            return Err(invalid(Reason::IdNumberFutureBirthYear));
        }
        Ok(id)
    }

    /// The twelve digits, without separators.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first three and last two digits with the rest starred: `"001*******45"`.
    pub fn masked(&self) -> String {
        let (head, rest) = self.0.split_at(3);
        let tail = &rest[rest.len() - 2..];
        format!("{head}{}{tail}", "*".repeat(LENGTH - 5))
    }

    /// The first three digits, e.g. `"001"`.
    pub fn birth_province_code(&self) -> &str {
        &self.0[..3]
    }

    /// The pre-2025 province where the birth was registered, e.g. `"Hà Nội"`.
    pub fn birth_province_name(&self) -> &'static str {
        province_name(self.birth_province_code()).expect("parse accepts only known province codes")
    }

    /// The fourth digit, 0–9.
    fn century_gender_digit(&self) -> u8 {
        self.0.as_bytes()[3] - b'0'
    }

    /// Male for an even fourth digit, female for an odd one.
    pub fn gender(&self) -> Gender {
        if self.century_gender_digit().is_multiple_of(2) { Gender::Male } else { Gender::Female }
    }

    /// The full birth year: the century from the fourth digit, the year from the fifth and sixth.
    pub fn birth_year(&self) -> i32 {
        let century_start = 1900 + 100 * i32::from(self.century_gender_digit() / 2);
        let bytes = self.0.as_bytes();
        let year_in_century = i32::from(bytes[4] - b'0') * 10 + i32::from(bytes[5] - b'0');
        century_start + year_in_century
    }
}

impl fmt::Debug for PersonalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PersonalId").field(&self.masked()).finish()
    }
}

impl fmt::Display for PersonalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for PersonalId {
    type Err = DomainError;

    fn from_str(text: &str) -> Result<PersonalId, DomainError> {
        PersonalId::parse(text)
    }
}

impl TryFrom<String> for PersonalId {
    type Error = DomainError;

    fn try_from(value: String) -> Result<PersonalId, DomainError> {
        PersonalId::parse(&value)
    }
}

impl From<PersonalId> for String {
    fn from(value: PersonalId) -> String {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    const CENTURY_GENDER_DIGITS: &str = include_str!("../../../data/identity/cccd_century_gender_digit.csv");

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn reason_of(result: Result<PersonalId, DomainError>) -> Reason {
        match result {
            Err(DomainError::InvalidValue { field, reason }) => {
                assert_eq!(field, FIELD);
                reason
            }
            other => panic!("expected an invalid id_number, got {other:?}"),
        }
    }

    #[test]
    fn valid_numbers_decode_province_gender_and_birth_year() {
        let cases = [
            ("001099012345", "001", "Hà Nội", Gender::Male, 1999),
            ("079303123456", "079", "Hồ Chí Minh", Gender::Female, 2003),
            ("046185000001", "046", "Thừa Thiên Huế", Gender::Female, 1985),
            ("096200000000", "096", "Cà Mau", Gender::Male, 2000),
            ("077088999999", "077", "Bà Rịa - Vũng Tàu", Gender::Male, 1988),
            ("002100000000", "002", "Hà Giang", Gender::Female, 1900),
            ("048412000000", "048", "Đà Nẵng", Gender::Male, 2112),
            ("031799000000", "031", "Hải Phòng", Gender::Female, 2299),
            ("092850000000", "092", "Cần Thơ", Gender::Male, 2350),
            ("066901000000", "066", "Đắk Lắk", Gender::Female, 2301),
        ];
        for (text, code, name, gender, year) in cases {
            let id = PersonalId::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(id.as_str(), text);
            assert_eq!(id.birth_province_code(), code, "{text}");
            assert_eq!(id.birth_province_name(), name, "{text}");
            assert_eq!(id.gender(), gender, "{text}");
            assert_eq!(id.birth_year(), year, "{text}");
        }
    }

    #[test]
    fn blanks_and_separators_are_dropped() {
        let cases = [
            "001 099 012 345",
            "001.099.012.345",
            "001-099-012345",
            "  001099012345\n",
            "\t001 - 099 . 012 345 ",
            "0 0 1 0 9 9 0 1 2 3 4 5",
        ];
        for text in cases {
            let id = PersonalId::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
            assert_eq!(id.as_str(), "001099012345", "{text:?}");
        }
    }

    #[test]
    fn each_mistake_has_its_own_reason() {
        let cases = [
            ("", Reason::IdNumberEmpty),
            ("   ", Reason::IdNumberEmpty),
            (" - . ", Reason::IdNumberEmpty),
            ("00109901234", Reason::IdNumberLength),
            ("0010990123456", Reason::IdNumberLength),
            ("001 099 012 34", Reason::IdNumberLength),
            ("1", Reason::IdNumberLength),
            ("0990", Reason::IdNumberLength),
            ("00109901234a", Reason::IdNumberNotDigits),
            ("001_099_012_345", Reason::IdNumberNotDigits),
            ("001/099/012/345", Reason::IdNumberNotDigits),
            ("001\t099012345", Reason::IdNumberNotDigits),
            ("+84001099012345", Reason::IdNumberNotDigits),
            ("００１０９９０１２３４５", Reason::IdNumberNotDigits),
            ("001 099 O12 345", Reason::IdNumberNotDigits),
            ("12a", Reason::IdNumberNotDigits),
            ("099099012345", Reason::IdNumberProvince),
            ("000099012345", Reason::IdNumberProvince),
            ("003099012345", Reason::IdNumberProvince),
            ("097099012345", Reason::IdNumberProvince),
            ("100099012345", Reason::IdNumberProvince),
            ("999999999999", Reason::IdNumberProvince),
        ];
        for (text, expected) in cases {
            assert_eq!(reason_of(PersonalId::parse(text)), expected, "{text:?}");
        }
    }

    #[test]
    fn parse_on_refuses_a_birth_year_after_today() {
        let today = day(2025, 6, 15);
        let cases = [
            ("001099012345", None),
            ("001225000000", None),
            ("001300000000", None),
            ("001226000000", Some(Reason::IdNumberFutureBirthYear)),
            ("001399000000", Some(Reason::IdNumberFutureBirthYear)),
            ("001412000000", Some(Reason::IdNumberFutureBirthYear)),
            ("001900000000", Some(Reason::IdNumberFutureBirthYear)),
            ("099099012345", Some(Reason::IdNumberProvince)),
        ];
        for (text, expected) in cases {
            match expected {
                None => assert!(PersonalId::parse_on(text, today).is_ok(), "{text}"),
                Some(reason) => assert_eq!(reason_of(PersonalId::parse_on(text, today)), reason, "{text}"),
            }
        }
        assert!(PersonalId::parse("001226000000").is_ok(), "parse uses no clock");
        assert!(PersonalId::parse_on("001226000000", day(2026, 1, 1)).is_ok());
    }

    #[test]
    fn masking_keeps_the_first_three_and_last_two_digits() {
        let cases =
            [("001099012345", "001*******45"), ("079303123456", "079*******56"), ("096200000000", "096*******00")];
        for (text, masked) in cases {
            let id = PersonalId::parse(text).expect("valid");
            assert_eq!(id.masked(), masked);
            assert_eq!(id.masked().chars().count(), LENGTH);
        }
    }

    #[test]
    fn debug_does_not_leak_the_number() {
        let id = PersonalId::parse("001099012345").expect("valid");
        assert_eq!(format!("{id:?}"), r#"PersonalId("001*******45")"#);
        let nested = format!("{:?}", (Some(&id), vec![id.clone()]));
        assert!(!nested.contains("001099012345"), "{nested}");
        assert!(!nested.contains("0990123"), "{nested}");
        assert!(format!("{id:#?}").contains("001*******45"));
    }

    #[test]
    fn errors_do_not_repeat_the_input() {
        for text in ["00109901234", "00109901234a", "099099012345"] {
            let message = PersonalId::parse(text).expect_err("invalid").to_string();
            assert!(!message.contains(text), "{message}");
            assert!(!message.contains("0990"), "{message}");
        }
    }

    #[test]
    fn display_and_conversions_give_the_full_number() {
        let id = PersonalId::parse("001 099 012 345").expect("valid");
        assert_eq!(id.to_string(), "001099012345");
        assert_eq!(String::from(id.clone()), "001099012345");
        assert_eq!("001099012345".parse::<PersonalId>(), Ok(id.clone()));
        assert_eq!(PersonalId::try_from("001-099-012-345".to_owned()), Ok(id));
    }

    #[test]
    fn serde_round_trips_through_a_string() {
        let id = PersonalId::parse("079303123456").expect("valid");
        let json = serde_json::to_string(&id).expect("serialise");
        assert_eq!(json, r#""079303123456""#);
        let back: PersonalId = serde_json::from_str(&json).expect("deserialise");
        assert_eq!(back, id);

        let spaced: PersonalId = serde_json::from_str(r#""079 303 123 456""#).expect("separators accepted");
        assert_eq!(spaced, id);

        let cases = [
            (r#""099099012345""#, Reason::IdNumberProvince),
            (r#""0010990123""#, Reason::IdNumberLength),
            (r#""001O99012345""#, Reason::IdNumberNotDigits),
        ];
        for (json, reason) in cases {
            let error = serde_json::from_str::<PersonalId>(json).expect_err("invalid").to_string();
            assert!(error.contains(&reason.to_string()), "{json}: {error}");
        }
        assert!(serde_json::from_str::<PersonalId>("1099012345").is_err(), "a number is not a string");
    }

    #[test]
    fn gender_serialises_in_snake_case() {
        for (gender, text) in [(Gender::Male, "male"), (Gender::Female, "female")] {
            assert_eq!(gender.as_str(), text);
            assert_eq!(serde_json::to_string(&gender).expect("serialise"), format!("\"{text}\""));
        }
    }

    #[test]
    fn the_embedded_province_list_is_complete_and_well_formed() {
        let all: Vec<_> = provinces().collect();
        assert_eq!(all.len(), 63, "63 provinces before the 2025 merger");
        let codes: HashSet<_> = all.iter().map(|(code, _)| *code).collect();
        assert_eq!(codes.len(), all.len(), "codes are unique");
        for (code, name) in &all {
            assert!(code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()), "{code:?}");
            assert!(!name.is_empty() && !name.contains('\r'), "{name:?}");
            let id = PersonalId::parse(&format!("{code}099012345")).expect("every listed code parses");
            assert_eq!(id.birth_province_name(), *name);
        }
        assert_eq!(province_name("079"), Some("Hồ Chí Minh"));
        assert_eq!(province_name("cccd_code"), None, "the header is not a province");
    }

    #[test]
    fn the_century_and_gender_rule_matches_the_data_file() {
        let rows: Vec<_> = CENTURY_GENDER_DIGITS.lines().skip(1).filter(|line| !line.trim().is_empty()).collect();
        assert_eq!(rows.len(), 10);
        for row in rows {
            let fields: Vec<_> = row.trim_end_matches('\r').split(',').collect();
            let [digit, _century, years, gender] = fields[..] else { panic!("bad row {row:?}") };
            let (first, last) = years.split_once('-').expect("a range of years");
            let first: i32 = first.parse().expect("a year");
            let last: i32 = last.parse().expect("a year");
            let expected_gender = match gender {
                "male" => Gender::Male,
                "female" => Gender::Female,
                other => panic!("unknown gender {other:?}"),
            };
            let oldest = PersonalId::parse(&format!("001{digit}00000000")).expect("valid");
            let youngest = PersonalId::parse(&format!("001{digit}99000000")).expect("valid");
            assert_eq!(oldest.birth_year(), first, "{row}");
            assert_eq!(youngest.birth_year(), last, "{row}");
            assert_eq!(oldest.gender(), expected_gender, "{row}");
        }
    }
}
