//! The one place where errors become HTTP responses.
//!
//! A handler's error turns into a status plus a [`Problem`] stored in the
//! response's extensions, with no text yet. The [`localise_problems`]
//! middleware, which knows the request's language, writes it out as
//! `application/problem+json` (RFC 9457). Error responses produced by the
//! framework itself (an unknown route, a malformed path) are rewritten the
//! same way, so every error a client sees has one shape. A 5xx body says
//! nothing internal; the cause goes to the log.

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use motcua_app::AppError;
use motcua_domain::DomainError;
use serde_json::json;

use crate::i18n::{self, Locale, ltr};

/// What went wrong, as data; rendered in the request's language.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    NotFound {
        what: String,
        key: String,
    },
    InvalidValue {
        field: String,
        reason: String,
    },
    YearOutOfRange {
        year: i32,
        first: i32,
        last: i32,
    },
    TransitionNotAllowed {
        status: String,
        action: String,
    },
    Unauthenticated,
    WrongCredentials,
    TooManyAttempts {
        seconds: i64,
    },
    Forbidden {
        role: String,
        action: String,
    },
    Conflict,
    /// A page form without this session's form token: stale, or forged by another site.
    StaleForm,
    AlreadyRegistered,
    IdempotencyKeyReused,
    /// An upload refused: `reason` is `empty`, `too_large`, `quota` (with
    /// the quota in MiB) or the key of a [`motcua_app::files::Refusal`].
    FileRefused {
        reason: &'static str,
        quota_mib: u64,
    },
    /// A form (multipart or URL-encoded) sent where the file itself is expected.
    UploadNotRaw,
    /// The request body is not the JSON expected; `detail` is the parser's own words.
    BadBody {
        detail: String,
    },
    BadRequest,
    MethodNotAllowed,
    Unavailable,
    Internal,
}

/// An error a handler returns.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    problem: Problem,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, problem: Problem) -> ApiError {
        ApiError { status, problem }
    }

    pub fn invalid(field: &str, reason: &str) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            problem: Problem::InvalidValue { field: field.to_owned(), reason: reason.to_owned() },
        }
    }

    pub fn unavailable() -> ApiError {
        ApiError { status: StatusCode::SERVICE_UNAVAILABLE, problem: Problem::Unavailable }
    }
}

impl From<DomainError> for ApiError {
    fn from(error: DomainError) -> ApiError {
        let problem = match error {
            DomainError::InvalidValue { field, reason } => Problem::InvalidValue { field: field.to_owned(), reason },
            DomainError::YearOutOfRange { year, first, last } => Problem::YearOutOfRange { year, first, last },
            DomainError::UnknownTimeUnit(_) => Problem::InvalidValue {
                field: "unit".to_owned(),
                reason: "expected WORKING_DAY, DAY, HOUR, MONTH or SAME_DAY".to_owned(),
            },
            DomainError::TransitionNotAllowed { status, action } => {
                let problem = Problem::TransitionNotAllowed { status: status.to_owned(), action: action.to_owned() };
                return ApiError { status: StatusCode::CONFLICT, problem };
            }
            DomainError::NoWorkingTime => {
                tracing::error!("the working calendar has no working time");
                return ApiError { status: StatusCode::INTERNAL_SERVER_ERROR, problem: Problem::Internal };
            }
        };
        ApiError { status: StatusCode::BAD_REQUEST, problem }
    }
}

