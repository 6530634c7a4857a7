//! Agencies (cơ quan có thẩm quyền) and service points (điểm tiếp nhận).
//!
//! The agency that is competent for a procedure and the place where a dossier
//! is received are different things: since 2025 a dossier may be received at
//! any centre of the province, at a bank or post-office agent point, or at a
//! mobile outreach session, and then travels to the competent agency.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::clock::{WorkingHours, vietnam_offset};
use crate::{DomainError, Reason};

/// An agency code in the form of QCVN 102:2016, e.g. `000.00.15.H29`: dot-separated
/// groups of upper-case letters and digits. It opens every dossier code the
/// agency issues, so it may not contain the dash that separates a code's parts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AgencyCode(String);

impl AgencyCode {
    pub fn parse(text: &str) -> Result<AgencyCode, DomainError> {
        let text = text.trim();
        let groups: Vec<&str> = text.split('.').collect();
        let valid = (2..=6).contains(&groups.len())
            && text.len() <= 32
            && groups.iter().all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()));
        if valid {
            Ok(AgencyCode(text.to_owned()))
        } else {
            Err(DomainError::invalid("agency_code", Reason::ExpectedAgencyCode))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

string_conversions!(AgencyCode);

/// What kind of authority an agency is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// Ủy ban nhân dân tỉnh.
    ProvincialPeoplesCommittee,
    /// Sở, ban, ngành of a province.
    ProvincialDepartment,
    /// Công an tỉnh.
    ProvincialPolice,
    /// Ủy ban nhân dân xã, phường, đặc khu.
    CommunePeoplesCommittee,
    /// Công an xã, phường.
    CommunePolice,
    /// Any other authority (a vertical agency, a ministry branch, …).
    Other,
}

impl AgencyKind {
    pub const ALL: [AgencyKind; 6] = [
        AgencyKind::ProvincialPeoplesCommittee,
        AgencyKind::ProvincialDepartment,
        AgencyKind::ProvincialPolice,
        AgencyKind::CommunePeoplesCommittee,
        AgencyKind::CommunePolice,
        AgencyKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AgencyKind::ProvincialPeoplesCommittee => "provincial_peoples_committee",
            AgencyKind::ProvincialDepartment => "provincial_department",
            AgencyKind::ProvincialPolice => "provincial_police",
            AgencyKind::CommunePeoplesCommittee => "commune_peoples_committee",
            AgencyKind::CommunePolice => "commune_police",
            AgencyKind::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Result<AgencyKind, DomainError> {
        AgencyKind::ALL
            .into_iter()
            .find(|k| k.as_str() == text)
            .ok_or_else(|| DomainError::invalid("agency_kind", Reason::Unknown(text.to_owned())))
    }
}

/// A competent authority that settles procedures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agency {
    pub code: AgencyCode,
    pub name: String,
    pub kind: AgencyKind,
    /// The administrative unit it serves (a province or a commune code).
    pub unit_code: String,
    pub province_code: String,
}

/// What kind of place receives dossiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServicePointKind {
    /// Trung tâm phục vụ hành chính công cấp tỉnh.
    ProvinceCentre,
    /// Trung tâm phục vụ hành chính công cấp xã.
    CommuneCentre,
    /// A bank branch acting as a public-service agent.
    BankAgent,
    /// A post office acting as a public-service agent.
    PostOfficeAgent,
    /// A mobile outreach session ("Action Sunday" and the like).
    OutreachSession,
}

