"""A seeded simulator of a Taobao/Tmall-style women's bags and accessories shop.

Every customer carries hidden traits drawn from known distributions:

* a purchase rate ``lam`` ~ Gamma(r, alpha) per day and a dropout probability ``dropout`` ~
  Beta(a, b): after the first order, repeat orders arrive as a Poisson process while the
  customer is alive, and after each repeat order the customer leaves for good with probability
  ``dropout`` (the BG/NBD model of Fader, Hardie & Lee, 2005);
* a spending scale ``nu`` ~ Gamma(q, gamma): each kept order pays Gamma(p, nu) yuan (the
  Gamma-Gamma model of Fader, Hardie & Lee, 2005).

Everything else (channel, coupon habit, behaviour type, satisfaction, community membership, ...)
is assigned *given* those traits, never the other way round, so the purchase and spend process
is exactly BG/NBD and Gamma-Gamma with the stored parameters, while channels, satisfaction and
so on still carry the patterns chapter 7 talks about (referred customers stay longer, paid
traffic uses more coupons, fully satisfied customers come back much more than merely satisfied
ones). All draws come from one ``numpy.random.Generator`` in a fixed order: same seed, same shop.

The simulation is a pipeline of stages, one module each, run in a fixed order on one random
generator: :mod:`.population` (hidden traits, temperament, the customer table), :mod:`.acquisition`
(channel and first purchase; the traffic report), :mod:`.purchases` (BG/NBD repeat purchases and
the orders), :mod:`.interactions` (visits, service, reviews, surveys); :mod:`.calendar` holds the
festivals.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .acquisition import draw_acquisition, traffic_table
from .calendar import Calendar
from .channels import CHANNELS, channel_table
from .interactions import draw_visits, reviews_table, service_table, surveys_table
from .population import (
    ATTITUDES,
    BEHAVIOURS,
    customers_table,
    draw_temperament,
    draw_traits,
)
from .purchases import CATEGORIES, CATEGORIES_EN, bgnbd_repeat_purchases, draw_orders

__all__ = [
    "CATEGORIES",
    "CATEGORIES_EN",
    "Store",
    "TrueParameters",
    "bgnbd_repeat_purchases",
    "simulate_store",
]


@dataclass(frozen=True)
class TrueParameters:
    """Ground-truth parameters of the purchase and spend process (time unit: days).

    Attributes
    ----------
    r, alpha : float
        Purchase rate ``lam`` ~ Gamma(shape=r, rate=alpha); mean rate r/alpha orders per day.
    a, b : float
        Dropout probability after each repeat order ~ Beta(a, b).
    p, q, gamma : float
        Gamma-Gamma spend: order value ~ Gamma(shape=p, rate=nu), nu ~ Gamma(shape=q, rate=gamma);
        mean order value p*gamma/(q-1) yuan.
    """

    r: float = 0.50
    alpha: float = 80.0
    a: float = 0.70
    b: float = 2.80
    p: float = 6.0
    q: float = 4.0
    gamma: float = 100.0

    def __post_init__(self) -> None:
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if not (np.isfinite(value) and value > 0):
                raise ValueError(f"TrueParameters.{field.name} must be positive, got {value!r}")

    def as_dict(self) -> dict[str, float]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Store:
    """The simulated shop: tidy tables, the ground truth behind them, and how they were made.

    Attributes
    ----------
    customers, orders, visits, service, reviews, surveys, traffic : pandas.DataFrame
        The shop's data, as its back end would hold it (see ``datasets/README.md``).
    truth : pandas.DataFrame
        Hidden per-customer traits (purchase rate, dropout, spend scale, alive at the end, ...)
        that real data never shows; for checking models against the truth.
    params : TrueParameters
        The population parameters the traits were drawn from.
    settings : dict
        ``n_customers``, ``start``, ``end``, ``random_state`` and the other arguments.
    """

    customers: pd.DataFrame
    orders: pd.DataFrame
    visits: pd.DataFrame
    service: pd.DataFrame
    reviews: pd.DataFrame
    surveys: pd.DataFrame
    traffic: pd.DataFrame
    truth: pd.DataFrame
    params: TrueParameters
    settings: dict

    TABLES = ("customers", "orders", "visits", "service", "reviews", "surveys", "traffic", "truth")

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name, in a fixed order."""
        return {name: getattr(self, name) for name in self.TABLES}


def _check_arguments(
    n_customers: int,
    start: pd.Timestamp,
    end: pd.Timestamp,
    prospect_ratio: float,
    survey_rate: float,
    channel_shares: dict[str, float] | None,
) -> None:
    if isinstance(n_customers, bool) or not isinstance(n_customers, int | np.integer):
        raise TypeError(f"n_customers must be a whole number, got {n_customers!r}")
    if n_customers < 1:
        raise ValueError(f"n_customers must be at least 1, got {n_customers}")
    if end <= start:
        raise ValueError(f"end ({end.date()}) must be after start ({start.date()})")
    if not 0 <= prospect_ratio <= 10:
        raise ValueError(f"prospect_ratio must be between 0 and 10, got {prospect_ratio}")
    if not 0 <= survey_rate <= 1:
        raise ValueError(f"survey_rate must be between 0 and 1, got {survey_rate}")
    if channel_shares is not None:
        unknown = sorted(set(channel_shares) - set(CHANNELS))
        if unknown:
            raise ValueError(
                f"unknown channel name(s) {unknown} in channel_shares; "
                f"known channels are {list(CHANNELS)}"
            )
        bad = {k: v for k, v in channel_shares.items() if not (np.isfinite(v) and v >= 0)}
        if bad:
            raise ValueError(f"channel shares must be finite and non-negative, got {bad}")
        combined = dict(zip(CHANNELS, channel_table()["share"], strict=True)) | channel_shares
        if sum(combined.values()) <= 0:
            raise ValueError("channel_shares must give at least one channel a positive share")


