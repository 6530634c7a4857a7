//! The names people read on a dossier's slips and pages, in place of the
//! codes and account ids its history records: who handed it over, where,
//! where the result is returned, and the law the procedure rests on.

use super::*;

/// A row of the processing control slip with names instead of codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedSlipRow {
    pub row: SlipRow,
    /// The service point or agency where the step took place.
    pub place: String,
    pub giver: String,
    pub receiver: String,
}

impl App {
    /// The name of a place in a dossier's history: a service point's, else an
    /// agency's, else the code itself (a place since removed).
    pub async fn place_name(&self, code: &str) -> AppResult<String> {
        let code = code.trim();
        if code.is_empty() {
            return Ok(String::new());
        }
        if let Some(point) = self.store().service_point(code).await? {
            return Ok(point.name);
        }
        Ok(self.store().agency(code).await?.map(|a| a.name).unwrap_or_else(|| code.to_owned()))
    }

    /// A province's name, empty for a code that names none.
    pub(super) async fn province_name(&self, code: &str) -> AppResult<String> {
        Ok(self.provinces().await?.into_iter().find(|p| p.code == code).map(|p| p.name).unwrap_or_default())
    }

    /// The competent agency's name, which charges are paid to.
    pub(super) async fn agency_name(&self, dossier: &Dossier) -> AppResult<String> {
        Ok(self.store().agency(dossier.competent_agency.as_str()).await?.map(|a| a.name).unwrap_or_default())
    }

    /// The name of an account acting on a dossier: an officer's display name,
    /// the applicant's name for the applicant's own account, a citizen
    /// account's name for one who submitted for someone else, else the id.
    pub async fn account_name(&self, dossier: &Dossier, account: &str) -> AppResult<String> {
        if account.is_empty() {
            return Ok(String::new());
        }
        if let Some(officer) = self.store().officer(account).await? {
            return Ok(officer.display_name);
        }
        if dossier.applicant.account() == Some(account) {
            return Ok(dossier.contact.name.clone());
        }
        Ok(self.store().citizen(account).await?.map(|c| c.full_name).unwrap_or_else(|| account.to_owned()))
    }

    /// Where a step of the history took place: the service point it records,
    /// else the agency or service point of the officer who took it (back-office
    /// steps record none), else the dossier's competent agency.
    async fn step_place(&self, dossier: &Dossier, row: &SlipRow) -> AppResult<String> {
        if !row.service_point.is_empty() {
            return self.place_name(&row.service_point).await;
        }
        let scope = self.store().officer(&row.giver).await?.filter(|o| o.scope_kind != "unit").map(|o| o.scope_code);
        self.place_name(scope.as_deref().unwrap_or(dossier.competent_agency.as_str())).await
    }

    /// The processing control slip of a history, with the names of places and people.
    pub async fn named_control_slip(&self, dossier: &Dossier, events: &[Event]) -> AppResult<Vec<NamedSlipRow>> {
        let mut named = Vec::with_capacity(events.len());
        for row in control_slip(events) {
            named.push(NamedSlipRow {
                place: self.step_place(dossier, &row).await?,
                giver: self.account_name(dossier, &row.giver).await?,
                receiver: self.account_name(dossier, &row.receiver).await?,
                row,
            });
        }
        Ok(named)
    }

    /// The legal bases of the procedure version a dossier was received
    /// under (the one in force when its version is unknown), one text per
    /// legal document: its number and title.
    pub async fn legal_bases_of(&self, dossier: &Dossier) -> AppResult<Vec<String>> {
        let versions = self.store().procedure_versions(&dossier.procedure_code).await?;
        let version = versions.iter().find(|v| v.version == dossier.procedure_version).or_else(|| versions.last());
        Ok(version
            .map(|v| {
                v.procedure
                    .legal_bases
                    .iter()
                    .map(|basis| match (basis.code.trim(), basis.name.trim()) {
                        ("", name) => name.to_owned(),
                        (code, name) if name.contains(code) => name.to_owned(),
                        (code, "") => code.to_owned(),
                        (code, name) => format!("{code}: {name}"),
                    })
                    .collect()
            })
            .unwrap_or_default())
    }
}
