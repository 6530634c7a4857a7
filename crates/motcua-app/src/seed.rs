//! The ready demo: real reference data plus agencies, service points and
//! officer accounts for two provinces, loaded on first start.
//!
//! The reference data (units, the catalogue, the official calendar) is built
//! into the binary from `data/`, so a fresh machine needs nothing else. The
//! agency codes below follow the shape of QCVN 102:2016 but are demo values,
//! not the codes the provinces actually registered.

use chrono::{NaiveDate, TimeZone, Utc};
use motcua_domain::clock::WorkingHours;
use motcua_domain::organisation::{Agency, AgencyCode, AgencyKind, Role, Scope, ServicePoint, ServicePointKind};
use motcua_store::OfficerRecord;

mod demo_dossiers;

use crate::accounts::hash_password;
use crate::import::ImportReport;
use crate::{App, AppResult, Progress};
pub use demo_dossiers::DEMO_CITIZENS;

const UNITS_2025: &str = include_str!("../../../data/admin-units/units-2025.csv");
const LEGACY_UNITS: &str = include_str!("../../../data/admin-units/legacy-to-2025-mapping.csv");
const PROCEDURES: &str = include_str!("../../../data/procedures/national-portal-502.jsonl");
const CATALOGUE: &str = include_str!("../../../data/procedures/national-portal-catalog-5670.jsonl");

/// The password of every demo account; printed at start so anyone can try the demo.
pub const DEMO_PASSWORD: &str = "motcua-demo";

/// The `meta` key marking a database whose demo seed completed.
const SEEDED_KEY: &str = "demo_seeded_v1";

/// A demo login, shown when the server starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLogin {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub scope: Scope,
}

/// What the reference-data seed did, per data set.
#[derive(Debug, Clone, Default)]
pub struct SeedReport {
    pub units: ImportReport,
    pub legacy_units: ImportReport,
    pub calendar: ImportReport,
    pub procedures: ImportReport,
    pub catalogue: ImportReport,
    pub already_seeded: bool,
}

fn agency(code: &str, name: &str, kind: AgencyKind, unit_code: &str, province_code: &str) -> AppResult<Agency> {
    Ok(Agency {
        code: AgencyCode::parse(code)?,
        name: name.to_owned(),
        kind,
        unit_code: unit_code.to_owned(),
        province_code: province_code.to_owned(),
    })
}

struct PointSpec<'a> {
    code: &'a str,
    name: &'a str,
    kind: ServicePointKind,
    unit_code: &'a str,
    province_code: &'a str,
    address: &'a str,
    at: (f64, f64),
    session_date: Option<NaiveDate>,
}

fn service_point(spec: PointSpec<'_>) -> ServicePoint {
    let hours = match spec.kind {
        // Outreach sessions run on a Sunday morning; agent points keep their
        // own business hours.
        ServicePointKind::OutreachSession => WorkingHours::parse("07:30-11:30"),
        ServicePointKind::BankAgent | ServicePointKind::PostOfficeAgent => {
            WorkingHours::parse("08:00-12:00,13:00-17:30")
        }
        _ => Ok(WorkingHours::default()),
    };
    ServicePoint {
        code: spec.code.to_owned(),
        name: spec.name.to_owned(),
        kind: spec.kind,
        unit_code: spec.unit_code.to_owned(),
        province_code: spec.province_code.to_owned(),
        address: spec.address.to_owned(),
        latitude: Some(spec.at.0),
        longitude: Some(spec.at.1),
        working_hours: hours.unwrap_or_default(),
        session_date: spec.session_date,
    }
}

