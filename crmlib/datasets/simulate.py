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
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import special, stats

from .channels import CHANNELS, channel_table

DAY = 86_400  # seconds

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
AGE_BANDS = ("18-24", "25-29", "30-34", "35-39", "40-49", "50+")
_AGE_P = np.array([0.18, 0.26, 0.22, 0.15, 0.13, 0.06])
REGIONS = ("广东", "浙江", "江苏", "上海", "北京", "山东", "四川", "福建", "河南", "湖北", "其他")
_REGION_P = np.array([0.14, 0.11, 0.10, 0.07, 0.06, 0.07, 0.06, 0.05, 0.05, 0.04, 0.25])
BEHAVIOURS = ("impulse", "comparison", "loyal_repeat")
ATTITUDES = ("ordinary", "mercenary", "hostage")
RETURN_REASONS = ("尺寸不符", "颜色与图片不符", "质量问题", "不喜欢/不想要", "物流破损")
COMPLAINT_REASONS = ("物流太慢", "商品质量", "客服态度", "描述不符")
# Festivals of the Chinese e-commerce year: (month, day, width of the run-up in days, its
# height, height of the spike on the day itself).
FESTIVALS = (
    (3, 8, 3.0, 0.5, 0.5),
    (6, 18, 6.0, 1.0, 2.0),
    (11, 11, 7.0, 1.4, 3.0),
    (12, 12, 2.5, 0.4, 1.0),
)
# Share of orders by hour of day (evening peak).
_HOUR_P = np.array(
    [3, 2, 1, 1, 1, 1, 1, 2, 3, 4, 5, 5, 6, 5, 5, 5, 5, 5, 6, 7, 9, 10, 9, 5], dtype=float
)
_HOUR_P /= _HOUR_P.sum()
# Where returning buyers' order visits come from (they know the shop already).
_REPEAT_VISIT_MIX = {
    "search_precise": 0.25,
    "recommendation": 0.15,
    "direct": 0.45,
    "keyword_ads": 0.05,
    "platform_events": 0.10,
}
_NICK_HEAD = tuple("abcdefghjkmnprstwxyz") + tuple("小大阿甜萌糖柚桃梨喵")
_NICK_TAIL = tuple("0123456789") + tuple("猫兔鱼酱呀宝")


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


def _festival_bump(days: pd.DatetimeIndex) -> np.ndarray:
    """Height of the festival peaks (0 on ordinary days) for each calendar day."""
    bump = np.zeros(len(days))
    for month, day, width, height, spike in FESTIVALS:
        for year in np.unique(days.year):
            peak = pd.Timestamp(year=int(year), month=month, day=day)
            distance = (days - peak).days.to_numpy()
            bump += height * np.exp(-0.5 * (distance / width) ** 2) + spike * (distance == 0)
    return bump


