"""How many measures did each side have in force each year, and how many people and entities did it list?

Uses the sender-target-year panel; "in force" counts only measures a page
shows in force in that year, and `status_unknown` says how many more there may be.
"""

import japan_russia_relations as jrr

panel = jrr.panel("sanctions")
by_year = panel.groupby(["sender", "target", "year"])[
    ["announced", "in_force", "status_unknown", "individuals_designated", "entities_designated"]
].sum()
recent = by_year[by_year.index.get_level_values("year") >= 2014]
print("Sanctions measures by sender and target since 2014 (all GSDB categories)")
print(recent[recent.sum(axis=1) > 0].to_string())
