"""A/B tests of outreach: how many customers to test, who gets what, and what the result says.

A shop tries a campaign (an SMS with a coupon, a new message) on a random half of a crowd and
keeps the other half as the control group; the difference in the share who buy is the
campaign's effect (its *uplift*), because randomisation makes the two halves alike in
everything else. The pieces:

* :func:`sample_size` and :func:`power`: the normal-approximation formula for two proportions
  (Fleiss, Levin & Paik, *Statistical Methods for Rates and Proportions*, 3rd ed., eq. 4.14,
  without continuity correction)::

      n = (z_{1-α/2} √(2 p̄ (1 - p̄)) + z_{1-β} √(p₁(1 - p₁) + p₂(1 - p₂)))² / (p₂ - p₁)²

  per group, with p̄ = (p₁ + p₂) / 2;
* :func:`assign`: a seeded random split;
* :func:`read`: the difference with its confidence interval (:func:`crmlib.acquisition.
  compare_proportions`);
* :func:`uplift_by_segment`: the same per segment, where the effect differs between customers.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import stats

from .acquisition import ProportionTest, compare_groups


def _check_rates(p_control: float, mde: float) -> float:
    p_treated = p_control + mde
    if not (0 < p_control < 1 and 0 < p_treated < 1 and mde != 0):
        raise ValueError(
            f"need 0 < p_control < 1, 0 < p_control + mde < 1 and mde != 0, got "
            f"p_control={p_control}, mde={mde}"
        )
    return p_treated


def sample_size(p_control: float, mde: float, alpha: float = 0.05, power: float = 0.8) -> int:
    """Customers needed *in each group* to detect an absolute difference ``mde`` in a rate.

    ``p_control`` is the rate expected without the campaign (e.g. 0.10), ``mde`` the minimum
    detectable effect in rate points (0.02 = two percentage points), ``alpha`` the two-sided
    significance level and ``power`` the chance of detecting an effect of exactly ``mde``.
    """
    p_treated = _check_rates(p_control, mde)
    if not (0 < alpha < 1 and 0 < power < 1):
        raise ValueError(f"alpha and power must lie between 0 and 1, got {alpha}, {power}")
    p_bar = (p_control + p_treated) / 2
    z_alpha = stats.norm.ppf(1 - alpha / 2)
    z_beta = stats.norm.ppf(power)
    spread = z_alpha * math.sqrt(2 * p_bar * (1 - p_bar)) + z_beta * math.sqrt(
        p_control * (1 - p_control) + p_treated * (1 - p_treated)
    )
    return math.ceil(spread**2 / mde**2)


def power(p_control: float, mde: float, n: int, alpha: float = 0.05) -> float:
    """The chance that a test with ``n`` customers per group detects an effect of ``mde``."""
    p_treated = _check_rates(p_control, mde)
    if n <= 0:
        raise ValueError(f"n must be positive, got {n}")
    p_bar = (p_control + p_treated) / 2
    z_alpha = stats.norm.ppf(1 - alpha / 2)
    spread = math.sqrt(p_control * (1 - p_control) + p_treated * (1 - p_treated))
    z = (abs(mde) * math.sqrt(n) - z_alpha * math.sqrt(2 * p_bar * (1 - p_bar))) / spread
    return float(stats.norm.cdf(z))


def assign(
    ids: pd.Index | pd.Series | list, treatment_share: float = 0.5, random_state: int = 0
) -> pd.Series:
    """A random split of ``ids`` into ``treatment`` and ``control`` (exactly
    ``round(treatment_share * n)`` treated), reproducible with ``random_state``."""
    ids = pd.Index(ids, name="customer_id")
    if ids.has_duplicates:
        raise ValueError(f"{int(ids.duplicated().sum())} customer id(s) appear twice")
    if not 0 < treatment_share < 1:
        raise ValueError(f"treatment_share must lie between 0 and 1, got {treatment_share}")
    rng = np.random.default_rng(random_state)
    treated = np.zeros(len(ids), dtype=bool)
    treated[rng.permutation(len(ids))[: round(treatment_share * len(ids))]] = True
    return pd.Series(np.where(treated, "treatment", "control"), index=ids, name="group")


def read(outcome: pd.Series, group: pd.Series, confidence: float = 0.95) -> ProportionTest:
    """The campaign's effect: treatment's rate minus control's, with its confidence interval.

    ``outcome`` is True for a customer who did the thing measured (bought within the window),
    ``group`` the :func:`assign` result; both indexed by customer.
    """
    data = pd.DataFrame({"outcome": outcome, "group": group}).dropna()
    if len(data) != len(group):
        raise ValueError(
            f"{len(group) - len(data)} customer(s) of the experiment have no outcome: "
            "measure every assigned customer, or the groups are no longer comparable"
        )
    return compare_groups(data["outcome"], data["group"] == "treatment", confidence)


def uplift_by_segment(
    outcome: pd.Series, group: pd.Series, segment: pd.Series, confidence: float = 0.95
) -> pd.DataFrame:
    """:func:`read` within each segment: one row per segment with the customers of each group,
    both rates, the uplift and its interval."""
    rows = {}
    for name, members in segment.groupby(segment, observed=True).groups.items():
        result = read(outcome.loc[members], group.loc[members], confidence)
        rows[name] = {
            "treated": result.n_a,
            "controls": result.n_b,
            "rate_treated": result.rate_a,
            "rate_control": result.rate_b,
            "uplift": result.difference,
            "ci_low": result.ci_low,
            "ci_high": result.ci_high,
        }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis(segment.name)
