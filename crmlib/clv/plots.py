"""The CLV checks as figures, in the reader's language (labels from the catalogue).

* :func:`alive_matrix` — P(alive) or expected purchases over a grid of frequency × recency
  for customers of one age T (the "P(alive) matrix" of Fader, Hardie & Lee 2005), as a table;
* :func:`plot_period_transactions` — customers by repeat purchases, actual beside the model
  (:func:`~crmlib.clv.period_transactions`);
* :func:`plot_tracking` — cumulative repeat purchases, actual and expected
  (:func:`~crmlib.clv.cumulative_tracking`), with the end of calibration marked;
* :func:`plot_matrix` — a heatmap of :func:`alive_matrix`, frequent buyers at the top.

Each draws on the axes it is given (or new ones) and returns them; the tables are the
functions' own results, so a figure shows exactly what the checks compute.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from ..locale import t
from .base import PurchaseModel
from .prediction import predict
from .summary import Unit

Quantity = Literal["p_alive", "expected_purchases"]


def alive_matrix(
    model: PurchaseModel,
    *,
    T: float,
    unit: Unit,
    quantity: Quantity = "p_alive",
    max_frequency: int = 20,
    recency_step: float | None = None,
    horizon_days: float = 90,
) -> pd.DataFrame:
    """``quantity`` for every frequency 0 … ``max_frequency`` (rows) and recency 0 … T in
    steps of ``recency_step`` (columns; T/24 by default), all customers of age ``T`` (in the
    model's ``unit``). A customer without repeat purchases has recency 0 whatever the column
    (the model does not look at it). ``expected_purchases`` is over ``horizon_days``."""
    step = recency_step or T / 24
    recency = np.append(np.arange(0, T, step), T)
    freq = np.arange(0, max_frequency + 1)
    f, r = np.meshgrid(freq, recency, indexing="ij")
    grid = pd.DataFrame(
        {"frequency": f.ravel(), "recency": np.where(f.ravel() == 0, 0, r.ravel()), "T": T}
    )
    values = predict(model, grid, horizon_days=horizon_days, unit=unit)[quantity]
    return pd.DataFrame(
        values.to_numpy().reshape(f.shape),
        index=pd.Index(freq, name="frequency"),
        columns=pd.Index(np.round(recency, 6), name="recency"),
    )


def _axes(ax):
    if ax is None:
        import matplotlib.pyplot as plt

        _fig, ax = plt.subplots()
    return ax


def plot_period_transactions(table: pd.DataFrame, ax=None):
    """Bars of customers by repeat purchases: actual and the model's, side by side."""
    ax = _axes(ax)
    shown = table.rename(columns={c: t(f"column.{c}") for c in table.columns})
    shown.plot.bar(ax=ax, rot=0)
    ax.set(
        title=t("fig.period_transactions_title"),
        xlabel=t("column.repeat_purchases"),
        ylabel=t("column.customers"),
    )
    return ax


def plot_tracking(table: pd.DataFrame, calibration_end=None, ax=None):
    """Cumulative repeat purchases, actual and expected, over the table's dates; a dashed line
    at ``calibration_end`` (where the holdout begins)."""
    ax = _axes(ax)
    for column in table.columns:
        ax.plot(table.index, table[column], label=t(f"column.{column}"))
    if calibration_end is not None:
        ax.axvline(pd.Timestamp(calibration_end), color="grey", ls="--")
    ax.set(title=t("fig.cumulative_tracking_title"), ylabel=t("column.repeat_purchases"))
    ax.legend()
    return ax


def plot_matrix(matrix: pd.DataFrame, quantity: Quantity = "p_alive", ax=None):
    """A heatmap of :func:`alive_matrix`: recency across, frequency up (frequent buyers at the
    top), the colour bar named for the quantity."""
    ax = _axes(ax)
    image = ax.imshow(
        matrix.to_numpy(),
        origin="lower",
        aspect="auto",
        cmap="viridis",
        extent=(
            matrix.columns.min(),
            matrix.columns.max(),
            matrix.index.min() - 0.5,
            matrix.index.max() + 0.5,
        ),
    )
    ax.figure.colorbar(image, ax=ax, label=t(f"column.{quantity}"))
    ax.set(xlabel=t("column.recency"), ylabel=t("column.frequency"))
    return ax
