### The figures: transparency page, dashboard, Decision 766 index.

all-counted = كل الملفات المحسوبة
back-to-dashboard = العودة إلى لوحة المؤشرات
breakdown = المؤشرات حسب المجموعة
breakdown-by = التجميع حسب
by-agency = الجهة المختصة
by-unit = الوحدة الإدارية
by-service-point = نقطة الخدمة
by-procedure = الإجراء
by-channel = طريقة التقديم
chart-measures-desc = مخطط أعمدة أفقي: نسبة كل مؤشر خلال الفترة من 0 إلى 100 %. البيانات نفسها في الجدول التالي.
chart-points-desc = مخطط أعمدة أفقي: نقاط مؤشر القرار 766 لكل محافظة كنسبة من الحد الأقصى. البيانات نفسها في الجدول التالي.
counted = المحسوب / من
counting-no = الملفات غير المستوفية
counting-yes = الملفات المستوفية
counts-towards = يُحتسب
dashboard = لوحة المؤشرات
dossiers-behind = الملفات وراء الرقم
# The count is shown before this text.
dossiers-found =
    { $count ->
        [zero] ملف
        [one] ملف
        [two] ملفان
        [few] ملفات
        [many] ملفًا
       *[other] ملف
    }
due = موعد الإنجاز
export-csv = تنزيل CSV
export-xlsx = تنزيل Excel (XLSX)
figures-by-province = مؤشرات كل محافظة
index766 = مؤشر خدمة المواطنين والشركات (القرار 766)
index766-by-province = نقاط القرار 766 حسب المحافظة
index766-note = تُحسب النقاط وفق القاعدة: الحد الأقصى × النسبة / الهدف، دون تجاوز الحد الأقصى. المؤشرات التي لا يملك النظام بياناتها تُعلَّم بأنها غير مقيسة ولا تُحتسب لها نقاط.
index766-points = نقاط 766
index766-total = مجموع النقاط
indicator = المؤشر
indicator-group = المجموعة
late-and-due-soon = الملفات المتأخرة والقريبة من الموعد
m-on-time = في الموعد
m-online = مقدَّم إلكترونيًا
m-e-payment = مدفوع إلكترونيًا
m-digitised = مُرقمن
m-reuse = بيانات مُعاد استخدامها
m-e-result = نتيجة إلكترونية
m-satisfaction = رضا
measure = المقياس
measures = المقاييس خلال الفترة
next-page = الصفحة التالية
no-figures = لا توجد ملفات في هذه الفترة بعد.
none-due = لا توجد ملفات متأخرة أو قريبة من الموعد.
not-measured = غير مقيس
open-at-end = قيد المعالجة في نهاية الفترة
pages = الصفحات
period-from = من
period-to = إلى
previous-page = الصفحة السابقة
procedure = الإجراء
procedure-code = رمز الإجراء
province-name = المحافظة
rate = النسبة
received-count = الملفات المستلمة
received-on = تاريخ الاستلام
resolved-count = الملفات المنجزة
resolved-on = تاريخ الإنجاز
show-figures = عرض المؤشرات
target = الهدف
top-procedures = الإجراءات الأكثر ملفات
transparency = مؤشرات الخدمة المنشورة
transparency-intro = مؤشرات كل محافظة محسوبة مباشرة من ملفاتها: الإنجاز في الموعد، والتقديم الإلكتروني، والدفع الإلكتروني، والرقمنة، والرضا، ونقاط القرار 766.
indicators-nav = المؤشرات
index766-short = مؤشر القرار 766
index766-admin-intro = الحد الأقصى للنقاط والهدف لكل مؤشر. يحصل المؤشر على كامل النقاط عندما تبلغ نسبته الهدف، وبالتناسب دونه.
change-weight = تغيير النقاط والهدف
target-percent = الهدف (%)