fn demo_agencies() -> AppResult<Vec<Agency>> {
    use AgencyKind::*;
    Ok(vec![
        agency("000.00.00.H29", "Ủy ban nhân dân Thành phố Hà Nội", ProvincialPeoplesCommittee, "01", "01")?,
        agency("000.00.15.H29", "Sở Tư pháp Thành phố Hà Nội", ProvincialDepartment, "01", "01")?,
        agency("000.00.20.H29", "Công an Thành phố Hà Nội", ProvincialPolice, "01", "01")?,
        agency("000.04.01.H29", "Ủy ban nhân dân Phường Ba Đình", CommunePeoplesCommittee, "00004", "01")?,
        agency("000.04.02.H29", "Công an Phường Ba Đình", CommunePolice, "00004", "01")?,
        agency("000.70.01.H29", "Ủy ban nhân dân Phường Hoàn Kiếm", CommunePeoplesCommittee, "00070", "01")?,
        agency("000.376.01.H29", "Ủy ban nhân dân Xã Sóc Sơn", CommunePeoplesCommittee, "00376", "01")?,
        agency("000.00.00.H57", "Ủy ban nhân dân Thành phố Huế", ProvincialPeoplesCommittee, "46", "46")?,
        agency("000.00.15.H57", "Sở Tư pháp Thành phố Huế", ProvincialDepartment, "46", "46")?,
        agency("000.53.01.H57", "Ủy ban nhân dân Phường Phú Xuân", CommunePeoplesCommittee, "19753", "46")?,
        agency("000.89.01.H57", "Ủy ban nhân dân Phường Thuận Hóa", CommunePeoplesCommittee, "19789", "46")?,
        agency("000.89.02.H57", "Công an Phường Thuận Hóa", CommunePolice, "19789", "46")?,
    ])
}

fn demo_service_points() -> Vec<ServicePoint> {
    use ServicePointKind::*;
    // The demo's outreach session is held on the day the demo is seeded, so
    // that its helper can receive there on a fresh demo.
    let session_day = Some(crate::units::today_in_vietnam());
    vec![
        service_point(PointSpec {
            code: "HN-TTHCC",
            name: "Trung tâm Phục vụ hành chính công Thành phố Hà Nội",
            kind: ProvinceCentre,
            unit_code: "01",
            province_code: "01",
            address: "258 Võ Chí Công, Phường Phú Thượng, Hà Nội",
            at: (21.0735, 105.8107),
            session_date: None,
        }),
        service_point(PointSpec {
            code: "HN-BADINH",
            name: "Trung tâm Phục vụ hành chính công Phường Ba Đình",
            kind: CommuneCentre,
            unit_code: "00004",
            province_code: "01",
            address: "25 Liễu Giai, Phường Ba Đình, Hà Nội",
            at: (21.0386, 105.838),
            session_date: None,
        }),
        service_point(PointSpec {
            code: "HN-HOANKIEM",
            name: "Trung tâm Phục vụ hành chính công Phường Hoàn Kiếm",
            kind: CommuneCentre,
            unit_code: "00070",
            province_code: "01",
            address: "126 Hàng Trống, Phường Hoàn Kiếm, Hà Nội",
            at: (21.032, 105.85),
            session_date: None,
        }),
        service_point(PointSpec {
            code: "HN-SOCSON",
            name: "Trung tâm Phục vụ hành chính công Xã Sóc Sơn",
            kind: CommuneCentre,
            unit_code: "00376",
            province_code: "01",
            address: "Xã Sóc Sơn, Hà Nội",
            at: (21.2462, 105.85),
            session_date: None,
        }),
        service_point(PointSpec {
            code: "HN-BD-POST",
            name: "Bưu điện Ba Đình (điểm tiếp nhận)",
            kind: PostOfficeAgent,
            unit_code: "00004",
            province_code: "01",
            address: "Phường Ba Đình, Hà Nội",
            at: (21.0371, 105.8412),
            session_date: None,
        }),
        service_point(PointSpec {
            code: "HN-HK-BANK",
            name: "Ngân hàng chi nhánh Hoàn Kiếm (điểm tiếp nhận)",
            kind: BankAgent,
            unit_code: "00070",
            province_code: "01",
            address: "Phường Hoàn Kiếm, Hà Nội",
            at: (21.0301, 105.8523),
            session_date: None,
        }),
        service_point(PointSpec {
            code: "HN-SS-OUTREACH",
            name: "Buổi tiếp nhận lưu động, thôn Xuân Dục, Xã Sóc Sơn",
            kind: OutreachSession,
            unit_code: "00376",
            province_code: "01",
            address: "Nhà văn hóa thôn Xuân Dục, Xã Sóc Sơn",
            at: (21.2500, 105.8400),
            session_date: session_day,
        }),
        service_point(PointSpec {
            code: "HUE-TTHCC",
            name: "Trung tâm Phục vụ hành chính công Thành phố Huế",
            kind: ProvinceCentre,
            unit_code: "46",
            province_code: "46",
            address: "01 Lê Lai, Phường Thuận Hóa, Huế",
            at: (16.4605, 107.5925),
            session_date: None,
        }),
        service_point(PointSpec {
            code: "HUE-PHUXUAN",
            name: "Trung tâm Phục vụ hành chính công Phường Phú Xuân",
            kind: CommuneCentre,
            unit_code: "19753",
            province_code: "46",
            address: "Phường Phú Xuân, Huế",
            at: (16.4785, 107.577),
            session_date: None,
        }),
        service_point(PointSpec {
            code: "HUE-THUANHOA",
            name: "Trung tâm Phục vụ hành chính công Phường Thuận Hóa",
            kind: CommuneCentre,
            unit_code: "19789",
            province_code: "46",
            address: "Phường Thuận Hóa, Huế",
            at: (16.4556, 107.584),
            session_date: None,
        }),
        service_point(PointSpec {
            code: "HUE-TH-POST",
            name: "Bưu điện Thuận Hóa (điểm tiếp nhận)",
            kind: PostOfficeAgent,
            unit_code: "19789",
            province_code: "46",
            address: "Phường Thuận Hóa, Huế",
            at: (16.4620, 107.5890),
            session_date: None,
        }),
    ]
}

