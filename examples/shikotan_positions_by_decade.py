"""What did each side hold about Shikotan at the start of each decade since 1950?

Uses the territory-actor-year panel: the position in force on 1 July of the
year, on each dimension, with the claim behind it.
"""

import japan_russia_relations as jrr

panel = jrr.panel("territorial_claims")
shikotan = panel[(panel["territory_id"] == "SHIKOTAN") & (panel["year"] % 10 == 0) & (panel["year"] >= 1950)]
wide = shikotan.pivot_table(
    index="year", columns=["actor_id", "dimension"], values="position", aggfunc="first", observed=True
)
print("Positions on Shikotan on 1 July of each decade year (empty: none in force)")
print(wide.fillna("").to_string())