impl ServicePointKind {
    pub const ALL: [ServicePointKind; 5] = [
        ServicePointKind::ProvinceCentre,
        ServicePointKind::CommuneCentre,
        ServicePointKind::BankAgent,
        ServicePointKind::PostOfficeAgent,
        ServicePointKind::OutreachSession,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ServicePointKind::ProvinceCentre => "province_centre",
            ServicePointKind::CommuneCentre => "commune_centre",
            ServicePointKind::BankAgent => "bank_agent",
            ServicePointKind::PostOfficeAgent => "post_office_agent",
            ServicePointKind::OutreachSession => "outreach_session",
        }
    }

    pub fn parse(text: &str) -> Result<ServicePointKind, DomainError> {
        ServicePointKind::ALL
            .into_iter()
            .find(|k| k.as_str() == text)
            .ok_or_else(|| DomainError::invalid("service_point_kind", Reason::Unknown(text.to_owned())))
    }

    /// Agent points and outreach sessions receive on an applicant's behalf; they
    /// are not one-stop centres.
    pub fn is_agent(self) -> bool {
        matches!(
            self,
            ServicePointKind::BankAgent | ServicePointKind::PostOfficeAgent | ServicePointKind::OutreachSession
        )
    }
}

/// A place where dossiers are received and results returned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServicePoint {
    /// A short stable code chosen by the administrator, e.g. `HN-TTHCC`.
    pub code: String,
    pub name: String,
    pub kind: ServicePointKind,
    /// The commune or province the point stands in.
    pub unit_code: String,
    pub province_code: String,
    pub address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub working_hours: WorkingHours,
    /// For an outreach session: the day it is held.
    pub session_date: Option<NaiveDate>,
}

impl ServicePoint {
    /// Checks the fields that a form can get wrong.
    pub fn validate(&self) -> Result<(), DomainError> {
        let code_ok = !self.code.is_empty()
            && self.code.len() <= 40
            && self.code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !code_ok {
            return Err(DomainError::invalid("code", Reason::ScopeCodeShape));
        }
        if self.name.trim().is_empty() {
            return Err(DomainError::invalid("name", Reason::NameRequired));
        }
        if (self.kind == ServicePointKind::OutreachSession) != self.session_date.is_some() {
            return Err(DomainError::invalid("session_date", Reason::OnlyOutreachHasDate));
        }
        Ok(())
    }
}

/// Where an outreach session stands at a given instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionTime {
    /// Before its first working session begins on its day.
    NotStarted,
    /// Within its day's hours (breaks between sessions included).
    Open,
    /// After its last working session ended.
    Over,
}

impl ServicePoint {
    /// For an outreach session: when it opens and closes, its day's first
    /// session start and last session end in Vietnam time.
    pub fn session_window(&self) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let day = self.session_date.filter(|_| self.kind == ServicePointKind::OutreachSession)?;
        let sessions = self.working_hours.sessions();
        let at = |time| day.and_time(time).and_local_timezone(vietnam_offset()).single().map(|t| t.to_utc());
        Some((at(sessions.first()?.start)?, at(sessions.last()?.end)?))
    }

    /// For an outreach session: whether it has started, is on, or is over at `now`.
    pub fn session_time(&self, now: DateTime<Utc>) -> Option<SessionTime> {
        let (opens, closes) = self.session_window()?;
        Some(if now < opens {
            SessionTime::NotStarted
        } else if now < closes {
            SessionTime::Open
        } else {
            SessionTime::Over
        })
    }
}

/// How a dossier taken for an outreach session is entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutreachEntry {
    /// By the session's helper while it is on.
    InSession,
    /// By an officer afterwards (or during it, on the helper's behalf), with
    /// the reason, which the history keeps.
    LateEntry { reason: String },
}

/// Whether `role` may enter a dossier for an outreach session standing at
/// `session`: its helper only while it is on; an intake officer, once it
/// has started, as a late entry with a reason.
pub fn outreach_entry(
    role: Role,
    session: SessionTime,
    late_entry_reason: Option<&str>,
) -> Result<OutreachEntry, DomainError> {
    let reason = late_entry_reason.map(str::trim).filter(|r| !r.is_empty());
    match (role, session) {
        (_, SessionTime::NotStarted) => Err(DomainError::invalid("service_point", Reason::SessionNotStarted)),
        (Role::OutreachHelper, SessionTime::Open) => Ok(OutreachEntry::InSession),
        (Role::OutreachHelper, SessionTime::Over) => Err(DomainError::invalid("service_point", Reason::SessionOver)),
        (Role::IntakeOfficer, _) => match reason {
            Some(reason) => Ok(OutreachEntry::LateEntry { reason: reason.to_owned() }),
            None => Err(DomainError::invalid("late_entry_reason", Reason::LateEntryReason)),
        },
        _ => Err(DomainError::invalid("channel", Reason::RoleNotForOutreach)),
    }
}

