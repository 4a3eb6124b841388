"""The course's chart style: colour-blind-safe colours, readable sizes, a source line.

Colours come from the Okabe–Ito palette, which stays distinguishable for the common forms of
colour blindness; charts also vary markers, hatches or line styles so that colour is never the
only cue (a greyscale printout still reads). Every chart carries its source under the plot
(``source_note``) and a caption cell after it in the notebook.
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from cycler import cycler
from matplotlib.axes import Axes

# Okabe & Ito (2008), "Color Universal Design"; black is left out of the cycle.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "grey": "#7F7F7F",
}
PALETTE = [
    OKABE_ITO[name]
    for name in ("blue", "orange", "bluish green", "vermillion", "reddish purple", "sky blue")
]
PALETTE += [OKABE_ITO["grey"], OKABE_ITO["yellow"]]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
LINESTYLES = ["-", "--", ":", "-."]
HATCHES = ["", "//", "..", "xx", "\\\\", "++", "--", "oo"]
FIGSIZE = (8.0, 4.5)
TIV_LABEL = "SIPRI TIV, millions"
SIPRI_SOURCE = "Source: SIPRI Arms Transfers Database; calculations: treatylab"


def use_style() -> None:
    """Apply the house style to every chart drawn after this call."""
    mpl.rcParams.update(
        {
            "figure.figsize": FIGSIZE,
            "figure.dpi": 100,
            "savefig.dpi": 150,
            "font.size": 11,
            "axes.titlesize": 13,
            "axes.titleweight": "bold",
            "axes.labelsize": 11,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.prop_cycle": cycler(color=PALETTE),
            "legend.frameon": False,
            "figure.constrained_layout.use": True,
        }
    )


def colour_for(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def marker_for(index: int) -> str:
    return MARKERS[index % len(MARKERS)]


def hatch_for(index: int) -> str:
    return HATCHES[index % len(HATCHES)]


def source_note(ax: Axes, text: str) -> None:
    """Write the source line under the chart: below the x-axis label, left-aligned, small."""
    ax.annotate(
        text,
        xy=(0, 0),
        xycoords=("axes fraction", ax.xaxis.label),
        xytext=(0, -6),
        textcoords="offset points",
        fontsize=8,
        color="#555555",
        ha="left",
        va="top",
    )


def new_figure(figsize: tuple[float, float] = FIGSIZE) -> tuple[plt.Figure, Axes]:
    """A figure and axes in the house style (call ``use_style`` first)."""
    return plt.subplots(figsize=figsize)


# --- charts of dated events and of counts (lesson 05) ---------------------------------------------
#
# The lesson notebooks show the code that reads the data; the styling lives here, so that a
# learner reads the analysis and the chart still follows the data (a new row gets a line, a
# label and a colour; nothing is placed by hand for today's rows).

# Short chart labels for timeline events, in our words (dates and categories come from data/).
# A table with a `short_label` column overrides these; an event without one is labelled from
# the start of its `event` text.
EVENT_LABELS = {
    "E38": "Kremlin announces signing date",
    "E39": "Jalali: treaty to run 20 years",
    "E40": "Treaty signed in the Kremlin",
    "E41": "Trump takes office",
    "E42": "Valdai panel on the treaty",
    "E43": "Putin sends treaty to the Duma",
    "E44": "Duma ratifies",
    "E45": "Federation Council approves",
    "E46": "Putin signs ratification law",
    "E47": "EAEU–Iran free-trade deal in force",
    "E48": "Majlis passes the bill",
    "E49": "Guardian Council clears the bill",
    "E50": "Israel's strikes on Iran begin",
    "E51": "US strikes three nuclear sites",
    "E52": "Putin receives Araghchi",
    "E54": "Jalali: treaty in force (political)",
    "E55": "E3 trigger snapback",
    "E56": "UNSC rejects relief draft",
    "E57": "UNSC rejects Russia–China delay",
    "E58": "Hormoz nuclear deal reported",
    "E59": "UN sanctions return",
    "E60": "Nebenzia: snapback void",
    "E61": "Nebenzia: no recognition",
    "E62": "Treaty enters into force",
    "E63": "Consultation plan 2026–28 signed",
    "E64": "US and Israeli strikes on Iran begin",
}
LABEL_LENGTH = 36


def short_label(row: pd.Series) -> str:
    """A chart label for one timeline row: its `short_label`, ours, or the start of its text."""
    own = row.get("short_label")
    if isinstance(own, str) and own.strip():
        return own.strip()
    if row["event_id"] in EVENT_LABELS:
        return EVENT_LABELS[row["event_id"]]
    text = str(row["event"]).split(";")[0].split(":")[-1].strip().rstrip(".")
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1].rstrip() + "…"


def _month_locator(start: pd.Timestamp, end: pd.Timestamp) -> mdates.MonthLocator:
    """Month ticks, thinned so that there are at most about twelve of them."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    return mdates.MonthLocator(interval=max(1, -(-months // 12)))