def simulate_store(
    n_customers: int = 12_000,
    start: str | pd.Timestamp = "2024-01-01",
    end: str | pd.Timestamp = "2026-01-01",
    *,
    params: TrueParameters | None = None,
    prospect_ratio: float = 0.5,
    survey_rate: float = 0.4,
    channel_shares: dict[str, float] | None = None,
    random_state: int | np.random.Generator | None = 2024,
) -> Store:
    """Simulate an online bags shop's customers, orders, visits, service, reviews and surveys.

    Parameters
    ----------
    n_customers : int
        Number of buyers (customers with at least one kept order) acquired in the period.
    start, end : str or Timestamp
        Trading period ``[start, end)``; the default is the two calendar years 2024 and 2025.
    params : TrueParameters, optional
        Population parameters of the BG/NBD purchase and Gamma-Gamma spend process.
    prospect_ratio : float
        Known non-buyers (inquired, carted or favourited, never ordered) per buyer.
    survey_rate : float
        Share of buyers invited to the satisfaction survey after their first order.
    channel_shares : dict, optional
        Override the share of new buyers per acquisition channel (keys from
        :data:`crmlib.datasets.channels.CHANNELS`); unnamed channels keep their default share.
    random_state : int, Generator or None
        Seed; the same seed gives the same shop, byte for byte.

    Returns
    -------
    Store
        The tables and the ground truth; see :class:`Store`.

    Raises
    ------
    ValueError, TypeError
        On impossible arguments (non-positive sizes, ``end`` not after ``start``, unknown
        channel names), naming the argument and the value.
    """
    start_ts, end_ts = pd.Timestamp(start), pd.Timestamp(end)
    _check_arguments(n_customers, start_ts, end_ts, prospect_ratio, survey_rate, channel_shares)
    params = params or TrueParameters()
    rng = np.random.default_rng(random_state)
    n = int(n_customers)
    calendar = Calendar.of(start_ts, end_ts)
    channels = channel_table()
    if channel_shares:
        channels["share"] = [
            channel_shares.get(c, s) for c, s in zip(channels.channel, channels.share, strict=True)
        ]
    channels["share"] = channels["share"] / channels["share"].sum()

    # The stages, in the order their random draws are made (same seed, same shop).
    traits = draw_traits(rng, params, n)
    channel_idx, first_t = draw_acquisition(rng, traits, channels, calendar)
    repeat_customer, repeat_t, died_at = bgnbd_repeat_purchases(
        traits.lam, traits.dropout, first_t, calendar.horizon, rng
    )
    temperament = draw_temperament(rng, traits, channels, channel_idx)
    orders = draw_orders(
        rng,
        calendar,
        traits,
        temperament,
        channel_idx,
        first_t,
        repeat_customer,
        repeat_t,
        params.p,
    )
    visits = draw_visits(
        rng, calendar, channels, temperament, orders, int(round(prospect_ratio * n))
    )
    service = service_table(rng, calendar, temperament, orders, visits)
    reviews = reviews_table(rng, calendar, temperament, orders)
    surveys = surveys_table(rng, calendar, traits, temperament, first_t, survey_rate)
    customers = customers_table(
        rng, calendar, traits, channel_idx, first_t, visits.prospect_channel, visits.prospect_first
    )
    traffic = traffic_table(rng, calendar, channels, channel_idx, first_t)
    truth = _truth(traits, temperament, first_t, repeat_customer, died_at)
    settings = {
        "n_customers": n,
        "start": str(start_ts.date()),
        "end": str(end_ts.date()),
        "prospect_ratio": prospect_ratio,
        "survey_rate": survey_rate,
        "channel_shares": dict(zip(channels["channel"], channels["share"].round(6), strict=True)),
        "random_state": random_state if isinstance(random_state, int) else None,
    }
    return Store(
        customers,
        orders.table,
        visits.table,
        service,
        reviews,
        surveys,
        traffic,
        truth,
        params,
        settings,
    )


def _truth(
    traits, temperament, first_t: np.ndarray, repeat_customer: np.ndarray, died_at: np.ndarray
) -> pd.DataFrame:
    """The hidden per-buyer truth that real data never shows, for checking models."""
    n = traits.size
    return pd.DataFrame(
        {
            "customer_id": np.arange(1, n + 1),
            "lam": traits.lam,
            "dropout": traits.dropout,
            "nu": traits.nu,
            "loyalty": traits.loyalty,
            "price_sensitivity": traits.price_sens,
            "behaviour": pd.Categorical.from_codes(temperament.behaviour, BEHAVIOURS),
            "attitude": pd.Categorical.from_codes(temperament.attitude, ATTITUDES),
            "satisfaction": temperament.satisfaction,
            "first_purchase_day": first_t,
            "repeat_purchases": np.bincount(repeat_customer, minlength=n),
            "alive_at_end": np.isnan(died_at),
        }
    )