/// What an officer does; each role is granted within a scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Cán bộ một cửa: receives dossiers at a counter, issues slips, returns results.
    IntakeOfficer,
    /// Staff of a bank branch or post office receiving on an applicant's behalf.
    AgentClerk,
    /// Submits for a present, consenting applicant during an outreach session.
    OutreachHelper,
    /// Chuyên viên: examines dossiers in the competent agency.
    Specialist,
    /// Lãnh đạo: approves, signs, refuses, extends.
    Leader,
    /// Watches indicators.
    Supervisor,
    /// Manages units, agencies, service points, procedures, calendars and users.
    Administrator,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::IntakeOfficer,
        Role::AgentClerk,
        Role::OutreachHelper,
        Role::Specialist,
        Role::Leader,
        Role::Supervisor,
        Role::Administrator,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::IntakeOfficer => "intake_officer",
            Role::AgentClerk => "agent_clerk",
            Role::OutreachHelper => "outreach_helper",
            Role::Specialist => "specialist",
            Role::Leader => "leader",
            Role::Supervisor => "supervisor",
            Role::Administrator => "administrator",
        }
    }

    pub fn parse(text: &str) -> Result<Role, DomainError> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == text)
            .ok_or_else(|| DomainError::invalid("role", Reason::Unknown(text.to_owned())))
    }
}

/// Where a role applies: one agency, one service point, or an administrative unit
/// (a province or commune) and everything in it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "code", rename_all = "snake_case")]
pub enum Scope {
    Agency(String),
    ServicePoint(String),
    Unit(String),
}

