### What went wrong, as problem documents and error pages say it, and the
### mistakes shown beside a form's fields.

problem-not-found-title = Not found
problem-no-such-document = No such document was found.
problem-no-such-page = There is no such page.
# $thing: what was looked for (a name from fields.ftl); $key: its code.
problem-not-found-detail = No { $thing } { $key } was found.
problem-invalid-value-title = Invalid input
# $field: the field's name (fields.ftl); $reason: why (reasons.ftl).
problem-invalid-value-detail = The { $field } is not valid: { $reason }.
# $line: the line of the imported file; $field and $reason as above.
problem-invalid-line-detail = Line { $line }: the { $field } is not valid: { $reason }.
problem-year-out-of-range-title = Year not supported
problem-year-out-of-range-detail = Year { $year } is outside the supported range { $first }–{ $last }.
problem-transition-not-allowed-title = Action not allowed
# $action: an action-* name; $status: a status-* name (dossier.ftl).
problem-transition-not-allowed-detail = A dossier that is “{ $status }” cannot be { $action }. Nothing was changed.
problem-unauthenticated-title = Sign-in required
problem-unauthenticated-detail = Please sign in to continue; your session may have expired.
problem-too-many-attempts-title = Please wait a moment
# $wait: problem-wait-seconds or problem-wait-minutes.
problem-too-many-attempts-detail = Too many wrong attempts from here. To protect the account, wait { $wait } and try again, or reset the password.
problem-wait-seconds =
    { $count ->
        [one] { $count } second
       *[other] { $count } seconds
    }
problem-wait-minutes =
    { $count ->
        [one] { $count } minute
       *[other] { $count } minutes
    }
problem-wrong-credentials-title = Sign-in failed
problem-wrong-credentials-detail = The identification number (or username) or the password is wrong.
problem-forbidden-title = Not permitted
# $role: the officer's role key; $action: an action-* name.
problem-forbidden-detail = Your role ({ $role }) may not do this: { $action }.
problem-conflict-title = The dossier just changed
problem-conflict-detail = Someone else updated the dossier first. Reload it and try again; nothing was changed.
problem-stale-form-title = The form is out of date
problem-stale-form-detail = This form can no longer be used (perhaps you signed in again). Go back, reload the page and send it again; nothing was changed.
problem-already-registered-title = Already registered
problem-already-registered-detail = This identification number is already verified for an account. Sign in, reset the password, or bring your identity card to a service counter.
problem-idempotency-key-reused-title = Idempotency key already used
problem-idempotency-key-reused-detail = This Idempotency-Key was used for a different request; each new dossier needs a new key.
problem-file-refused-title = File refused
problem-bad-request-title = Bad request
# $detail: the JSON parser's own words, in English.
problem-bad-body-detail = The request body is not the JSON expected: { $detail }
problem-bad-request-detail = The address or parameters of the request are malformed.
problem-upload-not-raw-title = The file itself is expected
# $example: a curl command line.
problem-upload-not-raw-detail = This endpoint takes the file's bytes as the request body, not a multipart form: send the bytes with the file's Content-Type (or application/octet-stream) and give its name as ?name=, for example { $example }.
problem-method-not-allowed-title = Method not allowed
problem-method-not-allowed-detail = This address does not accept that method.
problem-unavailable-title = Temporarily unavailable
problem-unavailable-detail = The service is temporarily unavailable; please try again in a few minutes.
problem-internal-title = Server error
problem-internal-detail = Something went wrong on our side. Nothing was changed; please try again later.
problem-back-home = Back to the home page

## Why an upload was refused.

file-refused-empty = The file is empty.
file-refused-too-large = The file is larger than 20 MB. Scan at a lower resolution or split it.
# $quota: the quota, e.g. 200 MB.
file-refused-quota = Your documents would take more than { $quota }. Reuse documents you already have, or send a smaller file.
file-refused-legacy-office = Old Word and Excel files (.doc, .xls) can carry macros. Save it as DOCX, XLSX or PDF.
file-refused-damaged = The file is damaged, cut short or unreadable. Export or scan it again.
file-refused-hidden-content = Another file is hidden inside this file or appended to it.
file-refused-active-content = The file carries active content (JavaScript, macros, automatic actions or attached files). Print it to PDF and send that.
file-refused-encrypted = The file is password-protected or encrypted. Remove the password and send it again.
file-refused-too-many-pages = The PDF has more than 1000 pages. Split it.
file-refused-unpacks = The file unpacks to far more data than its size suggests.
file-refused-too-many-pixels = The image has more than 50 million pixels. Take or scan it at a lower resolution.
file-refused-not-accepted = Only PDF files, JPG or PNG images, and Word (DOCX), Excel (XLSX) or ODT documents without macros are accepted.

## Mistakes shown beside a form's field.

field-error-already-registered = This number is already verified for an account. Please sign in, or bring your identity card to a counter.
field-error-no-account-with-phone = No account claims this number with this phone number.
field-error-wrong-credentials = The number or the password is wrong.
