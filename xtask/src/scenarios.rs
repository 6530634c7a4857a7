//! The benchmark scenarios: each a name and a function building the list of
//! requests the load generator cycles through. Adding a scenario means adding
//! one entry to [`SCENARIOS`]; its builder runs once, inside the load
//! generator, before the warm-up, and may call the server (for example to log
//! in and put a bearer token in every request's headers).

use std::net::SocketAddr;
use std::time::Duration;

use crate::http::{self, Request, Response};

/// What a scenario builder may use.
#[derive(Debug, Clone, Copy)]
pub struct Setup {
    pub addr: SocketAddr,
}

impl Setup {
    /// Sends one request to the server under test and waits for the answer
    /// (at most 30 s); for scenarios that need a token or fixtures first.
    pub fn call(&self, request: &Request) -> anyhow::Result<Response> {
        http::exchange_blocking(self.addr, request, Duration::from_secs(30))
    }
}

/// One named workload.
#[derive(Debug)]
pub struct Scenario {
    pub name: &'static str,
    pub summary: &'static str,
    pub build: fn(&Setup) -> anyhow::Result<Vec<Request>>,
}

/// The scenario every other one is compared to.
pub const REFERENCE: &str = "T";

/// Every scenario, in the order a full run measures them.
pub const SCENARIOS: &[Scenario] = &[
    Scenario { name: REFERENCE, summary: "GET /bench/trivial: a handler returning a constant", build: trivial },
    Scenario { name: "D", summary: "POST /bench/insert: one durable row, committed", build: insert },
    Scenario { name: "search", summary: "GET /api/v1/procedures?q=…: 20 Vietnamese search terms", build: search },
    Scenario { name: "due", summary: "GET /api/v1/calendar/due: varied instants in 2025-2026, all units", build: due },
    Scenario {
        name: "submit",
        summary: "POST /api/v1/dossiers: a citizen submits online (dossier, event, idempotency-free)",
        build: submit,
    },
    Scenario {
        name: "receive",
        summary: "POST /api/v1/dossiers: a counter officer receives (code numbered, due date computed)",
        build: receive,
    },
];

/// Signs in through the API and returns the bearer token.
fn sign_in(setup: &Setup, credentials: &str) -> anyhow::Result<String> {
    let request =
        Request::post("/api/v1/sessions", credentials.as_bytes().to_vec()).header("Content-Type", "application/json");
    let response = setup.call(&request)?;
    if response.status != 201 {
        anyhow::bail!("sign-in answered {}: {}", response.status, String::from_utf8_lossy(&response.body));
    }
    let body: serde_json::Value = serde_json::from_slice(&response.body)?;
    body["token"].as_str().map(str::to_owned).ok_or_else(|| anyhow::anyhow!("no token in {body}"))
}

fn dossier_post(token: &str, body: &serde_json::Value) -> Request {
    Request::post("/api/v1/dossiers", body.to_string().into_bytes())
        .header("Content-Type", "application/json")
        .header("Authorization", &format!("Bearer {token}"))
}

/// A demo citizen submits a boundary-free commune procedure online.
fn submit(setup: &Setup) -> anyhow::Result<Vec<Request>> {
    let token = sign_in(setup, r#"{"id_number":"001190000001","password":"motcua-demo"}"#)?;
    let body = serde_json::json!({
        "procedure_code": "1.115504", "channel": "online", "competent_agency": "000.04.01.H29",
        "form_data": { "bench": true }, "delivery": { "method": "online" },
    });
    Ok(vec![dossier_post(&token, &body)])
}

/// A counter officer receives a dossier for a present applicant: the dossier
/// is created received, with its code numbered and its due date computed.
fn receive(setup: &Setup) -> anyhow::Result<Vec<Request>> {
    let token = sign_in(setup, r#"{"username":"hn.hoankiem.tiepnhan","password":"motcua-demo"}"#)?;
    let body = serde_json::json!({
        "procedure_code": "1.115504", "channel": "counter", "service_point": "HN-HOANKIEM",
        "competent_agency": "000.04.01.H29", "applicant_consents": true,
        "applicant": { "id_number": "001088004567", "full_name": "Người nộp tại quầy", "phone": "0901234567" },
        "delivery": { "method": "counter", "service_point": "HN-HOANKIEM" },
    });
    Ok(vec![dossier_post(&token, &body)])
}

pub fn find(name: &str) -> Option<&'static Scenario> {
    SCENARIOS.iter().find(|s| s.name.eq_ignore_ascii_case(name))
}

fn trivial(_: &Setup) -> anyhow::Result<Vec<Request>> {
    Ok(vec![Request::get("/bench/trivial")])
}

fn insert(_: &Setup) -> anyhow::Result<Vec<Request>> {
    Ok(vec![Request::post("/bench/insert", Vec::new())])
}

/// Search terms as citizens type them: with and without diacritics.
pub const SEARCH_TERMS: [&str; 20] = [
    "đăng ký tạm trú",
    "dang ky khai sinh",
    "giấy phép lái xe",
    "hộ tịch",
    "đất đai",
    "cấp đổi",
    "khai sinh",
    "kết hôn",
    "chứng thực",
    "hộ chiếu",
    "căn cước",
    "giay phep xay dung",
    "đăng ký kinh doanh",
    "thường trú",
    "bảo hiểm xã hội",
    "lý lịch tư pháp",
    "cấp lại",
    "xác nhận tình trạng hôn nhân",
    "thue",
    "doanh nghiệp",
];

fn search(_: &Setup) -> anyhow::Result<Vec<Request>> {
    Ok(SEARCH_TERMS.iter().map(|term| Request::get(format!("/api/v1/procedures?q={}", percent_encode(term)))).collect())
}

/// Units with the amounts tried for each (whole numbers, as months require).
const DUE_UNITS: [(&str, &[u32]); 5] = [
    ("WORKING_DAY", &[1, 3, 5, 7, 10, 15, 20, 30]),
    ("DAY", &[1, 7, 15, 30, 45]),
    ("HOUR", &[4, 8, 24, 48]),
    ("MONTH", &[1, 2, 3]),
    ("SAME_DAY", &[1]),
];

/// How many distinct reception instants the `due` scenario uses.
const DUE_INSTANTS: u32 = 40;

/// Reception instants spread over 2025 and 2026, at varied hours (some
/// outside office hours), mostly in Vietnam's +07:00 and some in UTC.
pub fn due_instants() -> Vec<String> {
    const JAN_1_2025: i64 = 20_089; // days since 1970-01-01
    (0..DUE_INSTANTS)
        .map(|i| {
            let (year, month, day) = civil_from_days(JAN_1_2025 + i64::from(i * 18 + i % 7));
            let hour = 6 + (i * 5) % 13;
            let minute = (i * 17) % 60;
            let offset = if i % 4 == 3 { "Z" } else { "+07:00" };
            format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:00{offset}")
        })
        .collect()
}

fn due(_: &Setup) -> anyhow::Result<Vec<Request>> {
    let instants = due_instants();
    let times: Vec<(&str, u32)> =
        DUE_UNITS.iter().flat_map(|(unit, amounts)| amounts.iter().map(move |amount| (*unit, *amount))).collect();
    // Pair every instant with every (unit, amount): the counts are coprime,
    // so walking both lists in step visits all pairs once.
    let n = instants.len() * times.len();
    Ok((0..n)
        .map(|k| {
            let instant = &instants[k % instants.len()];
            let (unit, amount) = times[k % times.len()];
            Request::get(format!(
                "/api/v1/calendar/due?received_at={}&amount={amount}&unit={unit}",
                percent_encode(instant)
            ))
        })
        .collect())
}

/// Percent-encodes a query value as UTF-8: everything but the unreserved
/// characters of RFC 3986 (so a space is `%20` and `+` is `%2B`).
pub fn percent_encode(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len() * 3);
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    out
}

