//! Sample slips, filled as the web layer would fill them.

use motcua_slips::{
    Apology, ControlRow, ControlSlip, Dateline, Delivery, DocumentLine, Issuer, PaymentReceipt, Receipt, Refusal, Slip,
    SlipDate, StopNotice, SupplementRequest, Timeliness, TrackingBook, TrackingRow,
};

pub mod reader;

pub const CODE: &str = "000.00.15.H29-251104-0001";

fn issuer() -> Issuer {
    Issuer {
        parent: "ỦY BAN NHÂN DÂN TỈNH BẮC NINH".into(), name: "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG".into()
    }
}

fn dateline() -> Dateline {
    Dateline { place: "Bắc Ninh".into(), date: SlipDate { year: 2025, month: 11, day: 4 } }
}

pub fn receipt() -> Slip {
    Slip::Receipt(Receipt {
        issuer: issuer(),
        dateline: dateline(),
        dossier_code: CODE.into(),
        applicant_name: "Nguyễn Thị Hồng Nhung".into(),
        address: "Số 12, đường Lý Thái Tổ, phường Kinh Bắc, tỉnh Bắc Ninh".into(),
        phone: "0912 345 678".into(),
        email: "nhung.nguyen@example.vn".into(),
        request: "Đăng ký khai sinh".into(),
        documents: vec![
            DocumentLine { name: "Tờ khai đăng ký khai sinh".into(), original: true, count: 1 },
            DocumentLine { name: "Giấy chứng sinh do cơ sở y tế cấp".into(), original: true, count: 1 },
            DocumentLine { name: "Giấy chứng nhận kết hôn của cha, mẹ".into(), original: false, count: 2 },
        ],
        sets: 1,
        processing_time_text: "01 ngày làm việc".into(),
        received_at_text: "08 giờ 30 phút, ngày 04/11/2025".into(),
        appointment_text: "08 giờ 30 phút, ngày 05/11/2025".into(),
        delivery: Delivery::Counter,
        delivery_detail: "Quầy số 3".into(),
        tracking_book: "02".into(),
        tracking_number: 125,
        officer_name: "Trần Văn Đức".into(),
    })
}

pub fn payment_receipt() -> Slip {
    Slip::PaymentReceipt(PaymentReceipt {
        issuer: issuer(),
        dateline: dateline(),
        receipt_number: "3f9a1c7e52b04d68a1e0c4b7d9f2a613".into(),
        dossier_code: CODE.into(),
        payer_name: "Nguyễn Thị Hồng Nhung".into(),
        request: "Đăng ký khai sinh".into(),
        amount_dong: 1_045_000,
        method: "VNPay".into(),
        transaction_no: "14000123".into(),
        paid_at_text: "14 giờ 05 phút, ngày 04/11/2025".into(),
        verify_url: "https://dichvucong.example.vn/bien-lai/3f9a1c7e52b04d68a1e0c4b7d9f2a613".into(),
    })
}

pub fn supplement() -> Slip {
    Slip::SupplementRequest(SupplementRequest {
        issuer: issuer(),
        dateline: dateline(),
        reference: "15/PYCBS".into(),
        dossier_code: CODE.into(),
        applicant_name: "Nguyễn Thị Hồng Nhung".into(),
        request: "Đăng ký khai sinh".into(),
        received_on_text: "04/11/2025".into(),
        items: vec![
            "Bản sao Giấy chứng nhận kết hôn có chứng thực".into(),
            "Giấy tờ tùy thân của người đi đăng ký".into(),
        ],
        reason: "Bản sao đã nộp không rõ nét.".into(),
        contact_name: "Trần Văn Đức".into(),
        contact_phone: "0222 3822 123".into(),
        officer_name: "Trần Văn Đức".into(),
    })
}

pub fn refusal() -> Slip {
    Slip::Refusal(Refusal {
        issuer: issuer(),
        dateline: dateline(),
        reference: "07/PTC".into(),
        dossier_code: CODE.into(),
        applicant_name: "Nguyễn Thị Hồng Nhung".into(),
        request: "Đăng ký khai sinh".into(),
        reason: "Việc khai sinh đã được đăng ký tại Ủy ban nhân dân xã Tiên Du.".into(),
        legal_basis: "Khoản 1 Điều 16 Luật Hộ tịch năm 2014".into(),
        officer_name: "Trần Văn Đức".into(),
    })
}

