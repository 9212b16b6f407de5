"""Service quality (crmlib.service_quality): KPIs, bands and outcomes worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from crmlib import service_quality as sq


def _service() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "contact_id": [1, 2, 3, 4],
            "customer_id": [10, 10, 20, 30],
            "contact_time": pd.to_datetime(
                ["2025-01-01", "2025-03-01", "2025-01-10", "2025-01-20"]
            ),
            "kind": ["pre_sale", "complaint", "pre_sale", "pre_sale"],
            "response_seconds": [20, 400, 60, 90],
            "resolved": [True, False, True, True],
        }
    )


def _orders() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": [10, 20, 30],
            "paid_time": pd.to_datetime(["2025-01-15", "2025-03-01", "2025-01-19"]),
            "status": "completed",
            "amount_paid": 100.0,
            "refund_amount": 0.0,
        }
    )


def test_kpis_by_hand():
    kpis = sq.service_kpis(_service())
    assert kpis.loc["pre_sale", "contacts"] == 3
    assert kpis.loc["pre_sale", "median_response_seconds"] == 60
    assert kpis.loc["complaint", "resolved_share"] == 0.0


def test_bands_include_their_upper_bound():
    bands = sq.response_band(pd.Series([30, 31, 60, 120, 300, 301]))
    assert bands.tolist() == ["le_30s", "le_1min", "le_1min", "le_2min", "le_5min", "over_5min"]


def test_outcomes_and_rates_by_hand():
    out = sq.contact_outcomes(_service(), _orders(), window_days=30)
    # 1: bought 14 days later; 2: the only order came before; 3: 50 days later, outside the
    # window; 4: the order was paid the day before the contact
    assert out["bought_after"].to_dict() == {1: True, 2: False, 3: False, 4: False}
    table = sq.rate_by(out[out["kind"] == "pre_sale"], "resolved")
    assert table.loc[True, ["contacts", "rate"]].tolist() == [3, pytest.approx(1 / 3)]
    assert table.loc[True, "low"] < 1 / 3 < table.loc[True, "high"]