def _in_festival(times_s: np.ndarray) -> np.ndarray:
    """True for timestamps (seconds since epoch) within a festival's sale window."""
    day = pd.DatetimeIndex(pd.to_datetime(times_s // DAY * DAY, unit="s"))
    md = day.month * 100 + day.day
    windows = ((md >= 601) & (md <= 618)) | ((md >= 1101) & (md <= 1111)) | (md == 1212)
    return np.asarray(windows, dtype=bool)


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


def _timestamps(start_s: int, days: np.ndarray) -> pd.DatetimeIndex:
    """Day offsets from the start as timestamps, floored to whole seconds (never reaching ``end``)."""
    return pd.to_datetime(start_s + np.floor(days * DAY).astype(np.int64), unit="s")


def _choice_rows(rng: np.random.Generator, logits: np.ndarray) -> np.ndarray:
    """One categorical draw per row of ``logits`` (Gumbel-max trick, vectorised)."""
    return np.argmax(logits + rng.gumbel(size=logits.shape), axis=1)


def _normal_score(u: np.ndarray) -> np.ndarray:
    return special.ndtri(np.clip(u, 1e-12, 1 - 1e-12))


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
    start_s = int(start_ts.value // 10**9)
    horizon = (end_ts - start_ts).total_seconds() / DAY
    channels = channel_table()
    if channel_shares:
        channels["share"] = [
            channel_shares.get(c, s) for c, s in zip(channels.channel, channels.share, strict=True)
        ]
    channels["share"] = channels["share"] / channels["share"].sum()

    # --- hidden traits --------------------------------------------------------------------
    lam = rng.gamma(params.r, 1.0 / params.alpha, n)
    dropout = rng.beta(params.a, params.b, n)
    nu = rng.gamma(params.q, 1.0 / params.gamma, n)
    z_rate = _normal_score(stats.gamma.cdf(lam, params.r, scale=1.0 / params.alpha))
    z_stay = _normal_score(1.0 - stats.beta.cdf(dropout, params.a, params.b))
    loyalty = special.ndtr(0.8 * z_rate + 0.6 * z_stay)  # 0..1, uniform; high = loyal
    z_loyal = _normal_score(loyalty)
    price_sens = rng.normal(size=n)  # price sensitivity, independent of the purchase process

    # --- acquisition: channel, day, time ---------------------------------------------------
    logits = (
        np.log(np.maximum(channels["share"].to_numpy(), 1e-300))[None, :]
        + z_loyal[:, None] * channels["loyalty_tilt"].to_numpy()[None, :]
        + price_sens[:, None] * channels["price_tilt"].to_numpy()[None, :]
    )
    channel_idx = _choice_rows(rng, logits)
    days = pd.date_range(start_ts.normalize(), end_ts - pd.Timedelta(seconds=1), freq="D")
    bump = _festival_bump(days)
    first_day = np.empty(n, dtype=np.int64)
    for c in range(len(channels)):
        members = np.flatnonzero(channel_idx == c)
        weights = 1.0 + channels["festival_amplitude"].iat[c] * bump
        first_day[members] = rng.choice(len(days), size=members.size, p=weights / weights.sum())
    day_offset = (days[0] - start_ts).total_seconds() / DAY
    first_t = day_offset + first_day + (rng.choice(24, size=n, p=_HOUR_P) + rng.random(n)) / 24
    first_t = np.clip(first_t, 0.0, np.nextafter(horizon, 0))
    exposure = horizon - first_t  # T, in days

    # --- repeat purchases: BG/NBD, one vectorised step per purchase number -----------------
    rep_cust_a, rep_t_a, died_at = bgnbd_repeat_purchases(lam, dropout, first_t, horizon, rng)

    # --- behaviour type, attitude, coupon habit ----------------------------------------------
    impulse_channels = np.isin(
        channels["channel"].to_numpy()[channel_idx],
        ["live_video", "platform_events", "recommendation", "display_ads", "recommendation_ads"],
    )
    beh_logits = np.column_stack(
        [
            0.3 + 1.2 * impulse_channels + 0.4 * price_sens,
            0.6 - 0.3 * impulse_channels,
            -1.0 + 2.5 * z_loyal,
        ]
    )
    behaviour = _choice_rows(rng, beh_logits)
    attitude_draw = rng.random(n)
    mercenary = (price_sens > 0.3) & (loyalty < 0.45) & (attitude_draw < 0.55)
    hostage = ~mercenary & (loyalty > 0.6) & (attitude_draw < 0.10)
    attitude = np.where(mercenary, 1, np.where(hostage, 2, 0))
    satisfaction = np.clip(loyalty + rng.normal(0, 0.08, n), 0, 1)
    satisfaction = np.where(mercenary, rng.uniform(0.62, 0.98, n), satisfaction)
    satisfaction = np.where(hostage, rng.uniform(0.0, 0.22, n), satisfaction)
    coupon_habit = special.expit(-1.4 + 1.3 * price_sens)

    # --- kept orders -----------------------------------------------------------------------
    kept_cust = np.concatenate([np.arange(n), rep_cust_a])
    kept_t = np.concatenate([first_t, rep_t_a])
    is_first = np.concatenate([np.ones(n, bool), np.zeros(rep_cust_a.size, bool)])
    # --- refunded and closed (unpaid) orders: extra orders near kept ones ------------------
    extras = []
    for status, base_rate in (("refunded", 0.06), ("closed", 0.05)):
        rate = base_rate * (1.0 + 0.8 * (behaviour[kept_cust] == 0))
        hit = rng.random(kept_cust.size) < rate
        t_extra = kept_t[hit] + rng.uniform(0.02, 15.0, hit.sum())
        keep = t_extra < horizon
        extras.append((status, kept_cust[hit][keep], t_extra[keep]))
    o_cust = np.concatenate([kept_cust] + [e[1] for e in extras])
    o_t = np.concatenate([kept_t] + [e[2] for e in extras])
    o_status = np.concatenate(
        [np.zeros(kept_cust.size, np.int8)]
        + [np.full(e[1].size, i + 1, np.int8) for i, e in enumerate(extras)]
    )
    o_first = np.concatenate([is_first, np.zeros(o_cust.size - kept_cust.size, bool)])
    order_seq = np.argsort(o_t, kind="stable")
    o_cust, o_t, o_status, o_first = (
        o_cust[order_seq],
        o_t[order_seq],
        o_status[order_seq],
        o_first[order_seq],
    )
    n_orders = o_cust.size
    o_time_s = start_s + np.floor(o_t * DAY).astype(np.int64)
    festival = _in_festival(o_time_s)

    paid = np.maximum(np.round(rng.gamma(params.p, 1.0 / nu[o_cust]), 2), 0.01)
    uses_coupon = rng.random(n_orders) < np.clip(coupon_habit[o_cust] + 0.15 * festival, 0, 0.98)
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
    # channel of the visit that placed the order
    repeat_mix = np.array([_REPEAT_VISIT_MIX.get(c, 0.0) for c in CHANNELS])
    rep_channel = rng.choice(len(CHANNELS), size=n_orders, p=repeat_mix)
    rep_channel = np.where(
        festival & (rng.random(n_orders) < 0.5), CHANNELS.index("platform_events"), rep_channel
    )
    o_channel = np.where(o_first, channel_idx[o_cust], rep_channel)
    is_closed = o_status == 2
    amount_paid = np.where(is_closed, 0.0, paid)
    refund = np.where(o_status == 1, paid, 0.0)
    order_id = np.arange(1, n_orders + 1)

    orders = pd.DataFrame(
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
            "status": pd.Categorical.from_codes(o_status, ("completed", "refunded", "closed")),
            "refund_amount": refund,
        }
    )

    # --- visits: one per order, browsing before orders, and prospects' sessions ------------
    prospects = int(round(prospect_ratio * n))
    browse_mean = np.array([0.3, 2.0, 0.6])[behaviour[o_cust]]
    n_browse = rng.poisson(browse_mean)
    b_order = np.repeat(np.arange(n_orders), n_browse)
    b_t = o_t[b_order] - rng.uniform(0.05, 7.0, b_order.size)
    keep = b_t >= 0
    b_order, b_t = b_order[keep], b_t[keep]
    p_channel = rng.choice(len(CHANNELS), size=prospects, p=channels["share"].to_numpy())
    p_sessions = 1 + rng.poisson(0.8, prospects)
    p_owner = np.repeat(np.arange(prospects), p_sessions)
    p_first = rng.choice(len(days), size=prospects, p=(1 + bump) / (1 + bump).sum()) + rng.random(
        prospects
    )
    p_first = np.clip(day_offset + p_first, 0, np.nextafter(horizon, 0))
    p_t = np.minimum(
        p_first[p_owner]
        + np.where(
            np.r_[True, p_owner[1:] != p_owner[:-1]], 0.0, rng.exponential(20.0, p_owner.size)
        ),
        np.nextafter(horizon, 0),
    )
    v_cust = np.concatenate([o_cust, o_cust[b_order], n + p_owner])
    v_t = np.concatenate([o_t - rng.uniform(0.003, 0.03, n_orders), b_t, p_t])
    v_t = np.maximum(v_t, 0.0)
    v_channel = np.concatenate([o_channel, o_channel[b_order], p_channel[p_owner]])
    v_order = np.concatenate([order_id, np.zeros(b_order.size + p_owner.size, np.int64)])
    kind_beh = np.concatenate(
        [behaviour[o_cust], behaviour[o_cust[b_order]], rng.integers(0, 2, p_owner.size)]
    )
    n_vis = v_cust.size
    pages_mean = np.array([3.0, 12.0, 5.0])[kind_beh]
    pages = 1 + rng.poisson(pages_mean)
    dwell = np.round(pages * rng.gamma(2.0, np.array([15.0, 30.0, 20.0])[kind_beh])).astype(
        np.int64
    )
    viewed_reviews = rng.random(n_vis) < np.array([0.2, 0.85, 0.3])[kind_beh]
    ordered = v_order > 0
    is_prospect = v_cust >= n
    added_to_cart = ordered | (rng.random(n_vis) < np.where(is_prospect, 0.5, 0.25))
    asked = rng.random(n_vis) < np.where(is_prospect, 0.4, np.array([0.08, 0.35, 0.10])[kind_beh])
    v_seq = np.argsort(v_t, kind="stable")
    visits = pd.DataFrame(
        {
            "visit_id": np.arange(1, n_vis + 1),
            "customer_id": v_cust[v_seq] + 1,
            "start_time": _timestamps(start_s, v_t[v_seq]),
            "channel": pd.Categorical.from_codes(v_channel[v_seq], CHANNELS),
            "pages_viewed": pages[v_seq],
            "dwell_seconds": dwell[v_seq],
            "viewed_reviews": viewed_reviews[v_seq],
            "added_to_cart": added_to_cart[v_seq],
            "asked_service": asked[v_seq],
            "order_id": pd.array(np.where(ordered[v_seq], v_order[v_seq], 0), dtype="Int64"),
        }
    )
    visits.loc[visits["order_id"] == 0, "order_id"] = pd.NA

    # --- service contacts: pre-sale inquiries, returns, complaints ---------------------------
    s_vis = np.flatnonzero(asked[v_seq])
    ret = np.flatnonzero(o_status == 1)
    comp_p = 0.01 + 0.12 * (1 - satisfaction[o_cust]) ** 3
    comp = np.flatnonzero((o_status == 0) & (rng.random(n_orders) < comp_p))
    s_kind = np.concatenate(
        [np.zeros(s_vis.size, np.int8), np.ones(ret.size, np.int8), np.full(comp.size, 2, np.int8)]
    )
    s_cust = np.concatenate([v_cust[v_seq][s_vis], o_cust[ret], o_cust[comp]])
    s_t = np.concatenate(
        [
            v_t[v_seq][s_vis] + 0.001,
            o_t[ret] + rng.uniform(2, 12, ret.size),
            o_t[comp] + rng.uniform(1, 10, comp.size),
        ]
    )
    s_t = np.minimum(s_t, np.nextafter(horizon, 0))
    s_order = np.concatenate(
        [np.where(ordered[v_seq][s_vis], v_order[v_seq][s_vis], 0), order_id[ret], order_id[comp]]
    )
    reason = np.concatenate(
        [
            np.full(s_vis.size, -1),
            rng.choice(len(RETURN_REASONS), size=ret.size, p=[0.3, 0.2, 0.15, 0.3, 0.05]),
            len(RETURN_REASONS)
            + rng.choice(len(COMPLAINT_REASONS), size=comp.size, p=[0.35, 0.3, 0.15, 0.2]),
        ]
    )
    median_response = np.array([25.0, 120.0, 90.0])[s_kind]
    response = np.round(median_response * rng.lognormal(0, 0.8, s_kind.size)).astype(np.int64) + 1
    resolved = rng.random(s_kind.size) < np.array([0.95, 0.92, 0.8])[s_kind]
    s_seq = np.argsort(s_t, kind="stable")
    reasons_all = (*RETURN_REASONS, *COMPLAINT_REASONS)
    service = pd.DataFrame(
        {
            "contact_id": np.arange(1, s_kind.size + 1),
            "customer_id": s_cust[s_seq] + 1,
            "contact_time": _timestamps(start_s, s_t[s_seq]),
            "kind": pd.Categorical.from_codes(s_kind[s_seq], ("pre_sale", "return", "complaint")),
            "order_id": pd.array(s_order[s_seq], dtype="Int64"),
            "reason": pd.Categorical.from_codes(reason[s_seq], reasons_all),
            "response_seconds": response[s_seq],
            "resolved": resolved[s_seq],
        }
    )
    service.loc[service["order_id"] == 0, "order_id"] = pd.NA

    # --- reviews of completed orders ---------------------------------------------------------
    rev = np.flatnonzero((o_status == 0) & (rng.random(n_orders) < 0.45))
    r_t = o_t[rev] + rng.uniform(3, 15, rev.size)
    inside = r_t < horizon
    rev, r_t = rev[inside], r_t[inside]
    rating = np.clip(
        np.round(1 + 4 * satisfaction[o_cust[rev]] + rng.normal(0, 0.5, rev.size) + 0.4), 1, 5
    ).astype(np.int64)
    photo = rng.random(rev.size) < np.where(rating == 5, 0.3, 0.15)
    reviews = pd.DataFrame(
        {
            "order_id": order_id[rev],
            "customer_id": o_cust[rev] + 1,
            "review_time": _timestamps(start_s, r_t),
            "rating": rating,
            "has_photo": photo,
        }
    ).sort_values(["review_time", "order_id"], ignore_index=True)

    # --- satisfaction surveys after the first order ------------------------------------------
    invited = (rng.random(n) < survey_rate) & (exposure > 30)
    responds = rng.random(n) < special.expit(-0.6 + 1.5 * (loyalty - 0.5))  # engaged reply more
    sv = np.flatnonzero(invited & responds)
    csat = 1 + np.searchsorted([0.1, 0.2, 0.35, 0.78], satisfaction[sv])
    nps_mid = np.array([2.0, 4.0, 6.0, 7.5, 9.3])[csat - 1]
    nps = np.clip(np.round(nps_mid + rng.normal(0, 0.9, sv.size)), 0, 10).astype(np.int64)
    sv_t = first_t[sv] + rng.uniform(5, 14, sv.size)
    sv_t = np.minimum(sv_t, np.nextafter(horizon, 0))
    surveys = pd.DataFrame(
        {
            "customer_id": sv + 1,
            "survey_time": _timestamps(start_s, sv_t),
            "csat": csat,
            "nps": nps,
        }
    ).sort_values(["survey_time", "customer_id"], ignore_index=True)

    # --- customers: buyers and known prospects -------------------------------------------------
    m = n + prospects
    all_channel = np.concatenate([channel_idx, p_channel])
    first_seen = np.concatenate(
        [first_t - rng.exponential(3.0, n) * (rng.random(n) < 0.4), p_first]
    )
    first_seen = np.clip(first_seen, 0, None)
    credit = np.round(
        np.exp(rng.normal(np.log(300), 1.3, m) + 0.4 * np.r_[z_rate, np.zeros(prospects)])
    ).astype(np.int64)
    loyal_all = np.r_[loyalty, np.full(prospects, 0.2)]
    vip = rng.random(m) < np.clip(
        0.03 + 0.12 * (credit > 1000) + 0.08 * (credit > 5000) + 0.06 * loyal_all, 0, 1
    )
    community = rng.random(m) < 0.03 + 0.30 * loyal_all**2
    # Personal fields are synthetic and stored masked: a nickname keeps its first and last
    # character (a***9), a phone number its (virtual-operator) prefix and last four digits.
    nick_pool = np.array([h + "***" + t for h in _NICK_HEAD for t in _NICK_TAIL], dtype=object)
    nick = nick_pool[rng.integers(0, nick_pool.size, m)]
    phone_pool = np.array([f"170****{i:04d}" for i in range(10_000)], dtype=object)
    phone = phone_pool[rng.integers(0, phone_pool.size, m)]
    birthday_pool = np.asarray(
        pd.date_range("2023-01-01", periods=365).strftime("%m-%d"), dtype=object
    )
    birthday = birthday_pool[rng.integers(0, 365, m)]
    customers = pd.DataFrame(
        {
            "customer_id": np.arange(1, m + 1),
            "nickname": nick,
            "phone": phone,
            "gender": pd.Categorical.from_codes((rng.random(m) < 0.15).astype(np.int8), ("F", "M")),
            "age_band": pd.Categorical.from_codes(
                rng.choice(len(AGE_BANDS), size=m, p=_AGE_P), AGE_BANDS, ordered=True
            ),
            "region": pd.Categorical.from_codes(
                rng.choice(len(REGIONS), size=m, p=_REGION_P), REGIONS
            ),
            "signup_date": pd.to_datetime(
                start_s + np.floor(first_seen).astype(np.int64) * DAY, unit="s"
            ),
            "birthday": birthday,
            "acquisition_channel": pd.Categorical.from_codes(all_channel, CHANNELS),
            "credit_points": credit,
            "vip88": vip,
            "community_member": community,
            "marketing_consent": rng.random(m) < 0.7,
        }
    )

    # --- traffic: daily visitors and spend per channel (生意参谋-style report) -------------------
    day_of_first = np.floor(first_t - day_offset).astype(np.int64)
    new_counts = np.zeros((len(days), len(CHANNELS)))
    np.add.at(new_counts, (day_of_first, channel_idx), 1)
    conv = channels["conversion"].to_numpy()
    visitors = rng.poisson(new_counts / conv[None, :] + 2.0)
    cost = (
        visitors * channels["cost_per_visitor"].to_numpy()[None, :]
        + new_counts * channels["referral_reward"].to_numpy()[None, :]
    )
    traffic = pd.DataFrame(
        {
            "date": np.repeat(days.to_numpy(), len(CHANNELS)),
            "channel": pd.Categorical.from_codes(
                np.tile(np.arange(len(CHANNELS)), len(days)), CHANNELS
            ),
            "visitors": visitors.ravel(),
            "spend": np.round(cost.ravel(), 2),
        }
    )

    # --- the hidden truth --------------------------------------------------------------------
    repeat_count = np.bincount(rep_cust_a, minlength=n)
    truth = pd.DataFrame(
        {
            "customer_id": np.arange(1, n + 1),
            "lam": lam,
            "dropout": dropout,
            "nu": nu,
            "loyalty": loyalty,
            "price_sensitivity": price_sens,
            "behaviour": pd.Categorical.from_codes(behaviour, BEHAVIOURS),
            "attitude": pd.Categorical.from_codes(attitude, ATTITUDES),
            "satisfaction": satisfaction,
            "first_purchase_day": first_t,
            "repeat_purchases": repeat_count,
            "alive_at_end": np.isnan(died_at),
        }
    )
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
        customers, orders, visits, service, reviews, surveys, traffic, truth, params, settings
    )
