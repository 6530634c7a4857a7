//! Looking up administrative units as they stand today.

use chrono::{NaiveDate, Utc};
use motcua_domain::clock::to_vietnam_time;
use motcua_domain::units::{AdminUnit, ProvinceCode, UnitLevel};

use crate::{App, AppError, AppResult};

/// Today's date in Vietnam.
pub fn today_in_vietnam() -> NaiveDate {
    to_vietnam_time(Utc::now()).date_naive()
}

impl App {
    /// The provinces in force today.
    pub async fn provinces(&self) -> AppResult<Vec<AdminUnit>> {
        Ok(self.store().provinces(today_in_vietnam()).await?)
    }

    /// The communes of a province in force today; an unknown province is not found.
    pub async fn communes(&self, province_code: &str) -> AppResult<Vec<AdminUnit>> {
        let code = ProvinceCode::parse(province_code)?;
        let today = today_in_vietnam();
        if self.store().unit(UnitLevel::Province, code.as_str(), today).await?.is_none() {
            return Err(AppError::not_found("province", code.as_str()));
        }
        Ok(self.store().communes(code.as_str(), today).await?)
    }
}
