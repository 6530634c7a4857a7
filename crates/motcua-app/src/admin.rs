//! Administration of a province: its officers and their role assignments,
//! its service points (outreach sessions included, with their date and
//! staff), and the calendar's days off and working Saturdays. Only an
//! administrator whose scope is the province may do it.

use chrono::{Datelike, NaiveDate, Utc};
use motcua_domain::access::Principal;
use motcua_domain::calendar::{DayKind, ScheduleSource, SpecialDay, YearSchedule};
use motcua_domain::catalogue::ProcedureSetting;
use motcua_domain::organisation::{Agency, Role, Scope, ServicePoint};
use motcua_domain::{DomainError, Reason};
use motcua_store::OfficerRecord;

use crate::accounts::hash_password;
use crate::{App, AppError, AppResult};

/// An officer account as the administrator sees it (never its password hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficerSummary {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub scope: Scope,
}

/// What an administrator gives to open an officer account.
#[derive(Debug, Clone, Default)]
pub struct NewOfficer {
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub scope_kind: String,
    pub scope_code: String,
    pub password: String,
}

/// The province an administrator administers.
pub(crate) fn administered_province(principal: &Principal) -> AppResult<String> {
    match principal {
        Principal::Officer { role: Role::Administrator, scope: Scope::Unit(code), .. } if code.len() == 2 => {
            Ok(code.clone())
        }
        other => Err(AppError::Forbidden { role: other.role_name(), action: "administer" }),
    }
}

