//! How a dossier and its events are laid out in their tables, both ways:
//! one row type each, listing its columns once (see [`crate::row`]), and
//! the conversions between those rows and the domain's typed values. Every
//! module that reads or writes dossiers goes through these.

use chrono::{DateTime, Utc};
use motcua_domain::DomainError;
use motcua_domain::access::Applicant;
use motcua_domain::clock::{ProcessingTime, TimeUnit};
use motcua_domain::dossier::{
    Channel, Contact, Dossier, DossierCode, Event, EventRecord, Lifecycle, Status, Step, SubmitterKind,
};
use motcua_domain::organisation::AgencyCode;
use sqlx::any::AnyRow;

use crate::encoding::{corrupt, flag, instant, parse_instant, parse_optional_instant};
use crate::row::{self, Columns, Row};
use crate::{StoreError, StoreResult};

/// A dossier's row, column by column, as both databases hold it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct DossierRow {
    province_code: String,
    id: String,
    code: Option<String>,
    procedure_code: String,
    procedure_version: i64,
    case_code: String,
    applicant_id: String,
    applicant_personal_id: String,
    applicant_name: String,
    applicant_phone: String,
    applicant_email: String,
    applicant_address: String,
    submitter_kind: String,
    submitter_account: String,
    channel: String,
    service_point: String,
    service_point_unit: String,
    competent_agency: String,
    competent_unit: String,
    /// Comma-separated agency codes.
    agencies_involved: String,
    form_data: String,
    delivery: String,
    fee_dong: i64,
    /// JSON: the charges item by item.
    charges: String,
    processing_amount: f64,
    processing_unit: String,
    status: String,
    step: String,
    supplement_requests: i64,
    resume_to: Option<String>,
    submitted_at: String,
    received_at: Option<String>,
    due_at: Option<String>,
    paused_at: Option<String>,
    step_started_at: String,
    step_due_at: Option<String>,
    resolved_at: Option<String>,
    returned_at: Option<String>,
    result_document: Option<String>,
    tracking_number: Option<String>,
    paid_online: i64,
    late: i64,
    event_count: i64,
    last_hash: String,
    updated_at: String,
}

impl Row for DossierRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        c.text("province_code", &mut self.province_code);
        c.text("id", &mut self.id);
        c.optional_text("code", &mut self.code);
        c.text("procedure_code", &mut self.procedure_code);
        c.int("procedure_version", &mut self.procedure_version);
        c.text("case_code", &mut self.case_code);
        c.text("applicant_id", &mut self.applicant_id);
        c.text("applicant_personal_id", &mut self.applicant_personal_id);
        c.text("applicant_name", &mut self.applicant_name);
        c.text("applicant_phone", &mut self.applicant_phone);
        c.text("applicant_email", &mut self.applicant_email);
        c.text("applicant_address", &mut self.applicant_address);
        c.text("submitter_kind", &mut self.submitter_kind);
        c.text("submitter_account", &mut self.submitter_account);
        c.text("channel", &mut self.channel);
        c.text("service_point", &mut self.service_point);
        c.text("service_point_unit", &mut self.service_point_unit);
        c.text("competent_agency", &mut self.competent_agency);
        c.text("competent_unit", &mut self.competent_unit);
        c.text("agencies_involved", &mut self.agencies_involved);
        c.text("form_data", &mut self.form_data);
        c.text("delivery", &mut self.delivery);
        c.int("fee_dong", &mut self.fee_dong);
        c.text("charges", &mut self.charges);
        c.double("processing_amount", &mut self.processing_amount);
        c.text("processing_unit", &mut self.processing_unit);
        c.text("status", &mut self.status);
        c.text("step", &mut self.step);
        c.int("supplement_requests", &mut self.supplement_requests);
        c.optional_text("resume_to", &mut self.resume_to);
        c.text("submitted_at", &mut self.submitted_at);
        c.optional_text("received_at", &mut self.received_at);
        c.optional_text("due_at", &mut self.due_at);
        c.optional_text("paused_at", &mut self.paused_at);
        c.text("step_started_at", &mut self.step_started_at);
        c.optional_text("step_due_at", &mut self.step_due_at);
        c.optional_text("resolved_at", &mut self.resolved_at);
        c.optional_text("returned_at", &mut self.returned_at);
        c.optional_text("result_document", &mut self.result_document);
        c.optional_text("tracking_number", &mut self.tracking_number);
        c.int("paid_online", &mut self.paid_online);
        c.int("late", &mut self.late);
        c.int("event_count", &mut self.event_count);
        c.text("last_hash", &mut self.last_hash);
        c.text("updated_at", &mut self.updated_at);
    }
}