/// The proleptic Gregorian (year, month, day) of a count of days since
/// 1970-01-01, after Howard Hinnant's `civil_from_days`.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468; // shift the epoch to 0000-03-01
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Gives out the requests of a scenario in turn. Each connection starts at a
/// different place so that concurrent connections do not ask the same thing
/// in lockstep.
#[derive(Debug, Clone)]
pub struct RequestCycle {
    len: usize,
    next: usize,
}

impl RequestCycle {
    /// `len` must be at least 1.
    pub fn new(len: usize, start: usize) -> Self {
        let len = len.max(1);
        RequestCycle { len, next: start % len }
    }

    /// The index of the request to send now.
    pub fn advance(&mut self) -> usize {
        let index = self.next;
        self.next = (self.next + 1) % self.len;
        index
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, SocketAddrV4};

    fn setup() -> Setup {
        Setup { addr: SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 9)) }
    }

    #[test]
    fn percent_encodes_vietnamese_and_offsets() {
        assert_eq!(percent_encode("hộ tịch"), "h%E1%BB%99%20t%E1%BB%8Bch");
        assert_eq!(percent_encode("đất"), "%C4%91%E1%BA%A5t");
        assert_eq!(percent_encode("2025-03-01T08:00:00+07:00"), "2025-03-01T08%3A00%3A00%2B07%3A00");
        assert_eq!(percent_encode("a-b_c.d~e&f=g"), "a-b_c.d~e%26f%3Dg");
    }

    #[test]
    fn converts_days_to_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_017), (2000, 3, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(20_089), (2025, 1, 1));
        assert_eq!(civil_from_days(20_818), (2026, 12, 31));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }

    #[test]
    fn cycles_through_requests_from_a_start() {
        let mut cycle = RequestCycle::new(3, 4);
        let seen: Vec<usize> = (0..7).map(|_| cycle.advance()).collect();
        assert_eq!(seen, [1, 2, 0, 1, 2, 0, 1]);
        let mut single = RequestCycle::new(0, 5);
        assert_eq!((single.advance(), single.advance()), (0, 0));
    }

    #[test]
    fn scenarios_build_valid_requests() -> anyhow::Result<()> {
        assert_eq!(SCENARIOS[0].name, REFERENCE);
        // The dossier scenarios sign in first, so they need a running server.
        for scenario in SCENARIOS.iter().filter(|s| !matches!(s.name, "submit" | "receive")) {
            let requests = (scenario.build)(&setup())?;
            assert!(!requests.is_empty(), "{} is empty", scenario.name);
            for request in &requests {
                assert!(request.target.starts_with('/'));
                assert!(request.target.is_ascii() && !request.target.contains(' '), "{}", request.target);
            }
        }
        assert!(find("search").is_some() && find("t").is_some() && find("nope").is_none());
        Ok(())
    }

    #[test]
    fn due_requests_cover_every_instant_and_unit() -> anyhow::Result<()> {
        let instants = due_instants();
        assert_eq!(instants.len(), DUE_INSTANTS as usize);
        assert!(instants.iter().all(|i| i.starts_with("2025-") || i.starts_with("2026-")));
        let requests = due(&setup())?;
        let mut distinct: Vec<&str> = requests.iter().map(|r| r.target.as_str()).collect();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), requests.len());
        for unit in ["WORKING_DAY", "DAY", "HOUR", "MONTH", "SAME_DAY"] {
            assert!(requests.iter().any(|r| r.target.ends_with(&format!("&unit={unit}"))));
        }
        assert!(requests.iter().any(|r| r.target.contains("%2B07%3A00")));
        Ok(())
    }
}
