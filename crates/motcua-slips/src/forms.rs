//! Each form's content and order, built from the caller's data and the
//! fixed wording of the language asked for.
//!
//! In Arabic, codes, phone numbers, e-mail addresses and numbers are wrapped
//! in left-to-right isolates (U+2066 … U+2069) and every other caller value
//! in a first-strong isolate (U+2068 … U+2069), so a Vietnamese name or a
//! date never reorders the Arabic sentence around it.

use crate::Language;
use crate::doc::{Align, Block, Column, Document, Para, Table, fill, rich};
use crate::slip::{
    Apology, ControlSlip, Dateline, Delivery, Issuer, PaymentReceipt, Receipt, Refusal, Slip, StopNotice,
    SupplementRequest, Timeliness, TrackingBook,
};
use crate::words::{Words, words};

const BODY: f32 = 11.0;
const HEAD: f32 = 10.0;
const TITLE: f32 = 13.5;
const NOTE: f32 = 9.0;
/// The space before each line of a form's body.
const GAP: f32 = 3.0;

struct Form {
    language: Language,
    words: &'static Words,
    blocks: Vec<Block>,
}

impl Form {
    fn new(language: Language) -> Self {
        Self { language, words: words(language), blocks: Vec::new() }
    }

    fn arabic(&self) -> bool {
        self.language == Language::Ar
    }

    /// A value that reads left to right whatever surrounds it.
    fn ltr(&self, value: &str) -> String {
        if self.arabic() && !value.is_empty() { format!("\u{2066}{value}\u{2069}") } else { value.to_owned() }
    }

    /// A value whose direction follows its own first strong character.
    fn auto(&self, value: &str) -> String {
        if self.arabic() && !value.is_empty() { format!("\u{2068}{value}\u{2069}") } else { value.to_owned() }
    }

    fn number(&self, n: impl ToString) -> String {
        self.ltr(&n.to_string())
    }

    fn two_digits(&self, n: u8) -> String {
        self.ltr(&format!("{n:02}"))
    }

    fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }

    fn para(&mut self, para: Para) {
        self.push(Block::Para(para));
    }

    /// A body line: the template's text with the values in bold.
    fn line(&mut self, template: &str, values: &[&str]) {
        self.para(Para::new(rich(template, values), BODY).before(GAP));
    }

    fn dateline(&self, dateline: &Dateline) -> String {
        let date = dateline.date;
        let place = self.auto(&dateline.place);
        let month = usize::from(date.month.clamp(1, 12)) - 1;
        match self.language {
            Language::Vi => format!(
                "{place}, ngày {} tháng {} năm {}",
                self.two_digits(date.day),
                self.two_digits(date.month),
                date.year
            ),
            Language::En => {
                format!("{place}, {} {} {}", date.day, self.words.months[month], date.year)
            }
            Language::Ar => {
                format!("{place}، {} {} {}", self.number(date.day), self.words.months[month], self.number(date.year))
            }
        }
    }

    /// The form's number, then the issuer beside the national header, the
    /// slip's number beside the place and date.
    fn header(&mut self, number: u8, issuer: &Issuer, reference: &str, dateline: Option<&Dateline>) {
        let w = self.words;
        if number <= 7 {
            let form_number = fill(w.form_number, &[&self.two_digits(number)]);
            self.para(Para::plain(form_number, NOTE).align(Align::End));
        }
        let mut left = Vec::new();
        if !issuer.parent.is_empty() {
            left.push(Para::plain(self.auto(&issuer.parent), HEAD).align(Align::Center));
        }
        left.push(Para::bold(self.auto(&issuer.name), HEAD).align(Align::Center).rule(0.4));
        if !reference.is_empty() {
            let text = fill(w.reference, &[&self.ltr(reference)]);
            left.push(Para::plain(text, HEAD).align(Align::Center).before(8.0));
        }
        let mut right = vec![
            Para::bold(w.nation, HEAD).align(Align::Center),
            Para::bold(w.motto, HEAD + 0.5).align(Align::Center).rule(1.0),
        ];
        if let Some(dateline) = dateline {
            right.push(Para::plain(self.dateline(dateline), HEAD).align(Align::Center).before(8.0));
        }
        self.push(Block::Columns(vec![(0.43, left), (0.57, right)]));
    }

    /// The title of form `number` (8: a payment's receipt).
    fn title_text(&self, number: u8) -> &'static str {
        match number {
            1..=7 => self.words.titles[usize::from(number) - 1],
            _ => self.words.payment_receipt_title,
        }
    }

    /// An amount of đồng with its thousands grouped as the language writes them.
    fn amount(&self, dong: i64) -> String {
        let digits = dong.unsigned_abs().to_string();
        let separator = if self.language == Language::Vi { '.' } else { ',' };
        let mut grouped = String::new();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(separator);
            }
            grouped.push(digit);
        }
        self.ltr(&grouped)
    }

    fn title(&mut self, number: u8) {
        let title = self.title_text(number);
        self.para(Para::bold(title, TITLE).align(Align::Center).before(16.0));
        self.push(Block::Space(8.0));
    }

    /// Signature boxes side by side; `None` leaves a box empty.
    fn signatures(&mut self, boxes: &[Option<(&str, &str, &str)>]) {
        self.push(Block::Space(14.0));
        let columns = boxes
            .iter()
            .map(|signature| {
                let paras = match signature {
                    None => Vec::new(),
                    Some((role, note, name)) => vec![
                        Para::bold(*role, BODY).align(Align::Center),
                        Para::plain(*note, NOTE).align(Align::Center),
                        Para::bold(self.auto(name), BODY).align(Align::Center).before(56.0),
                    ],
                };
                (1.0, paras)
            })
            .collect();
        self.push(Block::Columns(columns));
    }

    fn finish(self, slip: &Slip, code: &str) -> Document {
        let number = slip.form_number();
        let title = self.title_text(number);
        Document {
            title: if code.is_empty() { title.to_owned() } else { format!("{title} {code}") },
            landscape: number == 7,
            rtl: self.arabic(),
            lang: match self.language {
                Language::Vi => "vi",
                Language::En => "en",
                Language::Ar => "ar",
            },
            blocks: self.blocks,
        }
    }
}

