"""What buyers buy: repeat purchases under BG/NBD, refunded and unpaid extras, order values
under Gamma-Gamma, coupons, festival discounts, categories and the orders table."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .calendar import DAY, Calendar, in_festival_sale
from .channels import CHANNELS
from .population import IMPULSE, Temperament, Traits

CATEGORIES = ("钱包", "配饰", "斜挎包", "单肩包", "双肩包", "手提包")
CATEGORIES_EN = ("wallet", "accessory", "crossbody", "shoulder", "backpack", "handbag")
# P(category | order amount band): small orders are wallets and accessories, large ones handbags.
_AMOUNT_BANDS = np.array([100.0, 200.0, 400.0])
_CATEGORY_P = np.array(
    [
        [0.40, 0.40, 0.12, 0.05, 0.02, 0.01],
        [0.20, 0.15, 0.30, 0.20, 0.10, 0.05],
        [0.05, 0.05, 0.25, 0.30, 0.15, 0.20],
        [0.02, 0.02, 0.10, 0.26, 0.15, 0.45],
    ]
)
ORDER_STATUSES = ("completed", "refunded", "closed")  # the codes below index this tuple
COMPLETED, REFUNDED, CLOSED = range(3)
# Extra orders near kept ones: (status, base rate); impulse buyers have 1.8 times the rate.
_EXTRA_ORDERS = ((REFUNDED, 0.06), (CLOSED, 0.05))
# Where returning buyers' order visits come from (they know the shop already).
_REPEAT_VISIT_MIX = {
    "search_precise": 0.25,
    "recommendation": 0.15,
    "direct": 0.45,
    "keyword_ads": 0.05,
    "platform_events": 0.10,
}


def bgnbd_repeat_purchases(
    lam: np.ndarray, dropout: np.ndarray, start, end, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Repeat purchases under BG/NBD, one vectorised step per purchase number.

    While alive, customer i buys at rate ``lam[i]`` (exponential gaps) from ``start`` until
    ``end`` (scalars or per-customer arrays, in days); after each repeat purchase they leave
    for good with probability ``dropout[i]``. No Python loop over customers: the loop runs
    once per purchase number, on the customers still active.

    Returns
    -------
    customer, time, died_at : numpy.ndarray
        Customer index and time of every repeat purchase, and for each customer the time of
        the purchase after which they left (NaN if still alive at ``end``).
    """
    n = lam.size
    clock = np.array(np.broadcast_to(np.asarray(start, dtype=float), n))
    end = np.broadcast_to(np.asarray(end, dtype=float), n)
    customers, times = [], []
    active = np.arange(n)
    died_at = np.full(n, np.nan)
    while active.size:
        nxt = clock[active] + rng.exponential(1.0 / lam[active])
        inside = nxt < end[active]
        active, nxt = active[inside], nxt[inside]
        clock[active] = nxt
        customers.append(active)
        times.append(nxt)
        leaves = rng.random(active.size) < dropout[active]
        died_at[active[leaves]] = nxt[leaves]
        active = active[~leaves]
    customer = np.concatenate(customers) if customers else np.empty(0, np.int64)
    time = np.concatenate(times) if times else np.empty(0)
    return customer, time, died_at


@dataclass(frozen=True)
class OrderLog:
    """Every order in time order, as aligned arrays, and the orders table built from them.

    ``customer``: buyer index (0-based); ``t``: time in days; ``status``: code into
    :data:`ORDER_STATUSES`; ``first``: the buyer's first order; ``channel``: index into
    :data:`~crmlib.datasets.channels.CHANNELS` of the visit that placed it; ``order_id``.
    """

    customer: np.ndarray
    t: np.ndarray
    status: np.ndarray
    first: np.ndarray
    channel: np.ndarray
    order_id: np.ndarray
    table: pd.DataFrame

    @property
    def size(self) -> int:
        return self.customer.size


