//! Verifying a citizen's account at a counter ("xác thực tài khoản tại
//! quầy"): an officer checks the holder's identity card, and from then on
//! the account holds its number and sees the dossiers received for it with
//! the card checked.

use chrono::Utc;
use motcua_domain::access::{Applicant, Principal, may_verify_accounts};
use motcua_domain::identity::PersonalId;
use motcua_domain::organisation::Scope;
use motcua_domain::{DomainError, Reason};
use motcua_store::{AccountEvent, CitizenRecord, Verification};

use crate::accounts::normalise_phone;
use crate::{App, AppError, AppResult};

/// What an officer records when verifying an account at a counter.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct CounterVerification {
    /// The number on the card shown.
    pub id_number: String,
    /// The phone number the holder gives, which picks their account among
    /// those claiming the number.
    pub phone: String,
    /// The officer compared the card (number, photo, name) with the person.
    #[serde(default)]
    pub card_checked: bool,
}

/// The account verified, and how many dossiers it gained.
#[derive(Debug, Clone)]
pub struct VerifiedAccount {
    pub account: CitizenRecord,
    pub dossiers_linked: u64,
}

impl App {
    /// Verifies the account of the card's holder: the one claiming the
    /// number with the phone they give. Its sessions end, since what it may
    /// see changes; the verification is in the account's log.
    pub async fn verify_account_at_counter(
        &self,
        principal: &Principal,
        request: &CounterVerification,
    ) -> AppResult<VerifiedAccount> {
        let Principal::Officer { username, role, scope } = principal else {
            return Err(AppError::Forbidden { role: principal.role_name(), action: "verify an account" });
        };
        if !may_verify_accounts(*role) {
            return Err(AppError::Forbidden { role: principal.role_name(), action: "verify an account" });
        }
        let number = PersonalId::parse(&request.id_number)?;
        let phone = normalise_phone(&request.phone)?;
        if !request.card_checked {
            return Err(DomainError::invalid("card_checked", Reason::CompareIdentityCardFirst).into());
        }
        if self.store().verified_citizen(number.as_str()).await?.is_some() {
            return Err(AppError::AlreadyRegistered);
        }
        let claims = self.store().citizens_by_personal_id(number.as_str(), 100).await?;
        let mut theirs = claims.into_iter().filter(|c| c.phone == phone);
        let account = theirs.next().ok_or_else(|| AppError::not_found("account", number.as_str()))?;
        if theirs.next().is_some() {
            return Err(DomainError::invalid("phone", Reason::NumberClaimedBySeveralAccounts).into());
        }
        let service_point = match scope {
            Scope::ServicePoint(code) => code.clone(),
            _ => String::new(),
        };
        let verification = Verification { at: Utc::now(), by: username.clone(), service_point };
        let verified = self
            .store()
            .verify_citizen(
                &account.id,
                &Applicant::Identified(number.as_str().to_owned()).key(),
                &verification,
                "identity card checked at a counter",
            )
            .await?;
        tracing::info!(officer = %username, "an account was verified at a counter");
        Ok(VerifiedAccount {
            account: CitizenRecord { verified: Some(verification), ..account },
            dossiers_linked: verified.dossiers_linked,
        })
    }

    /// The signed-in citizen's account log.
    pub async fn account_log(&self, principal: &Principal) -> AppResult<Vec<AccountEvent>> {
        match principal {
            Principal::Citizen { id } => Ok(self.store().account_events(id).await?),
            other => Err(AppError::Forbidden { role: other.role_name(), action: "read a citizen's account" }),
        }
    }
}
