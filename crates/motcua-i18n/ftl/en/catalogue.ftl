### Catalogue entries without details, and why no agency settles a procedure.

no-agency-province-not-set-up = This province has not set up motcua yet, so no agency receives dossiers here. Choose another province, or submit at the province's one-stop counter.
no-agency-settles-it = No agency of this province settles this procedure on motcua. Choose another province, or ask at a one-stop counter.
no-details = The national catalogue gives this procedure's name, code, field and the agencies that carry it out. It does not give its documents, time limit, fees or legal basis, and does not mark it for online submission, so it can only be submitted at a one-stop counter.
no-details-at-counter = At the counter, the officer lists the documents you hand in, tells you the time limit the province has published for this procedure, and writes on your receipt the date your result is due, counted in working days from reception.
desk-catalogue-entry = The national catalogue has no documents, time limit or fee for this procedure. Write the name of each document handed in and the time limit the province published; the due date is counted from it.
desk-time-limit = Time limit (working days)
desk-document = Document
desk-document-name = Name of the document
step-place = Where
