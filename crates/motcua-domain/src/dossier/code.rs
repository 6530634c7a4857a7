//! Dossier codes: `{agency code}-{YYMMDD}-{NNNN}`, e.g. `000.00.15.H29-251104-0001`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::organisation::AgencyCode;
use crate::{DomainError, Reason};

/// A dossier's public code: the receiving agency's code, the day of receipt
/// (Vietnam time) and a sequence per agency per day. The sequence has at least
/// four digits and grows past 9999 on a very busy day rather than wrapping.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DossierCode(String);

impl DossierCode {
    pub fn new(agency: &AgencyCode, received_on: NaiveDate, sequence: u32) -> Result<DossierCode, DomainError> {
        if sequence == 0 {
            return Err(DomainError::invalid("sequence", Reason::SequencesFrom1));
        }
        Ok(DossierCode(format!("{agency}-{}-{sequence:04}", received_on.format("%y%m%d"))))
    }

    pub fn parse(text: &str) -> Result<DossierCode, DomainError> {
        let bad = || DomainError::invalid("dossier_code", Reason::ExpectedDossierCode);
        let text = text.trim();
        let mut parts = text.rsplitn(3, '-');
        let (sequence, day, agency) =
            (parts.next().ok_or_else(bad)?, parts.next().ok_or_else(bad)?, parts.next().ok_or_else(bad)?);
        AgencyCode::parse(agency).map_err(|_| bad())?;
        NaiveDate::parse_from_str(&format!("20{day}"), "%Y%m%d").map_err(|_| bad())?;
        let digits_ok = sequence.len() >= 4 && sequence.len() <= 9 && sequence.bytes().all(|b| b.is_ascii_digit());
        if day.len() != 6 || !digits_ok || sequence.bytes().all(|b| b == b'0') {
            return Err(bad());
        }
        Ok(DossierCode(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

string_conversions!(DossierCode);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_built_and_parsed() {
        let agency = AgencyCode::parse("000.00.15.H29").expect("agency");
        let day = NaiveDate::from_ymd_opt(2025, 11, 4).expect("date");
        let code = DossierCode::new(&agency, day, 1).expect("code");
        assert_eq!(code.as_str(), "000.00.15.H29-251104-0001");
        assert_eq!(DossierCode::parse(code.as_str()), Ok(code));
        assert_eq!(DossierCode::new(&agency, day, 12345).expect("code").as_str(), "000.00.15.H29-251104-12345");
        assert!(DossierCode::new(&agency, day, 0).is_err());
        for bad in [
            "",
            "000.00.15.H29",
            "000.00.15.H29-251304-0001",
            "000.00.15.H29-251104-01",
            "x-251104-0001",
            "000.00.15.H29-251104-0000",
        ] {
            assert!(DossierCode::parse(bad).is_err(), "{bad:?}");
        }
    }
}
