//! Officers' worklists: the dossiers waiting for their role in their scope,
//! the nearest due first, each marked on time, due soon or late.

use motcua_domain::worklist::{Urgency, Worklist};

use super::*;

/// Narrowing a worklist.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorklistFilter {
    pub procedure: Option<String>,
    pub channel: Option<Channel>,
}

/// A dossier on a worklist, with how urgent it is.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkItem {
    pub dossier: Dossier,
    pub urgency: Urgency,
}

/// One tab: its items (a page) and, for every tab of the role, its count.
#[derive(Debug, Clone, PartialEq)]
pub struct WorklistPage {
    pub tab: Worklist,
    pub items: Vec<WorkItem>,
    pub counts: Vec<(Worklist, i64)>,
}

impl App {
    /// A page of an officer's worklist tab.
    pub async fn worklist(
        &self,
        principal: &Principal,
        tab: Worklist,
        filter: &WorklistFilter,
        page: u32,
    ) -> AppResult<WorklistPage> {
        let Principal::Officer { role, scope, username } = principal else {
            return Err(AppError::Forbidden { role: principal.role_name(), action: "read a worklist" });
        };
        let tabs = Worklist::tabs_of(*role);
        if !tabs.contains(&tab) {
            return Err(AppError::Forbidden { role: principal.role_name(), action: "read this worklist" });
        }
        let base = DossierFilter {
            procedure: filter.procedure.clone().filter(|p| !p.trim().is_empty()),
            channel: filter.channel,
            by_due_date: true,
            ..scope_filter(scope)
        };
        let of_tab = |tab: Worklist| {
            let (statuses, steps) = tab.criteria(*role);
            DossierFilter { statuses: statuses.to_vec(), steps: steps.to_vec(), ..base.clone() }
        };
        let mut counts = Vec::with_capacity(tabs.len());
        for each in tabs {
            counts.push((*each, self.store().count_dossiers(&of_tab(*each)).await?));
        }
        let page = i64::from(page.max(1));
        let dossiers = self.store().dossiers(&of_tab(tab), 50, (page - 1) * 50).await?;
        let now = Utc::now();
        let one_day = ProcessingTime { amount: 1.0, unit: TimeUnit::WorkingDay };
        let hours = match scope {
            motcua_domain::organisation::Scope::ServicePoint(point) => self.working_hours_of(point).await?,
            _ => Default::default(),
        };
        let soon = self.due_at_with(&hours, now, one_day).await?;
        let items = dossiers
            .into_iter()
            .map(|dossier| {
                let urgency = Urgency::of(dossier.due_at, dossier.paused_at.is_some(), now, soon);
                WorkItem { dossier, urgency }
            })
            .collect();
        tracing::debug!(officer = %username, tab = tab.as_str(), "worklist read");
        Ok(WorklistPage { tab, items, counts })
    }
}

/// The dossiers an officer's scope covers, as a filter.
pub(super) fn scope_filter(scope: &motcua_domain::organisation::Scope) -> DossierFilter {
    use motcua_domain::organisation::Scope;
    match scope {
        Scope::ServicePoint(code) => DossierFilter { service_point: Some(code.clone()), ..DossierFilter::default() },
        Scope::Agency(code) => DossierFilter { agency: Some(code.clone()), ..DossierFilter::default() },
        Scope::Unit(code) => DossierFilter { unit: Some(code.clone()), ..DossierFilter::default() },
    }
}
