//! The languages the product speaks: Vietnamese first, English, and Arabic
//! (right to left). Negotiated from `?lang=` or `Accept-Language`.

use axum::http::HeaderMap;

/// The cookie that remembers the language a visitor chose.
pub const LANGUAGE_COOKIE: &str = "motcua_lang";

/// A language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    #[default]
    Vi,
    En,
    Ar,
}

impl Locale {
    /// The writing direction of pages in this language.
    pub fn dir(self) -> &'static str {
        if self == Locale::Ar { "rtl" } else { "ltr" }
    }

    pub const ALL: [Locale; 3] = [Locale::Vi, Locale::En, Locale::Ar];

    pub fn tag(self) -> &'static str {
        match self {
            Locale::Vi => "vi",
            Locale::En => "en",
            Locale::Ar => "ar",
        }
    }

    fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "vi" => Some(Locale::Vi),
            "en" => Some(Locale::En),
            "ar" => Some(Locale::Ar),
            _ => None,
        }
    }

    /// `?lang=` wins; then the remembered choice (cookie); then the
    /// highest-weighted supported language of `Accept-Language`; then Vietnamese.
    pub fn negotiate(query: Option<&str>, headers: &HeaderMap) -> Locale {
        let from_query =
            query.and_then(|q| q.split('&').find_map(|pair| pair.strip_prefix("lang=")).and_then(Locale::from_tag));
        if let Some(locale) = from_query {
            return locale;
        }
        let from_cookie = headers
            .get_all(axum::http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .find_map(|pair| pair.trim().strip_prefix(LANGUAGE_COOKIE).and_then(|rest| rest.strip_prefix('=')))
            .and_then(Locale::from_tag);
        if let Some(locale) = from_cookie {
            return locale;
        }
        let header = headers.get(axum::http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
        let mut best: Option<(f32, Locale)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or_default();
            let weight =
                pieces.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok()).unwrap_or(1.0);
            if let Some(locale) = Locale::from_tag(tag)
                && best.is_none_or(|(w, _)| weight > w)
            {
                best = Some((weight, locale));
            }
        }
        best.map(|(_, locale)| locale).unwrap_or_default()
    }

    /// Picks the text for this locale.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str, ar: &'a str) -> &'a str {
        match self {
            Locale::Vi => vi,
            Locale::En => en,
            Locale::Ar => ar,
        }
    }
}

/// Wraps codes, dates and numbers so they stay left to right inside Arabic text.
pub fn ltr(locale: Locale, text: &str) -> String {
    match locale {
        Locale::Ar => format!("\u{2066}{text}\u{2069}"),
        _ => text.to_owned(),
    }
}

/// The name of a kind of thing, for "not found" messages.
pub fn thing(locale: Locale, what: &str) -> String {
    let (vi, en, ar) = match what {
        "procedure" => ("thủ tục", "procedure", "الإجراء"),
        "province" => ("tỉnh, thành phố", "province", "المحافظة"),
        "service point" => ("điểm tiếp nhận", "service point", "نقطة الخدمة"),
        "commune" => ("xã, phường", "commune", "البلدية"),
        "dossier" => ("hồ sơ", "dossier", "الملف"),
        "agency" => ("cơ quan", "agency", "الجهة"),
        "officer" => ("cán bộ", "officer", "الموظف"),
        "document" => ("tài liệu", "document", "المستند"),
        "page" => ("trang", "page", "الصفحة"),
        "unit" => ("đơn vị hành chính", "administrative unit", "الوحدة الإدارية"),
        "account" => ("tài khoản", "account", "الحساب"),
        other => (other, other, other),
    };
    locale.pick(vi, en, ar).to_owned()
}

