### The public pages: the frame of every page, home, catalogue, a procedure, dossier lookup.

site = One-stop public services
skip = Skip to the main content
language = Language
home = Home
catalogue = Procedures
lookup = Look up a dossier
search-label = Find a procedure (with or without Vietnamese accents)
search = Search
most-used = Most used procedures
fields = Fields
# The count is shown before this text.
procedures-count =
    { $count ->
        [one] procedure
       *[other] procedures
    }
level = Level
any-level = Any level
province = Province
commune = Commune
ministry = Ministry
other = Other agency
full-online-only = Only procedures done fully online
full-online = Fully online
online = Can be submitted online
boundary-free = Accepted anywhere in the province
# The count is shown before this text.
results-found =
    { $count ->
        [one] matching procedure
       *[other] matching procedures
    }
no-results = No procedure was found. Try other, shorter words.
previous = Previous page
next = Next page
page = Page
code = Procedure code
field = Field
agencies = Competent agency
time-and-fees = Time and fees
channel = How to submit
method-online = Online
method-direct = In person
method-postal = By post
time = Processing time
fees = Fees
free = Free
time-unit-working-day = working days
time-unit-day = days
time-unit-hour = working hours
time-unit-month = months
time-unit-same-day = within the day
time-unit-other = (as the rule states)
documents = Documents to bring
originals = original
copies = copy
required = required
form = Form
steps = Steps
results = What you receive
legal-bases = Legal basis
where = Where to submit
choose-province = Choose a province
choose-commune = Choose your commune (to list the nearest first)
show = Show
km-away = km
hours = Opening hours
lookup-intro = Enter the dossier code (on your receipt) and the applicant's personal identification number. No sign-in needed.
dossier-code = Dossier code
id-number = Personal identification number (12 digits)
look-up = Look up
not-found-pair = No dossier matches this code and number. Please check both on your receipt.
status = Status
received-at = Received on
due-at = Result due
history = What has happened
