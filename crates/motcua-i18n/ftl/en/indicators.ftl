### The figures: transparency page, dashboard, Decision 766 index.

all-counted = All dossiers counted
back-to-dashboard = Back to the dashboard
breakdown = Figures by group
breakdown-by = Group by
by-agency = Competent agency
by-unit = Administrative unit
by-service-point = Service point
by-procedure = Procedure
by-channel = Channel
chart-measures-desc = Horizontal bar chart: the rate of each measure in the period, from 0 to 100 %. The same data is in the table that follows.
chart-points-desc = Horizontal bar chart: each province's Decision 766 points as a share of the maximum. The same data is in the table that follows.
counted = Counted / of
counting-no = Dossiers that fall short
counting-yes = Dossiers that count
counts-towards = Counts towards it
dashboard = Indicator dashboard
dossiers-behind = Dossiers behind the figure
# The count is shown before this text.
dossiers-found =
    { $count ->
        [one] dossier
       *[other] dossiers
    }
due = Due
export-csv = Download CSV
export-xlsx = Download Excel (XLSX)
figures-by-province = Figures of each province
index766 = Service index for citizens and businesses (Decision 766)
index766-by-province = Decision 766 points by province
index766-note = Points follow the rule: maximum × rate / target, at most the maximum. Indicators whose data motcua does not hold (publication of procedures, complaints, population data links) are marked not measured and score nothing.
index766-points = 766 points
index766-total = Total points
indicator = Indicator
indicator-group = Group
late-and-due-soon = Late and soon-due dossiers
m-on-time = On time
m-online = Submitted online
m-e-payment = Paid online
m-digitised = Digitised
m-reuse = Data reused
m-e-result = Electronic result
m-satisfaction = Satisfied
measure = Measure
measures = Measures in the period
next-page = Next page
no-figures = No dossiers in this period yet.
none-due = No late or soon-due dossiers.
not-measured = Not measured
open-at-end = Open at the period's end
pages = Pages
period-from = From
period-to = To
previous-page = Previous page
procedure = Procedure
procedure-code = Procedure code
province-name = Province
rate = Rate
received-count = Dossiers received
received-on = Received on
resolved-count = Dossiers resolved
resolved-on = Resolved on
show-figures = Show figures
target = Target
top-procedures = Procedures with the most dossiers
transparency = Service figures, published
transparency-intro = Each province's figures, computed live from its dossiers: on time, submitted online, paid online, digitised, satisfied, and the Decision 766 points.
indicators-nav = Figures
index766-short = Decision 766 index
index766-admin-intro = The maximum points and the target of each indicator. An indicator scores in full when its rate meets the target, and in proportion below it.
change-weight = Change points and target
target-percent = Target (%)
