"""Checks for the Python and pandas primer (notebook 00_python_primer).

Each task practises one operation the chapter exercises need: counting rows, filtering with a
condition, a share as the mean of True/False, combining conditions, a loop that stops, and a
group summary.
"""

from __future__ import annotations

from . import Feedback, _, check_number, close_to, helpers, task
from ._shop import archive

HINTS = {
    1: _("len(archive) counts the rows of a table; each row of the archive is one customer."),
    2: _('archive["orders"] > 0 gives True/False per customer; .sum() counts the Trues.'),
    3: _(
        'Keep the buyers first (archive[archive["orders"] > 0]), then take .mean() of a condition.'
    ),
    4: _(
        'for n in range(1, 30): count (archive["orders"] >= n).sum() and stop (break) at the first n where it is below 100.'
    ),
    5: _(
        'buyers.groupby("channel_family", observed=True)["spend"].mean() gives one number per family; .max() takes the largest.'
    ),
}
SOLUTIONS = {
    1: _("len(archive)"),
    2: _('(archive["orders"] > 0).sum()'),
    3: _('buyers = archive[archive["orders"] > 0]; (buyers["complaints"] > 0).mean()'),
    4: _('a for loop over n = 1, 2, 3, ... with if (archive["orders"] >= n).sum() < 100: break'),
    5: _('buyers.groupby("channel_family", observed=True)["spend"].mean().max()'),
}

hint, solution, model_answer = helpers(HINTS, SOLUTIONS)


def _buyers():
    a = archive()
    return a[a["orders"] > 0]


@task
def q1(answer: object) -> Feedback:
    """How many customers (rows) does the archive have?"""
    a = archive()
    return check_number(
        answer,
        len(a),
        rel_tol=0,
        mistakes=[
            (close_to(len(a.columns), 0), _("That is the number of columns; count the rows.")),
            (close_to(len(_buyers()), 0), _("That counts buyers only; count every row.")),
        ],
        right=_("Every row is one customer, buyers and non-buyers alike."),
        hint=HINTS[1],
    )


@task
def q2(answer: object) -> Feedback:
    """How many customers have at least one completed order?"""
    a = archive()
    return check_number(
        answer,
        int((a["orders"] > 0).sum()),
        rel_tol=0,
        mistakes=[
            (close_to(len(a), 0), _("That is every customer: keep only those with orders > 0.")),
            (
                close_to(int((a["orders"] > 1).sum()), 0),
                _("That is 2 or more orders; at least one means orders > 0 (or >= 1)."),
            ),
            (
                close_to(int((a["orders"] == 0).sum()), 0),
                _("That counts customers with no order: the opposite condition."),
            ),
        ],
        right=_("These are the shop's buyers (成交客户)."),
        hint=HINTS[2],
    )


@task
def q3(answer: object) -> Feedback:
    """What share of buyers complained at least once? (a fraction)"""
    a, buyers = archive(), _buyers()
    expected = float((buyers["complaints"] > 0).mean())
    return check_number(
        answer,
        expected,
        mistakes=[
            (close_to(100 * expected), _("Give a fraction between 0 and 1, not a percentage.")),
            (
                close_to(float((a["complaints"] > 0).mean())),
                _("That divides by every customer; the question asks about buyers only."),
            ),
            (
                close_to(float((buyers["complaints"] > 0).sum()), 0),
                _("That is how many complained; the share is that number / the number of buyers."),
            ),
        ],
        right=_("The mean of True/False values is the share of Trues."),
        hint=HINTS[3],
    )


def _first_below(limit: int = 100) -> int:
    a, n = archive(), 1
    while (a["orders"] >= n).sum() >= limit:
        n += 1
    return n


@task
def q4(answer: object) -> Feedback:
    """The smallest n for which fewer than 100 customers have n or more orders."""
    expected = _first_below(100)
    return check_number(
        answer,
        expected,
        rel_tol=0,
        mistakes=[
            (
                close_to(expected - 1, 0),
                _("At that n there are still 100 or more customers: one step further."),
            ),
            (
                close_to(expected + 1, 0),
                _("At the n before that there were already fewer than 100: stop at the first."),
            ),
        ],
        right=_(
            "A loop that stops at the first n that fits: the same search the tier exercises use."
        ),
        hint=HINTS[4],
    )


@task
def q5(answer: object) -> Feedback:
    """The highest average spend per buyer among the channel families (yuan)."""
    a, buyers = archive(), _buyers()
    by_family = buyers.groupby("channel_family", observed=True)["spend"]
    expected = float(by_family.mean().max())
    return check_number(
        answer,
        expected,
        mistakes=[
            (
                close_to(float(a.groupby("channel_family", observed=True)["spend"].mean().max())),
                _("Non-buyers (spend 0) are in that average: keep the buyers first."),
            ),
            (close_to(float(by_family.sum().max())), _("That is the total; take the mean.")),
            (
                close_to(float(by_family.mean().min())),
                _("That is the lowest family's average; take the largest."),
            ),
        ],
        right=_("One number per group, then the largest: groupby, mean, max."),
        hint=HINTS[5],
    )
