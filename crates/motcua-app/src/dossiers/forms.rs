//! What a dossier's statutory forms (01–06) say: the event each is issued
//! from (the domain's rule, [`StatutoryForm::source`]) and the names of the
//! places, people, documents and laws it shows. Wording and layout belong to
//! `motcua-slips`; the web only picks the language.

use motcua_domain::dossier::{StatutoryForm, printable_forms};

use super::*;
use crate::dossiers::names::NamedSlipRow;

/// A document handed in, as form 01 lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandedIn {
    pub name: String,
    pub original: bool,
    pub count: u32,
}

/// Everything one form of one dossier shows, in no language yet.
#[derive(Debug, Clone, PartialEq)]
pub struct FormContent {
    pub form: StatutoryForm,
    pub dossier: Dossier,
    /// The event the form is issued from; none for the control slip.
    pub event: Option<Event>,
    /// Who took that event, by name: the officer who signs the form.
    pub signer_name: String,
    pub province_name: String,
    /// The receiving service point, which issues the form.
    pub point_name: String,
    pub procedure_name: String,
    /// Form 01: the documents handed in (or attached, when none were listed at a desk).
    pub documents: Vec<HandedIn>,
    /// Form 01: the service point the result is collected at, by name.
    pub pickup_place: String,
    /// Forms 03 and 05: the procedure's legal bases.
    pub legal_basis: String,
    /// Form 06: the history with names.
    pub control_slip: Vec<NamedSlipRow>,
}

impl App {
    /// The forms the dossier can print now, in number order.
    pub fn printable_forms(&self, view: &DossierView) -> Vec<StatutoryForm> {
        printable_forms(&view.events)
    }

    /// Form `number` of a dossier the caller may see; "not found" when the
    /// history has not issued it (no refusal, no extension, …).
    pub async fn dossier_form(&self, principal: &Principal, reference: &str, number: u8) -> AppResult<FormContent> {
        let view = self.dossier(principal, reference).await?;
        let missing = || AppError::not_found("slip", format!("{} form {number:02}", view.dossier.reference()));
        let form = StatutoryForm::from_number(number).ok_or_else(missing)?;
        if !form.issued(&view.events) {
            return Err(missing());
        }
        let event = form.source(&view.events).cloned();
        let dossier = &view.dossier;
        let procedure = self.procedure(&dossier.procedure_code).await?;
        let components: Vec<_> = procedure
            .current
            .as_ref()
            .map(|v| v.procedure.component_groups.iter().flat_map(|g| g.components.clone()).collect())
            .unwrap_or_default();
        let name_of = |code: &str| {
            components.iter().find(|c| c.code == code).map(|c| c.name.clone()).unwrap_or_else(|| code.to_owned())
        };
        let mut documents: Vec<HandedIn> = dossier
            .form
            .received_components
            .iter()
            .map(|item| HandedIn {
                // A catalogue entry without details lists no components: the officer named the document.
                name: item.name.clone().unwrap_or_else(|| name_of(&item.component_code)),
                original: item.original,
                count: item.count,
            })
            .collect();
        if documents.is_empty() {
            documents = view
                .documents
                .iter()
                .map(|d| HandedIn { name: name_of(&d.component_code), original: false, count: 1 })
                .collect();
        }
        let province_name = self.province_name(&dossier.province_code).await?;
        let legal_basis = match form {
            StatutoryForm::Refusal | StatutoryForm::StopNotice => self.legal_bases_of(dossier).await?.join("; "),
            _ => String::new(),
        };
        let control_slip = match form {
            StatutoryForm::ControlSlip => self.named_control_slip(dossier, &view.events).await?,
            _ => Vec::new(),
        };
        Ok(FormContent {
            form,
            signer_name: match &event {
                Some(event) => self.officer_name(&event.actor).await?,
                None => String::new(),
            },
            province_name,
            point_name: self.service_point(&dossier.service_point).await?.name,
            procedure_name: procedure.entry.summary.name,
            documents,
            pickup_place: match dossier.pickup_point() {
                Some(point) => self.place_name(point).await?,
                None => String::new(),
            },
            legal_basis,
            control_slip,
            event,
            dossier: view.dossier,
        })
    }
}