/// The name of an input field as users know it.
pub fn field(locale: Locale, field: &str) -> String {
    let (vi, en, ar) = match field {
        "amount" => ("thời hạn giải quyết", "processing time amount", "مقدار مدة المعالجة"),
        "unit" => ("đơn vị thời gian", "time unit", "وحدة الوقت"),
        "received_at" => ("thời điểm tiếp nhận", "time received", "وقت الاستلام"),
        "level" => ("cấp thực hiện", "level", "المستوى"),
        "page" => ("số trang", "page number", "رقم الصفحة"),
        "per_page" => ("số kết quả mỗi trang", "results per page", "عدد النتائج في الصفحة"),
        "q" => ("từ khóa tìm kiếm", "search words", "كلمات البحث"),
        "year" => ("năm", "year", "السنة"),
        "province_code" => ("mã tỉnh", "province code", "رمز المحافظة"),
        "id_number" => ("số định danh cá nhân", "personal identification number", "رقم الهوية الشخصية"),
        "full_name" => ("họ và tên", "full name", "الاسم الكامل"),
        "phone" => ("số điện thoại", "phone number", "رقم الهاتف"),
        "email" => ("thư điện tử", "email", "البريد الإلكتروني"),
        "password" => ("mật khẩu", "password", "كلمة المرور"),
        "reason" => ("lý do", "reason", "السبب"),
        "delivery" => ("cách nhận kết quả", "result delivery", "طريقة استلام النتيجة"),
        "service_point" => ("nơi tiếp nhận", "service point", "نقطة الخدمة"),
        "channel" => ("kênh nộp", "channel", "قناة التقديم"),
        "case_code" => ("trường hợp", "case", "الحالة"),
        "applicant" => ("người nộp", "applicant", "مقدم الطلب"),
        "applicant_consents" => ("sự đồng ý của người nộp", "applicant's consent", "موافقة مقدم الطلب"),
        "new_due_at" => ("hạn mới", "new due date", "الموعد الجديد"),
        "amount_dong" => ("số tiền", "amount", "المبلغ"),
        "card_checked" => ("đối chiếu thẻ căn cước", "identity card check", "مطابقة بطاقة الهوية"),
        "tracking_number" => ("mã vận đơn", "tracking number", "رقم التتبع"),
        "to_agency" => ("cơ quan nhận", "receiving agency", "الجهة المستلمة"),
        "from" => ("từ ngày", "from date", "من تاريخ"),
        "to" => ("đến ngày", "to date", "إلى تاريخ"),
        "procedure_code" => ("mã thủ tục", "procedure code", "رمز الإجراء"),
        "transaction_reference" => ("mã giao dịch thanh toán", "payment transaction reference", "مرجع معاملة الدفع"),
        "payment_method" => ("hình thức nộp", "payment method", "طريقة الدفع"),
        "receipt_number" => ("số biên lai", "receipt number", "رقم الإيصال"),
        "signed_by_recipient" => ("chữ ký người nhận", "recipient's signature", "توقيع المستلم"),
        "recipient_name" => ("họ và tên người nhận", "recipient's name", "اسم المستلم"),
        "recipient_id_number" => (
            "số định danh cá nhân của người nhận",
            "recipient's personal identification number",
            "رقم الهوية الشخصية للمستلم",
        ),
        "late_entry_reason" => ("lý do nhập muộn", "reason for the late entry", "سبب الإدخال المتأخر"),
        "time_limit" => ("thời hạn giải quyết", "time limit", "مدة الإنجاز"),
        "documents" => ("giấy tờ đã nộp", "documents handed in", "المستندات المسلَّمة"),
        other => (other, other, other),
    };
    locale.pick(vi, en, ar).to_owned()
}

/// The name of a dossier status (its national wording in Vietnamese).
pub fn status(locale: Locale, status: &str) -> String {
    let (vi, en, ar) = match status {
        "submitted" => ("Mới đăng ký", "submitted", "مُقدَّم"),
        "received" => ("Được tiếp nhận", "received", "مُستلَم"),
        "refused_at_reception" => ("Không được tiếp nhận", "refused at reception", "مرفوض عند الاستلام"),
        "processing" => ("Đang xử lý", "being processed", "قيد المعالجة"),
        "supplement_requested" => ("Yêu cầu bổ sung giấy tờ", "waiting for a supplement", "بانتظار استكمال المستندات"),
        "payment_requested" => ("Yêu cầu thực hiện nghĩa vụ tài chính", "waiting for payment", "بانتظار الدفع"),
        "withdrawn" => ("Công dân yêu cầu rút hồ sơ", "withdrawn", "مسحوب"),
        "stopped" => ("Dừng xử lý", "stopped", "متوقف"),
        "resolved" => ("Đã xử lý xong", "resolved", "تمت معالجته"),
        "returned" => ("Đã trả kết quả", "returned", "تم تسليم النتيجة"),
        other => (other, other, other),
    };
    locale.pick(vi, en, ar).to_owned()
}

