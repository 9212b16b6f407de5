"""Uplift (crmlib.uplift): the two-model estimator finds who responds; the Qini curve by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmlib import uplift as up


def test_qini_curve_by_hand():
    score = pd.Series([4.0, 3.0, 2.0, 1.0])
    treated = pd.Series([True, False, True, False])
    bought = pd.Series([True, False, False, True])
    curve = up.qini_curve(score, treated, bought, points=4)
    # top 1: one treated buyer, no control yet -> 1; top 2 and 3: 1 - 0; all: 1 - 1 x 2/2 = 0
    assert curve["qini"].tolist() == [0.0, 1.0, 1.0, 1.0, 0.0]
    assert curve["random"].tolist() == [0.0] * 5
    assert curve.index.tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]


def _experiment(n=8000, seed=1):
    rng = np.random.default_rng(seed)
    x = pd.DataFrame({"s": rng.random(n), "noise": rng.random(n)})
    treated = pd.Series(rng.random(n) < 0.5)
    true_uplift = 0.3 * x["s"]  # the campaign moves customers with a high s only
    p = 0.1 + np.where(treated, true_uplift, 0.0)
    bought = pd.Series(rng.random(n) < p)
    return x, treated, bought, true_uplift


def test_two_models_find_who_responds():
    x, treated, bought, truth = _experiment()
    model = up.TwoModelUplift(up.default_model(["s", "noise"], []), random_state=0)
    fitted = model.fit(x, treated, bought)
    assert fitted is model and hasattr(model, "treated_model_")
    predicted = model.predict(x)
    assert np.corrcoef(predicted, truth)[0, 1] > 0.9
    # held-out customers: ranking by predicted uplift beats random, and beats ranking backwards
    x2, treated2, bought2, _ = _experiment(seed=2)
    good = up.qini_coefficient(up.qini_curve(model.predict(x2), treated2, bought2))
    bad = up.qini_coefficient(up.qini_curve(-model.predict(x2), treated2, bought2))
    assert good > 0.1 > bad
    with pytest.raises(ValueError, match="treated and control"):
        model.fit(x, pd.Series(True, index=x.index), bought)


def test_top_share_value_by_hand():
    score = pd.Series([9.0, 8.0, 7.0, 6.0, 1.0, 0.0])
    treated = pd.Series([True, False, True, False, True, False])
    bought = pd.Series([True, False, True, False, False, True])
    # top 4: treated buy 2 of 2, controls 0 of 2 -> rates 1.0 and 0.0 for 100 recipients
    value = up.top_share_value(score, treated, bought, 4 / 6, 100, order_value=50, coupon=10)
    assert value["extra_orders"] == pytest.approx(100)
    assert value["net"] == pytest.approx(100 * 50 * 0.4 - 100 * 10 - 100 * 0.05)
    with pytest.raises(ValueError, match="no treated or no control"):
        up.top_share_value(score, treated, bought, 1 / 6, 100, order_value=50)


def test_top_share_picks_the_highest_scores():
    score = pd.Series([0.1, 0.9, 0.5, 0.7], index=list("abcd"))
    assert list(up.top_share(score, 0.5)) == ["b", "d"]
    assert list(up.top_share(score, 0.01)) == ["b"]  # at least one customer
    with pytest.raises(ValueError, match="share"):
        up.top_share(score, 0)