impl Scope {
    pub fn kind(&self) -> &'static str {
        match self {
            Scope::Agency(_) => "agency",
            Scope::ServicePoint(_) => "service_point",
            Scope::Unit(_) => "unit",
        }
    }

    pub fn code(&self) -> &str {
        match self {
            Scope::Agency(code) | Scope::ServicePoint(code) | Scope::Unit(code) => code,
        }
    }

    pub fn parse(kind: &str, code: &str) -> Result<Scope, DomainError> {
        let code = code.trim().to_owned();
        if code.is_empty() {
            return Err(DomainError::invalid("scope", Reason::ScopeNeedsCode));
        }
        match kind {
            "agency" => Ok(Scope::Agency(code)),
            "service_point" => Ok(Scope::ServicePoint(code)),
            "unit" => Ok(Scope::Unit(code)),
            other => Err(DomainError::invalid("scope", Reason::Unknown(other.to_owned()))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_codes_follow_qcvn_102_shape() {
        for good in ["000.00.15.H29", "000.00.UB.003", "H46.20"] {
            assert!(AgencyCode::parse(good).is_ok(), "{good}");
        }
        for bad in ["", "G15", "000-00", "abc.def", "000..15", ".H29", "000.00.15.H29-"] {
            assert!(AgencyCode::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(AgencyCode::parse(" 000.00.15.H29 ").map(|c| c.to_string()), Ok("000.00.15.H29".to_owned()));
    }

    #[test]
    fn kinds_round_trip_through_text() {
        for kind in AgencyKind::ALL {
            assert_eq!(AgencyKind::parse(kind.as_str()), Ok(kind));
        }
        for kind in ServicePointKind::ALL {
            assert_eq!(ServicePointKind::parse(kind.as_str()), Ok(kind));
        }
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Ok(role));
        }
        let scope = Scope::parse("service_point", "HN-TTHCC").expect("valid");
        assert_eq!((scope.kind(), scope.code()), ("service_point", "HN-TTHCC"));
        assert!(Scope::parse("planet", "x").is_err());
        assert!(Scope::parse("unit", " ").is_err());
        assert!(ServicePointKind::BankAgent.is_agent());
        assert!(!ServicePointKind::CommuneCentre.is_agent());
    }

    #[test]
    fn outreach_sessions_need_a_date() {
        let mut point = ServicePoint {
            code: "HN-OUT-1".into(),
            name: "Chủ nhật hành động".into(),
            kind: ServicePointKind::OutreachSession,
            unit_code: "00004".into(),
            province_code: "01".into(),
            address: String::new(),
            latitude: None,
            longitude: None,
            working_hours: WorkingHours::default(),
            session_date: None,
        };
        assert!(point.validate().is_err());
        point.session_date = NaiveDate::from_ymd_opt(2025, 11, 9);
        assert!(point.validate().is_ok());
        point.code = "bad code".into();
        assert!(point.validate().is_err());
    }

    fn session_on(day: NaiveDate) -> ServicePoint {
        ServicePoint {
            code: "HN-OUT-2".into(),
            name: "Chủ nhật hành động".into(),
            kind: ServicePointKind::OutreachSession,
            unit_code: "00376".into(),
            province_code: "01".into(),
            address: String::new(),
            latitude: None,
            longitude: None,
            working_hours: WorkingHours::parse("07:30-11:30,13:30-16:00").expect("valid hours"),
            session_date: Some(day),
        }
    }

    #[test]
    fn an_outreach_session_is_open_on_its_day_within_its_hours_vietnam_time() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 29).expect("date");
        let session = session_on(day);
        let utc = |text: &str| text.parse::<DateTime<Utc>>().expect("instant");
        let cases = [
            ("2026-11-28T23:00:00Z", SessionTime::NotStarted), // 06:00 in Vietnam
            ("2026-11-29T00:30:00Z", SessionTime::Open),       // 07:30, the first minute
            ("2026-11-29T05:00:00Z", SessionTime::Open),       // 12:00, the lunch break
            ("2026-11-29T08:59:00Z", SessionTime::Open),       // 15:59
            ("2026-11-29T09:00:00Z", SessionTime::Over),       // 16:00, closed
            ("2026-12-02T02:00:00Z", SessionTime::Over),
        ];
        for (now, expected) in cases {
            assert_eq!(session.session_time(utc(now)), Some(expected), "{now}");
        }
        let centre = ServicePoint { kind: ServicePointKind::CommuneCentre, session_date: None, ..session };
        assert_eq!(centre.session_time(utc("2026-11-29T02:00:00Z")), None, "a centre is no session");
    }

    #[test]
    fn a_helper_enters_only_during_the_session_and_an_officer_late_with_a_reason() {
        use SessionTime::*;
        assert_eq!(outreach_entry(Role::OutreachHelper, Open, None), Ok(OutreachEntry::InSession));
        for session in [NotStarted, Over] {
            assert!(outreach_entry(Role::OutreachHelper, session, Some("quên")).is_err(), "{session:?}");
        }
        assert_eq!(
            outreach_entry(Role::IntakeOfficer, Over, Some(" Mạng chập chờn tại thôn ")),
            Ok(OutreachEntry::LateEntry { reason: "Mạng chập chờn tại thôn".into() })
        );
        assert!(outreach_entry(Role::IntakeOfficer, Over, Some("  ")).is_err(), "a reason is needed");
        assert!(outreach_entry(Role::IntakeOfficer, Over, None).is_err());
        assert!(outreach_entry(Role::IntakeOfficer, NotStarted, Some("sớm")).is_err(), "not before it starts");
        assert!(outreach_entry(Role::AgentClerk, Open, None).is_err());
    }
}