impl From<AppError> for ApiError {
    fn from(error: AppError) -> ApiError {
        match error {
            AppError::Domain(error) => error.into(),
            AppError::NotFound { what, key } => {
                ApiError { status: StatusCode::NOT_FOUND, problem: Problem::NotFound { what: what.to_owned(), key } }
            }
            AppError::Unauthenticated => {
                ApiError { status: StatusCode::UNAUTHORIZED, problem: Problem::Unauthenticated }
            }
            AppError::TooManyAttempts { seconds } => {
                ApiError { status: StatusCode::TOO_MANY_REQUESTS, problem: Problem::TooManyAttempts { seconds } }
            }
            AppError::WrongCredentials => {
                ApiError { status: StatusCode::UNAUTHORIZED, problem: Problem::WrongCredentials }
            }
            AppError::Forbidden { role, action } => ApiError {
                status: StatusCode::FORBIDDEN,
                problem: Problem::Forbidden { role: role.to_owned(), action: action.to_owned() },
            },
            AppError::Conflict => ApiError { status: StatusCode::CONFLICT, problem: Problem::Conflict },
            AppError::AlreadyRegistered => {
                ApiError { status: StatusCode::CONFLICT, problem: Problem::AlreadyRegistered }
            }
            AppError::IdempotencyKeyReused => {
                ApiError { status: StatusCode::UNPROCESSABLE_ENTITY, problem: Problem::IdempotencyKeyReused }
            }
            AppError::File(error) => {
                use motcua_app::files::FileError;
                let mut quota_mib = 0;
                let (status, reason) = match error {
                    FileError::Empty => (StatusCode::UNPROCESSABLE_ENTITY, "empty"),
                    FileError::Refused(refusal) => (StatusCode::UNPROCESSABLE_ENTITY, refusal.key()),
                    FileError::TooLarge { .. } => (StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
                    FileError::QuotaExceeded { quota } => {
                        quota_mib = quota / (1024 * 1024);
                        (StatusCode::UNPROCESSABLE_ENTITY, "quota")
                    }
                    FileError::BadHash | FileError::NotFound => {
                        return ApiError {
                            status: StatusCode::NOT_FOUND,
                            problem: Problem::NotFound { what: "document".to_owned(), key: String::new() },
                        };
                    }
                    FileError::Io(error) => {
                        tracing::error!(%error, "file store failure");
                        return ApiError { status: StatusCode::INTERNAL_SERVER_ERROR, problem: Problem::Internal };
                    }
                };
                ApiError { status, problem: Problem::FileRefused { reason, quota_mib } }
            }
            AppError::Import { line, reason } => ApiError::invalid("file", &format!("line {line}: {reason}")),
            AppError::Internal(error) => {
                tracing::error!(%error, "internal failure");
                ApiError { status: StatusCode::INTERNAL_SERVER_ERROR, problem: Problem::Internal }
            }
            AppError::Store(error) => {
                tracing::error!(%error, "store failure");
                ApiError { status: StatusCode::INTERNAL_SERVER_ERROR, problem: Problem::Internal }
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        response.extensions_mut().insert(self.problem);
        response
    }
}

impl Problem {
    /// The problem a bare framework error status stands for.
    fn for_status(status: StatusCode) -> Problem {
        match status {
            StatusCode::NOT_FOUND => Problem::NotFound { what: "page".to_owned(), key: String::new() },
            StatusCode::METHOD_NOT_ALLOWED => Problem::MethodNotAllowed,
            StatusCode::SERVICE_UNAVAILABLE => Problem::Unavailable,
            s if s.is_server_error() => Problem::Internal,
            _ => Problem::BadRequest,
        }
    }

    fn slug(&self) -> &'static str {
        match self {
            Problem::NotFound { .. } => "not-found",
            Problem::InvalidValue { .. } => "invalid-value",
            Problem::YearOutOfRange { .. } => "year-out-of-range",
            Problem::TransitionNotAllowed { .. } => "transition-not-allowed",
            Problem::Unauthenticated => "unauthenticated",
            Problem::WrongCredentials => "wrong-credentials",
            Problem::TooManyAttempts { .. } => "too-many-attempts",
            Problem::Forbidden { .. } => "forbidden",
            Problem::Conflict => "conflict",
            Problem::StaleForm => "stale-form",
            Problem::AlreadyRegistered => "already-registered",
            Problem::IdempotencyKeyReused => "idempotency-key-reused",
            Problem::FileRefused { .. } => "file-refused",
            Problem::UploadNotRaw => "upload-not-raw",
            Problem::BadBody { .. } => "bad-body",
            Problem::BadRequest => "bad-request",
            Problem::MethodNotAllowed => "method-not-allowed",
            Problem::Unavailable => "unavailable",
            Problem::Internal => "internal",
        }
    }

    /// Title and detail in `locale`.
    fn text(&self, locale: Locale) -> (String, String) {
        let l = locale;
        match self {
            Problem::NotFound { what, key } if key.is_empty() && what == "document" => (
                l.pick("Không tìm thấy", "Not found", "غير موجود").to_owned(),
                l.pick("Không tìm thấy tài liệu này.", "No such document was found.", "لم يتم العثور على هذا المستند.")
                    .to_owned(),
            ),
            Problem::NotFound { key, .. } if key.is_empty() => (
                l.pick("Không tìm thấy", "Not found", "غير موجود").to_owned(),
                l.pick("Không có trang này.", "There is no such page.", "هذه الصفحة غير موجودة.").to_owned(),
            ),
            Problem::NotFound { what, key } => {
                let thing = i18n::thing(l, what);
                let key = ltr(l, key);
                let detail = match l {
                    Locale::Vi => format!("Không tìm thấy {thing} {key}."),
                    Locale::En => format!("No {thing} {key} was found."),
                    Locale::Ar => format!("لم يتم العثور على {thing} {key}."),
                };
                (l.pick("Không tìm thấy", "Not found", "غير موجود").to_owned(), detail)
            }
            Problem::InvalidValue { field, reason } => {
                let name = i18n::field(l, field);
                let reason = i18n::reason(l, reason);
                let detail = match l {
                    Locale::Vi => format!("Giá trị “{name}” chưa đúng: {reason}."),
                    Locale::En => format!("The {name} is not valid: {reason}."),
                    Locale::Ar => format!("قيمة «{name}» غير صالحة: {reason}."),
                };
                (l.pick("Dữ liệu chưa hợp lệ", "Invalid input", "إدخال غير صالح").to_owned(), detail)
            }
            Problem::YearOutOfRange { year, first, last } => {
                let (year, first, last) =
                    (ltr(l, &year.to_string()), ltr(l, &first.to_string()), ltr(l, &last.to_string()));
                let detail = match l {
                    Locale::Vi => format!("Năm {year} nằm ngoài khoảng {first}–{last} mà lịch hỗ trợ."),
                    Locale::En => format!("Year {year} is outside the supported range {first}–{last}."),
                    Locale::Ar => format!("السنة {year} خارج النطاق المدعوم {first}–{last}."),
                };
                (l.pick("Năm không được hỗ trợ", "Year not supported", "سنة غير مدعومة").to_owned(), detail)
            }
            Problem::TransitionNotAllowed { status, action } => {
                let (status, action) = (i18n::status(l, status), i18n::action(l, action));
                let detail = match l {
                    Locale::Vi => {
                        format!("Không thể {action} khi hồ sơ đang ở trạng thái “{status}”. Hồ sơ không thay đổi.")
                    }
                    Locale::En => format!("A dossier that is “{status}” cannot be {action}. Nothing was changed."),
                    Locale::Ar => format!("لا يمكن تنفيذ «{action}» على ملف حالته «{status}». لم يتغير شيء."),
                };
                (l.pick("Thao tác không hợp lệ", "Action not allowed", "إجراء غير مسموح").to_owned(), detail)
            }
            Problem::Unauthenticated => (
                l.pick("Cần đăng nhập", "Sign-in required", "يلزم تسجيل الدخول").to_owned(),
                l.pick(
                    "Xin đăng nhập để tiếp tục; phiên làm việc có thể đã hết hạn.",
                    "Please sign in to continue; your session may have expired.",
                    "يرجى تسجيل الدخول للمتابعة؛ ربما انتهت الجلسة.",
                )
                .to_owned(),
            ),
            Problem::TooManyAttempts { seconds } => (
                l.pick("Xin chờ một chút", "Please wait a moment", "يرجى الانتظار قليلًا").to_owned(),
                too_many_attempts(l, *seconds),
            ),
            Problem::WrongCredentials => (
                l.pick("Đăng nhập không thành công", "Sign-in failed", "فشل تسجيل الدخول").to_owned(),
                l.pick(
                    "Số định danh (hoặc tên đăng nhập) hoặc mật khẩu chưa đúng.",
                    "The identification number (or username) or the password is wrong.",
                    "رقم الهوية (أو اسم المستخدم) أو كلمة المرور غير صحيحة.",
                )
                .to_owned(),
            ),
            Problem::Forbidden { role, action } => {
                let action = i18n::action(l, action);
                let detail = match l {
                    Locale::Vi => format!("Vai trò của bạn ({role}) không được {action} hồ sơ này."),
                    Locale::En => format!("Your role ({role}) may not do this: {action}."),
                    Locale::Ar => format!("دورك ({role}) لا يسمح بهذا الإجراء: {action}."),
                };
                (l.pick("Không có quyền", "Not permitted", "غير مسموح").to_owned(), detail)
            }
            Problem::Conflict => (
                l.pick("Hồ sơ vừa thay đổi", "The dossier just changed", "تغيّر الملف للتو").to_owned(),
                l.pick(
                    "Hồ sơ vừa được người khác cập nhật. Xin tải lại và thử lại; chưa có gì thay đổi.",
                    "Someone else updated the dossier first. Reload it and try again; nothing was changed.",
                    "قام شخص آخر بتحديث الملف أولاً. أعد التحميل وحاول مرة أخرى؛ لم يتغير شيء.",
                )
                .to_owned(),
            ),
            Problem::StaleForm => (
                l.pick("Biểu mẫu đã cũ", "The form is out of date", "النموذج قديم").to_owned(),
                l.pick(
                    "Biểu mẫu này không còn dùng được (có thể bạn vừa đăng nhập lại). Xin quay lại, tải lại trang và gửi lần nữa; chưa có gì thay đổi.",
                    "This form can no longer be used (perhaps you signed in again). Go back, reload the page and send it again; nothing was changed.",
                    "لم يعد هذا النموذج صالحًا (ربما سجّلت الدخول من جديد). ارجع وأعد تحميل الصفحة وأرسله مرة أخرى؛ لم يتغير شيء.",
                )
                .to_owned(),
            ),
            Problem::AlreadyRegistered => (
                l.pick("Đã đăng ký", "Already registered", "مسجل مسبقًا").to_owned(),
                l.pick(
                    "Số định danh này đã được xác thực cho một tài khoản. Xin đăng nhập, dùng chức năng quên mật khẩu, \
                     hoặc mang thẻ căn cước đến quầy tiếp nhận.",
                    "This identification number is already verified for an account. Sign in, reset the password, \
                     or bring your identity card to a service counter.",
                    "رقم الهوية هذا موثَّق بالفعل لحساب. سجّل الدخول أو أعد تعيين كلمة المرور أو أحضر بطاقة هويتك إلى شباك الخدمة.",
                )
                .to_owned(),
            ),
            Problem::IdempotencyKeyReused => (
                l.pick("Khóa chống trùng đã dùng", "Idempotency key already used", "مفتاح منع التكرار مستخدم")
                    .to_owned(),
                l.pick(
                    "Idempotency-Key này đã dùng cho một yêu cầu khác; mỗi hồ sơ mới cần một khóa mới.",
                    "This Idempotency-Key was used for a different request; each new dossier needs a new key.",
                    "استُخدم مفتاح Idempotency-Key هذا لطلب مختلف؛ كل ملف جديد يحتاج مفتاحًا جديدًا.",
                )
                .to_owned(),
            ),
            Problem::FileRefused { reason, quota_mib } => (
                l.pick("Tệp không được nhận", "File refused", "تم رفض الملف").to_owned(),
                file_refusal(l, reason, *quota_mib),
            ),
            Problem::BadBody { detail } => {
                let lead = l.pick(
                    "Nội dung gửi lên chưa đúng định dạng JSON mong đợi",
                    "The request body is not the JSON expected",
                    "محتوى الطلب ليس بصيغة JSON المتوقعة",
                );
                (
                    l.pick("Yêu cầu chưa đúng", "Bad request", "طلب غير صالح").to_owned(),
                    format!("{lead}: {}", ltr(l, detail)),
                )
            }
            Problem::BadRequest => (
                l.pick("Yêu cầu chưa đúng", "Bad request", "طلب غير صالح").to_owned(),
                l.pick(
                    "Địa chỉ hoặc tham số của yêu cầu chưa đúng định dạng.",
                    "The address or parameters of the request are malformed.",
                    "عنوان الطلب أو معاملاته بصيغة غير صحيحة.",
                )
                .to_owned(),
            ),
            Problem::UploadNotRaw => {
                let example = ltr(l, "curl --data-binary @scan.pdf \"…/api/v1/documents?name=scan.pdf\"");
                let detail = match l {
                    Locale::Vi => format!(
                        "Địa chỉ này nhận chính nội dung tệp làm thân yêu cầu, không nhận biểu mẫu multipart: gửi các byte của tệp với Content-Type là loại của tệp (hoặc application/octet-stream) và đặt tên tệp ở tham số ?name=, ví dụ {example}."
                    ),
                    Locale::En => format!(
                        "This endpoint takes the file's bytes as the request body, not a multipart form: send the bytes with the file's Content-Type (or application/octet-stream) and give its name as ?name=, for example {example}."
                    ),
                    Locale::Ar => format!(
                        "تستقبل نقطة النهاية هذه بايتات الملف نفسها كجسم الطلب، لا نموذج multipart: أرسل البايتات بنوع Content-Type الخاص بالملف (أو application/octet-stream) وضع اسمه في المعامل ?name=، مثلًا {example}."
                    ),
                };
                (l.pick("Cần gửi chính tệp", "The file itself is expected", "المطلوب الملف نفسه").to_owned(), detail)
            }
            Problem::MethodNotAllowed => (
                l.pick("Phương thức không được phép", "Method not allowed", "الطريقة غير مسموح بها").to_owned(),
                l.pick(
                    "Địa chỉ này không nhận phương thức đó.",
                    "This address does not accept that method.",
                    "هذا العنوان لا يقبل هذه الطريقة.",
                )
                .to_owned(),
            ),
            Problem::Unavailable => (
                l.pick("Tạm thời gián đoạn", "Temporarily unavailable", "غير متاح مؤقتًا").to_owned(),
                l.pick(
                    "Hệ thống đang tạm thời gián đoạn, xin thử lại sau ít phút.",
                    "The service is temporarily unavailable; please try again in a few minutes.",
                    "الخدمة غير متاحة مؤقتًا، يرجى المحاولة بعد بضع دقائق.",
                )
                .to_owned(),
            ),
            Problem::Internal => (
                l.pick("Lỗi hệ thống", "Server error", "خطأ في الخادم").to_owned(),
                l.pick(
                    "Đã có lỗi ở phía hệ thống. Dữ liệu của bạn không bị thay đổi; xin thử lại sau.",
                    "Something went wrong on our side. Nothing was changed; please try again later.",
                    "حدث خطأ من جهتنا. لم يتغير شيء؛ يرجى المحاولة لاحقًا.",
                )
                .to_owned(),
            ),
        }
    }

    /// The problem document, in `locale`.
    pub fn render(&self, status: StatusCode, locale: Locale) -> Response {
        let (title, detail) = self.text(locale);
        let mut body = json!({
            "type": format!("/problems/{}", self.slug()),
            "title": title,
            "status": status.as_u16(),
            "detail": detail,
            "lang": locale.tag(),
        });
        if let Problem::InvalidValue { field, .. } = self {
            body["field"] = json!(field);
        }
        let mut response = (status, body.to_string()).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        headers.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(locale.tag()));
        response
    }
}

impl Problem {
    /// The problem as a small page, for a person in a browser.
    fn render_page(&self, status: StatusCode, locale: Locale) -> Response {
        let (title, detail) = self.text(locale);
        let home = locale.pick("Về trang chủ", "Back to the home page", "العودة إلى الصفحة الرئيسية");
        let page = maud::html! {
            (maud::DOCTYPE)
            html lang=(locale.tag()) dir=(locale.dir()) {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) }
                    link rel="stylesheet" href=(crate::assets::stylesheet_path());
                }
                body.plain {
                    main { h1 { (title) } p { (detail) } p { a href="/" { (home) } } }
                }
            }
        };
        let mut response = (status, page).into_response();
        response.headers_mut().insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(locale.tag()));
        response
    }
}

