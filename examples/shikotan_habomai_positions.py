"""How did the positions on Shikotan and the Habomai islets change since 1956?"""

import japan_russia_relations as jrr

claims = jrr.load("territorial_claims")
since = claims[claims["territory_id"].isin(["SHIKOTAN", "HABOMAI"]) & (claims["start_latest"] >= "1956-01-01")]
since = since.sort_values(["territory_id", "start_earliest", "actor_id"])
columns = ["territory_id", "actor_id", "position", "start", "end", "instrument"]
print(since[columns].to_string(index=False, max_colwidth=50))
