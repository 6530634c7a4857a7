//! Finding procedures and reading them.

use motcua_domain::Reason;
use motcua_domain::catalogue::{CatalogueQuery, ProcedureCode, ProcedureVersion};
use motcua_store::{CatalogueHit, CataloguePage};

use crate::{App, AppError, AppResult};

/// A procedure as the catalogue page shows it: its catalogue row, and the
/// version in force when details are known.
#[derive(Debug, Clone, PartialEq)]
pub struct ProcedureView {
    pub entry: CatalogueHit,
    pub current: Option<ProcedureVersion>,
    pub versions: Vec<(i64, chrono::DateTime<chrono::Utc>)>,
}

impl App {
    pub async fn search_catalogue(&self, query: &CatalogueQuery) -> AppResult<CataloguePage> {
        Ok(self.store().search_procedures(query).await?)
    }

    pub async fn procedure(&self, code: &str) -> AppResult<ProcedureView> {
        let code = ProcedureCode::parse(code)?;
        let entry = self
            .store()
            .procedure_summary(code.as_str())
            .await?
            .ok_or_else(|| AppError::not_found("procedure", code.as_str()))?;
        let versions = self.store().procedure_versions(code.as_str()).await?;
        let listed = versions.iter().map(|v| (v.version, v.effective_from)).collect();
        Ok(ProcedureView { entry, current: versions.into_iter().last(), versions: listed })
    }
}

/// What the home page shows besides the search box.
#[derive(Debug, Clone, PartialEq)]
pub struct HomeFacts {
    /// The procedures with the most dossiers (catalogue rows), most first.
    pub most_used: Vec<CatalogueHit>,
    /// The largest fields: (code, name, procedures).
    pub fields: Vec<(String, String, i64)>,
}

impl App {
    /// The home page's lists: most used procedures (by dossier volume; the
    /// detailed ones that accept online submission when there are no
    /// dossiers yet) and the largest fields.
    pub async fn home_facts(&self) -> AppResult<HomeFacts> {
        let mut most_used = Vec::new();
        for (code, _) in self.store().most_used_procedures(8).await? {
            if let Some(hit) = self.store().procedure_summary(&code).await? {
                most_used.push(hit);
            }
        }
        if most_used.is_empty() {
            let query = CatalogueQuery { full_online: Some(true), page: 1, per_page: 8, ..CatalogueQuery::default() };
            most_used = self.store().search_procedures(&query).await?.items;
        }
        Ok(HomeFacts { most_used, fields: self.store().largest_fields(12).await? })
    }
}

impl App {
    /// The procedure in force as an agency's unit offers it: the catalogue's
    /// version with the province's setting, then the commune's, applied.
    /// "Not found" when the procedure is unknown; an error naming the agency
    /// when its unit turned the procedure off.
    pub async fn procedure_at(&self, code: &str, province_code: &str, unit_code: &str) -> AppResult<ProcedureVersion> {
        let version = self.receivable_version(code).await?;
        self.as_offered(version, province_code, unit_code).await
    }

    /// The version a dossier is received under: the detailed version in
    /// force, else, for the many catalogue entries published without
    /// details, the entry itself (see [`ProcedureVersion::from_catalogue_entry`]).
    /// "Not found" only for a code the catalogue does not hold.
    pub async fn receivable_version(&self, code: &str) -> AppResult<ProcedureVersion> {
        let code = code.trim();
        if let Some(version) = self.store().current_procedure(code).await? {
            return Ok(version);
        }
        let entry =
            self.store().procedure_summary(code).await?.ok_or_else(|| AppError::not_found("procedure", code))?;
        Ok(ProcedureVersion::from_catalogue_entry(&entry.summary))
    }

    /// A version with a unit's settings applied (see [`App::procedure_at`]).
    pub(crate) async fn as_offered(
        &self,
        mut version: ProcedureVersion,
        province_code: &str,
        unit_code: &str,
    ) -> AppResult<ProcedureVersion> {
        let code = version.code.to_string();
        let mut settings = self.store().procedure_settings_for(&code, [province_code, unit_code]).await?;
        // The province first, so that the commune's own setting wins.
        settings.sort_by_key(|s| s.unit_code != province_code);
        for setting in &settings {
            if !setting.enabled {
                return Err(motcua_domain::DomainError::invalid("competent_agency", Reason::AgencyDoesNotSettle).into());
            }
            setting.apply(&mut version.procedure);
        }
        Ok(version)
    }

    /// The working time each step of a procedure's workflow may take at a
    /// unit, for the steps that have one: the commune's setting, else the
    /// province's.
    pub async fn step_times(
        &self,
        code: &str,
        province_code: &str,
        unit_code: &str,
    ) -> AppResult<Vec<(motcua_domain::dossier::Step, motcua_domain::clock::ProcessingTime)>> {
        let settings = self.store().procedure_settings_for(code.trim(), [province_code, unit_code]).await?;
        let of = |unit: &str, step| settings.iter().find(|s| s.unit_code == unit).and_then(|s| s.step_time(step));
        Ok(motcua_domain::dossier::Step::ALL
            .into_iter()
            .filter_map(|step| of(unit_code, step).or_else(|| of(province_code, step)).map(|time| (step, time)))
            .collect())
    }
}