pub(crate) fn build(slip: &Slip, language: Language) -> Document {
    let mut form = Form::new(language);
    let code = match slip {
        Slip::Receipt(s) => {
            receipt(&mut form, s);
            s.dossier_code.as_str()
        }
        Slip::PaymentReceipt(s) => {
            payment_receipt(&mut form, s);
            s.receipt_number.as_str()
        }
        Slip::SupplementRequest(s) => {
            supplement(&mut form, s);
            s.dossier_code.as_str()
        }
        Slip::Refusal(s) => {
            refusal(&mut form, s);
            s.dossier_code.as_str()
        }
        Slip::Apology(s) => {
            apology(&mut form, s);
            s.dossier_code.as_str()
        }
        Slip::StopNotice(s) => {
            stop(&mut form, s);
            s.dossier_code.as_str()
        }
        Slip::ControlSlip(s) => {
            control(&mut form, s);
            s.dossier_code.as_str()
        }
        Slip::TrackingBook(s) => {
            tracking(&mut form, s);
            ""
        }
    };
    form.finish(slip, code)
}

fn receipt(f: &mut Form, s: &Receipt) {
    let w = f.words;
    f.header(1, &s.issuer, "", Some(&s.dateline));
    f.title(1);
    let code = f.ltr(&s.dossier_code);
    f.push(Block::Qr { para: Para::new(rich(w.dossier_code, &[&code]), BODY + 1.0), code: s.dossier_code.clone() });
    f.para(Para::plain(w.received_from, BODY).before(GAP));
    let name = f.auto(&s.applicant_name);
    f.line(w.applicant, &[&name]);
    let address = f.auto(&s.address);
    f.line(w.address, &[&address]);
    let phone = f.ltr(&s.phone);
    f.line(w.phone, &[&phone]);
    let email = f.ltr(&s.email);
    f.line(w.email, &[&email]);
    let request = f.auto(&s.request);
    f.line(w.request, &[&request]);
    f.line(w.documents_heading, &[]);
    if s.documents.is_empty() {
        f.para(Para::plain(w.no_documents, BODY).indent(14.0).before(GAP));
    } else {
        f.push(Block::Space(4.0));
        let [number, name, kind, count] = w.document_columns;
        let columns = vec![
            Column { title: number.to_owned(), weight: 0.07, align: Align::Center },
            Column { title: name.to_owned(), weight: 0.55, align: Align::Start },
            Column { title: kind.to_owned(), weight: 0.22, align: Align::Center },
            Column { title: count.to_owned(), weight: 0.16, align: Align::Center },
        ];
        let rows = s
            .documents
            .iter()
            .enumerate()
            .map(|(i, document)| {
                vec![
                    f.number(i + 1),
                    f.auto(&document.name),
                    if document.original { w.original } else { w.copy }.to_owned(),
                    f.number(document.count),
                ]
            })
            .collect();
        f.push(Block::Table(Table { columns, rows, size: 9.5 }));
    }
    let sets = f.number(s.sets);
    f.line(w.sets, &[&sets]);
    let time = f.auto(&s.processing_time_text);
    f.line(w.processing_time, &[&time]);
    let received = f.auto(&s.received_at_text);
    f.line(w.received_at, &[&received]);
    let appointment = f.auto(&s.appointment_text);
    f.line(w.appointment, &[&appointment]);
    let kind = w.delivery_kinds[match s.delivery {
        Delivery::Counter => 0,
        Delivery::Post => 1,
        Delivery::Online => 2,
    }];
    let delivery = if s.delivery_detail.is_empty() {
        kind.to_owned()
    } else {
        let separator = if f.arabic() { "، " } else { ", " };
        format!("{kind}{separator}{}", f.auto(&s.delivery_detail))
    };
    f.line(w.delivery, &[&delivery]);
    let book = f.ltr(&s.tracking_book);
    let entry = f.number(s.tracking_number);
    f.line(w.tracking_entry, &[&book, &entry]);
    f.signatures(&[
        Some((w.role_applicant, w.sign_note, &s.applicant_name)),
        Some((w.role_receiver, w.sign_note, &s.officer_name)),
    ]);
}

