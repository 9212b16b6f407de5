"""KPIs (crmlib.kpi): repurchase rate, AOV, Pareto/Lorenz and Gini, by hand and as invariants."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tinyshop as tiny
from crmlib import kpi


def test_kpis_by_hand(archive):
    assert kpi.repurchase_rate(archive) == 0.5  # c1 and c4 of four buyers
    assert kpi.average_order_value(tiny.orders(), tiny.AS_OF) == pytest.approx(1280 / 7)
    assert kpi.active_customers(archive, days=100) == 2  # c2 (12 days) and c4 (61 days)
    cac = kpi.cac_by_channel(tiny.traffic(), archive)
    assert cac.loc["keyword_ads", "cac"] == 60.0 and cac.loc["referral", "cac"] == 30.0
    assert cac.loc["direct", "cac"] == 0.0 and pd.isna(cac.loc["live_video", "cac"])


def test_pareto_lorenz_and_gini_by_hand(archive):
    spend = archive.loc[archive["orders"] > 0, "spend"]  # 300, 300, 40, 640
    assert kpi.top_share(spend, 0.2) == 0.5  # ceil(0.8) = 1 customer: 640 / 1280
    curve = kpi.lorenz_curve(spend)
    np.testing.assert_allclose(curve["value_share"], [0, 40 / 1280, 340 / 1280, 640 / 1280, 1])
    assert kpi.gini(spend) == pytest.approx(0.3515625)
    assert kpi.gini([5, 5, 5, 5]) == pytest.approx(0.0)
    with pytest.raises(ValueError, match="must be 0 or more"):
        kpi.lorenz_curve([-1, 2])


@given(
    st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=50).filter(
        lambda v: sum(v) > 0
    )
)
def test_gini_and_top_share_invariants(values):
    g = kpi.gini(values)
    assert -1e-9 <= g <= 1 + 1e-9
    assert kpi.top_share(values, 1.0) == pytest.approx(1.0)
    assert kpi.top_share(values, 0.2) >= 0.2 - 1e-9  # the top 20% hold at least 20%


def test_a_students_mistake_is_explained_in_the_notebooks_language():
    """20 for 20 %: the error a zh notebook shows is Chinese, and says what to write."""
    import numpy as np

    from crmlib import i18n

    with i18n.using("zh"), pytest.raises(ValueError) as error:
        kpi.top_share(np.array([1.0, 2.0]), top=20)
    assert (
        str(error.value)
        == "top 是客户所占的比例，要大于 0、不超过 1（前 20% 就写 0.2），你给的是 20"
    )
    assert i18n.tr_text(error.value, "en").startswith("top is a share of customers")
    with pytest.raises(ValueError, match=r"\(0.2 for the top 20%\), got 20"):
        kpi.top_share(np.array([1.0, 2.0]), top=20)  # English where no language was chosen
