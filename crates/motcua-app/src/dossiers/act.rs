//! Acting on a dossier: load it within the caller's scope, check the role,
//! gather what the domain needs, apply, and write the new dossier with its
//! event in one transaction.

use motcua_domain::Reason;
use motcua_domain::dossier::{Offer, RESULT_COMPONENT};
use motcua_domain::organisation::Agency;
use motcua_domain::payments::{OrderStatus, PaymentOrder, refund_reason};

use super::pay_online::refund_of;

use super::*;

impl App {
    /// Takes an action on a dossier. Retries once when another writer got there first.
    pub async fn act(
        &self,
        principal: &Principal,
        reference: &str,
        action: Action,
        details: &ActionDetails,
    ) -> AppResult<DossierView> {
        for attempt in 0..2 {
            match self.act_once(principal, reference, action, details, None).await {
                Err(AppError::Conflict) if attempt == 0 => continue,
                other => return other,
            }
        }
        Err(AppError::Conflict)
    }

    /// One try of an action; `settles` is a payment order the action settles,
    /// written with it if it still has the status it was read with.
    pub(super) async fn act_once(
        &self,
        principal: &Principal,
        reference: &str,
        action: Action,
        details: &ActionDetails,
        settles: Option<(&PaymentOrder, OrderStatus)>,
    ) -> AppResult<DossierView> {
        let before = self.visible_dossier(principal, reference).await?;
        if !may_act(principal, action) {
            return Err(AppError::Forbidden { role: principal.role_name(), action: action.name() });
        }
        // Refuse a transition the state machine does not allow before looking anything up.
        before.lifecycle.apply(action)?;
        // With a gateway, an applicant's own payment is the one it reports;
        // a reference typed in proves nothing.
        if action == Action::Pay
            && settles.is_none()
            && matches!(principal, Principal::Citizen { .. })
            && self.gateway().is_some()
        {
            return Err(DomainError::invalid("transaction_reference", Reason::PayThroughGateway).into());
        }
        let now = motcua_domain::clock::to_microseconds(Utc::now());
        let input = &details.input;
        let to_agency = match action {
            Action::HandOver { .. } => self.hand_over_target(input).await?,
            _ => None,
        };
        let offer = match action {
            Action::Receive => self.offer_at_receipt(&before).await?,
            _ => None,
        };
        let unit = to_agency.as_ref().map_or(before.competent_unit.as_str(), |a| a.unit_code.as_str());
        let circumstances = self.circumstances(&before, offer.and_then(|o| o.processing), unit, now).await?;
        let facts = motcua_domain::dossier::Facts {
            offer,
            to_agency: to_agency.as_ref(),
            ..circumstances.facts(principal, now)
        };
        let (mut after, event) = before.apply(action, input, &facts)?;
        let attached = match action {
            Action::Supplement | Action::Pay => {
                self.attachments(principal, &before.contact.personal_id, &details.documents).await?
            }
            Action::Approve => match input.result_document.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                Some(sha256) => {
                    let choice =
                        DocumentChoice { component_code: RESULT_COMPONENT.to_owned(), sha256: sha256.to_owned() };
                    self.attachments(principal, &before.contact.personal_id, &[choice]).await?
                }
                None => Vec::new(),
            },
            _ => Vec::new(),
        };
        let code = (action == Action::Receive)
            .then(|| CodeRequest { agency: after.competent_agency.clone(), day: to_vietnam_time(now).date_naive() });
        let messages: Vec<_> = crate::notify::status_message(&after, &event, self.public_url()).into_iter().collect();
        let mut orders: Vec<(PaymentOrder, OrderStatus)> = settles.map(|(o, s)| (o.clone(), s)).into_iter().collect();
        let mut calls = Vec::new();
        if let Some(reason) = refund_reason(action) {
            for paid in self.store().payment_orders_of(&before.province_code, &before.id).await? {
                if let Some((refunding, call)) = refund_of(&paid, reason, now) {
                    orders.push((refunding, OrderStatus::Paid));
                    calls.push(call);
                }
            }
        }
        let given = self
            .store()
            .update_dossier(
                &after,
                before.event_count,
                &event,
                code.as_ref(),
                motcua_store::Along { documents: &attached, messages: &messages, orders: &orders, calls: &calls },
            )
            .await?;
        after.code = given.or(after.code);
        if action == Action::Approve {
            self.deliver_result(&after, &attached).await?;
        }
        self.view_of(after).await
    }

    /// The agency a hand-over names, if it names one that exists.
    async fn hand_over_target(&self, input: &ActionInput) -> AppResult<Option<Agency>> {
        if let Some(officer) = input.to_officer.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
            self.store().officer(officer).await?.ok_or_else(|| AppError::not_found("officer", officer))?;
        }
        let Some(code) = input.to_agency.as_deref().map(str::trim).filter(|a| !a.is_empty()) else {
            return Ok(None);
        };
        Ok(Some(self.store().agency(code).await?.ok_or_else(|| AppError::not_found("agency", code))?))
    }

    /// The procedure as the competent unit offers it now, which a dossier is
    /// pinned to at reception; none when it is no longer offered (the dossier
    /// keeps the version it was submitted under).
    async fn offer_at_receipt(&self, dossier: &Dossier) -> AppResult<Option<Offer>> {
        match self.procedure_at(&dossier.procedure_code, &dossier.province_code, &dossier.competent_unit).await {
            Ok(version) => Ok(Some(Offer {
                version: version.version,
                processing: version.procedure.processing_time(&dossier.case_code, dossier.channel),
            })),
            Err(AppError::Domain(_) | AppError::NotFound { .. }) => Ok(None),
            Err(other) => Err(other),
        }
    }

    /// Puts an electronic result into the applicant's document store, where
    /// it can be downloaded and reused in later dossiers.
    async fn deliver_result(&self, dossier: &Dossier, attached: &[motcua_store::AttachedDocument]) -> AppResult<()> {
        let Some(account) = dossier.applicant.account().map(str::to_owned) else {
            return Ok(());
        };
        for result in attached {
            self.store()
                .save_document(&motcua_store::DocumentRecord {
                    owner_id: account.clone(),
                    sha256: result.sha256.clone(),
                    file_name: result.file_name.clone(),
                    media_type: result.media_type.clone(),
                    size: result.size,
                    origin: "result".to_owned(),
                    dossier_code: dossier.code.as_ref().map(ToString::to_string),
                    created_at: Utc::now(),
                })
                .await?;
        }
        Ok(())
    }
}