/// Renders every error response in the request's language: a problem document
/// for the API, a small page for a browser asking for a page.
pub async fn localise_problems(request: Request, next: Next) -> Response {
    let locale = Locale::negotiate(request.uri().query(), request.headers());
    let wants_page = !request.uri().path().starts_with("/api/")
        && request
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"));
    let mut response = next.run(request).await;
    let status = response.status();
    // Error responses the framework makes come as plain text; a page that
    // answers an error with its own HTML (a form shown again with its
    // mistakes) is left as it is.
    let framework_made = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|kind| kind.starts_with("text/plain"));
    let problem = match response.extensions_mut().remove::<Problem>() {
        Some(problem) => problem,
        None if (status.is_client_error() || status.is_server_error()) && framework_made => Problem::for_status(status),
        None => return response,
    };
    let mut response = if wants_page { problem.render_page(status, locale) } else { problem.render(status, locale) };
    if let Problem::TooManyAttempts { seconds } = problem {
        response.headers_mut().insert(header::RETRY_AFTER, retry_after(seconds));
    }
    response
}

/// A `Retry-After` header of whole seconds.
pub fn retry_after(seconds: i64) -> HeaderValue {
    HeaderValue::from(seconds.max(1))
}

/// What a person is told after too many failed sign-ins: how long to wait,
/// in seconds or, from two minutes on, in whole minutes rounded up.
pub fn too_many_attempts(l: Locale, seconds: i64) -> String {
    let minutes = (seconds + 59) / 60;
    let wait = match (l, seconds < 120) {
        (Locale::Vi, true) => format!("{seconds} giây"),
        (Locale::Vi, false) => format!("{minutes} phút"),
        (Locale::En, true) => format!("{seconds} seconds"),
        (Locale::En, false) => format!("{minutes} minutes"),
        (Locale::Ar, true) => format!("{} ثانية", ltr(l, &seconds.to_string())),
        (Locale::Ar, false) => format!("{} دقيقة", ltr(l, &minutes.to_string())),
    };
    match l {
        Locale::Vi => format!(
            "Đã nhập sai quá nhiều lần từ nơi này. Để bảo vệ tài khoản, xin chờ {wait} rồi thử lại, hoặc dùng chức năng quên mật khẩu."
        ),
        Locale::En => format!(
            "Too many wrong attempts from here. To protect the account, wait {wait} and try again, or reset the password."
        ),
        Locale::Ar => format!(
            "محاولات خاطئة كثيرة من هذا المكان. لحماية الحساب، انتظر {wait} ثم حاول مرة أخرى، أو أعد تعيين كلمة المرور."
        ),
    }
}

