### The statutory slips offered on a dossier (forms 01–07 of Circular 03/2025/TT-VPCP).

print = Print
form-01 = Receipt and appointment (form 01)
form-02 = Supplement request (form 02)
form-03 = Refusal (form 03)
form-04 = Apology and new date (form 04)
form-05 = Notice of stopped processing (form 05)
form-06 = Processing control slip (form 06)
form-07 = Tracking book (form 07)
book-from = Tracking book from
book-to = to