/// The name of an action on a dossier, as a verb phrase.
pub fn action(locale: Locale, action: &str) -> String {
    let (vi, en, ar) = match action {
        "receive" => ("tiếp nhận", "received", "الاستلام"),
        "refuse_at_reception" => ("từ chối tiếp nhận", "refused at reception", "الرفض عند الاستلام"),
        "request_supplement" => ("yêu cầu bổ sung", "sent a supplement request", "طلب الاستكمال"),
        "supplement" => ("bổ sung hồ sơ", "supplemented", "الاستكمال"),
        "hand_over" => ("chuyển xử lý", "handed over", "الإحالة"),
        "request_payment" => ("yêu cầu nộp phí", "sent a payment request", "طلب الدفع"),
        "pay" => ("thanh toán", "paid", "الدفع"),
        "withdraw" => ("rút hồ sơ", "withdrawn", "السحب"),
        "stop" => ("dừng xử lý", "stopped", "الإيقاف"),
        "approve" => ("phê duyệt", "approved", "الموافقة"),
        "refuse" => ("từ chối giải quyết", "refused", "الرفض"),
        "extend" => ("gia hạn", "extended", "التمديد"),
        "return" => ("trả kết quả", "returned", "تسليم النتيجة"),
        other => (other, other, other),
    };
    locale.pick(vi, en, ar).to_owned()
}