def _with_extras(
    rng: np.random.Generator,
    calendar: Calendar,
    temperament: Temperament,
    kept_cust: np.ndarray,
    kept_t: np.ndarray,
    is_first: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Kept orders plus refunded and closed ones near them, sorted by time."""
    extras = []
    for status, base_rate in _EXTRA_ORDERS:
        rate = base_rate * (1.0 + 0.8 * (temperament.behaviour[kept_cust] == IMPULSE))
        hit = rng.random(kept_cust.size) < rate
        t_extra = kept_t[hit] + rng.uniform(0.02, 15.0, hit.sum())
        keep = t_extra < calendar.horizon
        extras.append((status, kept_cust[hit][keep], t_extra[keep]))
    cust = np.concatenate([kept_cust] + [e[1] for e in extras])
    t = np.concatenate([kept_t] + [e[2] for e in extras])
    status = np.concatenate(
        [np.full(kept_cust.size, COMPLETED, np.int8)]
        + [np.full(e[1].size, e[0], np.int8) for e in extras]
    )
    first = np.concatenate([is_first, np.zeros(cust.size - kept_cust.size, bool)])
    seq = np.argsort(t, kind="stable")
    return cust[seq], t[seq], status[seq], first[seq]


def draw_orders(
    rng: np.random.Generator,
    calendar: Calendar,
    traits: Traits,
    temperament: Temperament,
    channel_idx: np.ndarray,
    first_t: np.ndarray,
    repeat_customer: np.ndarray,
    repeat_t: np.ndarray,
    spend_shape: float,
) -> OrderLog:
    """First and repeat purchases become orders with amounts, coupons, discounts, categories.

    Order value ~ Gamma(``spend_shape`` = p, nu) (Gamma-Gamma); coupons follow the buyer's coupon habit (more in
    festival sales); festival sales take 10% off the list price; closed orders were never paid,
    refunded ones were paid back in full.
    """
    n = traits.size
    kept_cust = np.concatenate([np.arange(n), repeat_customer])
    kept_t = np.concatenate([first_t, repeat_t])
    is_first = np.concatenate([np.ones(n, bool), np.zeros(repeat_customer.size, bool)])
    o_cust, o_t, o_status, o_first = _with_extras(
        rng, calendar, temperament, kept_cust, kept_t, is_first
    )
    n_orders = o_cust.size
    o_time_s = calendar.start_s + np.floor(o_t * DAY).astype(np.int64)
    festival = in_festival_sale(o_time_s)

    paid = np.maximum(np.round(rng.gamma(spend_shape, 1.0 / traits.nu[o_cust]), 2), 0.01)
    uses_coupon = rng.random(n_orders) < np.clip(
        temperament.coupon_habit[o_cust] + 0.15 * festival, 0, 0.98
    )
    coupon = np.where(
        uses_coupon, np.select([paid < 100, paid < 200, paid < 400], [10.0, 20.0, 30.0], 50.0), 0.0
    )
    discount_rate = np.where(festival, 0.10, 0.0)
    list_amount = np.round((paid + coupon) / (1.0 - discount_rate), 2)
    discount = np.where(festival, np.round(list_amount - paid - coupon, 2), 0.0) + 0.0  # no -0.0
    band = np.searchsorted(_AMOUNT_BANDS, paid)
    cum = _CATEGORY_P.cumsum(axis=1)[band]
    category = (rng.random(n_orders)[:, None] > cum).sum(axis=1).clip(0, len(CATEGORIES) - 1)
    items = 1 + rng.poisson(0.15 + 0.25 * (paid > 300))
    repeat_mix = np.array([_REPEAT_VISIT_MIX.get(c, 0.0) for c in CHANNELS])
    rep_channel = rng.choice(len(CHANNELS), size=n_orders, p=repeat_mix)
    rep_channel = np.where(
        festival & (rng.random(n_orders) < 0.5), CHANNELS.index("platform_events"), rep_channel
    )
    o_channel = np.where(o_first, channel_idx[o_cust], rep_channel)
    is_closed = o_status == CLOSED
    amount_paid = np.where(is_closed, 0.0, paid)
    refund = np.where(o_status == REFUNDED, paid, 0.0)
    order_id = np.arange(1, n_orders + 1)
    table = pd.DataFrame(
        {
            "order_id": order_id,
            "customer_id": o_cust + 1,
            "created_time": pd.to_datetime(o_time_s - rng.integers(20, 900, n_orders), unit="s"),
            "paid_time": pd.to_datetime(o_time_s, unit="s").where(~is_closed),
            "list_amount": list_amount,
            "discount": discount,
            "coupon": coupon,
            "amount_paid": amount_paid,
            "category": pd.Categorical.from_codes(category, CATEGORIES),
            "items": items,
            "channel": pd.Categorical.from_codes(o_channel, CHANNELS),
            "status": pd.Categorical.from_codes(o_status, ORDER_STATUSES),
            "refund_amount": refund,
        }
    )
    return OrderLog(o_cust, o_t, o_status, o_first, o_channel, order_id, table)