pub fn apology() -> Slip {
    Slip::Apology(Apology {
        issuer: issuer(),
        dateline: dateline(),
        reference: "03/VBXL".into(),
        dossier_code: CODE.into(),
        applicant_name: "Nguyễn Thị Hồng Nhung".into(),
        request: "Đăng ký khai sinh".into(),
        received_on_text: "04/11/2025".into(),
        statutory_deadline_text: "05/11/2025".into(),
        delay_reason: "Cần xác minh thông tin với cơ quan đăng ký cư trú.".into(),
        new_date_text: "10/11/2025".into(),
        head_name: "Lê Minh Tuấn".into(),
    })
}

pub fn stop() -> Slip {
    Slip::StopNotice(StopNotice {
        issuer: issuer(),
        dateline: dateline(),
        reference: "02/TBDGQ".into(),
        dossier_code: CODE.into(),
        applicant_name: "Nguyễn Thị Hồng Nhung".into(),
        request: "Đăng ký khai sinh".into(),
        received_on_text: "04/11/2025".into(),
        reason: "Người yêu cầu đã rút hồ sơ.".into(),
        legal_basis: "Thông tư số 03/2025/TT-VPCP".into(),
        head_name: "Lê Minh Tuấn".into(),
    })
}

pub fn control() -> Slip {
    let row = |agency: &str, at: &str, giver: &str, receiver: &str, t, note: &str| ControlRow {
        agency: agency.into(),
        handed_at_text: at.into(),
        giver: giver.into(),
        receiver: receiver.into(),
        timeliness: t,
        note: note.into(),
    };
    Slip::ControlSlip(ControlSlip {
        issuer: issuer(),
        dossier_code: CODE.into(),
        applicant_name: "Nguyễn Thị Hồng Nhung".into(),
        request: "Đăng ký khai sinh".into(),
        received_at_text: "08:30 04/11/2025".into(),
        appointment_text: "08:30 05/11/2025".into(),
        rows: vec![
            row("Bộ phận Một cửa", "08:45 04/11/2025", "Trần Văn Đức", "Phòng Tư pháp", Some(Timeliness::Early), ""),
            row(
                "Phòng Tư pháp",
                "14:10 04/11/2025",
                "Phạm Thu Hà",
                "Lãnh đạo UBND",
                Some(Timeliness::OnTime),
                "Đã thẩm định",
            ),
            row(
                "Lãnh đạo UBND",
                "09:20 05/11/2025",
                "Lê Minh Tuấn",
                "Bộ phận Một cửa",
                Some(Timeliness::Late),
                "Ký duyệt",
            ),
            row("Bộ phận Một cửa", "10:00 05/11/2025", "Trần Văn Đức", "Công dân", None, ""),
        ],
    })
}

pub fn tracking_row(i: usize) -> TrackingRow {
    TrackingRow {
        dossier_code: format!("000.00.15.H29-251104-{:04}", i + 1),
        procedure: if i.is_multiple_of(2) {
            "Đăng ký khai sinh"
        } else {
            "Chứng thực bản sao từ bản chính"
        }
        .into(),
        sets: 1,
        applicant_name: "Nguyễn Thị Hồng Nhung".into(),
        address: "Phường Kinh Bắc".into(),
        phone: "0912 345 678".into(),
        agency: "UBND phường Kinh Bắc".into(),
        received_text: "04/11/2025 08:30".into(),
        appointment_text: "05/11/2025 08:30".into(),
        sent_text: "04/11/2025 08:45".into(),
        result_back_text: "05/11/2025 07:50".into(),
        returned_text: if i.is_multiple_of(3) { String::new() } else { "05/11/2025 08:10".into() },
        note: String::new(),
    }
}

pub fn tracking(rows: usize) -> Slip {
    Slip::TrackingBook(TrackingBook {
        issuer: issuer(),
        book: "02".into(),
        period_text: "11/2025".into(),
        rows: (0..rows).map(tracking_row).collect(),
    })
}

/// Every form with a short name, as the tests and the sample output use them.
pub fn all() -> Vec<(&'static str, Slip)> {
    vec![
        ("01-receipt", receipt()),
        ("02-supplement", supplement()),
        ("03-refusal", refusal()),
        ("04-apology", apology()),
        ("05-stop", stop()),
        ("06-control", control()),
        ("07-tracking", tracking(3)),
        ("08-payment-receipt", payment_receipt()),
    ]
}
