"""Did Japan and Russia cooperate or clash more under the Empire, the USSR or the Russian Federation?

Uses the directed dyad-year panel (COW codes: Japan 740, Russia 365 in all its
forms) and groups PLOVER categories into cooperation and conflict.
"""

import japan_russia_relations as jrr

dyads = jrr.panel("events")
cooperation = ["agree", "consult", "support", "cooperate", "aid", "retreat"]
conflict = ["accuse", "reject", "threaten", "sanction", "mobilize", "coerce", "assault"]
pair = dyads[dyads["ccode1"].isin([740, 365]) & dyads["ccode2"].isin([740, 365])].copy()
pair["era"] = pair["year"].map(
    lambda y: "Empire to 1917" if y <= 1917 else "USSR 1922-1991" if y <= 1991 else "Russia from 1992"
)
pair["cooperation"] = pair[[c for c in cooperation if c in pair]].sum(axis=1)
pair["conflict"] = pair[[c for c in conflict if c in pair]].sum(axis=1)
summary = pair.groupby("era", sort=False)[["cooperation", "conflict", "total"]].sum()
summary["years"] = pair.groupby("era", sort=False)["year"].nunique()
summary["events per year"] = (summary["total"] / summary["years"]).round(2)
print("Japan-Russia events in both directions, by era (PLOVER categories)")
print(summary.to_string())
