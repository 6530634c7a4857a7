//! The figures over the demo's dossiers: every figure equals the dossiers
//! behind it, units add up to the country, a change shows at once, a
//! rebuild from the histories gives the same numbers, and bad input is
//! refused with a clear problem.

use serde_json::{Value, json};

use crate::support::browser::{form_token, manual_client, officer_cookie, page_with};
use crate::support::{TestServer, on_both_backends, run_cli};

on_both_backends!(
    units_add_up_to_the_country,
    every_figure_is_explained_by_its_dossiers,
    bad_input_says_what_is_wrong_and_where,
    a_period_that_has_not_ended_is_judged_now,
    a_dossier_received_at_a_counter_counts_at_once_and_a_rebuild_agrees,
    the_766_index_has_six_groups_within_its_maximum,
    the_transparency_page_and_its_exports,
    an_administrator_changes_an_indicators_points_and_target,
);

const PERIOD: &str = "from=2021-01-01&to=2030-12-31";
const MEASURES: [&str; 7] = ["on_time", "online", "e_payment", "digitised", "reuse", "e_result", "satisfaction"];

async fn figures_of(server: &TestServer, query: &str) -> Value {
    let (status, body) = server.get(&format!("/api/v1/indicators?{query}&{PERIOD}")).await;
    assert_eq!(status, 200, "{query}: {body}");
    body
}

async fn units_add_up_to_the_country(server: &TestServer) {
    let hanoi = figures_of(server, "unit=01").await;
    let hue = figures_of(server, "unit=46").await;
    let country = figures_of(server, "").await;
    assert!(hanoi["received"].as_u64().expect("received") > 10, "{hanoi}");
    for key in ["received", "resolved", "open_at_end"] {
        assert_eq!(
            country[key],
            json!(hanoi[key].as_u64().unwrap_or(0) + hue[key].as_u64().unwrap_or(0)),
            "{key} adds up"
        );
    }
    for measure in MEASURES {
        for part in ["count", "of"] {
            let sum = hanoi["measures"][measure][part].as_u64().unwrap_or(0)
                + hue["measures"][measure][part].as_u64().unwrap_or(0);
            assert_eq!(country["measures"][measure][part], json!(sum), "{measure}.{part} adds up");
        }
    }
}

/// Every figure is explained by its dossiers: those that count towards it
/// and those that do not make up its total.
async fn every_figure_is_explained_by_its_dossiers(server: &TestServer) {
    let hanoi = figures_of(server, "unit=01").await;
    let supervisor = server.officer_token("hn.giamsat").await;
    for measure in MEASURES {
        let behind = |counting: &str| {
            let path = format!("/api/v1/indicators/dossiers?unit=01&{PERIOD}&measure={measure}&counting={counting}");
            let token = supervisor.clone();
            async move {
                let (status, body) = server.get_as(&path, &token).await;
                assert_eq!(status, 200, "{path}: {body}");
                body["total"].as_u64().expect("total")
            }
        };
        let (counting, falling_short) = (behind("true").await, behind("false").await);
        let ratio = &hanoi["measures"][measure];
        if measure == "reuse" {
            // Reuse counts components, not dossiers: the dossiers behind it are those received.
            assert_eq!(counting + falling_short, hanoi["measures"]["online"]["of"].as_u64().unwrap_or(0));
            continue;
        }
        assert_eq!(json!(counting), ratio["count"], "{measure}: the dossiers that count");
        assert_eq!(json!(counting + falling_short), ratio["of"], "{measure}: all the dossiers it is taken over");
    }
    let hue_supervisor = server.officer_token("hue.giamsat").await;
    let (status, _) =
        server.get_as(&format!("/api/v1/indicators/dossiers?unit=01&{PERIOD}&measure=on_time"), &hue_supervisor).await;
    assert_eq!(status, 404, "another province's dossiers are not Huế's to see");
    let citizen = server.registered_citizen_token("001199007766", "0907766766").await;
    let (status, _) = server.get_as(&format!("/api/v1/indicators/dossiers?{PERIOD}&measure=on_time"), &citizen).await;
    assert_eq!(status, 403, "citizens see figures, not the dossiers behind them");
}

async fn bad_input_says_what_is_wrong_and_where(server: &TestServer) {
    for (query, field) in [("unit=1A", "unit"), ("from=2026-05-01&to=2026-04-01", "to"), ("channel=fax", "channel")] {
        let (status, problem) = server.get(&format!("/api/v1/indicators?{query}")).await;
        assert_eq!((status, problem["field"].as_str()), (400, Some(field)), "{query}: {problem}");
    }
    let (status, _) = server.get("/api/v1/indicators?from=2026-13-01").await;
    assert_eq!(status, 400);
    // A unit, agency or service point that does not exist is not a row of zeros.
    for path in [
        "/api/v1/indicators?unit=99",
        "/api/v1/index766?unit=99",
        "/api/v1/indicators?unit=99999",
        "/api/v1/indicators?agency=000.00.00.X99",
        "/api/v1/indicators?service_point=NO-SUCH-POINT",
    ] {
        let response = server.raw_get(path, Some("vi")).await;
        let problem = response.json();
        assert_eq!(
            (response.status, response.header("content-type")),
            (404, "application/problem+json"),
            "{path}: {problem}"
        );
        let named = path.rsplit('=').next().unwrap_or_default();
        assert!(problem["detail"].as_str().unwrap_or_default().contains(named), "{path}: {problem}");
    }
}

