//! What the caller fills in: one plain struct per form, gathered in [`Slip`].
//!
//! Every field holds data, never wording: titles, labels and sentences belong
//! to the crate and follow the [`Language`](crate::Language) asked for. Fields
//! ending in `_text` are shown as given, so the caller formats them (a time
//! and date, "10 working days") in the language it renders.

/// The office that issues a slip, shown at the top left of every form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Issuer {
    /// The governing body, e.g. "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"; may be empty.
    pub parent: String,
    /// The issuing office, e.g. "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG".
    pub name: String,
}

/// A calendar day, written by the crate in each language's own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlipDate {
    pub year: u16,
    /// 1–12.
    pub month: u8,
    /// 1–31.
    pub day: u8,
}

/// Where and when a slip was issued: "Hà Nội, ngày 04 tháng 11 năm 2025".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    pub place: String,
    pub date: SlipDate,
}

/// One document handed in, a row of the receipt's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentLine {
    pub name: String,
    /// An original (true) or a copy (false).
    pub original: bool,
    pub count: u32,
}

/// Where the applicant chose to receive the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// At the one-stop counter.
    Counter,
    /// By the public postal service.
    Post,
    /// Online, on the portal.
    Online,
}

/// How a step of processing ended against its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timeliness {
    Early,
    OnTime,
    Late,
}

/// Form 01: receipt of the dossier and appointment to return the result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub issuer: Issuer,
    pub dateline: Dateline,
    pub dossier_code: String,
    pub applicant_name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    /// What the applicant asks for: usually the procedure's name.
    pub request: String,
    pub documents: Vec<DocumentLine>,
    /// Number of sets of the dossier handed in.
    pub sets: u32,
    /// The statutory processing time, e.g. "10 ngày làm việc".
    pub processing_time_text: String,
    /// When the dossier was received, e.g. "08 giờ 30 phút, ngày 04/11/2025".
    pub received_at_text: String,
    /// When the result will be returned.
    pub appointment_text: String,
    pub delivery: Delivery,
    /// Where exactly, e.g. the counter or the postal address; may be empty.
    pub delivery_detail: String,
    /// The tracking book's volume ("quyển số") and the entry number in it.
    pub tracking_book: String,
    pub tracking_number: u32,
    /// The officer who received the dossier.
    pub officer_name: String,
}

/// The electronic receipt (biên lai điện tử) of a fee or charge paid for a
/// dossier: not a form of the circular, issued for every payment beside them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentReceipt {
    pub issuer: Issuer,
    pub dateline: Dateline,
    /// The receipt's own number.
    pub receipt_number: String,
    pub dossier_code: String,
    pub payer_name: String,
    /// What was paid for: usually the procedure's name.
    pub request: String,
    /// In whole đồng; the crate groups its digits in each language's way.
    pub amount_dong: i64,
    /// How it was paid, e.g. "VNPay".
    pub method: String,
    /// The payment's transaction at the gateway or the bank.
    pub transaction_no: String,
    /// When it was paid, e.g. "14 giờ 05 phút, ngày 07/12/2026".
    pub paid_at_text: String,
    /// What the QR code holds: where the receipt can be checked.
    pub verify_url: String,
}

/// Form 02: request to supplement and complete the dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupplementRequest {
    pub issuer: Issuer,
    pub dateline: Dateline,
    /// The slip's own number ("Số: …"); may be empty.
    pub reference: String,
    pub dossier_code: String,
    pub applicant_name: String,
    pub request: String,
    pub received_on_text: String,
    /// What to add or correct, one item each.
    pub items: Vec<String>,
    pub reason: String,
    /// Whom to ask for guidance.
    pub contact_name: String,
    pub contact_phone: String,
    pub officer_name: String,
}

/// Form 03: refusal to accept the dossier for processing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub issuer: Issuer,
    pub dateline: Dateline,
    pub reference: String,
    pub dossier_code: String,
    pub applicant_name: String,
    pub request: String,
    pub reason: String,
    /// The provision the refusal rests on.
    pub legal_basis: String,
    pub officer_name: String,
}

/// Form 04: apology for the delay and the new date (extension).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Apology {
    pub issuer: Issuer,
    pub dateline: Dateline,
    pub reference: String,
    pub dossier_code: String,
    pub applicant_name: String,
    pub request: String,
    pub received_on_text: String,
    /// The deadline the law set, now missed.
    pub statutory_deadline_text: String,
    pub delay_reason: String,
    /// The new appointment to return the result.
    pub new_date_text: String,
    /// The head of the agency, who signs.
    pub head_name: String,
}

/// Form 05: notice that the processing of the dossier has stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StopNotice {
    pub issuer: Issuer,
    pub dateline: Dateline,
    pub reference: String,
    pub dossier_code: String,
    pub applicant_name: String,
    pub request: String,
    pub received_on_text: String,
    pub reason: String,
    pub legal_basis: String,
    pub head_name: String,
}

/// One hand-over on the processing control slip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ControlRow {
    /// The agency or unit that received the dossier at this step.
    pub agency: String,
    pub handed_at_text: String,
    pub giver: String,
    pub receiver: String,
    /// None while no deadline applied.
    pub timeliness: Option<Timeliness>,
    pub note: String,
}

/// Form 06: the processing control slip, one row per hand-over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ControlSlip {
    pub issuer: Issuer,
    pub dossier_code: String,
    pub applicant_name: String,
    pub request: String,
    pub received_at_text: String,
    pub appointment_text: String,
    pub rows: Vec<ControlRow>,
}

/// One dossier in the tracking book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackingRow {
    pub dossier_code: String,
    pub procedure: String,
    pub sets: u32,
    pub applicant_name: String,
    pub address: String,
    pub phone: String,
    /// The competent agency in charge of the dossier.
    pub agency: String,
    pub received_text: String,
    pub appointment_text: String,
    /// Sent to the competent agency.
    pub sent_text: String,
    /// Result received back from the competent agency.
    pub result_back_text: String,
    /// Result returned to the applicant.
    pub returned_text: String,
    pub note: String,
}

/// Form 07: the tracking book, one row per dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackingBook {
    pub issuer: Issuer,
    /// The volume ("quyển số").
    pub book: String,
    /// The period the pages cover, e.g. "11/2025"; may be empty.
    pub period_text: String,
    pub rows: Vec<TrackingRow>,
}

/// One of the seven standard forms of Circular 03/2025/TT-VPCP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slip {
    Receipt(Receipt),
    PaymentReceipt(PaymentReceipt),
    SupplementRequest(SupplementRequest),
    Refusal(Refusal),
    Apology(Apology),
    StopNotice(StopNotice),
    ControlSlip(ControlSlip),
    TrackingBook(TrackingBook),
}

impl Slip {
    /// The form's number in the circular, 1–7; 8 for a payment's receipt,
    /// which the circular does not number.
    pub fn form_number(&self) -> u8 {
        match self {
            Self::Receipt(_) => 1,
            Self::PaymentReceipt(_) => 8,
            Self::SupplementRequest(_) => 2,
            Self::Refusal(_) => 3,
            Self::Apology(_) => 4,
            Self::StopNotice(_) => 5,
            Self::ControlSlip(_) => 6,
            Self::TrackingBook(_) => 7,
        }
    }
}
