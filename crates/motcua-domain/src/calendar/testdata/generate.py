"""Writes tet-hung-kings-1900-2100.csv from two independent Python sources.

Years 1901-2100 come from the `holidays` package (its Vietnamese lunisolar
calendar tables); 1900, which `holidays` does not cover, comes from the
`lunar-vn` package. Both packages are cross-checked against each other for
every year they share and the script stops if they disagree.

    python -m venv venv && . venv/bin/activate
    pip install holidays==0.109 lunar-vn==1.4.0
    python generate.py > tet-hung-kings-1900-2100.csv
"""

import sys

import lunar_vn
from holidays.calendars.chinese import VIETNAMESE_CALENDAR, _ChineseLunisolar

vn = _ChineseLunisolar(VIETNAMESE_CALENDAR)
rows = []
for year in range(1900, 2101):
    by_lunar_vn = (
        lunar_vn.lunar_to_solar(lunar_vn.LunarDate(1, 1, year)),
        lunar_vn.lunar_to_solar(lunar_vn.LunarDate(10, 3, year)),
    )
    by_holidays = (vn.lunar_new_year_date(year)[0], vn.hung_kings_date(year)[0])
    if by_holidays[0] is None:
        tet, hung = by_lunar_vn
    else:
        if by_holidays != by_lunar_vn:
            sys.exit(f"sources disagree for {year}: {by_holidays} vs {by_lunar_vn}")
        tet, hung = by_holidays
    rows.append(f"{year},{tet.isoformat()},{hung.isoformat()}")

print("year,tet,hung_kings")
print("\n".join(rows))
