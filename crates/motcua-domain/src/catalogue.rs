//! The procedure catalogue (danh mục thủ tục hành chính).
//!
//! A procedure is published by the national portal and changes often. We keep
//! each distinct content as an immutable, effective-dated [`ProcedureVersion`]
//! so that a dossier can be pinned to the version in force when it was received.
//! [`portal`] turns the national portal's own JSON into these types.

pub mod portal;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::clock::TimeUnit;
use crate::organisation::AgencyKind;
use crate::{DomainError, Reason};

/// A procedure code such as `1.004194` (its cases add a suffix, `1.004194.01`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ProcedureCode(String);

impl ProcedureCode {
    pub fn parse(text: &str) -> Result<ProcedureCode, DomainError> {
        let text = text.trim();
        let valid = !text.is_empty()
            && text.len() <= 40
            && text.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
        if valid {
            Ok(ProcedureCode(text.to_owned()))
        } else {
            Err(DomainError::invalid("procedure_code", Reason::ExpectedProcedureCode))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

string_conversions!(ProcedureCode);

/// The levels of government that implement a procedure (cấp thực hiện).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Levels {
    pub province: bool,
    pub commune: bool,
    pub ministry: bool,
    pub other: bool,
}

/// A level to filter the catalogue by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Province,
    Commune,
    Ministry,
    Other,
}

impl Level {
    pub fn parse(text: &str) -> Result<Level, DomainError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "province" | "tinh" => Ok(Level::Province),
            "commune" | "xa" | "ward" => Ok(Level::Commune),
            "ministry" | "bo" => Ok(Level::Ministry),
            "other" => Ok(Level::Other),
            _ => Err(DomainError::invalid("level", Reason::ExpectedAgencyKind)),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::Commune => "commune",
            Level::Ministry => "ministry",
            Level::Other => "other",
        }
    }
}

/// Something the catalogue names with a code: an agency, a result, a legal text, a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    pub code: String,
    pub name: String,
}

/// How a dossier reaches the agency (hình thức nộp).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SubmissionMethod {
    Online,
    Direct,
    Postal,
}

impl SubmissionMethod {
    pub fn parse(text: &str) -> Result<SubmissionMethod, DomainError> {
        match text.trim().to_ascii_uppercase().as_str() {
            "ONLINE" => Ok(SubmissionMethod::Online),
            "DIRECT" => Ok(SubmissionMethod::Direct),
            "POSTAL" => Ok(SubmissionMethod::Postal),
            other => Err(DomainError::invalid("submission_method", Reason::Unknown(other.to_owned()))),
        }
    }
}

/// A processing time as the catalogue states it. `amount` is absent when the
/// catalogue gives only text ("Theo mô tả"); `text` keeps any rule that is
/// only written down (unit `OTHER`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatedTime {
    pub amount: Option<f64>,
    pub unit: TimeUnit,
    pub text: String,
}

/// A fee or charge (phí, lệ phí) in whole đồng.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fee {
    /// `FEE`, `SERVICE_FEE` or `PRICE_LEVEL`, as the catalogue names it.
    pub kind: String,
    pub amount_dong: Option<i64>,
    pub description: String,
}

/// One submission channel with its own processing time and fees.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Channel {
    pub method: SubmissionMethod,
    pub processing_time: StatedTime,
    pub fees: Vec<Fee>,
    pub description: String,
}

/// How a unit (a province or a commune) offers a procedure: at all or not,
/// regardless of boundary or not, and with its own processing time and fee
/// where it decided them. `None` keeps the catalogue's value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProcedureSetting {
    pub unit_code: String,
    pub procedure_code: String,
    pub enabled: bool,
    pub boundary_free: Option<bool>,
    pub processing: Option<crate::clock::ProcessingTime>,
    pub fee_dong: Option<i64>,
    /// The working hours the specialists' review may take, judged at each hand-over.
    #[serde(default)]
    pub review_hours: Option<f64>,
    /// The working hours the leader's approval may take.
    #[serde(default)]
    pub approval_hours: Option<f64>,
}

impl ProcedureSetting {
    /// The time a step of the workflow may take here, if the unit set one.
    pub fn step_time(&self, step: crate::dossier::Step) -> Option<crate::clock::ProcessingTime> {
        let hours = match step {
            crate::dossier::Step::Review => self.review_hours,
            crate::dossier::Step::Approval => self.approval_hours,
            _ => None,
        };
        hours.map(|amount| crate::clock::ProcessingTime { amount, unit: TimeUnit::Hour })
    }