/// Translations of the reasons the domain gives, keyed by their English text.
/// A reason missing here is shown in English after a translated lead-in.
pub fn reason(locale: Locale, english: &str) -> String {
    let translated = match english {
        "must be a number above 0 and at most 3650" => {
            Some(("phải là một số lớn hơn 0 và không quá 3650", "يجب أن يكون رقمًا أكبر من 0 ولا يتجاوز 3650"))
        }
        "a period is at most ten years" => Some(("một kỳ không quá mười năm", "لا تتجاوز الفترة عشر سنوات")),
        "compare the identity card with the person first" => {
            Some(("hãy đối chiếu thẻ căn cước với người đến quầy trước", "قارن بطاقة الهوية بالشخص الحاضر أولًا"))
        }
        "several accounts claim this number with this phone: the holder should sign in to the one they use" => Some((
            "có nhiều tài khoản đăng ký số này với cùng số điện thoại: người dân hãy đăng nhập vào tài khoản mình dùng",
            "عدة حسابات تطالب بهذا الرقم مع الهاتف نفسه: على صاحبه تسجيل الدخول إلى الحساب الذي يستخدمه",
        )),
        "a period cannot start after today" => {
            Some(("kỳ báo cáo không thể bắt đầu sau ngày hôm nay", "لا يمكن أن تبدأ الفترة بعد اليوم"))
        }
        "must not be before the start of the period" => {
            Some(("không được trước ngày bắt đầu của kỳ", "يجب ألا يسبق بداية الفترة"))
        }
        "a province (2 digits) or commune (5 digits) code" => {
            Some(("là mã tỉnh (2 chữ số) hoặc mã xã (5 chữ số)", "رمز محافظة (رقمان) أو بلدية (5 أرقام)"))
        }
        "a date such as 2026-01-31" => Some(("là ngày dạng 2026-01-31", "تاريخ بصيغة 2026-01-31")),
        "between 0 and 100" => Some(("từ 0 đến 100", "بين 0 و100")),
        "a rate above 0 and at most 100 %" => {
            Some(("là tỷ lệ lớn hơn 0 và không quá 100 %", "نسبة أكبر من 0 ولا تتجاوز 100 %"))
        }
        "one of on_time, online, e_payment, digitised, reuse, e_result, satisfaction" => Some((
            "là một trong on_time, online, e_payment, digitised, reuse, e_result, satisfaction",
            "واحد من on_time أو online أو e_payment أو digitised أو reuse أو e_result أو satisfaction",
        )),
        "name at least one province" => Some(("cần ít nhất một tỉnh", "اذكر محافظة واحدة على الأقل")),
        "each province needs agencies and a service centre: seed the demo or add them first" => Some((
            "mỗi tỉnh cần có cơ quan và trung tâm phục vụ: hãy tạo dữ liệu mẫu hoặc thêm trước",
            "تحتاج كل محافظة إلى جهات ومركز خدمة: أنشئ البيانات التجريبية أو أضفها أولًا",
        )),
        "months must be a whole number" => Some(("số tháng phải là số nguyên", "يجب أن يكون عدد الأشهر عددًا صحيحًا")),
        "OTHER has its rule only in text; no due date can be computed" => Some((
            "đơn vị OTHER chỉ có quy định bằng lời, không tính được hạn",
            "الوحدة OTHER قاعدتها نصية فقط؛ لا يمكن حساب موعد الاستحقاق",
        )),
        "expected province, commune, ministry or other" => Some((
            "chỉ nhận province (tỉnh), commune (xã), ministry (bộ) hoặc other (khác)",
            "القيم المقبولة: province أو commune أو ministry أو other",
        )),
        "pages count from 1" => Some(("số trang bắt đầu từ 1", "ترقيم الصفحات يبدأ من 1")),
        "between 1 and 100" => Some(("từ 1 đến 100", "بين 1 و100")),
        "at most 200 characters" => Some(("tối đa 200 ký tự", "200 حرف على الأكثر")),
        "expected two digits, e.g. 01" => Some(("cần đúng hai chữ số, ví dụ 01", "يجب أن يتكون من رقمين، مثل 01")),
        "expected a code such as 1.004194" => Some(("cần một mã như 1.004194", "يجب أن يكون رمزًا مثل 1.004194")),
        "expected an RFC 3339 instant such as 2025-11-03T08:00:00+07:00" => Some((
            "cần thời điểm theo RFC 3339, ví dụ 2025-11-03T08:00:00+07:00",
            "يجب أن يكون وقتًا بصيغة RFC 3339 مثل 2025-11-03T08:00:00+07:00",
        )),
        "expected a number" => Some(("cần một số", "يجب أن يكون رقمًا")),
        "is required" => Some(("là bắt buộc", "مطلوب")),
        "expected a date YYYY-MM-DD" => Some(("cần ngày theo dạng YYYY-MM-DD", "يجب أن يكون تاريخًا بصيغة YYYY-MM-DD")),
        "must be on or after from, within a year" => Some((
            "phải từ ngày bắt đầu trở đi, trong vòng một năm",
            "يجب أن يكون في تاريخ البداية أو بعده، وضمن سنة واحدة",
        )),
        "is empty; enter the 12 digits of the personal identification number" => Some((
            "đang để trống; xin nhập đủ 12 chữ số của số định danh cá nhân",
            "فارغ؛ أدخل الأرقام الاثني عشر لرقم الهوية الشخصية",
        )),
        "may contain only digits, optionally grouped with spaces, dots or dashes" => Some((
            "chỉ gồm chữ số (có thể cách nhóm bằng dấu cách, dấu chấm hoặc gạch ngang)",
            "يجب أن يحتوي على أرقام فقط، ويمكن فصلها بمسافات أو نقاط أو شرطات",
        )),
        "must have exactly 12 digits" => Some(("phải có đúng 12 chữ số", "يجب أن يتكون من 12 رقمًا بالضبط")),
        "does not start with a province code; the first three digits are the province where the birth was registered" => {
            Some((
                "ba chữ số đầu không phải mã tỉnh; ba chữ số đầu là mã tỉnh nơi đăng ký khai sinh",
                "الأرقام الثلاثة الأولى ليست رمز محافظة؛ وهي رمز المحافظة التي سُجّلت فيها الولادة",
            ))
        }
        "gives a birth year that has not come yet; the fourth digit is the century and the fifth and sixth the year" => {
            Some((
                "cho năm sinh chưa tới; chữ số thứ tư là thế kỷ, chữ số thứ năm và sáu là năm sinh",
                "يشير إلى سنة ميلاد لم تأتِ بعد؛ الرقم الرابع هو القرن والخامس والسادس هما السنة",
            ))
        }
        "expected a phone number of 10 digits starting with 0" => {
            Some(("cần số điện thoại 10 chữ số, bắt đầu bằng 0", "يجب أن يكون رقم هاتف من 10 أرقام يبدأ بـ 0"))
        }
        "expected an email address such as ten@example.vn" => {
            Some(("cần địa chỉ thư điện tử, ví dụ ten@example.vn", "يجب أن يكون بريدًا إلكترونيًا مثل ten@example.vn"))
        }
        "must have at least 8 characters" => Some(("phải có ít nhất 8 ký tự", "يجب أن تتكون من 8 أحرف على الأقل")),
        "a postal address needs street, commune and province" => Some((
            "địa chỉ nhận qua bưu chính cần có số nhà, đường, xã/phường và tỉnh",
            "يحتاج العنوان البريدي إلى الشارع والبلدية والمحافظة",
        )),
        "choose the case that fits you" => Some(("xin chọn trường hợp của bạn", "اختر الحالة التي تناسبك")),
        "choose the agency that will settle the dossier" => {
            Some(("xin chọn cơ quan giải quyết hồ sơ", "اختر الجهة التي ستعالج الملف"))
        }
        "choose an agency from the list" => Some(("xin chọn một cơ quan trong danh sách", "اختر جهة من القائمة")),
        "this agency does not settle this procedure" => {
            Some(("cơ quan này không giải quyết thủ tục này", "هذه الجهة لا تعالج هذا الإجراء"))
        }
        "not a case of this procedure" => {
            Some(("không phải một trường hợp của thủ tục này", "ليست حالة من حالات هذا الإجراء"))
        }
        "write where you live: street, commune and province" => {
            Some(("xin ghi nơi cư trú: số nhà, đường, xã/phường, tỉnh", "اكتب مكان إقامتك: الشارع والبلدية والمحافظة"))
        }
        "say briefly what you ask for" => Some(("xin ghi ngắn gọn nội dung đề nghị", "اذكر باختصار ما تطلبه")),
        "attach every required document" => {
            Some(("xin đính kèm đủ các giấy tờ bắt buộc", "أرفق كل المستندات الإلزامية"))
        }
        "attach at least one document" => Some(("xin đính kèm ít nhất một giấy tờ", "أرفق مستندًا واحدًا على الأقل")),
        "choose how to receive the result" => Some(("xin chọn cách nhận kết quả", "اختر طريقة استلام النتيجة")),
        "choose the service point to collect the result at" => {
            Some(("xin chọn nơi nhận kết quả", "اختر المكتب الذي ستستلم منه النتيجة"))
        }
        "was submitted already" => Some(("đã được nộp rồi", "قُدِّم بالفعل")),
        "choose very satisfied, satisfied or not satisfied" => {
            Some(("xin chọn Rất hài lòng, Hài lòng hoặc Không hài lòng", "اختر راضٍ جدًا أو راضٍ أو غير راضٍ"))
        }
        "tell us what was not right" => Some(("xin cho biết điều gì chưa tốt", "أخبرنا بما لم يكن جيدًا")),
        "must be at most 2,000 characters" => Some(("tối đa 2.000 ký tự", "2000 حرف على الأكثر")),
        "a dossier is rated once its result was returned" => {
            Some(("chỉ đánh giá được sau khi đã nhận kết quả", "لا يمكن التقييم إلا بعد تسلّم النتيجة"))
        }
        "this dossier was rated already" => Some(("hồ sơ này đã được đánh giá", "قُيِّم هذا الملف بالفعل")),
        "use 3–40 lower-case letters, digits, '.', '_' or '-'" => Some((
            "dùng 3–40 chữ thường không dấu, chữ số, '.', '_' hoặc '-'",
            "استخدم من 3 إلى 40 حرفًا لاتينيًا صغيرًا أو أرقامًا أو '.' أو '_' أو '-'",
        )),
        "is not a place of your province" => Some(("không thuộc tỉnh của bạn", "ليس مكانًا في محافظتك")),
        "a working Saturday must be a Saturday" => {
            Some(("ngày làm bù phải là thứ Bảy", "يجب أن يكون سبت العمل يوم سبت"))
        }
        "a name is required" => Some(("cần có tên", "الاسم مطلوب")),
        "an outreach session, and only it, has a date" => Some((
            "chỉ buổi lưu động mới có ngày, và phải có ngày",
            "الجلسة المتنقلة وحدها لها تاريخ، ويجب أن يكون لها تاريخ",
        )),
        "use 1–40 letters, digits, '-' or '_'" => Some((
            "dùng 1–40 chữ cái không dấu, chữ số, '-' hoặc '_'",
            "استخدم من 1 إلى 40 حرفًا لاتينيًا أو أرقامًا أو '-' أو '_'",
        )),
        "must be between 0 and 1,000,000,000 đồng" => {
            Some(("phải từ 0 đến 1.000.000.000 đồng", "يجب أن يكون بين 0 و1,000,000,000 دونغ"))
        }
        "only a desk decides on the spot" => {
            Some(("chỉ quầy tiếp nhận mới quyết định tại chỗ", "القرار الفوري للمكتب وحده"))
        }
        "must be a number of working hours above 0 and at most 2000" => Some((
            "phải là số giờ làm việc lớn hơn 0 và không quá 2000",
            "يجب أن يكون عدد ساعات عمل أكبر من 0 ولا يتجاوز 2000",
        )),
        "this procedure cannot be submitted online" => {
            Some(("thủ tục này chưa cho phép nộp trực tuyến", "لا يمكن تقديم هذا الإجراء عبر الإنترنت"))
        }
        "the applicant must be present and consent" => {
            Some(("người nộp phải có mặt và đồng ý", "يجب أن يكون مقدم الطلب حاضرًا وموافقًا"))
        }
        "this procedure is not accepted regardless of boundary here" => {
            Some(("thủ tục này không được tiếp nhận phi địa giới tại đây", "لا يُقبل هذا الإجراء هنا خارج النطاق الإداري"))
        }
        "must be later than the current due date" => Some(("phải sau hạn hiện tại", "يجب أن يكون بعد الموعد الحالي")),
        "is not the service point you work at" => {
            Some(("không phải nơi bạn làm việc", "ليست نقطة الخدمة التي تعمل بها"))
        }
        "expected WORKING_DAY, DAY, HOUR, MONTH or SAME_DAY" => Some((
            "chỉ nhận WORKING_DAY, DAY, HOUR, MONTH hoặc SAME_DAY",
            "القيم المقبولة: WORKING_DAY أو DAY أو HOUR أو MONTH أو SAME_DAY",
        )),
        "pay through the payment service and give its transaction reference" => Some((
            "xin thanh toán qua dịch vụ thanh toán và ghi mã giao dịch",
            "ادفع عبر خدمة الدفع واذكر مرجع المعاملة",
        )),
        "choose cash, POS or transfer" => {
            Some(("xin chọn tiền mặt, thẻ (POS) hoặc chuyển khoản", "اختر نقدًا أو بطاقة أو تحويلًا"))
        }
        "must equal the amount requested" => Some(("phải bằng số tiền đã yêu cầu nộp", "يجب أن يساوي المبلغ المطلوب")),
        "at most 100 characters" => Some(("tối đa 100 ký tự", "100 حرف على الأكثر")),
        "the recipient must sign for the result" => {
            Some(("người nhận phải ký nhận kết quả", "يجب أن يوقّع المستلم على استلام النتيجة"))
        }
        "this result is not handed back at this point" => {
            Some(("kết quả này không được trả tại điểm này", "لا تُسلَّم هذه النتيجة في هذه النقطة"))
        }
        "the outreach session has not started yet" => {
            Some(("buổi lưu động chưa bắt đầu", "لم تبدأ الجلسة المتنقلة بعد"))
        }
        "the outreach session is over; an officer of the centre records a late entry" => Some((
            "buổi lưu động đã kết thúc; cán bộ trung tâm sẽ nhập muộn hồ sơ",
            "انتهت الجلسة المتنقلة؛ يُدخل موظف المركز الملف متأخرًا",
        )),
        "a late entry needs its reason" => Some(("nhập muộn phải ghi lý do", "يحتاج الإدخال المتأخر إلى سبب")),
        "this role does not receive for outreach sessions" => {
            Some(("vai trò này không tiếp nhận cho buổi lưu động", "هذا الدور لا يستلم للجلسات المتنقلة"))
        }
        // Reception of catalogue entries without details.
        "this procedure's time limit is in the catalogue" => {
            Some(("thời hạn giải quyết của thủ tục này đã có trong danh mục", "مدة إنجاز هذا الإجراء موجودة في الفهرس"))
        }
        "only a desk states a time limit" => {
            Some(("chỉ quầy tiếp nhận mới ghi thời hạn giải quyết", "مكتب الاستلام وحده يحدد مدة الإنجاز"))
        }
        "must be a number above 0 and at most 365" => {
            Some(("phải là một số lớn hơn 0 và không quá 365", "يجب أن يكون رقمًا أكبر من 0 ولا يتجاوز 365"))
        }
        "the catalogue gives no time limit for this procedure: state the one the province published" => Some((
            "danh mục không có thời hạn giải quyết của thủ tục này: xin ghi thời hạn tỉnh đã công bố",
            "لا يذكر الفهرس مدة إنجاز هذا الإجراء: اكتب المدة التي أعلنتها المحافظة",
        )),
        "name the documents handed in" => {
            Some(("xin ghi tên các giấy tờ người dân đã nộp", "اكتب أسماء المستندات المسلَّمة"))
        }
        _ => None,
    };
    match (locale, translated) {
        (Locale::En, _) | (_, None) => english.to_owned(),
        (Locale::Vi, Some((vi, _))) => vi.to_owned(),
        (Locale::Ar, Some((_, ar))) => ar.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(accept: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(axum::http::header::ACCEPT_LANGUAGE, HeaderValue::from_str(accept).expect("ascii"));
        headers
    }

    #[test]
    fn negotiation_prefers_query_then_weighted_header_then_vietnamese() {
        assert_eq!(Locale::negotiate(Some("lang=ar"), &headers("en")), Locale::Ar);
        assert_eq!(Locale::negotiate(None, &headers("fr-FR, en;q=0.8, ar;q=0.9")), Locale::Ar);
        assert_eq!(Locale::negotiate(None, &headers("en-GB")), Locale::En);
        assert_eq!(Locale::negotiate(None, &headers("fr")), Locale::Vi);
        assert_eq!(Locale::negotiate(Some("q=x"), &HeaderMap::new()), Locale::Vi);
        let mut remembered = headers("en");
        remembered.insert(axum::http::header::COOKIE, HeaderValue::from_static("a=b; motcua_lang=ar"));
        assert_eq!(Locale::negotiate(None, &remembered), Locale::Ar);
        assert_eq!(Locale::negotiate(Some("lang=vi"), &remembered), Locale::Vi);
    }

    #[test]
    fn arabic_isolates_left_to_right_text() {
        assert_eq!(ltr(Locale::Ar, "2025-11-03"), "\u{2066}2025-11-03\u{2069}");
        assert_eq!(ltr(Locale::Vi, "2025-11-03"), "2025-11-03");
    }
}
