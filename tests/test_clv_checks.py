"""crmlib.clv.checks: the published goodness-of-fit tables reconcile with the data, for any
purchase model."""

from __future__ import annotations

import pytest

from crmlib import clv
from crmlib.datasets import load_cdnow


@pytest.mark.parametrize("name", list(clv.MODELS))
def test_evaluation_tables_reconcile(name, cdnow_cal):
    model = clv.make_model(name).fit(cdnow_cal, unit="W")
    by_freq = clv.holdout_by_frequency(model, cdnow_cal)
    assert by_freq["customers"].sum() == 2357 and list(by_freq.index)[-1] == "7+"
    assert by_freq.loc["0", "actual"] == pytest.approx(
        cdnow_cal.loc[cdnow_cal["frequency"] == 0, "frequency_holdout"].mean()
    )
    period = clv.period_transactions(model, cdnow_cal)
    assert period["actual"].sum() == 2357 and period["model"].sum() == pytest.approx(2357)
    assert (period["model"] > 0).all()
    errors = clv.holdout_errors(model, cdnow_cal)
    assert errors["total_actual"] == cdnow_cal["frequency_holdout"].sum()
    sample = load_cdnow("sample")
    first = sample.groupby("customer_id")["date"].min()
    tracking = clv.cumulative_tracking(
        model, sample, first, "1998-06-30", unit="W", time_col="date"
    )
    assert tracking["actual"].is_monotonic_increasing and tracking["model"].is_monotonic_increasing
    week39 = tracking.loc[:"1997-09-30"].iloc[-1]
    assert week39["model"] == pytest.approx(week39["actual"], rel=0.05)
