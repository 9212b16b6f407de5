"""crmlib.clv.summary: transaction summaries, checked by hand and against the published CDNOW
summary."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmlib import clv, i18n
from crmlib.clv import transaction_summary
from crmlib.clv.summary import summary_arrays
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
    s = transaction_summary(log, "2024-01-21", amount_col="amount", unit="D")
    assert s.loc[1].tolist() == [2, 10.0, 20.0, 30.0]
    assert s.loc[2].tolist() == [0, 0.0, 6.0, 0.0]
    weeks = transaction_summary(log, "2024-01-21", unit="W")
    assert weeks.loc[1, "recency"] == pytest.approx(10 / 7)
    assert "monetary_value" not in weeks


def test_summary_rejects_bad_input():
    log = pd.DataFrame({"customer_id": [1], "paid_time": pd.to_datetime(["2024-02-01"])})
    with pytest.raises(ValueError, match="after observation_end 2024-01-21"):
        transaction_summary(log, "2024-01-21", unit="D")
    with pytest.raises(KeyError, match=r"missing column\(s\) \['amount'\]"):
        transaction_summary(log, "2024-03-01", amount_col="amount", unit="D")
    with pytest.raises(ValueError, match="unit must be one of"):
        transaction_summary(log, "2024-03-01", unit="M")
    unpaid = pd.DataFrame(
        {"customer_id": [1, 2], "paid_time": [pd.Timestamp("2024-01-01"), pd.NaT]}
    )
    with pytest.raises(ValueError, match="1 missing time"):
        transaction_summary(unpaid, "2024-03-01", unit="D")
    with pytest.raises(TypeError, match="unit"):  # no silent default
        transaction_summary(log, "2024-03-01")  # type: ignore[call-arg]


def test_cdnow_summary_matches_the_shipped_summary():
    sample = load_cdnow("sample")
    cal = sample[sample["date"] <= "1997-09-30"]
    ours = transaction_summary(cal, "1997-09-30", time_col="date", amount_col="amount", unit="W")
    ref = load_cdnow("summary_with_transactions")
    assert (ours["frequency"] == ref["x"]).all()
    assert (ours["recency"].round(2) - ref["t_x"]).abs().max() < 1e-9
    assert (ours["T"].round(2) - ref["T"]).abs().max() < 1e-9
    assert (ours["monetary_value"] - ref["zbar"]).abs().max() <= 0.0051


def _log():
    # c1: Jan 1, Jan 11, Feb 5 (holdout), Feb 5 again (same day), Mar 1 (holdout)
    # c2: Jan 20 only. c3: first buys in the holdout -> not in the calibration cohort.
    return pd.DataFrame(
        {
            "customer_id": [1, 1, 1, 1, 1, 2, 3],
            "paid_time": pd.to_datetime(
                [
                    "2024-01-01 09:00",
                    "2024-01-11 09:00",
                    "2024-02-05 09:00",
                    "2024-02-05 18:00",
                    "2024-03-01 09:00",
                    "2024-01-20 09:00",
                    "2024-02-10 09:00",
                ]
            ),
            "amount": [10.0, 20.0, 30.0, 5.0, 40.0, 50.0, 60.0],
        }
    )


def test_calibration_holdout_by_hand():
    ch = clv.calibration_holdout(_log(), "2024-01-31", "2024-03-31", amount_col="amount", unit="D")
    assert list(ch.index) == [1, 2]
    assert ch.loc[1, ["frequency", "recency", "T"]].tolist() == [1, 10.0, 30.0]
    assert ch.loc[1, "frequency_holdout"] == 2  # Feb 5 (merged) and Mar 1
    assert ch.loc[1, "monetary_value_holdout"] == pytest.approx((35 + 40) / 2)
    assert ch.loc[2, "frequency_holdout"] == 0 and ch.loc[2, "monetary_value_holdout"] == 0
    assert ch["duration_holdout"].iloc[0] == 60.0
    no_amount = clv.calibration_holdout(
        _log(), "2024-01-31", "2024-03-31", unit="D"
    )  # lifetimes fails here
    assert no_amount["frequency_holdout"].tolist() == [2, 0]
    with pytest.raises(ValueError, match="must be after calibration_end"):
        clv.calibration_holdout(_log(), "2024-03-31", "2024-01-31", unit="D")


def test_compress_keeps_every_customer(cdnow_cal):
    compressed = clv.compress(cdnow_cal)
    assert compressed["weight"].sum() == len(cdnow_cal) == 2357
    assert len(compressed) == len(cdnow_cal[["frequency", "recency", "T"]].drop_duplicates())


def forty() -> pd.DataFrame:
    """40 valid customers (ids c0-c39): half with repeat purchases."""
    return pd.DataFrame(
        {
            "frequency": [2.0, 0.0] * 20,
            "recency": [3.0, 0.0] * 20,
            "T": [10.0, 4.0] * 20,
        },
        index=[f"c{i}" for i in range(40)],
    )


@pytest.mark.parametrize(
    ("column", "value", "says"),
    [
        ("frequency", np.nan, "no value for frequency, recency or T"),
        ("T", np.nan, "no value"),
        ("frequency", -1, "not a whole number 0 or more"),
        ("frequency", 2.5, "not a whole number 0 or more"),
        ("frequency", np.inf, "not a whole number 0 or more"),
        ("T", -1.0, "age T below 0 or not finite"),
        ("T", np.inf, "age T below 0 or not finite"),
        ("recency", 11.0, "recency below 0 or above their age T"),
        ("recency", -1.0, "recency below 0"),
    ],
)
def test_every_value_a_model_cannot_take_is_named_with_a_customer(column, value, says):
    summary = forty()
    summary.loc[["c4", "c6"], column] = value
    with pytest.raises(ValueError, match=rf"^2 customer\(s\) .*{says}.*customer 'c4'"):
        clv.check_summary(summary)
    with pytest.raises(ValueError, match=says):
        summary_arrays(summary)  # what every prediction reads its summary with


def test_recency_and_age_must_fit_the_repeat_purchases():
    summary = forty()
    summary.loc["c1", "recency"] = 2.0  # no repeat purchase, yet a recency
    with pytest.raises(ValueError, match="1 customer.*recency above 0 but no repeat.*'c1'"):
        clv.check_summary(summary)
    summary = forty()
    summary.loc["c0", ["recency", "T"]] = 0.0  # 2 repeat purchases in no time
    with pytest.raises(ValueError, match="repeat purchases but an age T of 0.*'c0'"):
        clv.check_summary(summary)
    summary = forty()
    summary.loc["c1", "T"] = 0.0  # first bought on the last day: T = 0 and no repeat is fine
    clv.check_summary(summary)


def test_too_few_customers_and_no_repeat_purchase_are_refused():
    with pytest.raises(ValueError, match="39 customer.*too few.*4 parameters.*40 at least"):
        clv.check_summary(forty().iloc[:39])
    clv.check_summary(forty())
    with pytest.raises(ValueError, match="too few.*2 parameters.*20 at least"):
        clv.check_summary(forty().iloc[:19], parameters=2)
    one_timers = forty().assign(frequency=0, recency=0.0)
    with pytest.raises(ValueError, match="no customer has a repeat purchase"):
        clv.check_summary(one_timers)
    with pytest.raises(KeyError, match="missing"):
        clv.check_summary(pd.DataFrame({"frequency": [1]}))


def test_the_reader_is_told_in_chinese():
    summary = forty()
    summary.loc["c4", "frequency"] = -1
    with pytest.raises(ValueError) as error:
        clv.check_summary(summary)
    shown = i18n.tr_text(error.value, "zh")
    assert "c4" in shown and "customer" not in shown and "1" in shown


@pytest.mark.parametrize("horizon", [-1.0, np.nan, np.inf, [1.0, -2.0]])
def test_a_horizon_must_be_finite_and_not_negative(horizon, cdnow_cal):
    model = clv.BGNBD().fit(cdnow_cal, unit="W")
    head = cdnow_cal.head(2)
    with pytest.raises(ValueError, match="finite number 0 or more"):
        model.conditional_expected_purchases(head, horizon)
    with pytest.raises(ValueError, match="finite number 0 or more"):
        model.expected_purchases(horizon)
    if np.ndim(horizon) == 0:
        with pytest.raises(ValueError, match="horizon_days must be a finite number 0 or more"):
            clv.predict(model, head, horizon, unit="W")
    with pytest.raises(ValueError, match="whole number 0 or more"):
        model.pmf(1.0, -1)
