"""Which positions on Shikotan and the Habomai islets held at some time since 1956?

A position held then if it had not ended before 1956, so Japan's standing
claim of 1855 is listed beside the positions taken after it.
"""

import japan_russia_relations as jrr

claims = jrr.load("territorial_claims")
held = claims["end_latest"].isna() | (claims["end_latest"] >= "1956-01-01")
since = claims[claims["territory_id"].isin(["SHIKOTAN", "HABOMAI"]) & held]
since = since.sort_values(["territory_id", "start_earliest", "actor_id"])
columns = ["territory_id", "actor_id", "dimension", "position", "start", "end"]
print(since[columns].to_string(index=False, max_colwidth=50))
