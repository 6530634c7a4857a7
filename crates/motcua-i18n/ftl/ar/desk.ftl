### The officers' desk: worklist, a dossier's actions, reception at the counter, payments and results handed back.

desk-sign-in = تسجيل دخول الموظف
username = اسم المستخدم
worklist = قائمة العمل
reception = استلام ملف
public-site = البوابة العامة
signed-in-as = مسجّل الدخول باسم
no-worklist = ليس لدورك قائمة عمل.
to-receive = بانتظار الاستلام
to-process = بانتظار المعالجة
to-approve = بانتظار الموافقة
to-return = بانتظار تسليم النتيجة
with-applicant = بانتظار مقدم الطلب
received-here = استُلم هنا
channel-label = القناة
any-channel = كل القنوات
filter = تصفية
nothing-waiting = لا شيء في الانتظار.
urgency = الوقت المتبقي
due-soon = مستحق خلال يوم عمل
clock-stopped = التوقيت متوقف
intake-officer = موظف الاستقبال
agent-clerk = موظف الوكيل
outreach-helper = مساعد الجلسة المتنقلة
specialist = أخصائي
leader = القائد
supervisor = مشرف
administrator = مدير النظام
reused = بيانات رقمية معاد استخدامها
actions = الإجراءات
no-actions = ليس لدورك ما يفعله في هذا الملف الآن.
hand-over-to = إحالة إلى
do-receive = استلام
do-refuse-at-reception = رفض الاستلام (النموذج 03)
do-request-supplement = طلب استكمال (النموذج 02)
do-supplement = تسجيل الاستكمال المسلَّم
supplement-file = نسخة ممسوحة من المستندات المضافة
do-request-payment = طلب الدفع
do-pay = تسجيل الدفع
do-approve = الموافقة وإصدار النتيجة
do-refuse = الرفض مع السبب
do-extend = التمديد مع الاعتذار (النموذج 04)
do-stop = إيقاف المعالجة (النموذج 05)
do-return = تسليم النتيجة
do-withdraw = السحب بطلب من مقدم الطلب
what-to-add = ما يجب إضافته ولماذا
legal-reason = السبب (مع أساسه القانوني)
new-due = الموعد الجديد
amount-dong = المبلغ (دونغ)
to-officer = إلى موظف
to-agency = إلى جهة أخرى
result-file = ملف النتيجة الإلكتروني
tracking-number = رقم تتبع البريد
control-slip = بطاقة مراقبة المعالجة (النموذج 06)
control-slip-caption = سطر لكل إحالة: من سلّم ومن استلم ومتى، وهل كان قبل الموعد أو فيه أو متأخرًا.
when = متى
what = ماذا
giver = سلّمه
receiver = استلمه
find = بحث
no-such-procedure = لا يوجد إجراء بهذا الرمز.
documents-received = المستندات المسلَّمة
handed-in = تم التسليم
original-or-copy = أصل أم نسخة
count = العدد
scan = نسخة ممسوحة (إن وجدت)
consent = مقدم الطلب حاضر ويوافق على تقديم الموظف للملف نيابة عنه
identity-checked = تمت مطابقة بطاقة هوية مقدم الطلب مع هذه البيانات
verify-account = توثيق حساب عند الشباك
verify-account-intro = يحضر المواطن الذي سجّل عبر الإنترنت بطاقة هويته إلى الشباك. طابِق الرقم والصورة والاسم على البطاقة مع الشخص؛ ورقم الهاتف الذي يقدمه يحدد حسابه. بعد التوثيق يرى الحساب الملفات المستلمة عند الشبابيك مع مطابقة البطاقة.
card-checked = تحققت من بطاقة الهوية الأصلية: الرقم والصورة والاسم تطابق الشخص الحاضر
account-verified-done = تم توثيق الحساب
dossiers-linked = الملفات المضافة إلى الحساب
account-status = حالة الحساب
account-unverified = غير موثّق. لا ترى إلا الملفات التي قدمتها بنفسك عبر الإنترنت. أحضر بطاقة هويتك إلى أي شباك خدمة لتوثيق الحساب؛ عندها ترى أيضًا الملفات المسلّمة عند الشبابيك ومكاتب البريد والمصارف.
account-verified = موثّق عند الشباك
account-log = سجل الحساب
verified-at-counter = التوثيق عند الشباك
amount-requested = المبلغ المطلوب
amount-received = المبلغ المستلم (دونغ)
payment-method = طريقة الدفع
paid-by-cash = نقدًا
paid-by-pos = بطاقة (نقطة بيع)
paid-by-transfer = تحويل مصرفي
paid-by-online = مدفوع إلكترونيًا
receipt-number = رقم الإيصال
recipient-signature = مستلم النتيجة
signed-by-recipient = وقّع المستلم على استلام النتيجة
recipient-name = الاسم الكامل للمستلم
recipient-id-number = رقم الهوية الشخصية للمستلم
payment-due-title = دفع الرسوم
amount-to-pay = المبلغ المستحق
payable-to = يُدفع إلى
pay-at-counter = الدفع الإلكتروني غير متاح بعد. يُرجى الدفع عند المكتب نقدًا أو بالبطاقة أو بالتحويل، والاحتفاظ بالإيصال:
pay-at = المكان
point-address = العنوان
postal-tracking = رقم التتبع البريدي
late-entry = أُدخل متأخرًا بعد الجلسة المتنقلة
session-day = يوم الجلسة
session-over = انتهت
# The count is shown before this text.
failed-sign-ins-since =
    { $count ->
        [zero] محاولة دخول فاشلة إلى هذا الحساب منذ تسجيل دخولك السابق
        [one] محاولة دخول فاشلة إلى هذا الحساب منذ تسجيل دخولك السابق
        [two] محاولتا دخول فاشلتان إلى هذا الحساب منذ تسجيل دخولك السابق
        [few] محاولات دخول فاشلة إلى هذا الحساب منذ تسجيل دخولك السابق
        [many] محاولةً دخول فاشلة إلى هذا الحساب منذ تسجيل دخولك السابق
       *[other] محاولة دخول فاشلة إلى هذا الحساب منذ تسجيل دخولك السابق
    }
last-failure-from = آخرها من العنوان
at-time = في
failed-sign-ins-title = محاولات دخول فاشلة
