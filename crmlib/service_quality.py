"""Service quality (§7.1.2 ③ 服务质量: fast response, problems solved) against what customers do.

From the ``service`` table (one row per contact: kind, time to first reply, resolved or not):

* :func:`service_kpis`: per kind of contact, the median first-response time and the
  first-contact resolution rate (解决率), the figures a service team reports;
* :func:`contact_outcomes`: for each contact, whether the customer bought within a window after
  it (a completed or paid order), with the response time in bands;
* :func:`rate_by`: that rate per band or per resolved/unresolved, with Wilson intervals, so
  that a difference can be told from noise.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .orders import purchases, require_columns
from .satisfaction import rate_table

#: First-response bands in seconds (upper bounds): up to 30 s, 1 min, 2 min, 5 min, longer.
BANDS = (30, 60, 120, 300)
BAND_NAMES = ("le_30s", "le_1min", "le_2min", "le_5min", "over_5min")


def service_kpis(service: pd.DataFrame) -> pd.DataFrame:
    """Contacts, median seconds to the first reply, and the share resolved, per kind."""
    require_columns(service, ["kind", "response_seconds", "resolved"], "service_kpis")
    per = service.groupby("kind", observed=True)
    return pd.DataFrame(
        {
            "contacts": per.size(),
            "median_response_seconds": per["response_seconds"].median(),
            "resolved_share": per["resolved"].mean(),
        }
    )


def response_band(seconds: pd.Series) -> pd.Series:
    """The band of each response time (a categorical of :data:`BAND_NAMES`)."""
    codes = np.searchsorted(np.asarray(BANDS), seconds.to_numpy(), side="left")
    return pd.Series(
        pd.Categorical.from_codes(codes, BAND_NAMES), index=seconds.index, name="response_band"
    )


def contact_outcomes(
    service: pd.DataFrame, orders: pd.DataFrame, window_days: int = 30
) -> pd.DataFrame:
    """Each contact with its response band and ``bought_after``: a purchase by the same customer
    in the ``window_days`` after the contact (the contact's own order, paid before, not counted).
    """
    require_columns(
        service,
        ["contact_id", "customer_id", "contact_time", "kind", "response_seconds", "resolved"],
        "contact_outcomes",
    )
    bought = purchases(orders)[["customer_id", "paid_time"]]
    pairs = service[["contact_id", "customer_id", "contact_time"]].merge(bought, on="customer_id")
    later = pairs["paid_time"] > pairs["contact_time"]
    soon = pairs["paid_time"] <= pairs["contact_time"] + pd.Timedelta(days=window_days)
    hit = pairs.loc[later & soon, "contact_id"].unique()
    out = service.set_index("contact_id")[["customer_id", "kind", "response_seconds", "resolved"]]
    out = out.assign(response_band=response_band(out["response_seconds"]))
    return out.assign(bought_after=out.index.isin(hit))


def rate_by(outcomes: pd.DataFrame, by: str, outcome: str = "bought_after") -> pd.DataFrame:
    """The share of contacts with the outcome per value of ``by``, with 95% Wilson intervals
    (:func:`crmlib.satisfaction.rate_table`)."""
    return rate_table(outcomes, by, outcome).rename(columns={"n": "contacts"})
