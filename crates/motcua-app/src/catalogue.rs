//! Finding procedures and reading them.

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
