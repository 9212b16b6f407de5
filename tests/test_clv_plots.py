"""crmlib.clv.plots: the P(alive) matrix by its definition, and figures that show exactly the
checks' tables with the catalogue's words."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest

from crmlib import clv
from crmlib.clv import plots
from crmlib.locale import activate, current, t

BG = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}  # Fader, Hardie & Lee (2005)


@pytest.fixture
def zh():
    matplotlib.use("Agg")  # no window: the figures are read, not shown
    before = current()
    activate("zh")
    yield
    activate(before)
    import matplotlib.pyplot as plt

    plt.close("all")


def test_the_matrix_is_p_alive_on_its_grid():
    bg = clv.BGNBD.from_params(BG, unit="W")
    matrix = plots.alive_matrix(bg, T=39.0, unit="W", max_frequency=10, recency_step=3.0)
    assert matrix.shape == (11, 14) and matrix.columns[-1] == 39.0  # 0, 3, …, 36, and T
    row = pd.DataFrame({"frequency": [4], "recency": [27.0], "T": [39.0]})
    assert matrix.loc[4, 27.0] == pytest.approx(bg.p_alive(row).iloc[0], rel=1e-12)
    assert np.ptp(matrix.loc[0].to_numpy()) == 0  # no repeat purchase: recency is not looked at
    assert (np.diff(matrix.loc[1:].to_numpy(), axis=1) >= 0).all()  # more recent, more alive
    assert matrix.loc[10, 39.0] > matrix.loc[1, 39.0]  # …and frequent recent buyers the most
    expected = plots.alive_matrix(bg, T=39.0, unit="W", quantity="expected_purchases")
    assert (expected.to_numpy() >= 0).all()


def test_figures_show_the_tables_in_the_readers_words(zh):
    table = pd.DataFrame(
        {"actual": [50, 20, 5], "model": [48.0, 22.0, 5.0]},
        index=pd.Index(["0", "1", "2+"], name="repeat_purchases"),
    )
    ax = plots.plot_period_transactions(table)
    assert ax.get_title() == t("fig.period_transactions_title", "zh")
    assert (ax.get_xlabel(), ax.get_ylabel()) == (
        t("column.repeat_purchases", "zh"),
        t("column.customers", "zh"),
    )
    heights = [p.get_height() for p in ax.patches]
    assert heights == [50, 20, 5, 48.0, 22.0, 5.0]
    assert [x.get_text() for x in ax.get_legend().get_texts()] == ["实际", "模型"]

    days = pd.date_range("2025-01-01", periods=4, freq="MS")
    tracking = pd.DataFrame({"actual": [0, 3, 7, 9], "model": [0, 2.5, 6.0, 9.5]}, index=days)
    ax = plots.plot_tracking(tracking, calibration_end="2025-03-01")
    assert [x.get_text() for x in ax.get_legend().get_texts()] == ["实际", "模型"]
    assert list(ax.lines[0].get_ydata()) == [0, 3, 7, 9]
    assert ax.get_title() == t("fig.cumulative_tracking_title", "zh")

    matrix = pd.DataFrame(
        [[0.1, 0.1], [0.2, 0.6]], index=pd.Index([0, 1]), columns=pd.Index([0.0, 10.0])
    )
    ax = plots.plot_matrix(matrix)
    np.testing.assert_array_equal(ax.images[0].get_array(), matrix.to_numpy())
    assert ax.images[0].colorbar.ax.get_ylabel() == t("column.p_alive", "zh")
    assert ax.get_ylabel() == t("column.frequency", "zh")
