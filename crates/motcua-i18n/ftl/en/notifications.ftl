### Messages to applicants (email or SMS) about their dossier.
### $code is the dossier's code, $page the address of its page, $due the
### date the result is due, $reason the officer's words, $amount in đồng.

notify-subject = Dossier { $code }
notify-received = Dossier { $code } was received. Result due: { $due }. Follow it at { $page }
notify-refused-at-reception = Dossier { $code } was not accepted. Reason: { $reason }.
notify-supplement-requested = Dossier { $code } needs more documents: { $reason }. Send them at { $page }
notify-payment-requested = Dossier { $code } needs a fee of { $amount } đồng to be paid. See { $page }
notify-extended = We apologise: dossier { $code } needs more time ({ $reason }). New result date: { $due }.
notify-stopped = Processing of dossier { $code } was stopped. Reason: { $reason }.
notify-approved = The result of dossier { $code } is ready. See how to receive it at { $page }
notify-refused = Dossier { $code } was refused. Reason: { $reason }.
notify-returned = The result of dossier { $code } was handed over. Please rate the service at { $page }
