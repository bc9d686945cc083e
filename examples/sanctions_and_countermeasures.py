"""How do Japan's sanctions rounds and Russia's countermeasures alternate?

Prints, per quarter since 2022, the measures each side announced and the
countermeasures Russia itself linked to a Japanese measure.
"""

import pandas as pd

import japan_russia_relations as jrr

sanctions = jrr.load("sanctions")
recent = sanctions[sanctions["announced_earliest"] >= "2022-01-01"].copy()
recent["quarter"] = recent["announced_earliest"].dt.to_period("Q")
table = pd.crosstab(recent["quarter"], recent["imposing_id"]).rename(columns={"JPN": "by Japan", "RUS": "by Russia"})
print("Measures announced per quarter since 2022")
print(table.to_string())

linked = sanctions[sanctions["responds_to_id"].notna()]
answers = linked.merge(
    sanctions[["sanction_id", "announced", "measure_type"]],
    left_on="responds_to_id",
    right_on="sanction_id",
    suffixes=("", "_answered"),
)
print("\nCountermeasures and the measure they answer, as the imposing side said")
print(
    answers[["sanction_id", "announced", "measure_type", "sanction_id_answered", "announced_answered"]].to_string(
        index=False
    )
)
