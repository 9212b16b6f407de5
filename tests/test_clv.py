"""crmlib.clv: transaction summaries, checked by hand and against the published CDNOW numbers."""

from __future__ import annotations

import pandas as pd
import pytest
from lifetimes import BetaGeoFitter, GammaGammaFitter

from crmlib.clv import transaction_summary
from crmlib.datasets import load_cdnow


def test_summary_by_hand():
    # Customer 1: buys on Jan 1, twice on Jan 3 (merged: 30 + 10), and Jan 11. End: Jan 21.
    # frequency 2 (two repeat days), recency 10 days, T 20 days, repeat spend (40 + 20) / 2.
    # Customer 2: one purchase on Jan 15: frequency 0, recency 0, T 6, monetary 0.
    log = pd.DataFrame(
        {
            "customer_id": [1, 1, 1, 1, 2],
            "paid_time": pd.to_datetime(
                [
                    "2024-01-01 09:00",
                    "2024-01-03 10:00",
                    "2024-01-03 22:00",
                    "2024-01-11 00:00",
                    "2024-01-15 00:00",
                ]
            ),
            "amount": [100.0, 30.0, 10.0, 20.0, 55.0],
        }
    )
    s = transaction_summary(log, "2024-01-21", amount_col="amount")
    assert s.loc[1].tolist() == [2, 10.0, 20.0, 30.0]
    assert s.loc[2].tolist() == [0, 0.0, 6.0, 0.0]
    weeks = transaction_summary(log, "2024-01-21", unit="W")
    assert weeks.loc[1, "recency"] == pytest.approx(10 / 7)
    assert "monetary_value" not in weeks


def test_summary_rejects_bad_input():
    log = pd.DataFrame({"customer_id": [1], "paid_time": pd.to_datetime(["2024-02-01"])})
    with pytest.raises(ValueError, match="after observation_end 2024-01-21"):
        transaction_summary(log, "2024-01-21")
    with pytest.raises(KeyError, match=r"missing column\(s\) \['amount'\]"):
        transaction_summary(log, "2024-03-01", amount_col="amount")
    with pytest.raises(ValueError, match="unit must be one of"):
        transaction_summary(log, "2024-03-01", unit="M")
    unpaid = pd.DataFrame(
        {"customer_id": [1, 2], "paid_time": [pd.Timestamp("2024-01-01"), pd.NaT]}
    )
    with pytest.raises(ValueError, match="1 missing time"):
        transaction_summary(unpaid, "2024-03-01")


def test_cdnow_summary_matches_the_shipped_summary():
    sample = load_cdnow("sample")
    cal = sample[sample["date"] <= "1997-09-30"]
    ours = transaction_summary(cal, "1997-09-30", time_col="date", amount_col="amount", unit="W")
    ref = load_cdnow("summary_with_transactions")
    assert (ours["frequency"] == ref["x"]).all()
    assert (ours["recency"].round(2) - ref["t_x"]).abs().max() < 1e-9
    assert (ours["T"].round(2) - ref["T"]).abs().max() < 1e-9
    assert (ours["monetary_value"] - ref["zbar"]).abs().max() <= 0.0051


def test_cdnow_fits_reproduce_fader_hardie_lee_2005():
    sample = load_cdnow("sample")
    cal = sample[sample["date"] <= "1997-09-30"]
    s = transaction_summary(cal, "1997-09-30", time_col="date", amount_col="amount", unit="W")
    bg = BetaGeoFitter().fit(s["frequency"], s["recency"], s["T"])
    assert bg.params_.round(3).to_dict() == {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    repeat = s[s["frequency"] > 0]
    gg = GammaGammaFitter().fit(repeat["frequency"], repeat["monetary_value"])
    assert gg.params_.round(2).to_dict() == {"p": 6.25, "q": 3.74, "v": 15.44}
