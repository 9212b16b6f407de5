"""Outreach campaigns on the simulated shop, with a known true effect for every customer.

A campaign (an SMS with a coupon, §7.3 智能触达) is played out on the shop's hidden traits
(the ``truth`` table), after the end of its data:

* **without** the campaign, a customer buys within ``days`` with probability
  ``p0 = 1 - exp(-lam * days)`` if still alive at the end of the data (BG/NBD: a buyer who has
  left does not come back on their own), else 0;
* a message also makes some customers **opt out** of marketing messages for good: a share
  ``opt_out`` of those not messaged lately, and ``opt_out_recent`` of those who got a message
  within the last ``recent_days`` (trade reports: frequent messages drive opt-outs up);
* **with** it, the coupon wins a further share ``e`` of those who would not have bought:
  ``p1 = p0 + (1 - p0) * e``, where
  ``e = strength * sigmoid(price_sensitivity) * (1 - loyalty) * (1 if alive else revive)``.
  A coupon moves price-sensitive, not-yet-loyal customers; it hardly moves loyal ones (who buy
  anyway), and it wakes only a few of those who have left.

So the true uplift of every customer, ``p1 - p0``, is known, and an experiment's estimate can be
checked against it. Draws come from a seeded generator: same seed, same outcome.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Campaign:
    """What is sent and for how long its effect is measured.

    Attributes
    ----------
    coupon : float
        Coupon value in yuan (for the campaign's cost).
    days : int
        The window in which a purchase counts as a response.
    strength : float
        The largest share of would-be non-buyers the coupon can win (0..1).
    revive : float
        How much of that effect reaches customers who have already left (0..1).
    """

    coupon: float = 20.0
    days: int = 30
    strength: float = 0.12
    revive: float = 0.25
    opt_out: float = 0.005
    opt_out_recent: float = 0.04
    recent_days: int = 7

    def __post_init__(self) -> None:
        if self.coupon < 0 or self.days <= 0:
            raise ValueError(f"need coupon >= 0 and days > 0, got {self.coupon}, {self.days}")
        shares = (self.strength, self.revive, self.opt_out, self.opt_out_recent)
        if not all(0 <= s <= 1 for s in shares):
            raise ValueError(
                f"strength, revive and the opt-out rates are shares from 0 to 1, got {self}"
            )


def true_rates(truth: pd.DataFrame, campaign: Campaign = Campaign()) -> pd.DataFrame:
    """Each customer's true chance to buy within the window without and with the campaign.

    Returns ``p_control``, ``p_treated`` and ``true_uplift`` indexed by ``customer_id``.
    """
    t = truth.set_index("customer_id")
    alive = t["alive_at_end"].to_numpy(dtype=bool)
    p0 = np.where(alive, 1 - np.exp(-t["lam"].to_numpy() * campaign.days), 0.0)
    moved = 1 / (1 + np.exp(-t["price_sensitivity"].to_numpy()))
    effect = campaign.strength * moved * (1 - t["loyalty"].to_numpy())
    effect = effect * np.where(alive, 1.0, campaign.revive)
    p1 = p0 + (1 - p0) * effect
    return pd.DataFrame({"p_control": p0, "p_treated": p1, "true_uplift": p1 - p0}, index=t.index)


def true_opt_out(
    customer_ids: pd.Index,
    contacts: pd.DataFrame,
    as_of: str | pd.Timestamp,
    campaign: Campaign = Campaign(),
) -> pd.Series:
    """Each customer's true chance to opt out if messaged at ``as_of``: ``opt_out_recent`` for
    those messaged within ``recent_days`` before, ``opt_out`` for the others."""
    as_of = pd.Timestamp(as_of)
    since = as_of - pd.Timedelta(days=campaign.recent_days)
    window = (contacts["contact_time"] >= since) & (contacts["contact_time"] < as_of)
    recent = pd.Index(customer_ids).isin(contacts.loc[window, "customer_id"])
    p = np.where(recent, campaign.opt_out_recent, campaign.opt_out)
    return pd.Series(p, index=pd.Index(customer_ids, name="customer_id"), name="p_opt_out")


def run_campaign(
    truth: pd.DataFrame,
    group: pd.Series,
    campaign: Campaign = Campaign(),
    random_state: int = 0,
) -> pd.Series:
    """Play the campaign out: who bought within the window (a boolean Series named
    ``bought``), for the customers of ``group`` (``"treatment"`` gets it, ``"control"`` not)."""
    rates = true_rates(truth, campaign)
    missing = group.index.difference(rates.index)
    if len(missing):
        raise ValueError(f"{len(missing)} customer(s) of the experiment are not in the shop")
    rates = rates.loc[group.index]
    p = np.where(group.to_numpy() == "treatment", rates["p_treated"], rates["p_control"])
    rng = np.random.default_rng(random_state)
    return pd.Series(rng.random(len(p)) < p, index=group.index, name="bought")


def previous_contacts(
    customer_ids: pd.Index,
    as_of: str | pd.Timestamp,
    share: float = 0.15,
    days: int = 14,
    random_state: int = 0,
) -> pd.DataFrame:
    """The shop's marketing-message log of the last ``days`` before ``as_of``: a seeded
    ``share`` of the customers got one message at a random time (columns ``customer_id``,
    ``contact_time``), for the frequency cap of :mod:`crmlib.outreach`."""
    rng = np.random.default_rng(random_state)
    ids = pd.Index(customer_ids)
    chosen = ids[rng.random(len(ids)) < share]
    seconds = rng.integers(1, days * 86400, len(chosen))
    times = pd.Timestamp(as_of) - pd.to_timedelta(seconds, unit="s")
    return pd.DataFrame({"customer_id": chosen, "contact_time": times.floor("min")})