/// An organisation record an administrator saves, named by its key.
#[derive(Debug, Clone, Copy)]
enum OrganisationRecord<'a> {
    Agency(&'a str),
    ServicePoint(&'a str),
    Officer(&'a str),
    /// A procedure setting is kept per unit: its province is the unit's.
    ProcedureSetting {
        unit_code: &'a str,
    },
}

fn check_username(username: &str) -> Result<(), DomainError> {
    let ok = (3..=40).contains(&username.len())
        && username.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
    if ok { Ok(()) } else { Err(DomainError::invalid("username", Reason::UsernameShape)) }
}

impl App {
    /// Whether a scope lies in the province: a service point or agency of
    /// it, the province itself, or one of its communes.
    async fn scope_in_province(&self, scope: &Scope, province: &str) -> AppResult<bool> {
        Ok(match scope {
            Scope::ServicePoint(code) => {
                self.store().service_point(code).await?.is_some_and(|p| p.province_code == province)
            }
            Scope::Agency(code) => self.store().agency(code).await?.is_some_and(|a| a.province_code == province),
            Scope::Unit(code) if code == province => true,
            Scope::Unit(code) => self.communes(province).await?.iter().any(|c| &c.code == code),
        })
    }

    /// The one check before every save of an organisation record: the
    /// record, as it already exists, must belong to the administered
    /// province. One of another province answers "not found", as if it did
    /// not exist, so that no save reaches into or moves it out of its
    /// province (each save also keeps the new record in the province).
    /// Returns the administered province.
    async fn check_record_province(&self, principal: &Principal, record: OrganisationRecord<'_>) -> AppResult<String> {
        let province = administered_province(principal)?;
        let (what, key, elsewhere) = match record {
            OrganisationRecord::Agency(code) => {
                let existing = self.store().agency(code).await?;
                ("agency", code, existing.is_some_and(|a| a.province_code != province))
            }
            OrganisationRecord::ServicePoint(code) => {
                let existing = self.store().service_point(code).await?;
                ("service point", code, existing.is_some_and(|p| p.province_code != province))
            }
            OrganisationRecord::Officer(username) => {
                let elsewhere = match self.store().officer(username).await? {
                    Some(officer) => {
                        let scope = Scope::parse(&officer.scope_kind, &officer.scope_code)?;
                        !self.scope_in_province(&scope, &province).await?
                    }
                    None => false,
                };
                ("officer", username, elsewhere)
            }
            OrganisationRecord::ProcedureSetting { unit_code } => {
                let in_province =
                    unit_code == province || self.communes(&province).await?.iter().any(|c| c.code == unit_code);
                ("procedure setting", unit_code, !in_province)
            }
        };
        if elsewhere {
            tracing::warn!(admin = principal.account_id(), what, key, "save refused: a record of another province");
            return Err(AppError::not_found(what, key));
        }
        Ok(province)
    }

    /// The officers working in the administrator's province.
    pub async fn province_officers(&self, principal: &Principal) -> AppResult<Vec<OfficerSummary>> {
        let province = administered_province(principal)?;
        let mut found = Vec::new();
        for officer in self.store().officers(5000).await? {
            let scope = Scope::parse(&officer.scope_kind, &officer.scope_code)?;
            if self.scope_in_province(&scope, &province).await? {
                found.push(OfficerSummary {
                    username: officer.username,
                    display_name: officer.display_name,
                    role: Role::parse(&officer.role)?,
                    scope,
                });
            }
        }
        Ok(found)
    }

    /// Opens an officer account in the administrator's province.
    pub async fn create_officer_account(&self, principal: &Principal, new: &NewOfficer) -> AppResult<()> {
        let username = new.username.trim();
        check_username(username)?;
        let province = self.check_record_province(principal, OrganisationRecord::Officer(username)).await?;
        if new.display_name.trim().chars().count() < 2 {
            return Err(DomainError::invalid("display_name", Reason::Required).into());
        }
        let role = Role::parse(&new.role)?;
        let scope = Scope::parse(&new.scope_kind, new.scope_code.trim())?;
        if !self.scope_in_province(&scope, &province).await? {
            return Err(DomainError::invalid("scope_code", Reason::NotInYourProvince).into());
        }
        if new.password.chars().count() < 8 {
            return Err(DomainError::invalid("password", Reason::PasswordTooShort).into());
        }
        let created = self
            .store()
            .create_officer(&OfficerRecord {
                username: username.to_owned(),
                display_name: new.display_name.trim().to_owned(),
                password_hash: hash_password(&new.password)?,
                role: role.as_str().to_owned(),
                scope_kind: scope.kind().to_owned(),
                scope_code: scope.code().to_owned(),
                created_at: Utc::now(),
            })
            .await?;
        if created { Ok(()) } else { Err(AppError::AlreadyRegistered) }
    }

    /// Gives an officer of the province another role or place of work.
    pub async fn assign_officer(
        &self,
        principal: &Principal,
        username: &str,
        role: &str,
        scope_kind: &str,
        scope_code: &str,
    ) -> AppResult<()> {
        let province = self.check_record_province(principal, OrganisationRecord::Officer(username)).await?;
        if self.store().officer(username).await?.is_none() {
            return Err(AppError::not_found("officer", username));
        }
        let role = Role::parse(role)?;
        let scope = Scope::parse(scope_kind, scope_code.trim())?;
        if !self.scope_in_province(&scope, &province).await? {
            return Err(DomainError::invalid("scope_code", Reason::NotInYourProvince).into());
        }
        self.store().assign_officer(username, role.as_str(), scope.kind(), scope.code()).await?;
        tracing::info!(admin = principal.account_id(), officer = username, role = role.as_str(), "officer reassigned");
        Ok(())
    }

    /// Creates or changes a service point of the province (an outreach
    /// session is one, with its date).
    pub async fn save_service_point(&self, principal: &Principal, point: &ServicePoint) -> AppResult<()> {
        let province = self.check_record_province(principal, OrganisationRecord::ServicePoint(&point.code)).await?;
        point.validate()?;
        if point.province_code != province {
            return Err(DomainError::invalid("unit_code", Reason::NotInYourProvince).into());
        }
        let in_province =
            point.unit_code == province || self.communes(&province).await?.iter().any(|c| c.code == point.unit_code);
        if !in_province {
            return Err(DomainError::invalid("unit_code", Reason::NotInYourProvince).into());
        }
        Ok(self.store().save_service_point(point).await?)
    }

    /// Adds or replaces a special day in a year's schedule, which becomes
    /// the official one for that year.
    pub async fn set_calendar_day(
        &self,
        principal: &Principal,
        date: NaiveDate,
        kind: DayKind,
        name: &str,
    ) -> AppResult<YearSchedule> {
        administered_province(principal)?;
        if name.trim().is_empty() {
            return Err(DomainError::invalid("name", Reason::NameRequired).into());
        }
        if kind == DayKind::WorkingSaturday && date.weekday() != chrono::Weekday::Sat {
            return Err(DomainError::invalid("date", Reason::WorkingSaturdayNotSaturday).into());
        }
        let schedule = self.year_schedule(date.year()).await?;
        let mut days: Vec<SpecialDay> = schedule.days.into_iter().filter(|d| d.date != date).collect();
        days.push(SpecialDay { date, name: name.trim().to_owned(), kind });
        let updated = YearSchedule::new(date.year(), ScheduleSource::Official, days);
        self.save_official_schedule(&updated).await?;
        tracing::info!(admin = principal.account_id(), %date, "calendar day set");
        Ok(updated)
    }

    /// Removes a special day from a year's schedule (which becomes official).
    pub async fn remove_calendar_day(&self, principal: &Principal, date: NaiveDate) -> AppResult<YearSchedule> {
        administered_province(principal)?;
        let schedule = self.year_schedule(date.year()).await?;
        let days: Vec<SpecialDay> = schedule.days.into_iter().filter(|d| d.date != date).collect();
        let updated = YearSchedule::new(date.year(), ScheduleSource::Official, days);
        self.save_official_schedule(&updated).await?;
        tracing::info!(admin = principal.account_id(), %date, "calendar day removed");
        Ok(updated)
    }

    /// Sets how a unit of the province (the province itself or one of its
    /// communes) offers a procedure of the catalogue.
    pub async fn save_procedure_setting(&self, principal: &Principal, setting: &ProcedureSetting) -> AppResult<()> {
        let unit = setting.unit_code.trim();
        self.check_record_province(principal, OrganisationRecord::ProcedureSetting { unit_code: unit }).await?;
        setting.validate()?;
        self.store()
            .current_procedure(setting.procedure_code.trim())
            .await?
            .ok_or_else(|| AppError::not_found("procedure", setting.procedure_code.trim()))?;
        self.store().save_procedure_setting(setting, principal.account_id()).await?;
        tracing::info!(admin = principal.account_id(), unit, procedure = %setting.procedure_code, "procedure setting saved");
        Ok(())
    }

    /// The procedure settings of the province and its communes.
    pub async fn province_procedure_settings(&self, principal: &Principal) -> AppResult<Vec<ProcedureSetting>> {
        let province = administered_province(principal)?;
        let communes: std::collections::HashSet<String> =
            self.communes(&province).await?.into_iter().map(|c| c.code).collect();
        Ok(self
            .store()
            .procedure_settings(10_000)
            .await?
            .into_iter()
            .filter(|s| s.unit_code == province || communes.contains(&s.unit_code))
            .collect())
    }

    /// Creates or renames an agency of the province, serving the province
    /// itself or one of its communes.
    pub async fn save_agency(&self, principal: &Principal, agency: &Agency) -> AppResult<()> {
        let province = self.check_record_province(principal, OrganisationRecord::Agency(agency.code.as_str())).await?;
        if agency.name.trim().chars().count() < 3 {
            return Err(DomainError::invalid("name", Reason::NameRequired).into());
        }
        let unit = agency.unit_code.trim();
        let in_province = unit == province || self.communes(&province).await?.iter().any(|c| c.code == unit);
        if agency.province_code != province || !in_province {
            return Err(DomainError::invalid("unit_code", Reason::NotInYourProvince).into());
        }
        self.store().save_agency(agency).await?;
        tracing::info!(admin = principal.account_id(), agency = agency.code.as_str(), "agency saved");
        Ok(())
    }
}