fn payment_receipt(f: &mut Form, s: &PaymentReceipt) {
    let w = f.words;
    f.header(8, &s.issuer, "", Some(&s.dateline));
    f.title(8);
    let number = f.ltr(&s.receipt_number);
    f.push(Block::Qr { para: Para::new(rich(w.receipt_number, &[&number]), BODY + 1.0), code: s.verify_url.clone() });
    let payer = f.auto(&s.payer_name);
    f.line(w.payer, &[&payer]);
    let code = f.ltr(&s.dossier_code);
    f.line(w.dossier_code, &[&code]);
    let request = f.auto(&s.request);
    f.line(w.paid_for, &[&request]);
    let amount = f.amount(s.amount_dong);
    f.line(w.amount_paid, &[&amount]);
    let method = f.auto(&s.method);
    f.line(w.payment_method, &[&method]);
    let transaction = f.ltr(&s.transaction_no);
    f.line(w.transaction, &[&transaction]);
    let paid_at = f.auto(&s.paid_at_text);
    f.line(w.paid_at, &[&paid_at]);
    f.para(Para::plain(w.receipt_note, NOTE).before(GAP * 4.0));
    f.signatures(&[None, Some((w.role_collector, w.electronic_note, &s.issuer.name))]);
}

/// The lines that open forms 02–05: to whom, which dossier, what request.
fn addressee(f: &mut Form, name: &str, code: &str, request: &str) {
    let w = f.words;
    let name = f.auto(name);
    f.line(w.to_applicant, &[&name]);
    let code = f.ltr(code);
    f.line(w.dossier_code, &[&code]);
    let request = f.auto(request);
    f.line(w.request, &[&request]);
}

fn supplement(f: &mut Form, s: &SupplementRequest) {
    let w = f.words;
    f.header(2, &s.issuer, &s.reference, Some(&s.dateline));
    f.title(2);
    addressee(f, &s.applicant_name, &s.dossier_code, &s.request);
    let received = f.auto(&s.received_on_text);
    f.line(w.received_on, &[&received]);
    f.line(w.supplement_intro, &[]);
    for (i, item) in s.items.iter().enumerate() {
        let text = format!("{}. {}", f.number(i + 1), f.auto(item));
        f.para(Para::plain(text, BODY).indent(14.0).before(GAP));
    }
    let reason = f.auto(&s.reason);
    f.line(w.reason, &[&reason]);
    let contact = f.auto(&s.contact_name);
    let phone = f.ltr(&s.contact_phone);
    f.line(w.contact, &[&contact, &phone]);
    f.line(w.thanks, &[]);
    f.signatures(&[None, Some((w.role_guide, w.sign_note, &s.officer_name))]);
}

fn refusal(f: &mut Form, s: &Refusal) {
    let w = f.words;
    f.header(3, &s.issuer, &s.reference, Some(&s.dateline));
    f.title(3);
    addressee(f, &s.applicant_name, &s.dossier_code, &s.request);
    f.line(w.refusal_intro, &[]);
    let reason = f.auto(&s.reason);
    f.para(Para::bold(reason, BODY).indent(14.0).before(GAP));
    let basis = f.auto(&s.legal_basis);
    f.line(w.legal_basis, &[&basis]);
    f.line(w.for_action, &[]);
    f.signatures(&[None, Some((w.role_receiver, w.sign_note, &s.officer_name))]);
}

fn apology(f: &mut Form, s: &Apology) {
    let w = f.words;
    f.header(4, &s.issuer, &s.reference, Some(&s.dateline));
    f.title(4);
    addressee(f, &s.applicant_name, &s.dossier_code, &s.request);
    let received = f.auto(&s.received_on_text);
    f.line(w.received_on, &[&received]);
    let deadline = f.auto(&s.statutory_deadline_text);
    f.line(w.deadline, &[&deadline]);
    let reason = f.auto(&s.delay_reason);
    f.line(w.delay, &[&reason]);
    let new_date = f.auto(&s.new_date_text);
    f.line(w.apology, &[&new_date]);
    f.line(w.thanks, &[]);
    f.signatures(&[None, Some((w.role_head, w.sign_seal_note, &s.head_name))]);
}

