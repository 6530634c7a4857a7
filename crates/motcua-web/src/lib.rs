//! HTTP for motcua: the JSON API under `/api/v1`, the health check, and the
//! one place where errors become responses ([`problem`]).
//!
//! Handlers parse the request, call one use case of [`motcua_app::App`] and
//! shape its answer; they hold no business rule and no SQL.

mod api;
mod assets;
pub mod auth;
mod export;
pub mod i18n;
mod json;
mod openapi;
mod pages;
pub mod problem;
mod security;
mod stylesheet;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::{get, post};
use motcua_app::App;

/// The largest upload accepted: the file store's limit, with room for nothing else.
const UPLOAD_LIMIT: usize = motcua_app::files::DEFAULT_MAX_SIZE as usize + 1;

/// The largest page form with files: a few documents at once.
const PAGE_UPLOAD_LIMIT: usize = 4 * UPLOAD_LIMIT;

/// Percent-encodes text for a URL query value or an RFC 8187 header
/// parameter (`filename*=UTF-8''…`): only letters, digits, `-`, `_` and `.`
/// stay as they are.
pub(crate) fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// Switches that change which routes exist and how the site meets the network.
#[derive(Debug, Clone, Default)]
pub struct WebOptions {
    /// Mount `/bench/trivial` and `/bench/insert`, which `cargo xtask bench` measures.
    pub bench_endpoints: bool,
    /// The site is served over HTTPS: every cookie is marked `Secure`.
    pub secure_cookies: bool,
    /// Reverse proxies whose `X-Forwarded-For` names the client; from anyone
    /// else the header is ignored and the socket's address is the client's.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

/// The state every handler receives.
#[derive(Debug, Clone)]
pub(crate) struct AppState {
    pub app: App,
    pub web: std::sync::Arc<WebOptions>,
    /// The content security policy, which names the payment gateway's page
    /// among the places a form may lead to.
    pub csp: axum::http::HeaderValue,
}

/// The whole HTTP surface.
pub fn router(app: App, options: WebOptions) -> Router {
    let bench_endpoints = options.bench_endpoints;
    let csp = security::content_security_policy(app.gateway().map(|g| g.origin()).as_deref());
    let state = AppState { app, web: std::sync::Arc::new(options), csp };
    let mut router = Router::new()
        .route("/", get(pages::home))
        .route("/static/{file}", get(assets::serve))
        .route("/thu-tuc", get(pages::catalogue))
        .route("/thu-tuc/{code}", get(pages::procedure))
        .route("/tra-cuu", get(pages::lookup).post(pages::lookup_posted))
        .route("/dang-ky", get(pages::register_form).post(pages::register))
        .route("/dang-nhap", get(pages::sign_in_form).post(pages::sign_in))
        .route("/dang-xuat", post(pages::sign_out))
        .route("/ho-so-cua-toi", get(pages::my_dossiers))
        .route("/ho-so-cua-toi/{code}", get(pages::my_dossier))
        .route("/ho-so-cua-toi/{code}/rut", post(pages::withdraw))
        .route("/ho-so-cua-toi/{code}/thanh-toan", post(pages::pay_online))
        .route("/thanh-toan/thong-bao", get(pages::payment_notification))
        .route("/thanh-toan/ket-qua", get(pages::payment_return))
        .route("/ho-so-cua-toi/{code}/bien-nhan", get(pages::receipt))
        .route("/ho-so-cua-toi/{code}/danh-gia", post(pages::rate))
        .route("/ho-so-cua-toi/{code}/bo-sung", post(pages::supplement).layer(DefaultBodyLimit::max(PAGE_UPLOAD_LIMIT)))
        .route("/quen-mat-khau", get(pages::forgot_form).post(pages::forgot))
        .route("/dat-lai-mat-khau/{token}", get(pages::reset_form).post(pages::reset))
        .route("/nop-ho-so", post(pages::start_submission))
        .route(
            "/nop-ho-so/{draft}",
            get(pages::submission_step).post(pages::save_step).layer(DefaultBodyLimit::max(PAGE_UPLOAD_LIMIT)),
        )
        .route("/nop-ho-so/{draft}/xoa", post(pages::discard))
        .route("/quan-tri", get(pages::admin_officers))
        .route("/quan-tri/can-bo", post(pages::admin_create_officer))
        .route("/quan-tri/co-quan", get(pages::admin_agencies).post(pages::admin_save_agency))
        .route("/quan-tri/can-bo/phan-cong", post(pages::admin_assign_officer))
        .route("/quan-tri/diem-tiep-nhan", get(pages::admin_points).post(pages::admin_save_point))
        .route("/quan-tri/lich", get(pages::admin_calendar).post(pages::admin_set_day))
        .route("/quan-tri/lich/xoa", post(pages::admin_remove_day))
        .route("/quan-tri/thu-tuc", get(pages::admin_settings).post(pages::admin_save_setting))
        .route("/quan-tri/chi-so", get(pages::admin_index766).post(pages::admin_save_index766_weight))
        .route("/quan-tri/doi-soat", get(pages::admin_reconciliation))
        .route("/quan-tri/doi-soat.csv", get(pages::reconciliation_csv))
        .route("/quan-tri/doi-soat.xlsx", get(pages::reconciliation_xlsx))
        .route("/quan-tri/doi-soat/sao-ke", post(pages::import_statement))
        .route("/can-bo", get(pages::desk_worklist))
        .route("/can-bo/dang-nhap", get(pages::desk_sign_in_form).post(pages::desk_sign_in))
        .route(
            "/can-bo/tiep-nhan",
            get(pages::desk_reception).post(pages::desk_receive).layer(DefaultBodyLimit::max(PAGE_UPLOAD_LIMIT)),
        )
        .route("/can-bo/ho-so/{code}", get(pages::desk_dossier))
        .route("/can-bo/ho-so/{code}/phieu/{number}", get(pages::dossier_form))
        .route("/can-bo/so-theo-doi", get(pages::tracking_book))
        .route("/can-bo/xac-thuc-tai-khoan", get(pages::desk_verify_account_form).post(pages::desk_verify_account))
        .route("/ho-so-cua-toi/{code}/bien-nhan.pdf", get(pages::my_receipt))
        .route("/ho-so-cua-toi/{code}/bien-lai/{file}", get(pages::my_payment_receipt))
        .route("/bien-lai/{number}", get(pages::check_receipt))
        .route("/can-bo/ho-so/{code}/xu-ly", post(pages::desk_act).layer(DefaultBodyLimit::max(PAGE_UPLOAD_LIMIT)))
        .route("/chi-so", get(pages::transparency))
        .route("/chi-so.csv", get(pages::transparency_csv))
        .route("/chi-so.xlsx", get(pages::transparency_xlsx))
        .route("/can-bo/chi-so", get(pages::indicators_dashboard))
        .route("/can-bo/chi-so.csv", get(pages::indicators_dashboard_csv))
        .route("/can-bo/chi-so.xlsx", get(pages::indicators_dashboard_xlsx))
        .route("/can-bo/chi-so/ho-so", get(pages::indicators_behind))
        .route("/api/v1/indicators", get(api::indicators::figures))
        .route("/api/v1/indicators/dossiers", get(api::indicators::dossiers_behind))
        .route("/api/v1/index766", get(api::indicators::index766))
        .route("/healthz", get(api::health::healthz))
        .route("/api/v1/openapi.json", get(openapi::document))
        .route("/api/v1/units/provinces", get(api::units::provinces))
        .route("/api/v1/units/provinces/{code}/communes", get(api::units::communes))
        .route("/api/v1/units/provinces/{code}/agencies", get(api::organisation::agencies))
        .route("/api/v1/units/provinces/{code}/service-points", get(api::organisation::service_points))
        .route("/api/v1/procedures", get(api::catalogue::search))
        .route("/api/v1/procedures/{code}", get(api::catalogue::procedure))
        .route("/api/v1/calendar/due", get(api::calendar::due))
        .route("/api/v1/calendar/{year}", get(api::calendar::year))
        .route("/api/v1/citizens", post(api::accounts::register))
        .route("/api/v1/sessions", post(api::accounts::sign_in).delete(api::accounts::sign_out))
        .route("/api/v1/me", get(api::accounts::me))
        .route("/api/v1/me/account", get(api::accounts::my_account))
        .route("/api/v1/account-verifications", post(api::accounts::verify_at_counter))
        .route("/api/v1/dossiers", post(api::dossiers::submit).get(api::dossiers::list))
        .route("/api/v1/dossiers/{code}", get(api::dossiers::get))
        .route("/api/v1/dossiers/{code}/actions", post(api::dossiers::act))
        .route("/api/v1/dossiers/{code}/control-slip", get(api::dossiers::control_slip))
        .route("/api/v1/tracking-book", get(api::dossiers::tracking_book))
        .route("/api/v1/lookup/{code}", get(api::dossiers::lookup))
        .route(
            "/api/v1/documents",
            post(api::documents::upload).get(api::documents::list).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/api/v1/documents/{sha256}", get(api::documents::download));
    if bench_endpoints {
        router =
            router.route("/bench/trivial", get(api::bench::trivial)).route("/bench/insert", post(api::bench::insert));
    }
    router
        .fallback(api::not_found)
        .layer(middleware::from_fn(problem::localise_problems))
        .layer(middleware::from_fn_with_state(state.clone(), security::security_headers))
        .with_state(state)
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_is_percent_encoded_byte_by_byte() {
        assert_eq!(super::percent_encode("Tờ khai.pdf"), "T%E1%BB%9D%20khai.pdf");
        assert_eq!(super::percent_encode("đăng ký"), "%C4%91%C4%83ng%20k%C3%BD");
    }
}
