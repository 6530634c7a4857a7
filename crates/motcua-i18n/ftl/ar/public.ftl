### The public pages: the frame of every page, home, catalogue, a procedure, dossier lookup.

site = الخدمات العامة الموحدة
skip = تخطَّ إلى المحتوى الرئيسي
language = اللغة
home = الرئيسية
catalogue = الإجراءات الإدارية
lookup = الاستعلام عن ملف
search-label = ابحث عن إجراء (بعلامات التشكيل الفيتنامية أو بدونها)
search = بحث
most-used = الإجراءات الأكثر استخدامًا
fields = المجالات
# The count is shown before this text.
procedures-count =
    { $count ->
        [zero] إجراء
        [one] إجراء
        [two] إجراءان
        [few] إجراءات
        [many] إجراءً
       *[other] إجراء
    }
level = المستوى
any-level = كل المستويات
province = المحافظة
commune = البلدية
ministry = الوزارة
other = جهة أخرى
full-online-only = الإجراءات الإلكترونية بالكامل فقط
full-online = إلكتروني بالكامل
online = يمكن تقديمه عبر الإنترنت
boundary-free = يُقبل في أي مكان بالمحافظة
# The count is shown before this text.
results-found =
    { $count ->
        [zero] إجراء مطابق
        [one] إجراء مطابق
        [two] إجراءان مطابقان
        [few] إجراءات مطابقة
        [many] إجراءً مطابقًا
       *[other] إجراء مطابق
    }
no-results = لم يُعثر على أي إجراء. جرّب كلمات أخرى أقصر.
previous = الصفحة السابقة
next = الصفحة التالية
page = صفحة
code = رمز الإجراء
field = المجال
agencies = الجهة المختصة
time-and-fees = المدة والرسوم
channel = طريقة التقديم
method-online = عبر الإنترنت
method-direct = حضوريًا
method-postal = بالبريد
time = مدة المعالجة
fees = الرسوم
free = مجاني
time-unit-working-day = أيام عمل
time-unit-day = أيام
time-unit-hour = ساعات عمل
time-unit-month = أشهر
time-unit-same-day = في اليوم نفسه
time-unit-other = (وفق القاعدة)
documents = المستندات المطلوبة
originals = أصل
copies = نسخة
required = إلزامي
form = النموذج
steps = الخطوات
results = ما ستحصل عليه
legal-bases = الأساس القانوني
where = أين تقدّم
choose-province = اختر المحافظة
choose-commune = اختر بلديتك (لعرض الأقرب أولًا)
show = عرض
km-away = كم
hours = ساعات العمل
lookup-intro = أدخل رمز الملف (الموجود على الإيصال) ورقم الهوية الشخصية لمقدم الطلب. لا حاجة لتسجيل الدخول.
dossier-code = رمز الملف
id-number = رقم الهوية الشخصية (12 رقمًا)
look-up = استعلام
not-found-pair = لا يوجد ملف يطابق هذا الرمز والرقم. يرجى التحقق منهما في الإيصال.
status = الحالة
received-at = تاريخ الاستلام
due-at = موعد النتيجة
history = ما جرى حتى الآن