/// A period that has not ended is judged now: open dossiers not yet due
/// are on time, whatever the period's end says.
async fn a_period_that_has_not_ended_is_judged_now(server: &TestServer) {
    let today =
        chrono::Utc::now().with_timezone(&chrono::FixedOffset::east_opt(7 * 3600).expect("offset")).date_naive();
    let start = today - chrono::Days::new(400);
    let (_, until_today) = server.get(&format!("/api/v1/indicators?unit=01&from={start}&to={today}")).await;
    let later = today + chrono::Days::new(200);
    let (_, until_later) = server.get(&format!("/api/v1/indicators?unit=01&from={start}&to={later}")).await;
    assert_eq!(until_later["measures"]["on_time"], until_today["measures"]["on_time"], "{until_later}");
    assert!(until_today["open_at_end"].as_u64().unwrap_or(0) > 0, "some dossiers are open: {until_today}");
    let tomorrow = today + chrono::Days::new(1);
    let (status, problem) = server.get(&format!("/api/v1/indicators?from={tomorrow}&to={later}")).await;
    assert_eq!((status, problem["field"].as_str()), (400, Some("from")), "{problem}");
}

/// A dossier received at a counter counts at once; a rebuild from the
/// histories gives the same figures.
async fn a_dossier_received_at_a_counter_counts_at_once_and_a_rebuild_agrees(server: &TestServer) {
    let hanoi = figures_of(server, "unit=01").await;
    let intake = server.officer_token("hn.hoankiem.tiepnhan").await;
    let counter = json!({
        "procedure_code": "1.115504", "channel": "counter", "service_point": "HN-HOANKIEM",
        "competent_agency": "000.04.01.H29", "applicant_consents": true,
        "applicant": { "id_number": "001088007766", "full_name": "Người nộp để đếm", "phone": "0907660766" },
        "delivery": { "method": "counter", "service_point": "HN-HOANKIEM" },
    });
    let (status, received) = server.post("/api/v1/dossiers", Some(&intake), &counter).await;
    assert_eq!(status, 201, "{received}");
    let after = figures_of(server, "unit=01").await;
    assert_eq!(after["received"], json!(hanoi["received"].as_u64().unwrap_or(0) + 1));
    assert_eq!(after["open_at_end"], json!(hanoi["open_at_end"].as_u64().unwrap_or(0) + 1));
    let commune = figures_of(server, "unit=00004&channel=counter").await;
    assert!(commune["received"].as_u64().unwrap_or(0) >= 1, "{commune}");

    let output = run_cli(&server.database_url, &["rebuild-indicators"]);
    assert!(output.contains("indicators rebuilt"), "{output}");
    let rebuilt = figures_of(server, "unit=01").await;
    assert_eq!(rebuilt, after, "the running tally equals the rebuilt one");
}

/// The 766 index: six groups, points within the maximum.
async fn the_766_index_has_six_groups_within_its_maximum(server: &TestServer) {
    let (status, index) = server.get(&format!("/api/v1/index766?unit=01&{PERIOD}")).await;
    assert_eq!(status, 200);
    let points = index["index"]["points"].as_f64().expect("points");
    assert!(points > 0.0 && points <= 100.0, "{index}");
    assert_eq!(index["index"]["groups"].as_array().map(Vec::len), Some(6));
    assert_eq!(index["index"]["max_points"].as_f64(), Some(100.0));
}

async fn the_transparency_page_and_its_exports(server: &TestServer) {
    let response = manual_client().get(server.url(&format!("/chi-so?{PERIOD}"))).send().await.expect("page");
    assert_eq!(response.status(), 200);
    let page = response.text().await.expect("text");
    assert!(page.contains("Thành phố Hà Nội") && page.contains("<svg") && page.contains("<desc"), "transparency page");
    let csv = manual_client().get(server.url(&format!("/chi-so.csv?{PERIOD}"))).send().await.expect("csv");
    let csv = csv.bytes().await.expect("bytes");
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "CSV opens with a byte-order mark");
    assert!(String::from_utf8_lossy(&csv).contains("Thành phố Huế"));
    let xlsx = manual_client().get(server.url(&format!("/chi-so.xlsx?{PERIOD}"))).send().await.expect("xlsx");
    assert!(xlsx.bytes().await.expect("bytes").starts_with(b"PK\x03\x04"), "XLSX is a ZIP container");
}

/// An administrator changes an indicator's points and target; the index follows.
async fn an_administrator_changes_an_indicators_points_and_target(server: &TestServer) {
    let admin = officer_cookie(server, "quantri").await;
    let (status, _, page) = page_with(server, "/quan-tri/chi-so", &admin).await;
    assert_eq!(status, 200);
    assert!(page.contains("Tỷ lệ hồ sơ xử lý đúng hạn"), "the indicators are listed");
    let token = form_token(&page);
    let post = |points: &str, target: &str| {
        let fields = [
            ("csrf", token.clone()),
            ("number", "5".to_owned()),
            ("max_points", points.to_owned()),
            ("target_percent", target.to_owned()),
        ];
        let request = manual_client().post(server.url("/quan-tri/chi-so")).header("Cookie", &admin).form(&fields);
        async move { request.send().await.expect("post").status().as_u16() }
    };
    assert_eq!(post("20", "0").await, 422, "a target of 0 % is refused");
    assert_eq!(post("25", "90").await, 303);
    let (_, changed) = server.get(&format!("/api/v1/index766?unit=01&{PERIOD}")).await;
    let on_time =
        changed["index"]["indicators"].as_array().expect("indicators").iter().find(|i| i["number"] == 5).cloned();
    let on_time = on_time.expect("indicator 5");
    assert_eq!((on_time["max_points"].as_f64(), on_time["target"].as_f64()), (Some(25.0), Some(0.9)));
    assert_eq!(post("20", "100").await, 303, "back as it was");
}
