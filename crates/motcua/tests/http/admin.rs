//! An administrator administers one province: saving a record of another
//! province (a service point, an agency, an officer or an assignment, a
//! procedure setting) answers 404 as if it did not exist, and changes nothing.

use serde_json::Value;

use crate::support::browser::{form_token, manual_client, officer_cookie, page_with};
use crate::support::{TestServer, on_both_backends};

on_both_backends!(an_administrator_cannot_save_another_provinces_records);

fn named(list: &Value, code: &str) -> Option<String> {
    let items = list.as_array().or_else(|| list["items"].as_array())?;
    items
        .iter()
        .map(|item| if item["point"].is_object() { &item["point"] } else { item })
        .find(|item| item["code"] == code)
        .map(|item| format!("{}|{}|{}", item["name"], item["unit_code"], item["province_code"]))
}

async fn an_administrator_cannot_save_another_provinces_records(server: &TestServer) {
    let admin = officer_cookie(server, "quantri").await;
    let (_, _, officers) = page_with(server, "/quan-tri", &admin).await;
    let token = form_token(&officers);
    let post = |path: &'static str, fields: Vec<(&'static str, &'static str)>| {
        let mut fields: Vec<(&str, String)> = fields.into_iter().map(|(k, v)| (k, v.to_owned())).collect();
        fields.push(("csrf", token.clone()));
        let request = manual_client().post(server.url(path)).header("Cookie", &admin).form(&fields);
        async move { request.send().await.expect("post").status().as_u16() }
    };
    let (_, points_before) = server.get("/api/v1/units/provinces/46/service-points").await;
    let (_, agencies_before) = server.get("/api/v1/units/provinces/46/agencies").await;
    let point_before = named(&points_before, "HUE-TTHCC").expect("Huế's centre");
    let agency_before = named(&agencies_before, "000.89.01.H57").expect("Thuận Hóa's committee");
    let huế_officer = officer_cookie(server, "hue.tiepnhan").await;

    // Huế's centre saved as a point of Hà Nội.
    let point = vec![
        ("code", "HUE-TTHCC"),
        ("name", "Điểm chiếm"),
        ("kind", "commune_centre"),
        ("unit_code", "00376"),
        ("address", "Xã Sóc Sơn"),
        ("hours", "07:30-11:30"),
    ];
    assert_eq!(post("/quan-tri/diem-tiep-nhan", point).await, 404, "another province's service point");
    // …and as an outreach session.
    let session = vec![
        ("code", "HUE-PHUXUAN"),
        ("name", "Buổi chiếm"),
        ("kind", "outreach_session"),
        ("unit_code", "00376"),
        ("address", "Xã Sóc Sơn"),
        ("hours", "07:30-11:30"),
        ("session_date", "2026-12-06"),
    ];
    assert_eq!(post("/quan-tri/diem-tiep-nhan", session).await, 404, "another province's point as a session");
    // Thuận Hóa's committee saved as an agency of a Hà Nội commune.
    let agency =
        vec![("code", "000.89.01.H57"), ("name", "Cơ quan chiếm"), ("kind", "commune_police"), ("unit_code", "00376")];
    assert_eq!(post("/quan-tri/co-quan", agency).await, 404, "another province's agency");
    // Huế's intake officer, opened again or reassigned into Hà Nội.
    let officer = vec![
        ("username", "hue.tiepnhan"),
        ("display_name", "Cán bộ chiếm"),
        ("role", "intake_officer"),
        ("scope_kind", "service_point"),
        ("scope_code", "HN-BADINH"),
        ("password", "mat-khau-dai-2026"),
    ];
    assert_eq!(post("/quan-tri/can-bo", officer.clone()).await, 404, "another province's officer");
    assert_eq!(post("/quan-tri/can-bo/phan-cong", officer).await, 404, "another province's assignment");
    // How Thuận Hóa offers a procedure.
    let setting = vec![
        ("procedure_code", "1.115504"),
        ("unit_code", "19789"),
        ("enabled", ""),
        ("processing_amount", ""),
        ("processing_unit", "WORKING_DAY"),
        ("fee_dong", ""),
    ];
    assert_eq!(post("/quan-tri/thu-tuc", setting).await, 404, "another province's procedure setting");

    // Nothing changed.
    let (_, points_after) = server.get("/api/v1/units/provinces/46/service-points").await;
    let (_, agencies_after) = server.get("/api/v1/units/provinces/46/agencies").await;
    assert_eq!(named(&points_after, "HUE-TTHCC"), Some(point_before));
    assert!(named(&points_after, "HUE-PHUXUAN").is_some_and(|p| p.contains("\"46\"")), "{points_after}");
    assert_eq!(named(&agencies_after, "000.89.01.H57"), Some(agency_before));
    let (_, hanoi_points) = server.get("/api/v1/units/provinces/01/service-points").await;
    assert!(!hanoi_points.to_string().contains("HUE-"), "no Huế point moved into Hà Nội");
    let (_, _, listed) = page_with(server, "/quan-tri", &admin).await;
    assert!(!listed.contains("hue.tiepnhan") && !listed.contains("Cán bộ chiếm"), "no Huế officer in Hà Nội");
    let (status, _, desk) = page_with(server, "/can-bo/tiep-nhan?procedure=1.115504", &huế_officer).await;
    assert_eq!(status, 200, "the officer's session was not ended by a reassignment");
    assert!(!desk.contains("Cán bộ chiếm"), "the same officer");
    officer_cookie(server, "hue.tiepnhan").await;
    let thuan_hoa = officer_cookie(server, "hue.thuanhoa.tiepnhan").await;
    let (_, _, reception) = page_with(server, "/can-bo/tiep-nhan?procedure=1.115504", &thuan_hoa).await;
    assert!(reception.contains("Ủy ban nhân dân Phường Thuận Hóa"), "Thuận Hóa still offers the procedure");
}
