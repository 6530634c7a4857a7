//! Reading dossiers: one with its history, lists, the control slip, the
//! tracking book, the public lookup, and verifying every history.

use super::worklist::scope_filter;
use super::*;
use motcua_domain::Reason;

impl App {
    /// When a dossier not yet received would be due if it were received now:
    /// what an applicant is told after submitting online. `None` when the
    /// procedure's time is stated only in words.
    pub async fn expected_due_at(&self, dossier: &Dossier) -> AppResult<Option<DateTime<Utc>>> {
        let Some(time) = dossier.processing else {
            return Ok(None);
        };
        let hours = self.working_hours_of(&dossier.service_point).await?;
        Ok(Some(self.due_at_with(&hours, Utc::now(), time).await?))
    }

    /// A dossier and its history, within the caller's scope.
    pub async fn dossier(&self, principal: &Principal, reference: &str) -> AppResult<DossierView> {
        let dossier = self.visible_dossier(principal, reference).await?;
        self.view_of(dossier).await
    }

    /// The processing control slip (form 06) of a dossier in the caller's scope.
    pub async fn control_slip(&self, principal: &Principal, reference: &str) -> AppResult<(Dossier, Vec<SlipRow>)> {
        let view = self.dossier(principal, reference).await?;
        let slip = control_slip(&view.events);
        Ok((view.dossier, slip))
    }

    /// The tracking book (form 07): the dossiers received in the officer's
    /// scope between two Vietnam dates, inclusive.
    pub async fn tracking_book(
        &self,
        principal: &Principal,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> AppResult<Vec<TrackingBookRow>> {
        let Principal::Officer { scope, .. } = principal else {
            return Err(AppError::Forbidden { role: principal.role_name(), action: "tracking_book" });
        };
        if to < from || (to - from).num_days() > 366 {
            return Err(DomainError::invalid("to", Reason::WithinAYearFrom).into());
        }
        let start = |d: chrono::NaiveDate| {
            motcua_domain::clock::vietnam_offset()
                .from_local_datetime(&d.and_time(chrono::NaiveTime::MIN))
                .single()
                .map(|t| t.with_timezone(&Utc))
        };
        let mut filter = DossierFilter {
            received_from: start(from),
            received_before: to.succ_opt().and_then(start),
            ..DossierFilter::default()
        };
        match scope {
            motcua_domain::organisation::Scope::ServicePoint(code) => filter.service_point = Some(code.clone()),
            motcua_domain::organisation::Scope::Agency(code) => filter.agency = Some(code.clone()),
            motcua_domain::organisation::Scope::Unit(code) => filter.unit = Some(code.clone()),
        }
        let mut rows = Vec::new();
        let dossiers = self.store().dossiers(&filter, 5000, 0).await?;
        let ids: Vec<String> = dossiers.iter().map(|d| d.id.clone()).collect();
        let mut sent = self.store().first_event_times(&ids, Action::HandOver { to: Step::Review }).await?;
        for dossier in dossiers {
            let sent_at = sent.remove(&dossier.id);
            rows.push(TrackingBookRow {
                code: dossier.code.as_ref().map(ToString::to_string).unwrap_or_default(),
                status: dossier.status().as_str().to_owned(),
                procedure_code: dossier.procedure_code,
                sets: 1,
                applicant_name: dossier.contact.name,
                applicant_address: dossier.contact.address,
                applicant_phone: dossier.contact.phone,
                competent_agency: dossier.competent_agency.to_string(),
                received_at: dossier.received_at,
                due_at: dossier.due_at,
                sent_at,
                resolved_at: dossier.resolved_at,
                returned_at: dossier.returned_at,
                late: dossier.late,
            });
        }
        rows.sort_by(|a, b| a.received_at.cmp(&b.received_at).then_with(|| a.code.cmp(&b.code)));
        Ok(rows)
    }

    /// The dossiers in the caller's scope, newest first.
    pub async fn dossiers(&self, principal: &Principal, status: Option<&str>, page: u32) -> AppResult<Vec<Dossier>> {
        let statuses: Vec<Status> = status.map(Status::parse).transpose()?.into_iter().collect();
        let filter = match principal {
            Principal::Citizen { id } => {
                DossierFilter { account: Some(id.clone()), statuses, ..DossierFilter::default() }
            }
            Principal::Officer { scope, .. } => DossierFilter { statuses, ..scope_filter(scope) },
        };
        let page = i64::from(page.max(1));
        Ok(self.store().dossiers(&filter, 50, (page - 1) * 50).await?)
    }

    /// The public lookup: status and history summary for whoever holds both
    /// the dossier code and the applicant's identification number or phone.
    /// A wrong pair answers exactly like an unknown code.
    pub async fn lookup(&self, code: &str, id_number: Option<&str>, phone: Option<&str>) -> AppResult<PublicStatus> {
        let not_found = || AppError::not_found("dossier", code.trim());
        let code = motcua_domain::dossier::DossierCode::parse(code).map_err(|_| not_found())?;
        let dossier = self.store().dossier(code.as_str()).await?.ok_or_else(not_found)?;
        let matches = match (id_number, phone) {
            (Some(id), _) => PersonalId::parse(id).is_ok_and(|id| id.as_str() == dossier.contact.personal_id),
            (None, Some(phone)) => normalise_phone(phone).is_ok_and(|p| p == dossier.contact.phone),
            (None, None) => false,
        };
        if !matches || dossier.code.as_ref() != Some(&code) {
            return Err(not_found());
        }
        let status = dossier.status();
        let events = self.store().dossier_events(&dossier.province_code, &dossier.id).await?;
        Ok(PublicStatus {
            code: code.to_string(),
            procedure_code: dossier.procedure_code,
            status,
            received_at: dossier.received_at,
            due_at: dossier.due_at,
            history: events.into_iter().map(|e| PublicEvent { at: e.at, kind: e.kind, status: e.to_status }).collect(),
        })
    }

    /// Checks every dossier's history chain and that its row agrees with it.
    pub async fn verify_histories(&self) -> AppResult<(u64, Vec<BrokenHistory>)> {
        let mut broken = Vec::new();
        let mut checked = 0;
        let mut after: Option<(String, String)> = None;
        loop {
            let keys = self.store().dossier_keys(after.as_ref().map(|(p, i)| (p.as_str(), i.as_str())), 500).await?;
            let Some(last) = keys.last().cloned() else { break };
            for (province, id) in &keys {
                checked += 1;
                let events = self.store().dossier_event_records(province, id).await?;
                let row = self.store().dossier(id).await?;
                let name = row.as_ref().map_or_else(|| id.clone(), Dossier::reference);
                let chain = verify_chain(events.iter().map(|(e, h)| (e, h.as_str())));
                let agrees = row.as_ref().is_some_and(|d| {
                    d.event_count == events.len() as i64 && events.last().is_some_and(|(_, h)| *h == d.last_hash)
                });
                match chain {
                    Err(sequence) => broken.push(BrokenHistory { dossier: name, first_bad_event: sequence }),
                    Ok(()) if !agrees => {
                        broken.push(BrokenHistory { dossier: name, first_bad_event: events.len() as i64 + 1 })
                    }
                    Ok(()) => {}
                }
            }
            after = Some(last);
        }
        Ok((checked, broken))
    }
}
