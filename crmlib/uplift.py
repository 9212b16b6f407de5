"""Whom to target: an uplift model fitted on an A/B test, and the Qini curve that checks it.

An A/B test (:mod:`crmlib.experiments`) measures a campaign's average effect. Customers differ:
a coupon moves some and is a giveaway to others. An **uplift model** predicts, for each
customer, the difference the campaign makes. The **two-model** approach (Radcliffe & Surry,
"Real-world uplift modelling with significance-based uplift trees", 2011, §2; also called the
T-learner) fits one model of the outcome on the treated customers and one on the controls, and
takes the difference of their predictions::

    uplift(x) = P(buy | x, treated) - P(buy | x, control)

The **Qini curve** (Radcliffe, "Using control groups to target on predicted lift", 2007) checks
a ranking on customers the models have not seen: target the top share by predicted uplift, and
count the extra buyers the campaign brought there, treated buyers minus control buyers scaled
to the treated group's size::

    qini(k) = buyers_treated(top k) - buyers_control(top k) * n_treated(top k) / n_control(top k)

A random order gives the straight line from 0 to the campaign's total effect; a good ranking
bows above it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, clone
from sklearn.compose import make_column_transformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler


def default_model(numeric: list[str], categorical: list[str]) -> Pipeline:
    """Scaled numbers and one-hot categories into a logistic regression."""
    return make_pipeline(
        make_column_transformer(
            (StandardScaler(), numeric),
            (OneHotEncoder(handle_unknown="ignore"), categorical),
        ),
        LogisticRegression(max_iter=1000),
    )


@dataclass
class TwoModelUplift:
    """The two-model uplift estimator, in scikit-learn's manner: ``fit`` returns the estimator,
    learned state ends in ``_``.

    Parameters
    ----------
    model : estimator
        A classifier with ``predict_proba``; cloned twice (treated, control).
    random_state : int
        Passed to the models that take one.
    """

    model: BaseEstimator
    random_state: int = 0

    def fit(self, x: pd.DataFrame, treated: pd.Series, bought: pd.Series) -> TwoModelUplift:
        treated = np.asarray(treated, dtype=bool)
        bought = np.asarray(bought, dtype=bool)
        if treated.all() or not treated.any():
            raise ValueError("need treated and control customers to fit an uplift model")
        self.treated_model_ = self._new().fit(x[treated], bought[treated])
        self.control_model_ = self._new().fit(x[~treated], bought[~treated])
        return self

    def _new(self) -> BaseEstimator:
        model = clone(self.model)
        names = [p for p in model.get_params() if p.endswith("random_state")]
        return model.set_params(**dict.fromkeys(names, self.random_state))

    def predict(self, x: pd.DataFrame) -> pd.Series:
        """Predicted uplift per customer: P(buy | treated) - P(buy | control)."""
        p_t = self.treated_model_.predict_proba(x)[:, 1]
        p_c = self.control_model_.predict_proba(x)[:, 1]
        return pd.Series(p_t - p_c, index=x.index, name="predicted_uplift")


def qini_curve(
    score: pd.Series, treated: pd.Series, bought: pd.Series, points: int = 20
) -> pd.DataFrame:
    """Extra buyers won when targeting the top share of customers by ``score`` (highest first).

    Returns one row per share targeted (0, 1/points, ..., 1) with ``qini`` (the ranking's extra
    buyers) and ``random`` (what a random order of the same customers would give).
    """
    data = pd.DataFrame(
        {"score": score, "treated": np.asarray(treated, bool), "bought": np.asarray(bought, bool)}
    )
    data = data.sample(frac=1, random_state=0).sort_values("score", ascending=False, kind="stable")
    n_t = data["treated"].cumsum().to_numpy()
    n_c = (~data["treated"]).cumsum().to_numpy()
    y_t = (data["treated"] & data["bought"]).cumsum().to_numpy()
    y_c = (~data["treated"] & data["bought"]).cumsum().to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        gain = np.where(n_c > 0, y_t - y_c * n_t / n_c, y_t)
    shares = np.linspace(0, 1, points + 1)
    at = np.maximum(np.round(shares * len(data)).astype(int) - 1, 0)
    qini = np.where(shares == 0, 0.0, gain[at])
    return pd.DataFrame(
        {"qini": qini, "random": shares * gain[-1]}, index=pd.Index(shares, name="share_targeted")
    )


def qini_coefficient(curve: pd.DataFrame) -> float:
    """Area between the Qini curve and the random line, divided by the campaign's total extra
    buyers (0: no better than random; higher is better)."""
    total = curve["qini"].iloc[-1]
    if total == 0:
        raise ValueError("the campaign brought no extra buyers: a Qini coefficient needs some")
    shares = curve.index.to_numpy(dtype=float)
    gap = (curve["qini"] - curve["random"]).to_numpy()
    area = float(np.sum((gap[1:] + gap[:-1]) / 2 * np.diff(shares)))
    return area / float(total)


def top_share(score: pd.Series, share: float) -> pd.Index:
    """The customers in the top ``share`` by ``score`` (highest first; ties keep their order)."""
    if not 0 < share <= 1:
        raise ValueError(f"share must lie in (0, 1], got {share}")
    order = score.sort_values(ascending=False, kind="stable").index
    return order[: max(1, round(share * len(order)))]


def top_share_value(
    score: pd.Series,
    treated: pd.Series,
    bought: pd.Series,
    share: float,
    recipients: int,
    order_value: float,
    **costs: float,
) -> pd.Series:
    """What sending to the top ``share`` of customers by ``score`` is worth, from an A/B test.

    The response rates are those the test measured among the top ``share`` (treated and control
    customers alike ranked by ``score``); ``recipients`` is how many customers that share is in
    the whole audience. ``costs`` go to :func:`crmlib.outreach.campaign_value`.
    """
    from .outreach import campaign_value

    top = top_share(score, share)
    t = np.asarray(treated.loc[top], bool)
    b = np.asarray(bought.loc[top], bool)
    if t.all() or not t.any():
        raise ValueError("the top share holds no treated or no control customers")
    return campaign_value(recipients, b[~t].mean(), b[t].mean(), order_value, **costs)