impl From<&Dossier> for DossierRow {
    fn from(d: &Dossier) -> DossierRow {
        let when = |t: Option<DateTime<Utc>>| t.map(instant);
        let (processing_amount, processing_unit) = match d.processing {
            Some(time) => (time.amount, time.unit.as_str()),
            None => (0.0, TimeUnit::Other.as_str()),
        };
        DossierRow {
            province_code: d.province_code.clone(),
            id: d.id.clone(),
            code: d.code.as_ref().map(ToString::to_string),
            procedure_code: d.procedure_code.clone(),
            procedure_version: d.procedure_version,
            case_code: d.case_code.clone(),
            applicant_id: d.applicant.key(),
            applicant_personal_id: d.contact.personal_id.clone(),
            applicant_name: d.contact.name.clone(),
            applicant_phone: d.contact.phone.clone(),
            applicant_email: d.contact.email.clone(),
            applicant_address: d.contact.address.clone(),
            submitter_kind: d.submitter_kind.as_str().to_owned(),
            submitter_account: d.submitter_account.clone(),
            channel: d.channel.as_str().to_owned(),
            service_point: d.service_point.clone(),
            service_point_unit: d.service_point_unit.clone(),
            competent_agency: d.competent_agency.to_string(),
            competent_unit: d.competent_unit.clone(),
            agencies_involved: d.agencies_involved.iter().map(AgencyCode::as_str).collect::<Vec<_>>().join(","),
            form_data: json_text(&d.form),
            delivery: json_text(&d.delivery),
            fee_dong: d.fee_dong,
            charges: json_text(&d.charges),
            processing_amount,
            processing_unit: processing_unit.to_owned(),
            status: d.lifecycle.status.as_str().to_owned(),
            step: d.lifecycle.step.as_str().to_owned(),
            supplement_requests: i64::from(d.lifecycle.supplement_requests),
            resume_to: d.lifecycle.resume_to.map(|s| s.as_str().to_owned()),
            submitted_at: instant(d.submitted_at),
            received_at: when(d.received_at),
            due_at: when(d.due_at),
            paused_at: when(d.paused_at),
            step_started_at: instant(d.step_started_at),
            step_due_at: when(d.step_due_at),
            resolved_at: when(d.resolved_at),
            returned_at: when(d.returned_at),
            result_document: d.result_document.clone(),
            tracking_number: d.tracking_number.clone(),
            paid_online: flag(d.paid_online),
            late: flag(d.late),
            event_count: d.event_count,
            last_hash: d.last_hash.clone(),
            updated_at: instant(d.updated_at),
        }
    }
}

/// A value as the JSON text its column holds. Plain data structures always serialise.
fn json_text<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

impl TryFrom<DossierRow> for Dossier {
    type Error = StoreError;

    fn try_from(r: DossierRow) -> StoreResult<Dossier> {
        fn field(what: &'static str) -> impl Fn(DomainError) -> StoreError {
            move |e| corrupt(what, e)
        }
        let when = |t: Option<String>| parse_optional_instant(t.as_deref());
        let unit = TimeUnit::parse(&r.processing_unit).map_err(field("processing unit"))?;
        let processing = (unit != TimeUnit::Other && r.processing_amount > 0.0)
            .then_some(ProcessingTime { amount: r.processing_amount, unit });
        let agencies_involved = r
            .agencies_involved
            .split(',')
            .filter(|a| !a.is_empty())
            .map(AgencyCode::parse)
            .collect::<Result<Vec<_>, _>>()
            .map_err(field("agencies involved"))?;
        Ok(Dossier {
            code: r.code.as_deref().map(DossierCode::parse).transpose().map_err(field("dossier code"))?,
            procedure_code: r.procedure_code,
            procedure_version: r.procedure_version,
            case_code: r.case_code,
            applicant: Applicant::parse(&r.applicant_id),
            contact: Contact {
                personal_id: r.applicant_personal_id,
                name: r.applicant_name,
                phone: r.applicant_phone,
                email: r.applicant_email,
                address: r.applicant_address,
            },
            submitter_kind: SubmitterKind::parse(&r.submitter_kind).map_err(field("submitter kind"))?,
            submitter_account: r.submitter_account,
            channel: Channel::parse(&r.channel).map_err(field("channel"))?,
            service_point: r.service_point,
            service_point_unit: r.service_point_unit,
            competent_agency: AgencyCode::parse(&r.competent_agency).map_err(field("competent agency"))?,
            competent_unit: r.competent_unit,
            agencies_involved,
            form: serde_json::from_str(&r.form_data).map_err(|e| corrupt("form data", e))?,
            delivery: serde_json::from_str(&r.delivery).map_err(|e| corrupt("delivery", e))?,
            fee_dong: r.fee_dong,
            charges: serde_json::from_str(&r.charges).map_err(|e| corrupt("charges", e))?,
            processing,
            lifecycle: Lifecycle {
                status: Status::parse(&r.status).map_err(field("status"))?,
                step: Step::parse(&r.step).map_err(field("step"))?,
                supplement_requests: u32::try_from(r.supplement_requests).map_err(|e| corrupt("supplements", e))?,
                resume_to: r.resume_to.as_deref().map(Status::parse).transpose().map_err(field("resume to"))?,
            },
            submitted_at: parse_instant(&r.submitted_at)?,
            received_at: when(r.received_at)?,
            due_at: when(r.due_at)?,
            paused_at: when(r.paused_at)?,
            step_started_at: parse_instant(&r.step_started_at)?,
            step_due_at: when(r.step_due_at)?,
            resolved_at: when(r.resolved_at)?,
            returned_at: when(r.returned_at)?,
            result_document: r.result_document,
            tracking_number: r.tracking_number,
            paid_online: r.paid_online != 0,
            late: r.late != 0,
            event_count: r.event_count,
            last_hash: r.last_hash,
            updated_at: parse_instant(&r.updated_at)?,
            province_code: r.province_code,
            id: r.id,
        })
    }
}

