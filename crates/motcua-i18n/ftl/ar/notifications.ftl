### Messages to applicants (email or SMS) about their dossier.
### $code is the dossier's code, $page the address of its page, $due the
### date the result is due, $reason the officer's words, $amount in đồng.

notify-subject = الملف { $code }
notify-received = تم استلام الملف { $code }. موعد النتيجة: { $due }. تابعه على { $page }
notify-refused-at-reception = لم يُقبل الملف { $code }. السبب: { $reason }.
notify-supplement-requested = يحتاج الملف { $code } إلى مستندات إضافية: { $reason }. أرسلها على { $page }
notify-payment-requested = يجب دفع رسوم قدرها { $amount } دونغ للملف { $code }. التفاصيل على { $page }
notify-extended = نعتذر: يحتاج الملف { $code } إلى وقت إضافي ({ $reason }). الموعد الجديد للنتيجة: { $due }.
notify-stopped = أُوقفت معالجة الملف { $code }. السبب: { $reason }.
notify-refused = رُفض طلب الملف { $code }. السبب: { $reason }.
notify-approved = نتيجة الملف { $code } جاهزة. اطّلع على طريقة استلامها على { $page }
notify-returned = سُلّمت نتيجة الملف { $code }. يرجى تقييم الخدمة على { $page }
