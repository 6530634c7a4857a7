### What went wrong, as problem documents and error pages say it, and the
### mistakes shown beside a form's fields.

problem-not-found-title = غير موجود
problem-no-such-document = لم يتم العثور على هذا المستند.
problem-no-such-page = هذه الصفحة غير موجودة.
# $thing: what was looked for (a name from fields.ftl); $key: its code.
problem-not-found-detail = لم يتم العثور على { $thing } { $key }.
problem-invalid-value-title = إدخال غير صالح
# $field: the field's name (fields.ftl); $reason: why (reasons.ftl).
problem-invalid-value-detail = قيمة «{ $field }» غير صالحة: { $reason }.
# $line: the line of the imported file; $field and $reason as above.
problem-invalid-line-detail = السطر { $line }: قيمة «{ $field }» غير صالحة: { $reason }.
problem-year-out-of-range-title = سنة غير مدعومة
problem-year-out-of-range-detail = السنة { $year } خارج النطاق المدعوم { $first }–{ $last }.
problem-transition-not-allowed-title = إجراء غير مسموح
# $action: an action-* name; $status: a status-* name (dossier.ftl).
problem-transition-not-allowed-detail = لا يمكن تنفيذ «{ $action }» على ملف حالته «{ $status }». لم يتغير شيء.
problem-unauthenticated-title = يلزم تسجيل الدخول
problem-unauthenticated-detail = يرجى تسجيل الدخول للمتابعة؛ ربما انتهت الجلسة.
problem-too-many-attempts-title = يرجى الانتظار قليلًا
# $wait: problem-wait-seconds or problem-wait-minutes.
problem-too-many-attempts-detail = محاولات خاطئة كثيرة من هذا المكان. لحماية الحساب، انتظر { $wait } ثم حاول مرة أخرى، أو أعد تعيين كلمة المرور.
problem-wait-seconds =
    { $count ->
        [zero] { $count } ثانية
        [one] { $count } ثانية
        [two] { $count } ثانيتان
        [few] { $count } ثوانٍ
        [many] { $count } ثانيةً
       *[other] { $count } ثانية
    }
problem-wait-minutes =
    { $count ->
        [zero] { $count } دقيقة
        [one] { $count } دقيقة
        [two] { $count } دقيقتان
        [few] { $count } دقائق
        [many] { $count } دقيقةً
       *[other] { $count } دقيقة
    }
problem-wrong-credentials-title = فشل تسجيل الدخول
problem-wrong-credentials-detail = رقم الهوية (أو اسم المستخدم) أو كلمة المرور غير صحيحة.
problem-forbidden-title = غير مسموح
# $role: the officer's role key; $action: an action-* name.
problem-forbidden-detail = دورك ({ $role }) لا يسمح بهذا الإجراء: { $action }.
problem-conflict-title = تغيّر الملف للتو
problem-conflict-detail = قام شخص آخر بتحديث الملف أولاً. أعد التحميل وحاول مرة أخرى؛ لم يتغير شيء.
problem-stale-form-title = النموذج قديم
problem-stale-form-detail = لم يعد هذا النموذج صالحًا (ربما سجّلت الدخول من جديد). ارجع وأعد تحميل الصفحة وأرسله مرة أخرى؛ لم يتغير شيء.
problem-already-registered-title = مسجل مسبقًا
problem-already-registered-detail = رقم الهوية هذا موثَّق بالفعل لحساب. سجّل الدخول أو أعد تعيين كلمة المرور أو أحضر بطاقة هويتك إلى شباك الخدمة.
problem-idempotency-key-reused-title = مفتاح منع التكرار مستخدم
problem-idempotency-key-reused-detail = استُخدم مفتاح Idempotency-Key هذا لطلب مختلف؛ كل ملف جديد يحتاج مفتاحًا جديدًا.
problem-file-refused-title = تم رفض الملف
problem-bad-request-title = طلب غير صالح
# $detail: the JSON parser's own words, in English.
problem-bad-body-detail = محتوى الطلب ليس بصيغة JSON المتوقعة: { $detail }
problem-bad-request-detail = عنوان الطلب أو معاملاته بصيغة غير صحيحة.
problem-upload-not-raw-title = المطلوب الملف نفسه
# $example: a curl command line.
problem-upload-not-raw-detail = تستقبل نقطة النهاية هذه بايتات الملف نفسها كجسم الطلب، لا نموذج multipart: أرسل البايتات بنوع Content-Type الخاص بالملف (أو application/octet-stream) وضع اسمه في المعامل ?name=، مثلًا { $example }.
problem-method-not-allowed-title = الطريقة غير مسموح بها
problem-method-not-allowed-detail = هذا العنوان لا يقبل هذه الطريقة.
problem-unavailable-title = غير متاح مؤقتًا
problem-unavailable-detail = الخدمة غير متاحة مؤقتًا، يرجى المحاولة بعد بضع دقائق.
problem-internal-title = خطأ في الخادم
problem-internal-detail = حدث خطأ من جهتنا. لم يتغير شيء؛ يرجى المحاولة لاحقًا.
problem-back-home = العودة إلى الصفحة الرئيسية

## Why an upload was refused.

file-refused-empty = الملف فارغ.
file-refused-too-large = الملف أكبر من 20 ميغابايت. امسحه بدقة أقل أو قسّمه.
# $quota: the quota, e.g. 200 MB.
file-refused-quota = ستتجاوز مستنداتك { $quota }. أعد استخدام مستندات لديك أو أرسل ملفًا أصغر.
file-refused-legacy-office = قد تحمل ملفات Word وExcel القديمة (.doc و.xls) وحدات ماكرو. احفظه بصيغة DOCX أو XLSX أو PDF.
file-refused-damaged = الملف تالف أو مقطوع أو غير مقروء. صدّره أو امسحه مرة أخرى.
file-refused-hidden-content = يوجد ملف آخر مخفي داخل هذا الملف أو ملحق به.
file-refused-active-content = يحمل الملف محتوى نشطًا (JavaScript أو وحدات ماكرو أو إجراءات تلقائية أو ملفات مرفقة). اطبعه إلى PDF وأرسله.
file-refused-encrypted = الملف محمي بكلمة مرور أو مشفّر. أزل كلمة المرور وأرسله مرة أخرى.
file-refused-too-many-pages = يحتوي ملف PDF على أكثر من 1000 صفحة. قسّمه.
file-refused-unpacks = يُفك ضغط الملف إلى بيانات أكبر بكثير مما يوحي به حجمه.
file-refused-too-many-pixels = تحتوي الصورة على أكثر من 50 مليون بكسل. التقطها أو امسحها بدقة أقل.
file-refused-not-accepted = تُقبل فقط ملفات PDF وصور JPG أو PNG ومستندات Word (DOCX) وExcel (XLSX) وODT بدون وحدات ماكرو.

## Mistakes shown beside a form's field.

field-error-already-registered = هذا الرقم موثّق بالفعل لحساب. يرجى تسجيل الدخول أو إحضار بطاقة الهوية إلى الشباك.
field-error-no-account-with-phone = لا يوجد حساب يطالب بهذا الرقم مع رقم الهاتف هذا.
field-error-wrong-credentials = الرقم أو كلمة المرور غير صحيحة.