/// Why an upload was refused, in the user's language: `reason` as in
/// [`Problem::FileRefused`].
pub(crate) fn file_refusal(l: Locale, reason: &str, quota_mib: u64) -> String {
    let text = match reason {
        "empty" => l.pick("Tệp trống.", "The file is empty.", "الملف فارغ."),
        "too_large" => l.pick(
            "Tệp lớn hơn 20 MB. Xin chụp/quét với độ phân giải thấp hơn hoặc chia nhỏ tệp.",
            "The file is larger than 20 MB. Scan at a lower resolution or split it.",
            "الملف أكبر من 20 ميغابايت. امسحه بدقة أقل أو قسّمه.",
        ),
        "quota" => {
            let quota = ltr(l, &format!("{quota_mib} MB"));
            return match l {
                Locale::Vi => format!(
                    "Kho giấy tờ của bạn sẽ vượt quá {quota}. Xin dùng lại giấy tờ đã có hoặc gửi tệp nhỏ hơn."
                ),
                Locale::En => format!(
                    "Your documents would take more than {quota}. Reuse documents you already have, or send a smaller file."
                ),
                Locale::Ar => format!("ستتجاوز مستنداتك {quota}. أعد استخدام مستندات لديك أو أرسل ملفًا أصغر."),
            };
        }
        "legacy_office" => l.pick(
            "Tệp Word/Excel định dạng cũ (.doc, .xls) có thể chứa macro. Xin lưu lại dạng DOCX, XLSX hoặc PDF.",
            "Old Word and Excel files (.doc, .xls) can carry macros. Save it as DOCX, XLSX or PDF.",
            "قد تحمل ملفات Word وExcel القديمة (.doc و.xls) وحدات ماكرو. احفظه بصيغة DOCX أو XLSX أو PDF.",
        ),
        "damaged" => l.pick(
            "Tệp bị hỏng, bị cắt cụt hoặc không đọc được. Xin xuất hoặc quét lại tệp.",
            "The file is damaged, cut short or unreadable. Export or scan it again.",
            "الملف تالف أو مقطوع أو غير مقروء. صدّره أو امسحه مرة أخرى.",
        ),
        "hidden_content" => l.pick(
            "Tệp có một tệp khác giấu bên trong hoặc nối phía sau.",
            "Another file is hidden inside this file or appended to it.",
            "يوجد ملف آخر مخفي داخل هذا الملف أو ملحق به.",
        ),
        "active_content" => l.pick(
            "Tệp chứa mã chạy được (JavaScript, macro, hành động tự chạy hoặc tệp đính kèm). Xin in ra PDF rồi gửi lại.",
            "The file carries active content (JavaScript, macros, automatic actions or attached files). Print it to PDF and send that.",
            "يحمل الملف محتوى نشطًا (JavaScript أو وحدات ماكرو أو إجراءات تلقائية أو ملفات مرفقة). اطبعه إلى PDF وأرسله.",
        ),
        "encrypted" => l.pick(
            "Tệp có mật khẩu hoặc bị mã hóa. Xin gỡ mật khẩu rồi gửi lại.",
            "The file is password-protected or encrypted. Remove the password and send it again.",
            "الملف محمي بكلمة مرور أو مشفّر. أزل كلمة المرور وأرسله مرة أخرى.",
        ),
        "too_many_pages" => l.pick(
            "Tệp PDF có quá 1000 trang. Xin chia nhỏ tệp.",
            "The PDF has more than 1000 pages. Split it.",
            "يحتوي ملف PDF على أكثر من 1000 صفحة. قسّمه.",
        ),
        "unpacks" => l.pick(
            "Tệp giải nén ra dữ liệu lớn bất thường so với kích thước của nó.",
            "The file unpacks to far more data than its size suggests.",
            "يُفك ضغط الملف إلى بيانات أكبر بكثير مما يوحي به حجمه.",
        ),
        "too_many_pixels" => l.pick(
            "Ảnh có quá 50 triệu điểm ảnh. Xin chụp/quét với độ phân giải thấp hơn.",
            "The image has more than 50 million pixels. Take or scan it at a lower resolution.",
            "تحتوي الصورة على أكثر من 50 مليون بكسل. التقطها أو امسحها بدقة أقل.",
        ),
        _ => l.pick(
            "Chỉ nhận tệp PDF, ảnh JPG hoặc PNG, văn bản Word (DOCX), Excel (XLSX) hoặc ODT không có macro.",
            "Only PDF files, JPG or PNG images, and Word (DOCX), Excel (XLSX) or ODT documents without macros are accepted.",
            "تُقبل فقط ملفات PDF وصور JPG أو PNG ومستندات Word (DOCX) وExcel (XLSX) وODT بدون وحدات ماكرو.",
        ),
    };
    text.to_owned()
}