fn login(username: &str, display_name: &str, role: Role, scope: Scope) -> DemoLogin {
    DemoLogin { username: username.to_owned(), display_name: display_name.to_owned(), role, scope }
}

/// The demo officer accounts, each with its role and scope.
pub fn demo_logins() -> Vec<DemoLogin> {
    use Role::*;
    let point = |c: &str| Scope::ServicePoint(c.to_owned());
    let agency = |c: &str| Scope::Agency(c.to_owned());
    let unit = |c: &str| Scope::Unit(c.to_owned());
    vec![
        login("hn.tiepnhan", "Cán bộ tiếp nhận, TTPVHCC Hà Nội", IntakeOfficer, point("HN-TTHCC")),
        login("hn.badinh.tiepnhan", "Cán bộ tiếp nhận, Phường Ba Đình", IntakeOfficer, point("HN-BADINH")),
        login("hn.hoankiem.tiepnhan", "Cán bộ tiếp nhận, Phường Hoàn Kiếm", IntakeOfficer, point("HN-HOANKIEM")),
        login("hn.badinh.chuyenvien", "Chuyên viên UBND Phường Ba Đình", Specialist, agency("000.04.01.H29")),
        login("hn.badinh.lanhdao", "Lãnh đạo UBND Phường Ba Đình", Leader, agency("000.04.01.H29")),
        login("hn.buudien", "Nhân viên bưu điện Ba Đình", AgentClerk, point("HN-BD-POST")),
        login("hn.luudong", "Tình nguyện viên Chủ nhật hành động, Sóc Sơn", OutreachHelper, point("HN-SS-OUTREACH")),
        login("hn.tuphap.chuyenvien", "Chuyên viên Sở Tư pháp Hà Nội", Specialist, agency("000.00.15.H29")),
        login("hn.tuphap.lanhdao", "Lãnh đạo Sở Tư pháp Hà Nội", Leader, agency("000.00.15.H29")),
        login("hn.giamsat", "Giám sát Thành phố Hà Nội", Supervisor, unit("01")),
        login("hue.tiepnhan", "Cán bộ tiếp nhận, TTPVHCC Huế", IntakeOfficer, point("HUE-TTHCC")),
        login("hue.thuanhoa.chuyenvien", "Chuyên viên UBND Phường Thuận Hóa", Specialist, agency("000.89.01.H57")),
        login("hue.thuanhoa.lanhdao", "Lãnh đạo UBND Phường Thuận Hóa", Leader, agency("000.89.01.H57")),
        login("hue.giamsat", "Giám sát Thành phố Huế", Supervisor, unit("46")),
        login("quantri", "Quản trị hệ thống", Administrator, unit("01")),
        // Every agency that settles dossiers has a specialist and a leader,
        // and every point that receives them someone at its desk, so that any
        // procedure of the demo goes from submission to result.
        login("hn.ubnd.chuyenvien", "Chuyên viên UBND Thành phố Hà Nội", Specialist, agency("000.00.00.H29")),
        login("hn.ubnd.lanhdao", "Lãnh đạo UBND Thành phố Hà Nội", Leader, agency("000.00.00.H29")),
        login("hn.congan.chuyenvien", "Cán bộ Công an Thành phố Hà Nội", Specialist, agency("000.00.20.H29")),
        login("hn.congan.lanhdao", "Lãnh đạo Công an Thành phố Hà Nội", Leader, agency("000.00.20.H29")),
        login("hn.badinh.congan.chuyenvien", "Cán bộ Công an Phường Ba Đình", Specialist, agency("000.04.02.H29")),
        login("hn.badinh.congan.lanhdao", "Trưởng Công an Phường Ba Đình", Leader, agency("000.04.02.H29")),
        login("hn.hoankiem.chuyenvien", "Chuyên viên UBND Phường Hoàn Kiếm", Specialist, agency("000.70.01.H29")),
        login("hn.hoankiem.lanhdao", "Lãnh đạo UBND Phường Hoàn Kiếm", Leader, agency("000.70.01.H29")),
        login("hn.socson.tiepnhan", "Cán bộ tiếp nhận, Xã Sóc Sơn", IntakeOfficer, point("HN-SOCSON")),
        login("hn.socson.chuyenvien", "Chuyên viên UBND Xã Sóc Sơn", Specialist, agency("000.376.01.H29")),
        login("hn.socson.lanhdao", "Lãnh đạo UBND Xã Sóc Sơn", Leader, agency("000.376.01.H29")),
        login("hn.nganhang", "Nhân viên ngân hàng chi nhánh Hoàn Kiếm", AgentClerk, point("HN-HK-BANK")),
        login("hue.ubnd.chuyenvien", "Chuyên viên UBND Thành phố Huế", Specialist, agency("000.00.00.H57")),
        login("hue.ubnd.lanhdao", "Lãnh đạo UBND Thành phố Huế", Leader, agency("000.00.00.H57")),
        login("hue.tuphap.chuyenvien", "Chuyên viên Sở Tư pháp Huế", Specialist, agency("000.00.15.H57")),
        login("hue.tuphap.lanhdao", "Lãnh đạo Sở Tư pháp Huế", Leader, agency("000.00.15.H57")),
        login("hue.phuxuan.tiepnhan", "Cán bộ tiếp nhận, Phường Phú Xuân", IntakeOfficer, point("HUE-PHUXUAN")),
        login("hue.phuxuan.chuyenvien", "Chuyên viên UBND Phường Phú Xuân", Specialist, agency("000.53.01.H57")),
        login("hue.phuxuan.lanhdao", "Lãnh đạo UBND Phường Phú Xuân", Leader, agency("000.53.01.H57")),
        login("hue.thuanhoa.tiepnhan", "Cán bộ tiếp nhận, Phường Thuận Hóa", IntakeOfficer, point("HUE-THUANHOA")),
        login("hue.thuanhoa.congan.chuyenvien", "Cán bộ Công an Phường Thuận Hóa", Specialist, agency("000.89.02.H57")),
        login("hue.thuanhoa.congan.lanhdao", "Trưởng Công an Phường Thuận Hóa", Leader, agency("000.89.02.H57")),
        login("hue.buudien", "Nhân viên bưu điện Thuận Hóa", AgentClerk, point("HUE-TH-POST")),
    ]
}

