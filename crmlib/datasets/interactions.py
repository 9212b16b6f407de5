"""What happens around the orders: visits (browsing and prospects), service contacts (pre-sale
inquiries, returns, complaints), reviews of completed orders and satisfaction surveys."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import special

from .calendar import Calendar
from .channels import CHANNELS
from .population import Temperament, Traits
from .purchases import COMPLETED, REFUNDED, OrderLog

RETURN_REASONS = ("尺寸不符", "颜色与图片不符", "质量问题", "不喜欢/不想要", "物流破损")
COMPLAINT_REASONS = ("物流太慢", "商品质量", "客服态度", "描述不符")
SERVICE_KINDS = ("pre_sale", "return", "complaint")
PRE_SALE, RETURN, COMPLAINT = range(3)


@dataclass(frozen=True)
class VisitLog:
    """Visits in time order (``seq`` sorts the drawn visits), the prospects behind some of them,
    and the visits table.

    ``customer`` (0-based; prospects numbered after the buyers), ``t``, ``order`` (order id or
    0), ``asked`` (asked customer service), all in drawing order; ``seq`` puts them in time order.
    """

    customer: np.ndarray
    t: np.ndarray
    order: np.ndarray
    asked: np.ndarray
    seq: np.ndarray
    prospect_channel: np.ndarray
    prospect_first: np.ndarray
    table: pd.DataFrame


def draw_visits(
    rng: np.random.Generator,
    calendar: Calendar,
    channels: pd.DataFrame,
    temperament: Temperament,
    orders: OrderLog,
    prospects: int,
) -> VisitLog:
    """One visit per order, browsing visits before orders (comparison shoppers browse most), and
    the sessions of known prospects (carted, inquired or favourited, never ordered)."""
    n = temperament.behaviour.size
    behaviour = temperament.behaviour
    o_cust, o_t, o_channel = orders.customer, orders.t, orders.channel
    browse_mean = np.array([0.3, 2.0, 0.6])[behaviour[o_cust]]
    n_browse = rng.poisson(browse_mean)
    b_order = np.repeat(np.arange(orders.size), n_browse)
    b_t = o_t[b_order] - rng.uniform(0.05, 7.0, b_order.size)
    keep = b_t >= 0
    b_order, b_t = b_order[keep], b_t[keep]
    p_channel = rng.choice(len(CHANNELS), size=prospects, p=channels["share"].to_numpy())
    p_sessions = 1 + rng.poisson(0.8, prospects)
    p_owner = np.repeat(np.arange(prospects), p_sessions)
    bump = calendar.bump
    p_first = rng.choice(
        len(calendar.days), size=prospects, p=(1 + bump) / (1 + bump).sum()
    ) + rng.random(prospects)
    p_first = np.clip(calendar.day_offset + p_first, 0, calendar.last_moment)
    p_t = np.minimum(
        p_first[p_owner]
        + np.where(
            np.r_[True, p_owner[1:] != p_owner[:-1]], 0.0, rng.exponential(20.0, p_owner.size)
        ),
        calendar.last_moment,
    )
    v_cust = np.concatenate([o_cust, o_cust[b_order], n + p_owner])
    v_t = np.concatenate([o_t - rng.uniform(0.003, 0.03, orders.size), b_t, p_t])
    v_t = np.maximum(v_t, 0.0)
    v_channel = np.concatenate([o_channel, o_channel[b_order], p_channel[p_owner]])
    v_order = np.concatenate([orders.order_id, np.zeros(b_order.size + p_owner.size, np.int64)])
    kind_beh = np.concatenate(
        [behaviour[o_cust], behaviour[o_cust[b_order]], rng.integers(0, 2, p_owner.size)]
    )
    n_vis = v_cust.size
    pages = 1 + rng.poisson(np.array([3.0, 12.0, 5.0])[kind_beh])
    dwell = np.round(pages * rng.gamma(2.0, np.array([15.0, 30.0, 20.0])[kind_beh])).astype(
        np.int64
    )
    viewed_reviews = rng.random(n_vis) < np.array([0.2, 0.85, 0.3])[kind_beh]
    ordered = v_order > 0
    is_prospect = v_cust >= n
    added_to_cart = ordered | (rng.random(n_vis) < np.where(is_prospect, 0.5, 0.25))
    asked = rng.random(n_vis) < np.where(is_prospect, 0.4, np.array([0.08, 0.35, 0.10])[kind_beh])
    seq = np.argsort(v_t, kind="stable")
    table = pd.DataFrame(
        {
            "visit_id": np.arange(1, n_vis + 1),
            "customer_id": v_cust[seq] + 1,
            "start_time": calendar.timestamps(v_t[seq]),
            "channel": pd.Categorical.from_codes(v_channel[seq], CHANNELS),
            "pages_viewed": pages[seq],
            "dwell_seconds": dwell[seq],
            "viewed_reviews": viewed_reviews[seq],
            "added_to_cart": added_to_cart[seq],
            "asked_service": asked[seq],
            "order_id": pd.array(np.where(ordered[seq], v_order[seq], 0), dtype="Int64"),
        }
    )
    table.loc[table["order_id"] == 0, "order_id"] = pd.NA
    return VisitLog(v_cust, v_t, v_order, asked, seq, p_channel, p_first, table)


def service_table(
    rng: np.random.Generator,
    calendar: Calendar,
    temperament: Temperament,
    orders: OrderLog,
    visits: VisitLog,
) -> pd.DataFrame:
    """Pre-sale inquiries (visits that asked), returns (refunded orders) and complaints (more
    likely from dissatisfied buyers), with response time and whether the contact was resolved."""
    seq = visits.seq
    s_vis = np.flatnonzero(visits.asked[seq])
    ret = np.flatnonzero(orders.status == REFUNDED)
    comp_p = 0.01 + 0.12 * (1 - temperament.satisfaction[orders.customer]) ** 3
    comp = np.flatnonzero((orders.status == COMPLETED) & (rng.random(orders.size) < comp_p))
    s_kind = np.concatenate(
        [
            np.full(s_vis.size, PRE_SALE, np.int8),
            np.full(ret.size, RETURN, np.int8),
            np.full(comp.size, COMPLAINT, np.int8),
        ]
    )
    s_cust = np.concatenate(
        [visits.customer[seq][s_vis], orders.customer[ret], orders.customer[comp]]
    )
    s_t = np.concatenate(
        [
            visits.t[seq][s_vis] + 0.001,
            orders.t[ret] + rng.uniform(2, 12, ret.size),
            orders.t[comp] + rng.uniform(1, 10, comp.size),
        ]
    )
    s_t = np.minimum(s_t, calendar.last_moment)
    v_order = visits.order[seq][s_vis]
    s_order = np.concatenate(
        [np.where(v_order > 0, v_order, 0), orders.order_id[ret], orders.order_id[comp]]
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
    service = pd.DataFrame(
        {
            "contact_id": np.arange(1, s_kind.size + 1),
            "customer_id": s_cust[s_seq] + 1,
            "contact_time": calendar.timestamps(s_t[s_seq]),
            "kind": pd.Categorical.from_codes(s_kind[s_seq], SERVICE_KINDS),
            "order_id": pd.array(s_order[s_seq], dtype="Int64"),
            "reason": pd.Categorical.from_codes(
                reason[s_seq], (*RETURN_REASONS, *COMPLAINT_REASONS)
            ),
            "response_seconds": response[s_seq],
            "resolved": resolved[s_seq],
        }
    )
    service.loc[service["order_id"] == 0, "order_id"] = pd.NA
    return service


def reviews_table(
    rng: np.random.Generator, calendar: Calendar, temperament: Temperament, orders: OrderLog
) -> pd.DataFrame:
    """Reviews of 45% of completed orders, 3-15 days later; rating follows satisfaction."""
    rev = np.flatnonzero((orders.status == COMPLETED) & (rng.random(orders.size) < 0.45))
    r_t = orders.t[rev] + rng.uniform(3, 15, rev.size)
    inside = r_t < calendar.horizon
    rev, r_t = rev[inside], r_t[inside]
    satisfaction = temperament.satisfaction[orders.customer[rev]]
    rating = np.clip(
        np.round(1 + 4 * satisfaction + rng.normal(0, 0.5, rev.size) + 0.4), 1, 5
    ).astype(np.int64)
    photo = rng.random(rev.size) < np.where(rating == 5, 0.3, 0.15)
    return pd.DataFrame(
        {
            "order_id": orders.order_id[rev],
            "customer_id": orders.customer[rev] + 1,
            "review_time": calendar.timestamps(r_t),
            "rating": rating,
            "has_photo": photo,
        }
    ).sort_values(["review_time", "order_id"], ignore_index=True)


def surveys_table(
    rng: np.random.Generator,
    calendar: Calendar,
    traits: Traits,
    temperament: Temperament,
    first_t: np.ndarray,
    survey_rate: float,
) -> pd.DataFrame:
    """Satisfaction surveys (CSAT 1-5, NPS 0-10) 5-14 days after the first order; engaged
    (loyal) buyers reply more often."""
    n = traits.size
    exposure = calendar.horizon - first_t
    invited = (rng.random(n) < survey_rate) & (exposure > 30)
    responds = rng.random(n) < special.expit(-0.6 + 1.5 * (traits.loyalty - 0.5))
    sv = np.flatnonzero(invited & responds)
    csat = 1 + np.searchsorted([0.1, 0.2, 0.35, 0.78], temperament.satisfaction[sv])
    nps_mid = np.array([2.0, 4.0, 6.0, 7.5, 9.3])[csat - 1]
    nps = np.clip(np.round(nps_mid + rng.normal(0, 0.9, sv.size)), 0, 10).astype(np.int64)
    sv_t = np.minimum(first_t[sv] + rng.uniform(5, 14, sv.size), calendar.last_moment)
    return pd.DataFrame(
        {
            "customer_id": sv + 1,
            "survey_time": calendar.timestamps(sv_t),
            "csat": csat,
            "nps": nps,
        }
    ).sort_values(["survey_time", "customer_id"], ignore_index=True)