def event_timeline(
    events: pd.DataFrame,
    *,
    title: str,
    marks: dict[str, pd.Timestamp] | None = None,
) -> tuple[plt.Figure, Axes]:
    """One line per event, in date order from the top, placed by date along the x-axis.

    ``events`` needs the timeline's columns event_id, date, date_precision, category and event.
    Colour and marker shape both show the category (so colour is never the only cue); an event
    known only to the month (``date_precision == "month"``) is drawn hollow, because the table
    stores it on the 1st, which is not a real date. Each label reads "day month · label" and sits
    on the side of its marker with more room, so labels follow the data's date range. ``marks``
    draws labelled vertical lines (e.g. {"signing": date}) that the legend explains. The x-axis
    runs from the first event to the last, with a small margin; a date outside the first
    event's year is shown with its year.
    """
    rows = events.sort_values(["date", "event_id"], kind="stable").reset_index(drop=True)
    categories = list(dict.fromkeys(rows["category"]))
    first, last = rows["date"].min(), rows["date"].max()
    span = max(last - first, pd.Timedelta(days=30))
    start, end = first - 0.03 * span, last + 0.03 * span
    middle = first + (last - first) / 2
    fig, ax = new_figure((10, 2.0 + 0.28 * len(rows)))
    for line, event in rows.iterrows():
        k = categories.index(event["category"])
        exact = event["date_precision"] == "day"
        ax.plot(
            event["date"],
            line,
            marker=marker_for(k),
            color=colour_for(k),
            markerfacecolor=colour_for(k) if exact else "white",
            markersize=8,
            linestyle="none",
        )
        month = (
            f"{event['date']:%b %Y}" if event["date"].year != first.year else f"{event['date']:%b}"
        )
        when = f"{event['date'].day} {month}" if exact else f"{month} (month only)"
        right = event["date"] <= middle
        ax.annotate(
            f"{when} · {short_label(event)}",
            (event["date"], line),
            xytext=(8 if right else -8, 0),
            textcoords="offset points",
            ha="left" if right else "right",
            va="center",
            fontsize=9,
        )
    for k, category in enumerate(categories):
        ax.plot([], [], marker=marker_for(k), color=colour_for(k), linestyle="none", label=category)
    for k, (name, date) in enumerate((marks or {}).items()):
        ax.axvline(date, color="#333333", linestyle=LINESTYLES[1 + k % 3], linewidth=1, label=name)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_yticks([])
    ax.grid(axis="y", visible=False)
    locator = _month_locator(start, end)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_xlim(start, end)
    years = sorted({first.year, last.year})
    ax.set_xlabel(f"Date ({'–'.join(map(str, years))})")
    ax.set_ylabel("Events in date order (earliest at top)")
    ax.set_title(title)
    fig.legend(title="category / line", loc="outside right upper", fontsize=9)
    return fig, ax


def stacked_bars(
    counts: pd.DataFrame,
    *,
    title: str,
    xlabel: str,
    names: dict[str, str] | None = None,
    legend_title: str | None = None,
) -> tuple[plt.Figure, Axes]:
    """Horizontal bars, one per row of ``counts``, stacked by its columns, each count written
    in its segment. Colour and hatching both mark the column, for colour-blind readers and
    greyscale print; ``names`` relabels the rows (the first row is drawn at the top)."""
    labels = [(names or {}).get(str(index), str(index)) for index in counts.index]
    fig, ax = new_figure((8, 1.6 + 1.0 * len(counts)))
    left = np.zeros(len(counts))
    for k, column in enumerate(counts.columns):
        values = counts[column].to_numpy(dtype=float)
        bars = ax.barh(
            labels,
            values,
            left=left,
            color=colour_for(k),
            hatch=hatch_for(k),
            edgecolor="white",
            label=str(column),
        )
        for bar, value, start in zip(bars, values, left, strict=True):
            if value:
                ax.text(
                    start + value / 2,
                    bar.get_y() + bar.get_height() / 2,
                    f"{value:g}",
                    ha="center",
                    va="center",
                    fontweight="bold",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
                )
        left = left + values
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    fig.legend(
        title=legend_title or counts.columns.name,
        ncols=len(counts.columns),
        loc="outside lower center",
        fontsize=9,
    )
    return fig, ax
