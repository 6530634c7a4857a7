//! The words of the pages, in Vietnamese, English and Arabic. Plain words,
//! for people new to public services online.

use crate::i18n::Locale;

/// The text of `key` in `locale`.
pub(crate) fn t(locale: Locale, key: &str) -> &'static str {
    let (vi, en, ar) = match key {
        "site" => ("Dịch vụ công một cửa", "One-stop public services", "الخدمات العامة الموحدة"),
        "skip" => ("Bỏ qua, đến nội dung chính", "Skip to the main content", "تخطَّ إلى المحتوى الرئيسي"),
        "language" => ("Ngôn ngữ", "Language", "اللغة"),
        "home" => ("Trang chủ", "Home", "الرئيسية"),
        "catalogue" => ("Thủ tục hành chính", "Procedures", "الإجراءات الإدارية"),
        "lookup" => ("Tra cứu hồ sơ", "Look up a dossier", "الاستعلام عن ملف"),
        "search_label" => (
            "Tìm thủ tục (gõ có dấu hoặc không dấu)",
            "Find a procedure (with or without Vietnamese accents)",
            "ابحث عن إجراء (بعلامات التشكيل الفيتنامية أو بدونها)",
        ),
        "search" => ("Tìm", "Search", "بحث"),
        "most_used" => ("Thủ tục được dùng nhiều", "Most used procedures", "الإجراءات الأكثر استخدامًا"),
        "fields" => ("Lĩnh vực", "Fields", "المجالات"),
        "procedures_count" => ("thủ tục", "procedures", "إجراء"),
        "level" => ("Cấp thực hiện", "Level", "المستوى"),
        "any_level" => ("Mọi cấp", "Any level", "كل المستويات"),
        "province" => ("Cấp tỉnh", "Province", "المحافظة"),
        "commune" => ("Cấp xã", "Commune", "البلدية"),
        "ministry" => ("Cấp bộ", "Ministry", "الوزارة"),
        "other" => ("Cơ quan khác", "Other agency", "جهة أخرى"),
        "full_online_only" => {
            ("Chỉ thủ tục làm trọn trực tuyến", "Only procedures done fully online", "الإجراءات الإلكترونية بالكامل فقط")
        }
        "full_online" => ("Trực tuyến toàn trình", "Fully online", "إلكتروني بالكامل"),
        "online" => ("Nộp trực tuyến được", "Can be submitted online", "يمكن تقديمه عبر الإنترنت"),
        "boundary_free" => {
            ("Nộp ở bất kỳ đâu trong tỉnh", "Accepted anywhere in the province", "يُقبل في أي مكان بالمحافظة")
        }
        "results_found" => ("thủ tục phù hợp", "matching procedures", "إجراءً مطابقًا"),
        "no_results" => (
            "Không tìm thấy thủ tục nào. Xin thử từ khác, ngắn hơn.",
            "No procedure was found. Try other, shorter words.",
            "لم يُعثر على أي إجراء. جرّب كلمات أخرى أقصر.",
        ),
        "previous" => ("Trang trước", "Previous page", "الصفحة السابقة"),
        "next" => ("Trang sau", "Next page", "الصفحة التالية"),
        "page" => ("Trang", "Page", "صفحة"),
        "code" => ("Mã thủ tục", "Procedure code", "رمز الإجراء"),
        "field" => ("Lĩnh vực", "Field", "المجال"),
        "agencies" => ("Cơ quan giải quyết", "Competent agency", "الجهة المختصة"),
        "time_and_fees" => ("Thời hạn và phí", "Time and fees", "المدة والرسوم"),
        "channel" => ("Cách nộp", "How to submit", "طريقة التقديم"),
        "ONLINE" => ("Trực tuyến", "Online", "عبر الإنترنت"),
        "DIRECT" => ("Trực tiếp", "In person", "حضوريًا"),
        "POSTAL" => ("Qua bưu chính", "By post", "بالبريد"),
        "time" => ("Thời hạn giải quyết", "Processing time", "مدة المعالجة"),
        "fees" => ("Phí, lệ phí", "Fees", "الرسوم"),
        "free" => ("Không mất phí", "Free", "مجاني"),
        "WORKING_DAY" => ("ngày làm việc", "working days", "أيام عمل"),
        "DAY" => ("ngày", "days", "أيام"),
        "HOUR" => ("giờ làm việc", "working hours", "ساعات عمل"),
        "MONTH" => ("tháng", "months", "أشهر"),
        "SAME_DAY" => ("trong ngày", "within the day", "في اليوم نفسه"),
        "documents" => ("Giấy tờ cần nộp", "Documents to bring", "المستندات المطلوبة"),
        "originals" => ("bản chính", "original", "أصل"),
        "copies" => ("bản sao", "copy", "نسخة"),
        "required" => ("bắt buộc", "required", "إلزامي"),
        "form" => ("Mẫu đơn", "Form", "النموذج"),
        "steps" => ("Các bước thực hiện", "Steps", "الخطوات"),
        "results" => ("Kết quả nhận được", "What you receive", "ما ستحصل عليه"),
        "legal_bases" => ("Căn cứ pháp lý", "Legal basis", "الأساس القانوني"),
        "where" => ("Nộp ở đâu", "Where to submit", "أين تقدّم"),
        "choose_province" => ("Chọn tỉnh, thành phố", "Choose a province", "اختر المحافظة"),
        "choose_commune" => (
            "Chọn xã, phường nơi bạn ở (để xếp nơi gần nhất lên trước)",
            "Choose your commune (to list the nearest first)",
            "اختر بلديتك (لعرض الأقرب أولًا)",
        ),
        "show" => ("Xem", "Show", "عرض"),
        "km_away" => ("km", "km", "كم"),
        "hours" => ("Giờ làm việc", "Opening hours", "ساعات العمل"),
        "lookup_intro" => (
            "Nhập mã hồ sơ (trên giấy hẹn) và số định danh cá nhân của người nộp. Không cần đăng nhập.",
            "Enter the dossier code (on your receipt) and the applicant's personal identification number. No sign-in needed.",
            "أدخل رمز الملف (الموجود على الإيصال) ورقم الهوية الشخصية لمقدم الطلب. لا حاجة لتسجيل الدخول.",
        ),
        "dossier_code" => ("Mã hồ sơ", "Dossier code", "رمز الملف"),
        "id_number" => (
            "Số định danh cá nhân (12 số)",
            "Personal identification number (12 digits)",
            "رقم الهوية الشخصية (12 رقمًا)",
        ),
        "look_up" => ("Tra cứu", "Look up", "استعلام"),
        "not_found_pair" => (
            "Không tìm thấy hồ sơ với mã và số định danh này. Xin kiểm tra lại hai số trên giấy hẹn.",
            "No dossier matches this code and number. Please check both on your receipt.",
            "لا يوجد ملف يطابق هذا الرمز والرقم. يرجى التحقق منهما في الإيصال.",
        ),
        "status" => ("Tình trạng", "Status", "الحالة"),
        "received_at" => ("Ngày tiếp nhận", "Received on", "تاريخ الاستلام"),
        "due_at" => ("Hẹn trả kết quả", "Result due", "موعد النتيجة"),
        "history" => ("Quá trình xử lý", "What has happened", "ما جرى حتى الآن"),
        "submit" => ("Nộp hồ sơ trực tuyến", "submitted online", "قُدِّم عبر الإنترنت"),
        "receive" => ("Đã tiếp nhận hồ sơ", "dossier received", "تم استلام الملف"),
        "refuse_at_reception" => ("Không tiếp nhận hồ sơ", "dossier not accepted", "لم يُقبل الملف"),
        "request_supplement" => ("Yêu cầu bổ sung giấy tờ", "asked for more documents", "طُلبت مستندات إضافية"),
        "supplement" => ("Đã bổ sung giấy tờ", "documents added", "أُضيفت المستندات"),
        "hand_over" => ("Chuyển bước xử lý", "passed to the next step", "أُحيل إلى الخطوة التالية"),
        "request_payment" => ("Yêu cầu nộp phí", "asked to pay the fee", "طُلب دفع الرسوم"),
        "pay" => ("Đã nộp phí", "fee paid", "تم دفع الرسوم"),
        "withdraw" => ("Rút hồ sơ", "withdrawn", "سُحب الملف"),
        "stop" => ("Dừng xử lý", "processing stopped", "أُوقفت المعالجة"),
        "approve" => ("Đã có kết quả", "result ready", "النتيجة جاهزة"),
        "refuse" => ("Từ chối giải quyết", "request refused", "رُفض الطلب"),
        "extend" => ("Gia hạn, hẹn ngày mới", "new date given, with an apology", "موعد جديد مع الاعتذار"),
        "return" => ("Đã trả kết quả", "result handed over", "سُلّمت النتيجة"),
        "register" => ("Đăng ký tài khoản", "Create an account", "إنشاء حساب"),
        "register_intro" => (
            "Chỉ cần số định danh cá nhân (trên thẻ căn cước), họ tên, số điện thoại và một mật khẩu.",
            "You need your personal identification number (on your ID card), your name, a phone number and a password.",
            "تحتاج إلى رقم هويتك الشخصية (على بطاقة الهوية) واسمك ورقم هاتف وكلمة مرور.",
        ),
        "full_name" => ("Họ và tên", "Full name", "الاسم الكامل"),
        "phone" => ("Số điện thoại", "Phone number", "رقم الهاتف"),
        "email_optional" => ("Thư điện tử (không bắt buộc)", "Email (optional)", "البريد الإلكتروني (اختياري)"),
        "password" => ("Mật khẩu", "Password", "كلمة المرور"),
        "password_new" => {
            ("Mật khẩu (ít nhất 8 ký tự)", "Password (at least 8 characters)", "كلمة المرور (8 أحرف على الأقل)")
        }
        "have_account" => ("Đã có tài khoản? Đăng nhập", "Already have an account? Sign in", "لديك حساب؟ سجّل الدخول"),
        "no_account" => ("Chưa có tài khoản? Đăng ký", "No account yet? Create one", "ليس لديك حساب؟ أنشئ حسابًا"),
        "sign_in" => ("Đăng nhập", "Sign in", "تسجيل الدخول"),
        "sign_out" => ("Đăng xuất", "Sign out", "تسجيل الخروج"),
        "my_dossiers" => ("Hồ sơ của tôi", "My dossiers", "ملفاتي"),
        "no_dossiers" => ("Bạn chưa có hồ sơ nào.", "You have no dossiers yet.", "ليس لديك ملفات بعد."),
        "late" => ("Quá hạn", "Late", "متأخر"),
        "early" => ("Trước hạn", "Early", "قبل الموعد"),
        "on_time" => ("Đúng hạn", "On time", "في الموعد"),
        "on_time_so_far" => ("Còn trong hạn", "Within the time so far", "ضمن المهلة حتى الآن"),
        "my_documents" => ("Giấy tờ và kết quả", "Documents and result", "المستندات والنتيجة"),
        "withdraw_title" => ("Rút hồ sơ", "Withdraw the dossier", "سحب الملف"),
        "withdraw_confirm" => (
            "Tôi muốn rút hồ sơ này và hiểu rằng hồ sơ sẽ không được giải quyết tiếp.",
            "I want to withdraw this dossier and understand it will not be processed further.",
            "أريد سحب هذا الملف وأدرك أنه لن تتم معالجته بعد الآن.",
        ),
        "withdraw_button" => ("Rút hồ sơ", "Withdraw", "سحب"),
        "forgot_title" => ("Quên mật khẩu", "Forgotten password", "نسيت كلمة المرور"),
        "forgot_intro" => (
            "Nhập số định danh cá nhân. Chúng tôi sẽ gửi một đường dẫn đặt mật khẩu mới tới thư điện tử hoặc số điện thoại bạn đã đăng ký. Đường dẫn dùng được một lần, trong 30 phút.",
            "Enter your personal identification number. We will send a link to set a new password to the email or phone you registered. The link works once, for 30 minutes.",
            "أدخل رقم هويتك الشخصية. سنرسل رابطًا لتعيين كلمة مرور جديدة إلى البريد الإلكتروني أو الهاتف الذي سجّلته. يعمل الرابط مرة واحدة لمدة 30 دقيقة.",
        ),
        "send_link" => ("Gửi đường dẫn", "Send the link", "أرسل الرابط"),
        "link_sent" => (
            "Nếu số định danh này có tài khoản, đường dẫn đặt mật khẩu mới đã được gửi tới thư điện tử hoặc số điện thoại đã đăng ký.",
            "If this number has an account, a link to set a new password has been sent to the registered email or phone.",
            "إذا كان لهذا الرقم حساب، فقد أُرسل رابط تعيين كلمة مرور جديدة إلى البريد الإلكتروني أو الهاتف المسجّل.",
        ),
        "reset_title" => ("Đặt mật khẩu mới", "Set a new password", "تعيين كلمة مرور جديدة"),
        "reset_button" => ("Lưu mật khẩu mới", "Save the new password", "احفظ كلمة المرور الجديدة"),
        "link_unusable" => (
            "Đường dẫn này đã được dùng hoặc đã hết hạn. Xin yêu cầu một đường dẫn mới.",
            "This link was used already or has expired. Please ask for a new one.",
            "هذا الرابط استُخدم من قبل أو انتهت صلاحيته. يرجى طلب رابط جديد.",
        ),
        "password_changed" => (
            "Đã đổi mật khẩu. Xin đăng nhập bằng mật khẩu mới.",
            "Your password was changed. Please sign in with the new one.",
            "تم تغيير كلمة المرور. يرجى تسجيل الدخول بكلمة المرور الجديدة.",
        ),
        "submit_online" => ("Nộp hồ sơ trực tuyến", "Submit online", "التقديم عبر الإنترنت"),
        "start_submission" => ("Bắt đầu nộp hồ sơ", "Start a submission", "ابدأ التقديم"),
        "sign_in_to_submit" => {
            ("Đăng nhập để nộp hồ sơ trực tuyến", "Sign in to submit online", "سجّل الدخول للتقديم عبر الإنترنت")
        }
        "start_new" => ("Nộp hồ sơ mới", "Submit a new dossier", "تقديم ملف جديد"),
        "drafts" => ("Hồ sơ đang soạn", "Drafts not yet submitted", "مسودات لم تُقدَّم بعد"),
        "saved_at" => ("lưu lúc", "saved", "حُفظت في"),
        "submitted_dossiers" => ("Hồ sơ đã nộp", "Submitted dossiers", "الملفات المقدَّمة"),
        "steps_label" => ("Các bước nộp hồ sơ", "Submission steps", "خطوات التقديم"),
        "step_case" => ("Trường hợp và cơ quan giải quyết", "Case and agency", "الحالة والجهة المختصة"),
        "step_form" => ("Tờ khai", "The form", "الاستمارة"),
        "step_documents" => ("Giấy tờ kèm theo", "Documents", "المستندات"),
        "step_delivery" => ("Cách nhận kết quả", "How to receive the result", "طريقة استلام النتيجة"),
        "step_review" => ("Kiểm tra và nộp", "Check and submit", "المراجعة والتقديم"),
        "back" => ("Quay lại", "Back", "رجوع"),
        "continue" => ("Tiếp tục", "Continue", "متابعة"),
        "submit_now" => ("Nộp hồ sơ", "Submit the dossier", "قدّم الملف"),
        "save_for_later" => ("Lưu, làm tiếp sau", "Save and finish later", "احفظ وأكمل لاحقًا"),
        "discard_draft" => ("Xóa bản nháp này", "Delete this draft", "احذف هذه المسودة"),
        "choose_case" => ("Trường hợp của bạn", "Your case", "حالتك"),
        "agency_province" => {
            ("Tỉnh, thành phố của cơ quan giải quyết", "Province of the agency that settles it", "محافظة الجهة المختصة")
        }
        "agency" => ("Cơ quan giải quyết", "Agency that settles it", "الجهة المختصة"),
        "province_first" => (
            "Chọn tỉnh rồi bấm Tiếp tục để thấy các cơ quan.",
            "Choose the province, then press Continue to see its agencies.",
            "اختر المحافظة ثم اضغط متابعة لرؤية الجهات.",
        ),
        "applicant" => ("Người nộp", "Applicant", "مقدم الطلب"),
        "address" => ("Nơi cư trú", "Where you live", "مكان الإقامة"),
        "request" => ("Nội dung đề nghị", "What you ask for", "ما تطلبه"),
        "request_hint" => (
            "Viết ngắn gọn, ví dụ: xin cấp bản sao trích lục khai sinh cho con.",
            "In a few words, for example: a copy of my child's birth certificate.",
            "ببضع كلمات، مثلًا: نسخة من شهادة ميلاد طفلي.",
        ),
        "documents_intro" => (
            "Với mỗi giấy tờ, chụp hoặc quét rồi tải lên (PDF, JPG, PNG, tối đa 20 MB), hoặc chọn giấy tờ đã có trong kho của bạn.",
            "For each document, upload a photo or scan (PDF, JPG, PNG, at most 20 MB), or pick one already in your documents.",
            "لكل مستند، ارفع صورة أو نسخة ممسوحة (PDF أو JPG أو PNG، بحد أقصى 20 ميغابايت)، أو اختر مستندًا موجودًا في مستنداتك.",
        ),
        "no_documents_needed" => {
            ("Thủ tục này không yêu cầu giấy tờ.", "This procedure needs no documents.", "لا يتطلب هذا الإجراء مستندات.")
        }
        "attached" => ("Đã đính kèm", "Attached", "مرفق"),
        "upload_file" => ("Tải tệp lên", "Upload a file", "ارفع ملفًا"),
        "or_pick" => ("hoặc chọn từ giấy tờ của tôi", "or pick from my documents", "أو اختر من مستنداتي"),
        "how_receive" => {
            ("Bạn muốn nhận kết quả thế nào?", "How do you want to receive the result?", "كيف تريد استلام النتيجة؟")
        }
        "receive_online" => {
            ("Nhận bản điện tử trên cổng", "Electronic copy on this portal", "نسخة إلكترونية على هذه البوابة")
        }
        "receive_counter" => ("Nhận tại bộ phận một cửa", "At a one-stop counter", "في مكتب الشباك الواحد"),
        "which_counter" => {
            ("Nơi nhận (nếu nhận tại quầy)", "Which counter (if at a counter)", "أي مكتب (إن كان الاستلام من المكتب)")
        }
        "receive_post" => ("Gửi qua bưu chính", "By post", "بالبريد"),
        "post_address" => {
            ("Địa chỉ nhận (nếu gửi qua bưu chính)", "Postal address (if by post)", "العنوان البريدي (إن كان بالبريد)")
        }
        "review_intro" => (
            "Xin kiểm tra lại. Bấm vào tên một bước ở trên để sửa.",
            "Please check everything. Press a step's name above to change it.",
            "يرجى التحقق من كل شيء. اضغط على اسم خطوة في الأعلى لتعديلها.",
        ),
        "review_promise" => (
            "Khi bấm Nộp hồ sơ, bạn cam đoan các thông tin trên là đúng.",
            "By pressing \"Submit the dossier\", you declare that this information is true.",
            "بالضغط على تقديم، تقرّ بأن هذه المعلومات صحيحة.",
        ),
        "receipt_title" => ("Biên nhận hồ sơ", "Dossier receipt", "إيصال الملف"),
        "receipt_submitted" => (
            "Đã nộp hồ sơ. Cơ quan sẽ kiểm tra và tiếp nhận hồ sơ của bạn.",
            "Your dossier was submitted. The agency will check and receive it.",
            "تم تقديم ملفك. ستتحقق الجهة منه وتستلمه.",
        ),
        "receipt_received" => ("Hồ sơ đã được tiếp nhận.", "Your dossier was received.", "تم استلام ملفك."),
        "reference" => ("Số tham chiếu", "Reference", "الرقم المرجعي"),
        "submitted_at" => ("Ngày nộp", "Submitted on", "تاريخ التقديم"),
        "expected_due" => (
            "Hẹn trả dự kiến (nếu tiếp nhận ngay)",
            "Expected result date (if received now)",
            "الموعد المتوقع للنتيجة (إن استُلم الآن)",
        ),
        "qr_of_code" => ("Mã QR của hồ sơ", "QR code of the dossier", "رمز QR للملف"),
        "code_comes_later" => (
            "Khi tiếp nhận, cơ quan cấp mã hồ sơ và ngày hẹn trả; bạn sẽ thấy ở đây và trong Hồ sơ của tôi.",
            "When the agency receives it, it gives the dossier code and the result date; you will see them here and in My dossiers.",
            "عند استلام الجهة للملف، تمنحه رمزًا وموعدًا للنتيجة؛ ستراهما هنا وفي ملفاتي.",
        ),
        "follow_dossier" => ("Theo dõi hồ sơ này", "Follow this dossier", "تابع هذا الملف"),
        "supplement_title" => ("Cần bổ sung giấy tờ", "More documents are needed", "مطلوب مستندات إضافية"),
        "asked_for" => ("Cơ quan yêu cầu", "The agency asks for", "تطلب الجهة"),
        "other_document" => ("Giấy tờ khác", "Another document", "مستند آخر"),
        "note_optional" => ("Ghi chú (không bắt buộc)", "Note (optional)", "ملاحظة (اختيارية)"),
        "send_supplement" => ("Gửi giấy tờ bổ sung", "Send the documents", "أرسل المستندات"),
        "download_result" => ("Tải kết quả", "Download the result", "تنزيل النتيجة"),
        "rating_title" => ("Đánh giá sự hài lòng", "Rate the service", "قيّم الخدمة"),
        "rating_question" => (
            "Bạn có hài lòng với việc giải quyết hồ sơ này?",
            "Are you satisfied with how this dossier was handled?",
            "هل أنت راضٍ عن طريقة معالجة هذا الملف؟",
        ),
        "very_satisfied" => ("Rất hài lòng", "Very satisfied", "راضٍ جدًا"),
        "satisfied" => ("Hài lòng", "Satisfied", "راضٍ"),
        "not_satisfied" => ("Không hài lòng", "Not satisfied", "غير راضٍ"),
        "comment" => (
            "Góp ý (bắt buộc nếu không hài lòng)",
            "Comment (needed if not satisfied)",
            "تعليق (مطلوب إن لم تكن راضيًا)",
        ),
        "send_rating" => ("Gửi đánh giá", "Send the rating", "أرسل التقييم"),
        "rated" => ("Bạn đã đánh giá", "You rated it", "قيّمته بـ"),
        // The desk and the back office.
        "desk_sign_in" => ("Đăng nhập cán bộ", "Officer sign-in", "تسجيل دخول الموظف"),
        "username" => ("Tên đăng nhập", "Username", "اسم المستخدم"),
        "worklist" => ("Việc cần làm", "Worklist", "قائمة العمل"),
        "reception" => ("Tiếp nhận hồ sơ", "Receive a dossier", "استلام ملف"),
        "public_site" => ("Cổng công dân", "Public portal", "البوابة العامة"),
        "signed_in_as" => ("Đang làm việc:", "Signed in as", "مسجّل الدخول باسم"),
        "no_worklist" => {
            ("Vai trò của bạn không có danh sách việc.", "Your role has no worklist.", "ليس لدورك قائمة عمل.")
        }
        "to_receive" => ("Chờ tiếp nhận", "To receive", "بانتظار الاستلام"),
        "to_process" => ("Chờ xử lý", "To process", "بانتظار المعالجة"),
        "to_approve" => ("Chờ phê duyệt", "To approve", "بانتظار الموافقة"),
        "to_return" => ("Chờ trả kết quả", "To return", "بانتظار تسليم النتيجة"),
        "with_applicant" => ("Chờ người dân", "Waiting for the applicant", "بانتظار مقدم الطلب"),
        "received_here" => ("Đã nhận tại đây", "Received here", "استُلم هنا"),
        "channel_label" => ("Kênh", "Channel", "القناة"),
        "any_channel" => ("Mọi kênh", "Any channel", "كل القنوات"),
        "channel_online" => ("Trực tuyến", "Online", "عبر الإنترنت"),
        "channel_counter" => ("Tại quầy", "At the counter", "في المكتب"),
        "channel_postal" => ("Bưu chính", "By post", "بالبريد"),
        "channel_agent_point" => ("Điểm đại lý", "Agent point", "نقطة وكيل"),
        "channel_outreach" => ("Lưu động", "Outreach session", "جلسة متنقلة"),
        "filter" => ("Lọc", "Filter", "تصفية"),
        "nothing_waiting" => ("Không có hồ sơ nào đang chờ.", "Nothing is waiting.", "لا شيء في الانتظار."),
        "urgency" => ("Thời hạn", "Time left", "الوقت المتبقي"),
        "due_soon" => ("Sắp đến hạn", "Due within a working day", "مستحق خلال يوم عمل"),
        "clock_stopped" => ("Tạm dừng tính giờ", "Clock stopped", "التوقيت متوقف"),
        "intake_officer" => ("Cán bộ một cửa", "Intake officer", "موظف الاستقبال"),
        "agent_clerk" => ("Nhân viên điểm đại lý", "Agent clerk", "موظف الوكيل"),
        "outreach_helper" => ("Cán bộ lưu động", "Outreach helper", "مساعد الجلسة المتنقلة"),
        "specialist" => ("Chuyên viên", "Specialist", "أخصائي"),
        "leader" => ("Lãnh đạo", "Leader", "القائد"),
        "supervisor" => ("Giám sát", "Supervisor", "مشرف"),
        "administrator" => ("Quản trị", "Administrator", "مدير النظام"),
        "stage_intake" => ("Tiếp nhận", "Intake", "الاستقبال"),
        "stage_review" => ("Thẩm định", "Review", "الدراسة"),
        "stage_approval" => ("Phê duyệt", "Approval", "الموافقة"),
        "stage_return" => ("Trả kết quả", "Return", "التسليم"),
        "stage_done" => ("Đã xong", "Done", "منتهٍ"),
        "reused" => ("dùng lại dữ liệu số", "reused digital data", "بيانات رقمية معاد استخدامها"),
        "actions" => ("Xử lý", "Actions", "الإجراءات"),
        "no_actions" => (
            "Vai trò của bạn không có việc gì với hồ sơ này lúc này.",
            "Your role has nothing to do on this dossier now.",
            "ليس لدورك ما يفعله في هذا الملف الآن.",
        ),
        "hand_over_to" => ("Chuyển bước:", "Hand over to", "إحالة إلى"),
        "do_receive" => ("Tiếp nhận", "Receive", "استلام"),
        "do_refuse_at_reception" => {
            ("Từ chối tiếp nhận (mẫu 03)", "Refuse at reception (form 03)", "رفض الاستلام (النموذج 03)")
        }
        "do_request_supplement" => {
            ("Yêu cầu bổ sung (mẫu 02)", "Ask for a supplement (form 02)", "طلب استكمال (النموذج 02)")
        }
        "do_supplement" => ("Nhận giấy tờ bổ sung", "Record the supplement handed in", "تسجيل الاستكمال المسلَّم"),
        "supplement_file" => {
            ("Bản quét giấy tờ bổ sung", "Scan of the documents added", "نسخة ممسوحة من المستندات المضافة")
        }
        "do_request_payment" => ("Yêu cầu nộp phí", "Ask for payment", "طلب الدفع"),
        "do_pay" => ("Ghi nhận đã nộp phí", "Record the payment", "تسجيل الدفع"),
        "do_approve" => ("Phê duyệt, ban hành kết quả", "Approve and issue the result", "الموافقة وإصدار النتيجة"),
        "do_refuse" => ("Từ chối giải quyết", "Refuse, with the reason", "الرفض مع السبب"),
        "do_extend" => {
            ("Gia hạn, xin lỗi (mẫu 04)", "Extend with an apology (form 04)", "التمديد مع الاعتذار (النموذج 04)")
        }
        "do_stop" => ("Dừng xử lý (mẫu 05)", "Stop processing (form 05)", "إيقاف المعالجة (النموذج 05)"),
        "do_return" => ("Trả kết quả", "Return the result", "تسليم النتيجة"),
        "what_to_add" => ("Cần bổ sung gì, vì sao", "What to add, and why", "ما يجب إضافته ولماذا"),
        "legal_reason" => ("Lý do (nêu căn cứ pháp lý)", "Reason (with its legal basis)", "السبب (مع أساسه القانوني)"),
        "new_due" => ("Ngày hẹn mới", "New due date", "الموعد الجديد"),
        "amount_dong" => ("Số tiền (đồng)", "Amount (đồng)", "المبلغ (دونغ)"),
        "to_officer" => ("Chuyển cho cán bộ", "To an officer", "إلى موظف"),
        "to_agency" => ("Chuyển cơ quan (liên thông)", "To another agency (inter-agency)", "إلى جهة أخرى"),
        "result_file" => ("Tệp kết quả điện tử", "Electronic result file", "ملف النتيجة الإلكتروني"),
        "tracking_number" => ("Số hiệu bưu gửi", "Postal tracking number", "رقم تتبع البريد"),
        "control_slip" => (
            "Phiếu kiểm soát quá trình (mẫu 06)",
            "Processing control slip (form 06)",
            "بطاقة مراقبة المعالجة (النموذج 06)",
        ),
        "control_slip_caption" => (
            "Mỗi dòng là một lần chuyển giao: ai giao, ai nhận, khi nào, trước hạn, đúng hạn hay quá hạn.",
            "One row per hand-over: who gave, who received, when, early, on time or late.",
            "سطر لكل إحالة: من سلّم ومن استلم ومتى، وهل كان قبل الموعد أو فيه أو متأخرًا.",
        ),
        "when" => ("Thời điểm", "When", "متى"),
        "what" => ("Việc", "What", "ماذا"),
        "giver" => ("Bên giao", "Given by", "سلّمه"),
        "receiver" => ("Bên nhận", "Received by", "استلمه"),
        "find" => ("Tìm", "Find", "بحث"),
        "no_such_procedure" => {
            ("Không có thủ tục với mã này.", "No procedure has this code.", "لا يوجد إجراء بهذا الرمز.")
        }
        "documents_received" => ("Giấy tờ nhận", "Documents handed in", "المستندات المسلَّمة"),
        "handed_in" => ("Đã nhận", "Handed in", "تم التسليم"),
        "original_or_copy" => ("Bản chính hay bản sao", "Original or copy", "أصل أم نسخة"),
        "count" => ("Số lượng", "Count", "العدد"),
        "scan" => ("Bản quét (nếu có)", "Scan (if any)", "نسخة ممسوحة (إن وجدت)"),
        "consent" => (
            "Người nộp có mặt và đồng ý để cán bộ nộp hồ sơ thay",
            "The applicant is present and agrees to the officer submitting for them",
            "مقدم الطلب حاضر ويوافق على تقديم الموظف للملف نيابة عنه",
        ),
        // Identity checked at a counter.
        "identity_checked" => (
            "Đã đối chiếu thẻ căn cước (căn cước công dân) của người nộp với thông tin trên",
            "The applicant's identity card was checked against these details",
            "تمت مطابقة بطاقة هوية مقدم الطلب مع هذه البيانات",
        ),
        "verify_account" => {
            ("Xác thực tài khoản tại quầy", "Verify an account at the counter", "توثيق حساب عند الشباك")
        }
        "verify_account_intro" => (
            "Người dân đã đăng ký tài khoản trực tuyến mang thẻ căn cước đến quầy. Đối chiếu số, ảnh và họ tên trên thẻ với người nộp; số điện thoại người dân cung cấp chọn đúng tài khoản của họ. Sau khi xác thực, tài khoản thấy các hồ sơ đã nhận tại quầy có đối chiếu thẻ.",
            "A citizen who registered online brings their identity card to the counter. Check the number, photo and name on the card against the person; the phone number they give picks their account. Once verified, the account sees the dossiers received at counters with the card checked.",
            "يحضر المواطن الذي سجّل عبر الإنترنت بطاقة هويته إلى الشباك. طابِق الرقم والصورة والاسم على البطاقة مع الشخص؛ ورقم الهاتف الذي يقدمه يحدد حسابه. بعد التوثيق يرى الحساب الملفات المستلمة عند الشبابيك مع مطابقة البطاقة.",
        ),
        "card_checked" => (
            "Tôi đã đối chiếu thẻ căn cước bản gốc: số, ảnh và họ tên khớp với người đến quầy",
            "I checked the original identity card: number, photo and name match the person at the counter",
            "تحققت من بطاقة الهوية الأصلية: الرقم والصورة والاسم تطابق الشخص الحاضر",
        ),
        "account_verified_done" => ("Đã xác thực tài khoản", "Account verified", "تم توثيق الحساب"),
        "dossiers_linked" => ("Hồ sơ gắn vào tài khoản", "Dossiers now in the account", "الملفات المضافة إلى الحساب"),
        "account_status" => ("Trạng thái tài khoản", "Account status", "حالة الحساب"),
        "account_unverified" => (
            "Chưa xác thực. Bạn chỉ thấy những hồ sơ tự nộp trực tuyến. Mang thẻ căn cước đến bất kỳ quầy tiếp nhận nào để xác thực; sau đó bạn thấy cả hồ sơ đã nộp tại quầy, điểm bưu điện, ngân hàng.",
            "Not verified. You see only the dossiers you submitted online yourself. Bring your identity card to any service counter to verify it; then you also see the dossiers handed in at counters, post offices and banks.",
            "غير موثّق. لا ترى إلا الملفات التي قدمتها بنفسك عبر الإنترنت. أحضر بطاقة هويتك إلى أي شباك خدمة لتوثيق الحساب؛ عندها ترى أيضًا الملفات المسلّمة عند الشبابيك ومكاتب البريد والمصارف.",
        ),
        "account_verified" => ("Đã xác thực tại quầy", "Verified at a counter", "موثّق عند الشباك"),
        "account_log" => ("Nhật ký tài khoản", "Account log", "سجل الحساب"),
        "verified_at_counter" => ("Xác thực tại quầy", "Verified at a counter", "التوثيق عند الشباك"),
        // Administration.
        "officers" => ("Cán bộ", "Officers", "الموظفون"),
        "officers_caption" => (
            "Cán bộ làm việc tại tỉnh, với vai trò và nơi làm việc.",
            "Officers working in the province, with their role and place of work.",
            "الموظفون العاملون في المحافظة، مع أدوارهم وأماكن عملهم.",
        ),
        "service_points" => ("Nơi tiếp nhận", "Service points", "نقاط الخدمة"),
        "calendar" => ("Lịch làm việc", "Working calendar", "تقويم العمل"),
        "role" => ("Vai trò", "Role", "الدور"),
        "scope_kind" => ("Phạm vi", "Scope", "النطاق"),
        "scope_code" => ("Mã nơi làm việc", "Code of the place of work", "رمز مكان العمل"),
        "scope_service_point" => ("Nơi tiếp nhận", "A service point", "نقطة خدمة"),
        "scope_unit" => ("Đơn vị hành chính", "An administrative unit", "وحدة إدارية"),
        "new_officer" => ("Thêm cán bộ", "Add an officer", "إضافة موظف"),
        "create" => ("Tạo", "Create", "إنشاء"),
        "save" => ("Lưu", "Save", "حفظ"),
        "assign_officer" => ("Phân công lại", "Change an assignment", "تغيير التكليف"),
        "assign_hint" => (
            "Đổi vai trò hoặc nơi làm việc của một cán bộ; cán bộ lưu động được phân công vào buổi lưu động.",
            "Change an officer's role or place of work; outreach staff are assigned to their session.",
            "غيّر دور الموظف أو مكان عمله؛ ويُكلَّف موظفو الجلسات المتنقلة بجلستهم.",
        ),
        "code_short" => ("Mã", "Code", "الرمز"),
        "name" => ("Tên", "Name", "الاسم"),
        "staff" => ("Cán bộ", "Staff", "الموظفون"),
        "point_form" => ("Thêm hoặc sửa nơi tiếp nhận", "Add or change a service point", "إضافة نقطة خدمة أو تعديلها"),
        "point_hint" => (
            "Buổi lưu động là một nơi tiếp nhận có ngày; chọn mã của một nơi có sẵn để sửa.",
            "An outreach session is a service point with a date; pick an existing code to change it.",
            "الجلسة المتنقلة نقطة خدمة لها تاريخ؛ اختر رمزًا موجودًا لتعديله.",
        ),
        "point_kind" => ("Loại", "Kind", "النوع"),
        "province_centre" => ("Trung tâm cấp tỉnh", "Province centre", "مركز المحافظة"),
        "commune_centre" => ("Trung tâm cấp xã", "Commune centre", "مركز البلدية"),
        "bank_agent" => ("Điểm ngân hàng", "Bank agent point", "نقطة وكيل مصرفي"),
        "post_office_agent" => ("Điểm bưu điện", "Post office agent point", "نقطة وكيل بريدي"),
        "outreach_session" => ("Buổi lưu động", "Outreach session", "جلسة متنقلة"),
        "unit_code" => {
            ("Mã xã, phường (hoặc mã tỉnh)", "Commune code (or the province code)", "رمز البلدية (أو رمز المحافظة)")
        }
        "address_of_point" => ("Địa chỉ", "Address", "العنوان"),
        "hours_format" => (
            "Giờ làm việc, ví dụ 07:30-11:30,13:30-17:00",
            "Opening hours, e.g. 07:30-11:30,13:30-17:00",
            "ساعات العمل، مثل 07:30-11:30,13:30-17:00",
        ),
        "session_date" => {
            ("Ngày (chỉ cho buổi lưu động)", "Date (outreach sessions only)", "التاريخ (للجلسات المتنقلة فقط)")
        }
        "latitude" => ("Vĩ độ", "Latitude", "خط العرض"),
        "longitude" => ("Kinh độ", "Longitude", "خط الطول"),
        "schedule_official" => {
            ("Lịch chính thức của năm này.", "This year's official schedule.", "الجدول الرسمي لهذه السنة.")
        }
        "schedule_proposed" => (
            "Chưa có lịch chính thức: đây là lịch tính theo quy định. Sửa một ngày sẽ lưu thành lịch chính thức.",
            "No official schedule yet: this one is computed from the rules. Changing a day saves it as official.",
            "لا يوجد جدول رسمي بعد: هذا محسوب وفق القواعد. تعديل أي يوم يحفظه جدولًا رسميًا.",
        ),
        "date" => ("Ngày", "Date", "التاريخ"),
        "day_kind" => ("Loại ngày", "Kind of day", "نوع اليوم"),
        "remove" => ("Bỏ", "Remove", "إزالة"),
        "add_day" => ("Thêm hoặc sửa một ngày", "Add or change a day", "إضافة يوم أو تعديله"),
        "statutory" => ("Nghỉ lễ, Tết", "Public holiday", "عطلة رسمية"),
        "compensatory" => ("Nghỉ bù", "Compensatory day off", "يوم عطلة تعويضي"),
        "swap" => ("Nghỉ hoán đổi", "Swapped day off", "يوم عطلة مُبدَّل"),
        "working_saturday" => ("Thứ Bảy làm bù", "Working Saturday", "سبت عمل"),
        // Slips.
        "print" => ("In phiếu", "Print", "الطباعة"),
        "form_01" => (
            "Giấy tiếp nhận và hẹn trả kết quả (mẫu 01)",
            "Receipt and appointment (form 01)",
            "إيصال الاستلام والموعد (النموذج 01)",
        ),
        "form_02" => ("Phiếu yêu cầu bổ sung (mẫu 02)", "Supplement request (form 02)", "طلب الاستكمال (النموذج 02)"),
        "form_03" => ("Phiếu từ chối tiếp nhận (mẫu 03)", "Refusal (form 03)", "الرفض (النموذج 03)"),
        "form_04" => (
            "Văn bản xin lỗi, hẹn lại (mẫu 04)",
            "Apology and new date (form 04)",
            "الاعتذار والموعد الجديد (النموذج 04)",
        ),
        "form_05" => (
            "Thông báo dừng xử lý (mẫu 05)",
            "Notice of stopped processing (form 05)",
            "إشعار إيقاف المعالجة (النموذج 05)",
        ),
        "form_06" => (
            "Phiếu kiểm soát quá trình (mẫu 06)",
            "Processing control slip (form 06)",
            "بطاقة مراقبة المعالجة (النموذج 06)",
        ),
        "form_07" => ("Sổ theo dõi hồ sơ (mẫu 07)", "Tracking book (form 07)", "سجل متابعة الملفات (النموذج 07)"),
        "book_from" => ("Sổ theo dõi từ ngày", "Tracking book from", "سجل المتابعة من"),
        "book_to" => ("đến ngày", "to", "إلى"),
        "administration" => ("Quản trị", "Administration", "الإدارة"),
        "procedure_settings" => ("Thủ tục tại địa phương", "Procedures here", "الإجراءات هنا"),
        "settings_intro" => (
            "Tỉnh hoặc xã có thể tắt một thủ tục, đổi việc nhận phi địa giới, và quy định thời hạn, lệ phí riêng. Để trống để giữ như danh mục quốc gia.",
            "The province or a commune can turn a procedure off, change whether it is accepted regardless of boundary, and set its own time and fee. Leave empty to keep the national catalogue's.",
            "يمكن للمحافظة أو البلدية إيقاف إجراء، وتغيير قبوله خارج النطاق، وتحديد مدة ورسوم خاصة. اتركه فارغًا للإبقاء على قيم الدليل الوطني.",
        ),
        "setting_form" => ("Đặt cho một thủ tục", "Set a procedure", "إعداد إجراء"),
        "offered" => ("Có nhận", "Offered", "متاح"),
        "yes" => ("Có", "Yes", "نعم"),
        "no" => ("Không", "No", "لا"),
        "as_catalogue" => ("Như danh mục quốc gia", "As the national catalogue says", "كما في الدليل الوطني"),
        "time_override" => (
            "Thời hạn riêng (để trống nếu không đổi)",
            "Own processing time (empty to keep)",
            "مدة خاصة (فارغة للإبقاء)",
        ),
        "time_unit" => ("Đơn vị thời hạn", "Unit of the time", "وحدة المدة"),
        "fee_override" => (
            "Lệ phí riêng, đồng (để trống nếu không đổi)",
            "Own fee in đồng (empty to keep)",
            "رسوم خاصة بالدونغ (فارغة للإبقاء)",
        ),
        "desk_decision" => ("Quyết định tại quầy", "Decision at the desk", "القرار في المكتب"),
        "desk_reason" => (
            "Lý do (khi yêu cầu bổ sung hoặc từ chối)",
            "Reason (when asking for more or refusing)",
            "السبب (عند طلب الاستكمال أو الرفض)",
        ),
        "confirm_decision" => ("Xác nhận", "Confirm", "تأكيد"),
        "table" => ("Bảng", "Table", "جدول"),
        "not_received_yet" => ("Chưa tiếp nhận", "Not received yet", "لم يُستلم بعد"),
        "applicant_id_number" => {
            ("Số định danh của người nộp", "The applicant's identification number", "رقم هوية مقدم الطلب")
        }
        "case_label" => ("Trường hợp", "Case", "الحالة"),
        "desk_how_receive" => (
            "Người nộp nhận kết quả bằng cách nào",
            "How the applicant receives the result",
            "كيف يستلم مقدم الطلب النتيجة",
        ),
        "agencies_admin" => ("Cơ quan", "Agencies", "الجهات"),
        "agency_form" => ("Thêm hoặc sửa cơ quan", "Add or change an agency", "إضافة جهة أو تعديلها"),
        "agency_code" => (
            "Mã cơ quan (QCVN 102), ví dụ 000.04.01.H29",
            "Agency code (QCVN 102), e.g. 000.04.01.H29",
            "رمز الجهة (QCVN 102)، مثل 000.04.01.H29",
        ),
        "provincial_peoples_committee" => ("UBND tỉnh", "Provincial People's Committee", "اللجنة الشعبية للمحافظة"),
        "provincial_department" => ("Sở, ngành", "Provincial department", "دائرة إقليمية"),
        "provincial_police" => ("Công an tỉnh", "Provincial police", "شرطة المحافظة"),
        "commune_peoples_committee" => ("UBND xã, phường", "Commune People's Committee", "اللجنة الشعبية للبلدية"),
        "commune_police" => ("Công an xã, phường", "Commune police", "شرطة البلدية"),
        "workflow_steps" => ("Các bước xử lý", "Workflow steps", "خطوات المعالجة"),
        "review_hours" => (
            "Giờ làm việc cho bước thẩm định (để trống nếu không quy định)",
            "Working hours for the review (empty for none)",
            "ساعات العمل للدراسة (فارغة إن لم تُحدَّد)",
        ),
        "approval_hours" => (
            "Giờ làm việc cho bước phê duyệt (để trống nếu không quy định)",
            "Working hours for the approval (empty for none)",
            "ساعات العمل للموافقة (فارغة إن لم تُحدَّد)",
        ),
        "all_counted" => ("Tất cả hồ sơ được tính", "All dossiers counted", "كل الملفات المحسوبة"),
        "back_to_dashboard" => ("Quay lại bảng chỉ số", "Back to the dashboard", "العودة إلى لوحة المؤشرات"),
        "breakdown" => ("Chỉ số theo từng nhóm", "Figures by group", "المؤشرات حسب المجموعة"),
        "breakdown_by" => ("Chia theo", "Group by", "التجميع حسب"),
        "by_agency" => ("Cơ quan giải quyết", "Competent agency", "الجهة المختصة"),
        "by_unit" => ("Đơn vị hành chính", "Administrative unit", "الوحدة الإدارية"),
        "by_service_point" => ("Nơi tiếp nhận", "Service point", "نقطة الخدمة"),
        "by_procedure" => ("Thủ tục", "Procedure", "الإجراء"),
        "by_channel" => ("Hình thức nộp", "Channel", "طريقة التقديم"),
        "chart_measures_desc" => (
            "Biểu đồ cột ngang: tỷ lệ của từng chỉ số trong kỳ, từ 0 đến 100 %. Số liệu có trong bảng ngay sau.",
            "Horizontal bar chart: the rate of each measure in the period, from 0 to 100 %. The same data is in the table that follows.",
            "مخطط أعمدة أفقي: نسبة كل مؤشر خلال الفترة من 0 إلى 100 %. البيانات نفسها في الجدول التالي.",
        ),
        "chart_points_desc" => (
            "Biểu đồ cột ngang: điểm Bộ chỉ số 766 của từng tỉnh, tính theo phần trăm số điểm tối đa. Số liệu có trong bảng ngay sau.",
            "Horizontal bar chart: each province's Decision 766 points as a share of the maximum. The same data is in the table that follows.",
            "مخطط أعمدة أفقي: نقاط مؤشر القرار 766 لكل محافظة كنسبة من الحد الأقصى. البيانات نفسها في الجدول التالي.",
        ),
        "counted" => ("Số được tính / tổng số", "Counted / of", "المحسوب / من"),
        "counting_no" => ("Hồ sơ không đạt", "Dossiers that fall short", "الملفات غير المستوفية"),
        "counting_yes" => ("Hồ sơ đạt", "Dossiers that count", "الملفات المستوفية"),
        "counts_towards" => ("Đạt chỉ số", "Counts towards it", "يُحتسب"),
        "dashboard" => ("Bảng chỉ số điều hành", "Indicator dashboard", "لوحة المؤشرات"),
        "dossiers_behind" => ("Hồ sơ đằng sau con số", "Dossiers behind the figure", "الملفات وراء الرقم"),
        "dossiers_found" => ("hồ sơ", "dossiers", "ملف"),
        "due" => ("Hạn giải quyết", "Due", "موعد الإنجاز"),
        "export_csv" => ("Tải về CSV", "Download CSV", "تنزيل CSV"),
        "export_xlsx" => ("Tải về Excel (XLSX)", "Download Excel (XLSX)", "تنزيل Excel (XLSX)"),
        "figures_by_province" => ("Chỉ số của các tỉnh, thành phố", "Figures of each province", "مؤشرات كل محافظة"),
        "index766" => (
            "Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766)",
            "Service index for citizens and businesses (Decision 766)",
            "مؤشر خدمة المواطنين والشركات (القرار 766)",
        ),
        "index766_by_province" => {
            ("Điểm Bộ chỉ số 766 theo tỉnh", "Decision 766 points by province", "نقاط القرار 766 حسب المحافظة")
        }
        "index766_note" => (
            "Điểm tính theo quy tắc: điểm tối đa × tỷ lệ / chỉ tiêu, không quá điểm tối đa. Các chỉ số motcua chưa có dữ liệu (công bố thủ tục, phản ánh kiến nghị, kết nối dữ liệu dân cư) được ghi là chưa đo và không được điểm.",
            "Points follow the rule: maximum × rate / target, at most the maximum. Indicators whose data motcua does not hold (publication of procedures, complaints, population data links) are marked not measured and score nothing.",
            "تُحسب النقاط وفق القاعدة: الحد الأقصى × النسبة / الهدف، دون تجاوز الحد الأقصى. المؤشرات التي لا يملك النظام بياناتها تُعلَّم بأنها غير مقيسة ولا تُحتسب لها نقاط.",
        ),
        "index766_points" => ("Điểm 766", "766 points", "نقاط 766"),
        "index766_total" => ("Tổng điểm", "Total points", "مجموع النقاط"),
        "indicator" => ("Chỉ số", "Indicator", "المؤشر"),
        "indicator_group" => ("Nhóm chỉ số", "Group", "المجموعة"),
        "late_and_due_soon" => {
            ("Hồ sơ quá hạn và sắp đến hạn", "Late and soon-due dossiers", "الملفات المتأخرة والقريبة من الموعد")
        }
        "m_on_time" => ("Đúng hạn", "On time", "في الموعد"),
        "m_online" => ("Nộp trực tuyến", "Submitted online", "مقدَّم إلكترونيًا"),
        "m_e_payment" => ("Thanh toán trực tuyến", "Paid online", "مدفوع إلكترونيًا"),
        "m_digitised" => ("Số hoá hồ sơ", "Digitised", "مُرقمن"),
        "m_reuse" => ("Tái sử dụng dữ liệu", "Data reused", "بيانات مُعاد استخدامها"),
        "m_e_result" => ("Kết quả điện tử", "Electronic result", "نتيجة إلكترونية"),
        "m_satisfaction" => ("Hài lòng", "Satisfied", "رضا"),
        "measure" => ("Chỉ số", "Measure", "المقياس"),
        "measures" => ("Các chỉ số trong kỳ", "Measures in the period", "المقاييس خلال الفترة"),
        "next_page" => ("Trang sau", "Next page", "الصفحة التالية"),
        "no_figures" => {
            ("Chưa có hồ sơ nào trong kỳ này.", "No dossiers in this period yet.", "لا توجد ملفات في هذه الفترة بعد.")
        }
        "none_due" => (
            "Không có hồ sơ quá hạn hay sắp đến hạn.",
            "No late or soon-due dossiers.",
            "لا توجد ملفات متأخرة أو قريبة من الموعد.",
        ),
        "not_measured" => ("Chưa đo", "Not measured", "غير مقيس"),
        "open_at_end" => ("Đang giải quyết cuối kỳ", "Open at the period's end", "قيد المعالجة في نهاية الفترة"),
        "pages" => ("Trang", "Pages", "الصفحات"),
        "period_from" => ("Từ ngày", "From", "من"),
        "period_to" => ("Đến ngày", "To", "إلى"),
        "previous_page" => ("Trang trước", "Previous page", "الصفحة السابقة"),
        "procedure" => ("Thủ tục", "Procedure", "الإجراء"),
        "procedure_code" => ("Mã thủ tục", "Procedure code", "رمز الإجراء"),
        "province_name" => ("Tỉnh, thành phố", "Province", "المحافظة"),
        "rate" => ("Tỷ lệ", "Rate", "النسبة"),
        "received_count" => ("Hồ sơ tiếp nhận", "Dossiers received", "الملفات المستلمة"),
        "received_on" => ("Ngày tiếp nhận", "Received on", "تاريخ الاستلام"),
        "resolved_count" => ("Hồ sơ đã giải quyết", "Dossiers resolved", "الملفات المنجزة"),
        "resolved_on" => ("Ngày giải quyết", "Resolved on", "تاريخ الإنجاز"),
        "show_figures" => ("Xem chỉ số", "Show figures", "عرض المؤشرات"),
        "target" => ("Chỉ tiêu", "Target", "الهدف"),
        "top_procedures" => {
            ("Thủ tục có nhiều hồ sơ nhất", "Procedures with the most dossiers", "الإجراءات الأكثر ملفات")
        }
        "transparency" => ("Công khai chỉ số phục vụ", "Service figures, published", "مؤشرات الخدمة المنشورة"),
        "transparency_intro" => (
            "Số liệu của từng tỉnh, thành phố, tính trực tiếp từ hồ sơ: tỷ lệ đúng hạn, nộp trực tuyến, thanh toán trực tuyến, số hoá, hài lòng và điểm Bộ chỉ số 766.",
            "Each province's figures, computed live from its dossiers: on time, submitted online, paid online, digitised, satisfied, and the Decision 766 points.",
            "مؤشرات كل محافظة محسوبة مباشرة من ملفاتها: الإنجاز في الموعد، والتقديم الإلكتروني، والدفع الإلكتروني، والرقمنة، والرضا، ونقاط القرار 766.",
        ),
        "indicators_nav" => ("Chỉ số", "Figures", "المؤشرات"),
        "index766_short" => ("Bộ chỉ số 766", "Decision 766 index", "مؤشر القرار 766"),
        "index766_admin_intro" => (
            "Điểm tối đa và chỉ tiêu của từng chỉ số. Một chỉ số đạt đủ điểm khi tỷ lệ bằng hoặc vượt chỉ tiêu; thấp hơn thì được điểm theo tỷ lệ.",
            "The maximum points and the target of each indicator. An indicator scores in full when its rate meets the target, and in proportion below it.",
            "الحد الأقصى للنقاط والهدف لكل مؤشر. يحصل المؤشر على كامل النقاط عندما تبلغ نسبته الهدف، وبالتناسب دونه.",
        ),
        "change_weight" => ("Đổi điểm và chỉ tiêu", "Change points and target", "تغيير النقاط والهدف"),
        "target_percent" => ("Chỉ tiêu (%)", "Target (%)", "الهدف (%)"),
        // Payments, results handed back, outreach sessions.
        "amount_requested" => ("Số tiền đã yêu cầu", "Amount requested", "المبلغ المطلوب"),
        "amount_received" => ("Số tiền đã thu (đồng)", "Amount received (đồng)", "المبلغ المستلم (دونغ)"),
        "payment_method" => ("Hình thức nộp", "Paid by", "طريقة الدفع"),
        "paid_by_cash" => ("Tiền mặt", "Cash", "نقدًا"),
        "paid_by_pos" => ("Thẻ qua máy POS", "Card (POS)", "بطاقة (نقطة بيع)"),
        "paid_by_transfer" => ("Chuyển khoản", "Bank transfer", "تحويل مصرفي"),
        "receipt_number" => ("Số biên lai", "Receipt number", "رقم الإيصال"),
        "recipient_signature" => ("Người nhận kết quả", "Who received the result", "مستلم النتيجة"),
        "signed_by_recipient" => {
            ("Người nhận đã ký nhận kết quả", "The recipient signed for the result", "وقّع المستلم على استلام النتيجة")
        }
        "recipient_name" => ("Họ và tên người nhận", "Recipient's full name", "الاسم الكامل للمستلم"),
        "recipient_id_number" => (
            "Số định danh cá nhân của người nhận",
            "Recipient's personal identification number",
            "رقم الهوية الشخصية للمستلم",
        ),
        "payment_due_title" => ("Nộp phí, lệ phí", "Paying the fee", "دفع الرسوم"),
        "amount_to_pay" => ("Số tiền cần nộp", "Amount to pay", "المبلغ المستحق"),
        "payable_to" => ("Nộp cho", "Payable to", "يُدفع إلى"),
        "pay_at_counter" => (
            "Chưa thể thanh toán trực tuyến. Xin nộp tại quầy, bằng tiền mặt, thẻ hoặc chuyển khoản, và giữ biên lai:",
            "Paying online is not available yet. Please pay at the counter, in cash, by card or by transfer, and keep the receipt:",
            "الدفع الإلكتروني غير متاح بعد. يُرجى الدفع عند المكتب نقدًا أو بالبطاقة أو بالتحويل، والاحتفاظ بالإيصال:",
        ),
        "pay_at" => ("Nơi nộp", "Where", "المكان"),
        "point_address" => ("Địa chỉ", "Address", "العنوان"),
        "postal_tracking" => ("Mã vận đơn bưu chính", "Postal tracking number", "رقم التتبع البريدي"),
        "late_entry" => (
            "nhập muộn sau buổi lưu động",
            "entered late, after the outreach session",
            "أُدخل متأخرًا بعد الجلسة المتنقلة",
        ),
        "session_day" => ("Ngày tổ chức", "Session day", "يوم الجلسة"),
        "session_over" => ("Đã kết thúc", "Over", "انتهت"),
        "failed_sign_ins_since" => (
            "lần đăng nhập sai vào tài khoản này kể từ lần đăng nhập trước của bạn",
            "failed sign-in attempts to this account since your previous sign-in",
            "محاولات دخول فاشلة إلى هذا الحساب منذ تسجيل دخولك السابق",
        ),
        "last_failure_from" => ("lần cuối từ địa chỉ", "the last from the address", "آخرها من العنوان"),
        "at_time" => ("lúc", "at", "في"),
        "failed_sign_ins_title" => ("Đăng nhập sai", "Failed sign-ins", "محاولات دخول فاشلة"),
        // The catalogue: why no agency, entries without details.
        "no_agency_province_not_set_up" => (
            "Tỉnh, thành phố này chưa đưa motcua vào sử dụng nên chưa có cơ quan nào nhận hồ sơ ở đây. Xin chọn tỉnh khác hoặc nộp tại bộ phận một cửa của tỉnh.",
            "This province has not set up motcua yet, so no agency receives dossiers here. Choose another province, or submit at the province's one-stop counter.",
            "لم تبدأ هذه المحافظة استخدام motcua بعد، لذا لا توجد جهة تستلم الملفات هنا. اختر محافظة أخرى أو قدّم في مكتب الشباك الواحد في المحافظة.",
        ),
        "no_agency_settles_it" => (
            "Không cơ quan nào của tỉnh, thành phố này giải quyết thủ tục này trên motcua. Xin chọn tỉnh khác hoặc hỏi bộ phận một cửa.",
            "No agency of this province settles this procedure on motcua. Choose another province, or ask at a one-stop counter.",
            "لا توجد جهة في هذه المحافظة تنجز هذا الإجراء على motcua. اختر محافظة أخرى أو اسأل في مكتب الشباك الواحد.",
        ),
        "no_details" => (
            "Danh mục thủ tục hành chính quốc gia chỉ cho biết tên, mã, lĩnh vực và cơ quan thực hiện thủ tục này. Danh mục chưa cho biết thành phần hồ sơ, thời hạn giải quyết, phí, lệ phí và căn cứ pháp lý, và không ghi thủ tục này được nộp trực tuyến, nên thủ tục này chỉ nộp được tại bộ phận một cửa.",
            "The national catalogue gives this procedure's name, code, field and the agencies that carry it out. It does not give its documents, time limit, fees or legal basis, and does not mark it for online submission, so it can only be submitted at a one-stop counter.",
            "لا يذكر الفهرس الوطني عن هذا الإجراء إلا اسمه ورمزه ومجاله والجهات التي تنفذه. ولا يذكر مستنداته ولا مدة إنجازه ولا رسومه ولا أساسه القانوني، ولا يشير إلى إمكان تقديمه عبر الإنترنت، لذا لا يُقدَّم إلا في مكتب الشباك الواحد.",
        ),
        "no_details_at_counter" => (
            "Tại quầy, cán bộ ghi các giấy tờ bạn nộp, cho biết thời hạn giải quyết mà tỉnh đã công bố cho thủ tục này, và ghi ngày hẹn trả kết quả (tính theo ngày làm việc từ lúc tiếp nhận) trên giấy tiếp nhận hồ sơ.",
            "At the counter, the officer lists the documents you hand in, tells you the time limit the province has published for this procedure, and writes on your receipt the date your result is due, counted in working days from reception.",
            "في المكتب، يدوّن الموظف المستندات التي تسلّمها، ويخبرك بمدة الإنجاز التي أعلنتها المحافظة لهذا الإجراء، ويكتب في إيصالك موعد تسليم النتيجة محسوبًا بأيام العمل من تاريخ الاستلام.",
        ),
        "desk_catalogue_entry" => (
            "Danh mục quốc gia không có thành phần hồ sơ, thời hạn và phí của thủ tục này. Xin ghi tên từng giấy tờ người dân nộp và thời hạn giải quyết tỉnh đã công bố; hạn trả kết quả được tính từ thời hạn này.",
            "The national catalogue has no documents, time limit or fee for this procedure. Write the name of each document handed in and the time limit the province published; the due date is counted from it.",
            "لا يتضمن الفهرس الوطني مستندات هذا الإجراء ولا مدته ولا رسومه. اكتب اسم كل مستند مُسلَّم ومدة الإنجاز التي أعلنتها المحافظة؛ ويُحسب موعد التسليم منها.",
        ),
        "desk_time_limit" => {
            ("Thời hạn giải quyết (ngày làm việc)", "Time limit (working days)", "مدة الإنجاز (أيام عمل)")
        }
        "desk_document" => ("Giấy tờ", "Document", "المستند"),
        "desk_document_name" => ("Tên giấy tờ", "Name of the document", "اسم المستند"),
        "step_place" => ("Nơi thực hiện", "Where", "مكان التنفيذ"),
        // Keys are literals in the page code; the page tests look for this mark.
        _ => return "⟨missing text⟩",
    };
    locale.pick(vi, en, ar)
}