fn stop(f: &mut Form, s: &StopNotice) {
    let w = f.words;
    f.header(5, &s.issuer, &s.reference, Some(&s.dateline));
    f.title(5);
    addressee(f, &s.applicant_name, &s.dossier_code, &s.request);
    let received = f.auto(&s.received_on_text);
    f.line(w.received_on, &[&received]);
    f.line(w.stop_intro, &[]);
    let reason = f.auto(&s.reason);
    f.para(Para::bold(reason, BODY).indent(14.0).before(GAP));
    let basis = f.auto(&s.legal_basis);
    f.line(w.legal_basis, &[&basis]);
    f.line(w.for_information, &[]);
    f.signatures(&[None, Some((w.role_head, w.sign_seal_note, &s.head_name))]);
}

fn control(f: &mut Form, s: &ControlSlip) {
    let w = f.words;
    f.header(6, &s.issuer, "", None);
    f.title(6);
    let name = f.auto(&s.applicant_name);
    f.line(w.attached_to, &[&name]);
    let code = f.ltr(&s.dossier_code);
    f.line(w.dossier_code, &[&code]);
    let request = f.auto(&s.request);
    f.line(w.request, &[&request]);
    let received = f.auto(&s.received_at_text);
    f.line(w.received_short, &[&received]);
    let appointment = f.auto(&s.appointment_text);
    f.line(w.appointment_short, &[&appointment]);
    f.push(Block::Space(8.0));
    let weights = [0.05, 0.19, 0.14, 0.14, 0.14, 0.16, 0.18];
    let aligns = [Align::Center, Align::Start, Align::Center, Align::Start, Align::Start, Align::Center, Align::Start];
    let columns = w
        .control_columns
        .iter()
        .zip(weights.iter().zip(aligns))
        .map(|(title, (weight, align))| Column { title: (*title).to_owned(), weight: *weight, align })
        .collect();
    let rows = s
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let timeliness = match row.timeliness {
                None => "",
                Some(Timeliness::Early) => w.timeliness[0],
                Some(Timeliness::OnTime) => w.timeliness[1],
                Some(Timeliness::Late) => w.timeliness[2],
            };
            vec![
                f.number(i + 1),
                f.auto(&row.agency),
                f.auto(&row.handed_at_text),
                f.auto(&row.giver),
                f.auto(&row.receiver),
                timeliness.to_owned(),
                f.auto(&row.note),
            ]
        })
        .collect();
    f.push(Block::Table(Table { columns, rows, size: 8.5 }));
}

fn tracking(f: &mut Form, s: &TrackingBook) {
    let w = f.words;
    f.header(7, &s.issuer, "", None);
    f.title(7);
    let book = f.ltr(&s.book);
    f.para(Para::new(rich(w.book, &[&book]), BODY).align(Align::Center));
    if !s.period_text.is_empty() {
        let period = f.auto(&s.period_text);
        f.para(Para::new(rich(w.period, &[&period]), BODY).align(Align::Center).before(GAP));
    }
    f.push(Block::Space(8.0));
    // The code's column fits a whole code on one line.
    let weights = [0.03, 0.13, 0.11, 0.045, 0.08, 0.095, 0.085, 0.07, 0.07, 0.07, 0.07, 0.07, 0.075];
    let columns = w
        .tracking_columns
        .iter()
        .zip(weights)
        .enumerate()
        .map(|(i, (title, weight))| Column {
            title: (*title).to_owned(),
            weight,
            align: if matches!(i, 0 | 3) { Align::Center } else { Align::Start },
        })
        .collect();
    let separator = if f.arabic() { "، " } else { ", " };
    let rows = s
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let address_phone = match (row.address.is_empty(), row.phone.is_empty()) {
                (_, true) => f.auto(&row.address),
                (true, false) => f.ltr(&row.phone),
                (false, false) => format!("{}{separator}{}", f.auto(&row.address), f.ltr(&row.phone)),
            };
            vec![
                f.number(i + 1),
                f.ltr(&row.dossier_code),
                f.auto(&row.procedure),
                f.number(row.sets),
                f.auto(&row.applicant_name),
                address_phone,
                f.auto(&row.agency),
                f.auto(&row.received_text),
                f.auto(&row.appointment_text),
                f.auto(&row.sent_text),
                f.auto(&row.result_back_text),
                f.auto(&row.returned_text),
                f.auto(&row.note),
            ]
        })
        .collect();
    f.push(Block::Table(Table { columns, rows, size: 7.0 }));
}
