//! Server-rendered pages: the public's (`public`), the citizen's (`account`,
//! `my_dossiers`, `password`, `submit`), the officers' (`desk`, `verify`,
//! `slips`, `indicators`) and the administration's (`admin`), in the frame of
//! `layout`, with the form pieces of `form`. They work without JavaScript,
//! are light, and are laid out right to left in Arabic with codes, dates and
//! numbers kept left to right. Handlers call the same use cases as the API.
//! This module keeps the small pieces every page uses.

mod account;
mod admin;
mod admin_settings;
mod dashboard;
mod desk;
mod form;
mod guard;
mod indicators;
mod layout;
mod my_dossiers;
mod password;
mod payments;
mod public;
mod reception;
mod reconciliation;
mod slips;
mod submit;
mod verify;

pub(crate) use account::{register, register_form, sign_in, sign_in_form, sign_out};
pub(crate) use admin::{
    assign_officer as admin_assign_officer, calendar as admin_calendar, create_officer as admin_create_officer,
    officers as admin_officers, points as admin_points, remove_day as admin_remove_day, save_point as admin_save_point,
    set_day as admin_set_day,
};
pub(crate) use admin_settings::{
    agencies as admin_agencies, index766 as admin_index766, save_agency as admin_save_agency,
    save_index766_weight as admin_save_index766_weight, save_setting as admin_save_setting, settings as admin_settings,
};
pub(crate) use dashboard::{
    behind as indicators_behind, dashboard as indicators_dashboard, dashboard_csv as indicators_dashboard_csv,
    dashboard_xlsx as indicators_dashboard_xlsx,
};
pub(crate) use desk::{
    act as desk_act, dossier as desk_dossier, sign_in as desk_sign_in, sign_in_form as desk_sign_in_form,
    worklist as desk_worklist,
};
pub(crate) use indicators::{transparency, transparency_csv, transparency_xlsx};
pub(crate) use layout::PageLocale;
pub(crate) use my_dossiers::{my_dossier, my_dossiers, rate, supplement, withdraw};
pub(crate) use password::{forgot, forgot_form, reset, reset_form};
pub(crate) use payments::{check_receipt, pay_online, payment_notification, payment_return};
pub(crate) use public::{catalogue, home, lookup, lookup_posted, procedure};
pub(crate) use reception::{receive as desk_receive, reception_form as desk_reception};
pub(crate) use reconciliation::{
    import_statement, reconciliation as admin_reconciliation, reconciliation_csv, reconciliation_xlsx,
};
pub(crate) use slips::{dossier_form, my_payment_receipt, my_receipt, tracking_book};
pub(crate) use submit::{discard, receipt, save as save_step, start as start_submission, step as submission_step};
pub(crate) use verify::{verify as desk_verify_account, verify_form as desk_verify_account_form};

use chrono::{DateTime, Utc};
use maud::{Markup, html};
use motcua_domain::clock::to_vietnam_time;

use layout::{frame, layout};

/// A reference as people read it out: a dossier code as it is, a random
/// reference in groups of four.
pub(super) fn readable(reference: &str, is_code: bool) -> String {
    if is_code {
        return reference.to_owned();
    }
    let chars: Vec<char> = reference.chars().collect();
    chars.chunks(4).map(|group| group.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
}

/// A wide table that scrolls on its own on a narrow screen, instead of the
/// page: a labelled region that the keyboard can reach and scroll.
fn scrolling(label: &str, table: Markup) -> Markup {
    html! { div.scroll role="region" aria-label=(label) tabindex="0" { (table) } }
}

/// Text that must read left to right even inside Arabic: codes, dates, numbers.
fn ltr(text: &str) -> Markup {
    html! { bdi dir="ltr" { (text) } }
}

/// Catalogue text, which is in Vietnamese whatever the page's language: marked
/// so that screen readers pronounce it as Vietnamese and it keeps its own
/// direction inside an Arabic page.
fn vi(text: &str) -> Markup {
    html! { bdi lang="vi" dir="ltr" { (text) } }
}

fn date(instant: DateTime<Utc>) -> String {
    to_vietnam_time(instant).format("%d/%m/%Y %H:%M").to_string()
}

/// An amount of đồng with its thousands grouped by dots, as Vietnamese writes it.
pub(super) fn group_digits(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if amount < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    #[test]
    fn amounts_are_grouped_by_thousands() {
        assert_eq!(super::group_digits(1_500_000), "1.500.000");
        assert_eq!(super::group_digits(100), "100");
    }
}
