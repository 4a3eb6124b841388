"""The course's chart style: colour-blind-safe colours, readable sizes, a source line.

Colours come from the Okabe–Ito palette, which stays distinguishable for the common forms of
colour blindness; charts also vary markers, hatches or line styles so that colour is never the
only cue (a greyscale printout still reads). Every chart carries its source under the plot
(``source_note``) and a caption cell after it in the notebook.
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
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