    /// Checks what an administrator can get wrong.
    pub fn validate(&self) -> Result<(), DomainError> {
        if let Some(time) = &self.processing
            && (!(time.amount > 0.0 && time.amount <= 3650.0) || time.unit == TimeUnit::Other)
        {
            return Err(DomainError::invalid("processing_amount", Reason::DaysUpTo3650));
        }
        for (field, hours) in [("review_hours", self.review_hours), ("approval_hours", self.approval_hours)] {
            if hours.is_some_and(|h| !(h > 0.0 && h <= 2000.0)) {
                return Err(DomainError::invalid(field, Reason::WorkingHoursUpTo2000));
            }
        }
        if self.fee_dong.is_some_and(|fee| !(0..=1_000_000_000).contains(&fee)) {
            return Err(DomainError::invalid("fee_dong", Reason::FeeRange));
        }
        Ok(())
    }

    /// The procedure as this unit offers it. A time set here replaces every
    /// channel's and case's; a fee replaces every channel's fees.
    pub fn apply(&self, procedure: &mut Procedure) {
        if let Some(boundary_free) = self.boundary_free {
            procedure.boundary_free = boundary_free;
        }
        if let Some(time) = &self.processing {
            for channel in &mut procedure.channels {
                channel.processing_time =
                    StatedTime { amount: Some(time.amount), unit: time.unit, text: String::new() };
            }
            for case in &mut procedure.cases {
                case.processing_time = None;
            }
        }
        if let Some(fee) = self.fee_dong {
            for channel in &mut procedure.channels {
                channel.fees = vec![Fee { kind: "FEE".to_owned(), amount_dong: Some(fee), description: String::new() }];
            }
        }
    }
}

/// A case (trường hợp) of a procedure with its own code and time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProcedureCase {
    pub code: String,
    pub name: String,
    pub processing_time: Option<StatedTime>,
}

/// A downloadable form for a dossier component.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormFile {
    pub file_name: String,
    /// The path of the file in the national portal's store.
    pub source_path: String,
}

/// One document of a dossier (thành phần hồ sơ).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Component {
    pub code: String,
    pub name: String,
    pub originals: u32,
    pub copies: u32,
    pub required: bool,
    pub has_electronic_form: bool,
    pub forms: Vec<FormFile>,
}

/// A heading of the dossier's documents, e.g. "Giấy tờ phải nộp", with its components.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComponentGroup {
    pub name: String,
    pub components: Vec<Component>,
}

/// A step of the procedure (trình tự thực hiện).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub name: String,
    pub description: String,
}

/// The full content of a procedure as published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Procedure {
    pub code: ProcedureCode,
    pub name: String,
    /// The main field (lĩnh vực), e.g. `G01-CA05` "Đăng ký, quản lý cư trú".
    pub field: Option<Named>,
    pub levels: Levels,
    pub executing_agencies: Vec<Named>,
    pub competent_agencies: Vec<Named>,
    pub promulgating_agency: Option<Named>,
    pub steps: Vec<Step>,
    pub cases: Vec<ProcedureCase>,
    pub channels: Vec<Channel>,
    pub component_groups: Vec<ComponentGroup>,
    pub results: Vec<Named>,
    pub legal_bases: Vec<Named>,
    pub subjects: Vec<String>,
    pub requirements: String,
    /// The portal's `isFullProcess`: looks like the full-online (toàn trình) marker
    /// but is undocumented, so it is a hint an administrator may override.
    pub full_online_hint: bool,
    /// Accepted regardless of administrative boundary (phi địa giới).
    pub boundary_free: bool,
    /// Where results can be returned, as the portal lists them.
    pub return_methods: Vec<String>,
    pub keywords: String,
    /// The record's id in the national portal.
    pub source_id: String,
}

