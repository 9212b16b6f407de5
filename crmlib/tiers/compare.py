"""Two membership policies side by side: who changes tier, and what it costs (§7.2.4)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .evaluation import Evaluation, TierInputs, evaluate
from .policy import Policy


@dataclass(frozen=True)
class Comparison:
    """Policy A against policy B on the same customers.

    ``names``: the two policies' names (A, B); ``a``, ``b``: both evaluations; ``changes``:
    customers by tier under A (rows, ``tier_a``) × tier under B (columns, ``tier_b``);
    ``changed``: how many customers change tier; ``summary``: 12-month benefit cost, members above
    the entry tier and revenue under A and B (columns ``a``, ``b``), and the difference B − A.
    """

    names: tuple[str, str]
    a: Evaluation
    b: Evaluation
    changes: pd.DataFrame
    changed: int
    summary: pd.DataFrame


def compare(a: Policy, b: Policy, inputs: TierInputs, band: float = 0.1) -> Comparison:
    """Evaluate two policies on the same prepared customers and line up the results."""
    ea, eb = evaluate(a, inputs, band), evaluate(b, inputs, band)
    names_a, names_b = np.array(a.names)[ea.level], np.array(b.names)[eb.level]
    changes = pd.crosstab(pd.Series(names_a, name="tier_a"), pd.Series(names_b, name="tier_b"))
    changes = changes.reindex(index=a.names, columns=b.names, fill_value=0)

    def column(ev: Evaluation, names: np.ndarray, entry: str) -> list[float]:
        return [
            ev.table["benefit_cost"].sum(),
            int((names != entry).sum()),
            ev.table["revenue_12m"].sum(),
        ]

    summary = pd.DataFrame(
        {"a": column(ea, names_a, a.names[0]), "b": column(eb, names_b, b.names[0])},
        index=["benefit_cost_12m", "members_above_entry", "revenue_12m"],
    )
    summary["difference"] = summary["b"] - summary["a"]
    return Comparison(
        names=(a.name, b.name),
        a=ea,
        b=eb,
        changes=changes,
        changed=int((names_a != names_b).sum()),
        summary=summary,
    )