impl App {
    /// Loads the built-in reference data: units (2025 and legacy), the
    /// official calendar, the 502 detailed procedures and the 5,670-row
    /// catalogue. Idempotent.
    pub async fn seed_reference_data(&self, progress: &dyn Progress) -> AppResult<SeedReport> {
        // The built-in catalogue is recorded as in force from the day it was crawled.
        let crawled = Utc.with_ymd_and_hms(2026, 7, 18, 0, 0, 0).single().unwrap_or_else(Utc::now);
        let report = SeedReport {
            units: self.import_units(UNITS_2025, progress).await?,
            legacy_units: self.import_units(LEGACY_UNITS, progress).await?,
            calendar: self.import_calendar(crate::calendar::BUILT_IN_CALENDAR, progress).await?,
            procedures: self.import_procedures(PROCEDURES, crawled, progress).await?,
            catalogue: self.import_catalogue(CATALOGUE, progress).await?,
            already_seeded: false,
        };
        self.store().refresh_statistics().await?;
        Ok(report)
    }

    /// Seeds a database for the demo once: reference data, agencies, service
    /// points and officer accounts. A database already seeded is left alone.
    pub async fn seed_demo(&self, progress: &dyn Progress) -> AppResult<SeedReport> {
        if self.store().meta(SEEDED_KEY).await?.is_some() {
            return Ok(SeedReport { already_seeded: true, ..SeedReport::default() });
        }
        let report = self.seed_reference_data(progress).await?;
        for agency in demo_agencies()? {
            self.store().save_agency(&agency).await?;
        }
        for point in demo_service_points() {
            point.validate()?;
            self.store().save_service_point(&point).await?;
        }
        let password_hash = hash_password(DEMO_PASSWORD)?;
        for demo in demo_logins() {
            self.store()
                .create_officer(&OfficerRecord {
                    username: demo.username,
                    display_name: demo.display_name,
                    password_hash: password_hash.clone(),
                    role: demo.role.as_str().to_owned(),
                    scope_kind: demo.scope.kind().to_owned(),
                    scope_code: demo.scope.code().to_owned(),
                    created_at: Utc::now(),
                })
                .await?;
        }
        self.seed_demo_dossiers().await?;
        // The demo's history is made up: its messages reach nobody.
        self.store().discard_unsent_notifications(Utc::now()).await?;
        self.store().set_meta(SEEDED_KEY, &Utc::now().to_rfc3339()).await?;
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether a demo login of `role` works at `code` (an agency or a service point).
    fn staffed(role: Role, code: &str) -> bool {
        demo_logins().iter().any(|login| login.role == role && login.scope.code() == code)
    }

    #[test]
    fn every_demo_agency_has_a_specialist_and_a_leader() {
        let unstaffed: Vec<String> = demo_agencies()
            .expect("demo agencies")
            .into_iter()
            .map(|a| a.code.to_string())
            .filter(|code| !staffed(Role::Specialist, code) || !staffed(Role::Leader, code))
            .collect();
        assert!(unstaffed.is_empty(), "agencies nobody can process at: {unstaffed:?}");
    }

    #[test]
    fn every_demo_point_has_someone_to_receive() {
        let unstaffed: Vec<String> = demo_service_points()
            .into_iter()
            .filter(|point| {
                let role = match point.kind {
                    ServicePointKind::BankAgent | ServicePointKind::PostOfficeAgent => Role::AgentClerk,
                    ServicePointKind::OutreachSession => Role::OutreachHelper,
                    _ => Role::IntakeOfficer,
                };
                !staffed(role, &point.code)
            })
            .map(|point| point.code)
            .collect();
        assert!(unstaffed.is_empty(), "points nobody receives at: {unstaffed:?}");
    }

    #[test]
    fn demo_usernames_are_unique() {
        let mut names: Vec<String> = demo_logins().into_iter().map(|l| l.username).collect();
        let count = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), count);
    }
}