impl Procedure {
    /// A digest of the content, the same for the same content whatever the
    /// source's own timestamps say: re-importing an unchanged record is a no-op.
    pub fn content_hash(&self) -> String {
        let canonical = serde_json::to_vec(self).unwrap_or_default();
        let digest = Sha256::digest(&canonical);
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The channel for a submission method, if the procedure offers it.
    pub fn channel(&self, method: SubmissionMethod) -> Option<&Channel> {
        self.channels.iter().find(|c| c.method == method)
    }

    /// Whether dossiers may be submitted online.
    pub fn accepts_online(&self) -> bool {
        self.channel(SubmissionMethod::Online).is_some()
    }

    /// The submission method a dossier arriving by `channel` uses: agent
    /// points and outreach sessions take dossiers in person, as a counter does.
    fn method_of(channel: crate::dossier::Channel) -> SubmissionMethod {
        use crate::dossier::Channel as Arrival;
        match channel {
            Arrival::Online => SubmissionMethod::Online,
            Arrival::Postal => SubmissionMethod::Postal,
            Arrival::Counter | Arrival::AgentPoint | Arrival::Outreach => SubmissionMethod::Direct,
        }
    }

    /// The processing time that applies to a dossier of `case_code` arriving
    /// by `channel`: the case's own, else the channel's, else any channel's
    /// that can be computed; none when the catalogue states it only in words.
    pub fn processing_time(
        &self,
        case_code: &str,
        channel: crate::dossier::Channel,
    ) -> Option<crate::clock::ProcessingTime> {
        let computable = |t: &StatedTime| {
            t.amount
                .filter(|a| *a > 0.0 && t.unit != TimeUnit::Other)
                .map(|amount| crate::clock::ProcessingTime { amount, unit: t.unit })
        };
        self.cases
            .iter()
            .find(|c| c.code == case_code)
            .and_then(|c| c.processing_time.as_ref())
            .and_then(computable)
            .or_else(|| self.channel(Procedure::method_of(channel)).and_then(|c| computable(&c.processing_time)))
            .or_else(|| self.channels.iter().find_map(|c| computable(&c.processing_time)))
    }

    /// The fees of a dossier arriving by `channel`: the online channel's for
    /// an online dossier, the direct channel's otherwise (else the first
    /// channel's).
    pub fn fees_for(&self, channel: crate::dossier::Channel) -> impl Iterator<Item = &Fee> {
        let method = if channel.is_online() { SubmissionMethod::Online } else { SubmissionMethod::Direct };
        self.channel(method).or_else(|| self.channels.first()).into_iter().flat_map(|c| &c.fees)
    }

    /// The sum of [`Procedure::fees_for`] with an amount, in whole đồng.
    pub fn fee_for(&self, channel: crate::dossier::Channel) -> i64 {
        self.fees_for(channel).filter_map(|f| f.amount_dong).filter(|a| *a > 0).sum()
    }

    /// Whether an agency of this kind can be competent for the procedure:
    /// its level must be one the procedure is carried out at, and a police
    /// procedure goes to the police. Used to offer applicants only agencies
    /// that fit; the agency itself still decides whether the dossier is its own.
    pub fn fits_agency(&self, kind: AgencyKind) -> bool {
        let level = match kind {
            AgencyKind::ProvincialPeoplesCommittee
            | AgencyKind::ProvincialDepartment
            | AgencyKind::ProvincialPolice => self.levels.province,
            AgencyKind::CommunePeoplesCommittee | AgencyKind::CommunePolice => self.levels.commune,
            AgencyKind::Other => self.levels.other || self.levels.ministry,
        };
        let police = self.competent_agencies.iter().chain(&self.executing_agencies).any(|a| a.name.contains("Công an"));
        let is_police = matches!(kind, AgencyKind::ProvincialPolice | AgencyKind::CommunePolice);
        level && police == is_police
    }

    /// The summary used for listing and search.
    pub fn summary(&self) -> ProcedureSummary {
        ProcedureSummary {
            code: self.code.clone(),
            name: self.name.clone(),
            field: self.field.clone(),
            levels: self.levels,
            agencies: self.competent_agencies.iter().chain(&self.executing_agencies).map(|a| a.name.clone()).fold(
                Vec::new(),
                |mut names, name| {
                    if !names.contains(&name) {
                        names.push(name);
                    }
                    names
                },
            ),
            full_online: self.full_online_hint,
            boundary_free: self.boundary_free,
            online: self.accepts_online(),
            has_details: true,
            keywords: self.keywords.clone(),
        }
    }
}

/// What the catalogue lists about a procedure: enough to find it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProcedureSummary {
    pub code: ProcedureCode,
    pub name: String,
    pub field: Option<Named>,
    pub levels: Levels,
    pub agencies: Vec<String>,
    pub full_online: bool,
    pub boundary_free: bool,
    /// Whether an online channel is offered.
    pub online: bool,
    /// Whether full details (channels, documents, …) are known.
    pub has_details: bool,
    pub keywords: String,
}

impl ProcedureSummary {
    /// The folded text a search matches against.
    pub fn search_text(&self) -> String {
        let mut text = format!("{} {}", self.code, self.name);
        if let Some(field) = &self.field {
            text.push(' ');
            text.push_str(&field.name);
        }
        for agency in &self.agencies {
            text.push(' ');
            text.push_str(agency);
        }
        text.push(' ');
        text.push_str(&self.keywords);
        crate::text::fold(&text)
    }
}

/// An immutable version of a procedure, in force from `effective_from`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProcedureVersion {
    pub code: ProcedureCode,
    /// 1, 2, 3, … in order of effect; [`CATALOGUE_ENTRY_VERSION`] for a
    /// procedure known only from its catalogue entry.
    pub version: i64,
    pub effective_from: DateTime<Utc>,
    pub content_hash: String,
    pub procedure: Procedure,
}