/// Reads a dossier from a result row that selected its columns.
pub(crate) fn read_dossier(row: &AnyRow) -> StoreResult<Dossier> {
    Dossier::try_from(row::read::<DossierRow>(row)?)
}

/// One event's row, column by column.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct EventRow {
    pub(crate) province_code: String,
    pub(crate) record: EventRecord,
    pub(crate) hash: String,
}

impl Row for EventRow {
    fn columns(&mut self, c: &mut dyn Columns) {
        let r = &mut self.record;
        c.text("province_code", &mut self.province_code);
        c.text("dossier_id", &mut r.dossier_id);
        c.int("sequence", &mut r.sequence);
        c.text("at", &mut r.at);
        c.text("actor", &mut r.actor);
        c.text("role", &mut r.role);
        c.text("service_point", &mut r.service_point);
        c.text("action", &mut r.action);
        c.text("from_status", &mut r.from_status);
        c.text("to_status", &mut r.to_status);
        c.text("from_step", &mut r.from_step);
        c.text("to_step", &mut r.to_step);
        c.text("handed_to", &mut r.handed_to);
        c.text("timeliness", &mut r.timeliness);
        c.text("note", &mut r.note);
        c.text("data", &mut r.data);
        c.text("hash", &mut self.hash);
    }
}

impl EventRow {
    pub(crate) fn of(province_code: &str, event: &Event, hash: &str) -> EventRow {
        EventRow { province_code: province_code.to_owned(), record: event.record(), hash: hash.to_owned() }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A dossier row whose every field differs from its default, for the
    /// round trips of the rows holding one.
    pub(crate) fn every_field_set() -> DossierRow {
        let text = |n: &str| n.to_owned();
        let some = |n: &str| Some(n.to_owned());
        DossierRow {
            province_code: text("a"),
            id: text("b"),
            code: some("c"),
            procedure_code: text("d"),
            procedure_version: 1,
            case_code: text("e"),
            applicant_id: text("f"),
            applicant_personal_id: text("g"),
            applicant_name: text("h"),
            applicant_phone: text("i"),
            applicant_email: text("j"),
            applicant_address: text("k"),
            submitter_kind: text("l"),
            submitter_account: text("m"),
            channel: text("n"),
            service_point: text("o"),
            service_point_unit: text("p"),
            competent_agency: text("q"),
            competent_unit: text("r"),
            agencies_involved: text("s"),
            form_data: text("t"),
            delivery: text("u"),
            fee_dong: 2,
            charges: text("charges"),
            processing_amount: 3.5,
            processing_unit: text("v"),
            status: text("w"),
            step: text("x"),
            supplement_requests: 4,
            resume_to: some("y"),
            submitted_at: text("z"),
            received_at: some("aa"),
            due_at: some("ab"),
            paused_at: some("ac"),
            step_started_at: text("ad"),
            step_due_at: some("ae"),
            resolved_at: some("af"),
            returned_at: some("ag"),
            result_document: some("ah"),
            tracking_number: some("ai"),
            paid_online: 5,
            late: 6,
            event_count: 7,
            last_hash: text("aj"),
            updated_at: text("ak"),
        }
    }

    #[test]
    fn every_field_of_a_dossier_row_has_its_column() {
        row::tests::round_trips(&every_field_set());
    }

    #[test]
    fn every_field_of_an_event_row_has_its_column() {
        let record = EventRecord {
            sequence: 3,
            dossier_id: "a".into(),
            at: "b".into(),
            actor: "c".into(),
            role: "d".into(),
            service_point: "e".into(),
            action: "f".into(),
            from_status: "g".into(),
            to_status: "h".into(),
            from_step: "i".into(),
            to_step: "j".into(),
            handed_to: "k".into(),
            timeliness: "l".into(),
            note: "m".into(),
            data: "n".into(),
        };
        row::tests::round_trips(&EventRow { province_code: "o".into(), record, hash: "p".into() });
    }
}
