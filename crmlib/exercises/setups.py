"""Set-ups the exercise notebooks take from their check module (``check.experiment()``).

They hold no key: a student's copy keeps them (see ``PUBLIC`` in a chapter's checks).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd

from .. import customer_grades as cg
from .. import experiments as ex
from .. import outreach as out
from ..acquisition import ProportionTest
from ..datasets.campaigns import Campaign, previous_contacts, run_campaign
from ._shop import archive, as_of, store


@dataclass(frozen=True)
class Experiment:
    """The notebook's campaign, played out the same way (same seeds) for the checks."""

    crowd: pd.Index
    contacts: pd.DataFrame
    audience: out.Audience
    result: ProportionTest
    by_grade: pd.DataFrame
    sizes: pd.Series
    order_value: float


@functools.cache
def experiment() -> Experiment:
    s, a = store(), archive()
    grades = cg.grade_customers(s.orders, as_of(), a.index)
    crowd = grades.index[grades.isin(["ordinary", "growing", "churned"])]
    contacts = previous_contacts(a.index, as_of(), share=0.15, days=14, random_state=0)
    audience = out.audience(crowd, s.customers, contacts, as_of(), out.OutreachRule(cap_days=7))
    group = ex.assign(audience.ids, treatment_share=0.5, random_state=8)
    bought = run_campaign(s.truth, group, Campaign(coupon=20, days=30), random_state=8)
    by_grade = ex.uplift_by_segment(bought, group, grades.loc[audience.ids].astype(str))
    return Experiment(
        crowd=crowd,
        contacts=contacts,
        audience=audience,
        result=ex.read(bought, group),
        by_grade=by_grade,
        sizes=grades.loc[audience.ids].astype(str).value_counts(),
        order_value=float(a["spend"].sum() / a["orders"].sum()),  # the mean order value
    )