/// The version a dossier records when its procedure is known only from the
/// national catalogue's entry, of which no detailed version was published.
pub const CATALOGUE_ENTRY_VERSION: i64 = 0;

impl ProcedureVersion {
    /// A procedure known only from its catalogue entry, as a counter receives
    /// it: the entry's code, name, field and the agencies it names, and
    /// nothing the entry does not give — no documents (the officer lists
    /// what is handed in), no channels and so no online submission and no
    /// time limit or fee, no legal bases.
    ///
    /// The entry names its agencies in words ("Ủy ban nhân dân cấp xã",
    /// "Sở Y tế", or nothing), not by level, so every level is allowed and
    /// the officer picks the competent agency; a police procedure still goes
    /// to the police (see [`Procedure::fits_agency`]).
    pub fn from_catalogue_entry(summary: &ProcedureSummary) -> ProcedureVersion {
        let procedure = Procedure {
            code: summary.code.clone(),
            name: summary.name.clone(),
            field: summary.field.clone(),
            levels: Levels { province: true, commune: true, ministry: true, other: true },
            executing_agencies: summary
                .agencies
                .iter()
                .map(|name| Named { code: String::new(), name: name.clone() })
                .collect(),
            competent_agencies: Vec::new(),
            promulgating_agency: None,
            steps: Vec::new(),
            cases: Vec::new(),
            channels: Vec::new(),
            component_groups: Vec::new(),
            results: Vec::new(),
            legal_bases: Vec::new(),
            subjects: Vec::new(),
            requirements: String::new(),
            full_online_hint: false,
            boundary_free: false,
            return_methods: Vec::new(),
            keywords: summary.keywords.clone(),
            source_id: String::new(),
        };
        ProcedureVersion {
            code: summary.code.clone(),
            version: CATALOGUE_ENTRY_VERSION,
            effective_from: DateTime::<Utc>::default(),
            content_hash: procedure.content_hash(),
            procedure,
        }
    }

    /// Whether this is a catalogue entry without published details.
    pub fn is_catalogue_entry(&self) -> bool {
        self.version == CATALOGUE_ENTRY_VERSION
    }
}

/// What an import of one record should do, given the version now in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionDecision {
    /// The first time this procedure is seen: version 1.
    Create,
    /// Same content as the current version: nothing to do.
    Unchanged,
    /// Different content: a new version with this number.
    NewVersion(i64),
}

/// Decides how an imported record relates to the current version.
pub fn decide_version(current: Option<(i64, &str)>, incoming_hash: &str) -> VersionDecision {
    match current {
        None => VersionDecision::Create,
        Some((_, hash)) if hash == incoming_hash => VersionDecision::Unchanged,
        Some((version, _)) => VersionDecision::NewVersion(version + 1),
    }
}

/// A catalogue query: folded words, filters and a page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CatalogueQuery {
    pub terms: Vec<String>,
    pub level: Option<Level>,
    /// A field code (`G15-TP07`) or words of a field name.
    pub field: Option<String>,
    pub full_online: Option<bool>,
    pub page: u32,
    pub per_page: u32,
}

impl CatalogueQuery {
    pub const MAX_PER_PAGE: u32 = 100;
    pub const DEFAULT_PER_PAGE: u32 = 20;

    /// Builds a query from user input; pages count from 1.
    pub fn new(
        text: Option<&str>,
        level: Option<&str>,
        field: Option<&str>,
        page: Option<u32>,
        per_page: Option<u32>,
    ) -> Result<CatalogueQuery, DomainError> {
        let level = level.filter(|l| !l.trim().is_empty()).map(Level::parse).transpose()?;
        let page = page.unwrap_or(1);
        if page == 0 || page > 100_000 {
            return Err(DomainError::invalid("page", Reason::PagesCountFrom1));
        }
        let per_page = per_page.unwrap_or(Self::DEFAULT_PER_PAGE);
        if per_page == 0 || per_page > Self::MAX_PER_PAGE {
            return Err(DomainError::invalid("per_page", Reason::Between1And100));
        }
        let text = text.unwrap_or_default();
        if text.chars().count() > 200 {
            return Err(DomainError::invalid("q", Reason::AtMost200Characters));
        }
        Ok(CatalogueQuery {
            terms: crate::text::search_terms(text).into_iter().take(12).collect(),
            level,
            field: field.map(str::trim).filter(|f| !f.is_empty()).map(str::to_owned),
            full_online: None,
            page,
            per_page,
        })
    }

    pub fn offset(&self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.per_page)
    }
}

#[cfg(test)]
mod tests;
