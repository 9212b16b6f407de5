"""crmlib.clv.choice: models side by side, by the published figures and by what the data
should prefer."""

from __future__ import annotations

import numpy as np
import pytest

from crmlib import clv


@pytest.fixture(scope="module")
def cdnow_models(cdnow_cal):
    return clv.fit_models(cdnow_cal, unit="W")


def test_the_cdnow_comparison(cdnow_models, cdnow_cal):
    table = clv.compare_models(cdnow_models, cdnow_cal)
    assert list(table.index) == ["bgnbd", "mbgnbd", "pareto_nbd"]
    # published log-likelihoods: BG/NBD -9582.4 (FHL 2005), Pareto/NBD -9595.0 (FH 2005)
    assert table.loc["bgnbd", "log_likelihood"] == pytest.approx(-9582.4, abs=0.05)
    assert table.loc["pareto_nbd", "log_likelihood"] == pytest.approx(-9595.0, abs=0.05)
    # four parameters each, so AIC differences are twice the log-likelihood differences
    assert table.loc["pareto_nbd", "delta_aic"] == pytest.approx(
        2 * (table["log_likelihood"].max() - table.loc["pareto_nbd", "log_likelihood"])
    )
    assert table["delta_aic"].min() == 0 and table["delta_bic"].min() == 0
    expectations = clv.conditional_expectations(cdnow_models, cdnow_cal)
    assert list(expectations.columns) == ["customers", "actual", "bgnbd", "mbgnbd", "pareto_nbd"]
    assert expectations["customers"].sum() == 2357


@pytest.mark.parametrize("truth_name", ["bgnbd", "pareto_nbd"])
def test_the_criteria_pick_the_model_that_made_the_data(truth_name):
    truths = {
        "bgnbd": {"r": 0.8, "alpha": 6.0, "a": 1.5, "b": 2.0},  # quick dropout after purchases
        "pareto_nbd": {"r": 0.8, "alpha": 6.0, "s": 1.5, "beta": 20.0},  # leave at any time
    }
    truth = clv.MODELS[truth_name].from_params(truths[truth_name], unit="W")
    ages = np.random.default_rng(3).integers(30 * 7, 100 * 7, 8_000) / 7  # whole days
    data = truth.simulate(ages, 26, random_state=4)
    data["recency"] = np.floor(data["recency"] * 7) / 7
    models = clv.fit_models(data, unit="W", names=("bgnbd", "pareto_nbd"))
    table = clv.compare_models(models, data)
    assert table["aic"].idxmin() == truth_name and table["bic"].idxmin() == truth_name


def test_unknown_model_names_are_refused():
    with pytest.raises(ValueError, match="model must be one of"):
        clv.make_model("gamma")  # type: ignore[arg-type]


def test_the_command_lines_model_names_are_the_models():
    from crmlib.clv.names import MODEL_NAMES

    assert set(MODEL_NAMES) == set(clv.MODELS)
    assert all(clv.make_model(name).NAME for name in MODEL_NAMES)
