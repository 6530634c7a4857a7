//! Agencies and service points as applicants look for them.

use motcua_domain::organisation::{Agency, ServicePoint};
use motcua_domain::units::{ProvinceCode, UnitLevel, distance_km};

use crate::units::today_in_vietnam;
use crate::{App, AppError, AppResult};

/// A service point, with its distance from the commune the applicant chose.
#[derive(Debug, Clone, PartialEq)]
pub struct NearbyServicePoint {
    pub point: ServicePoint,
    pub distance_km: Option<f64>,
}

impl App {
    async fn existing_province(&self, code: &str) -> AppResult<ProvinceCode> {
        let code = ProvinceCode::parse(code)?;
        if self.store().unit(UnitLevel::Province, code.as_str(), today_in_vietnam()).await?.is_none() {
            return Err(AppError::not_found("province", code.as_str()));
        }
        Ok(code)
    }

    /// One agency by its code.
    pub async fn agency(&self, code: &str) -> AppResult<Agency> {
        self.store().agency(code.trim()).await?.ok_or_else(|| AppError::not_found("agency", code.trim()))
    }

    /// One service point by its code.
    pub async fn service_point(&self, code: &str) -> AppResult<ServicePoint> {
        self.store().service_point(code.trim()).await?.ok_or_else(|| AppError::not_found("service point", code.trim()))
    }

    /// The competent agencies of a province.
    pub async fn agencies(&self, province_code: &str) -> AppResult<Vec<Agency>> {
        let code = self.existing_province(province_code).await?;
        Ok(self.store().agencies(code.as_str()).await?)
    }

    /// The service points of a province; nearest first when `near_commune` is
    /// given (any point of the province receives any boundary-free dossier).
    pub async fn service_points(
        &self,
        province_code: &str,
        near_commune: Option<&str>,
    ) -> AppResult<Vec<NearbyServicePoint>> {
        let code = self.existing_province(province_code).await?;
        let origin = match near_commune {
            Some(commune) => {
                let unit = self
                    .store()
                    .unit(UnitLevel::Commune, commune.trim(), today_in_vietnam())
                    .await?
                    .filter(|u| u.province_code == code.as_str())
                    .ok_or_else(|| AppError::not_found("commune", commune.trim()))?;
                unit.latitude.zip(unit.longitude)
            }
            None => None,
        };
        let mut points: Vec<NearbyServicePoint> = self
            .store()
            .service_points(code.as_str())
            .await?
            .into_iter()
            .map(|point| {
                let distance_km = origin
                    .zip(point.latitude.zip(point.longitude))
                    .map(|((lat1, lon1), (lat2, lon2))| distance_km(lat1, lon1, lat2, lon2));
                NearbyServicePoint { point, distance_km }
            })
            .collect();
        if origin.is_some() {
            points.sort_by(|a, b| a.distance_km.unwrap_or(f64::MAX).total_cmp(&b.distance_km.unwrap_or(f64::MAX)));
        }
        Ok(points)
    }
}
