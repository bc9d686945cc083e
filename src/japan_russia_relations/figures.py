"""Pictures of the data, drawn from the loaded tables (the ``plot`` extra).

Each function returns a matplotlib Figure; :func:`write_all` saves them as
PNGs for the README (``jrr figures --to docs/img``). matplotlib is imported
here only, with the headless Agg backend, so nothing else pays for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from .descriptor import read_package
from .load import load

# Regime eras as the curation standard dates them: the Empire to 1917, the USSR 1922-1991.
ERAS = [(1855, 1917, "Russian Empire"), (1922, 1991, "USSR"), (1991, None, "Russian Federation")]


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise ImportError("figures need matplotlib: pip install 'japan-russia-relations[plot]'") from None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _plover_of_event_types() -> dict[str, str]:
    """Each project event type's PLOVER type, from the events schema itself."""
    vocab = read_package().resources["events"].field("event_type")["x-vocabulary"]
    return {value: entry.get("plover", "no PLOVER type") for value, entry in vocab.items()}


def events_timeline() -> Any:
    """Events per year from 1855, stacked by PLOVER type, with the regime eras shaded."""
    plt = _pyplot()
    events = load("events")
    year = events["date_earliest"].dt.year
    kind = events["event_type"].astype(str).map(_plover_of_event_types())
    counts = pd.crosstab(year, kind).reindex(range(1855, int(year.max()) + 1), fill_value=0)
    fig, ax = plt.subplots(figsize=(11, 4.5))
    for start, end, name in ERAS:
        stop = end or int(year.max()) + 1
        ax.axvspan(start, stop, alpha=0.08 if name != "USSR" else 0.14, color="grey")
        ax.text(start + 1, 0.97, name, transform=ax.get_xaxis_transform(), fontsize=8, va="top")
    bottom = pd.Series(0, index=counts.index)
    palette = plt.get_cmap("tab20")
    for i, column in enumerate(counts.columns):  # one colour per type: tab20 has enough for all of PLOVER's
        ax.bar(counts.index, counts[column], bottom=bottom, width=0.9, label=column, color=palette(i))
        bottom += counts[column]
    ax.set(title="Japan–Russia events per year, by PLOVER event type", xlabel="year", ylabel="events")
    ax.legend(ncol=3, fontsize=7, loc="upper left", bbox_to_anchor=(0, 0.9))
    fig.tight_layout()
    return fig


def sanctions_per_month() -> Any:
    """Sanctions measures per month since 2014, Japan's and Russia's side by side."""
    plt = _pyplot()
    sanctions = load("sanctions")
    sanctions = sanctions[sanctions["announced_precision"] != "year"]  # a year has no month to plot
    month = sanctions["announced_earliest"].dt.to_period("M")
    side = sanctions["imposing_id"].map({"JPN": "imposed by Japan", "RUS": "imposed by Russia"}).fillna("other")
    counts = pd.crosstab(month, side)
    months = pd.period_range("2014-01", month.max(), freq="M")
    counts = counts.reindex(months, fill_value=0)
    fig, ax = plt.subplots(figsize=(11, 4))
    x = months.to_timestamp()
    for offset, column in zip((-8, 8), ["imposed by Japan", "imposed by Russia"], strict=True):
        if column in counts:
            ax.bar(x + pd.Timedelta(days=offset), counts[column], width=14, label=column)
    ax.set(
        title="Sanctions measures announced per month, both directions (dates known to the month)", ylabel="measures"
    )
    ax.legend()
    fig.tight_layout()
    return fig


def territorial_positions() -> Any:
    """Each actor's position per territory and dimension, year by year, drawn
    from the territorial panel (:func:`.panels.panel`): one colour per position,
    a bar per run of years with the same position. The panel ends with the
    data's last year, so the figure is the same whenever it is drawn."""
    from .panels import panel

    plt = _pyplot()
    years = panel("territorial_claims").dropna(subset=["position"])
    keys = ["territory_id", "actor_id", "dimension"]
    rows = list(years.groupby(keys, sort=True).groups)
    positions = list(read_package().resources["territorial_claims"].field("position")["x-vocabulary"])
    colours = {p: plt.get_cmap("tab20")(i) for i, p in enumerate(positions)}
    fig, ax = plt.subplots(figsize=(13, max(4, 0.22 * len(rows))))
    for y, key in enumerate(rows):
        part = years[(years[keys] == pd.Series(key, index=keys)).all(axis=1)]
        for start, length, position in _runs(part["year"].tolist(), part["position"].tolist()):
            ax.barh(y, length, left=start, color=colours[position], height=0.7)
    ax.set_yticks(range(len(rows)), [" · ".join(k) for k in rows], fontsize=6)
    shown = [p for p in positions if p in set(years["position"])]
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours[p]) for p in shown]
    ax.legend(handles, shown, fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set(title="Territorial positions on 1 July of each year, by territory, actor and dimension", xlabel="year")
    fig.tight_layout()
    return fig


def _runs(years: list[int], positions: list[str]) -> list[tuple[int, int, str]]:
    """(first year, number of years, position) for each run of consecutive years with one position."""
    runs: list[tuple[int, int, str]] = []
    for year, position in zip(years, positions, strict=True):
        if runs and runs[-1][2] == position and runs[-1][0] + runs[-1][1] == year:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1, position)
        else:
            runs.append((year, 1, position))
    return runs


FIGURES = {
    "events_timeline": events_timeline,
    "sanctions_per_month": sanctions_per_month,
    "territorial_positions": territorial_positions,
}


def write_all(directory: Path | str) -> list[Path]:
    """Draw every figure to ``directory`` as PNG; return the files written."""
    plt = _pyplot()
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, draw in FIGURES.items():
        fig = draw()
        path = out / f"{name}.png"
        fig.savefig(path, dpi=110, metadata={"Software": None})
        plt.close(fig)
        written.append(path)
    return written
