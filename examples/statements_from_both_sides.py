"""Which events drew statements from both Japan and Russia within a week?"""

import pandas as pd

import japan_russia_relations as jrr

events = jrr.load("events")
statements = jrr.load("statements")
linked = statements.dropna(subset=["event_id"]).merge(
    events[["event_id", "date_earliest", "title"]], on="event_id", suffixes=("", "_event")
)
within_week = linked[(linked["date_earliest"] - linked["date_earliest_event"]).abs() <= pd.Timedelta(days=7)]
sides = within_week.groupby(["event_id", "title"])["on_behalf_of"].agg(lambda s: sorted(set(s)))
both = sides[sides.map(lambda s: {"JPN", "RUS"} <= set(s))]
print(f"{len(both)} events drew statements from both sides within a week:\n")
for (event_id, title), _ in both.items():
    print(f"{event_id}  {title}")
