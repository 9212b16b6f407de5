"""The score table: one row per customer with everything the chapters compute about them.

Archive (客户档案, §7.1), RFM scores and classes, value segment, lifecycle stage, tags (§7.2.2),
membership tier (§7.2.4) and BG/NBD + Gamma-Gamma CLV, as of one date. The ``crmlib score``
command writes it; a notebook can call it on any shop's tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from . import clv, rfm, segments, tags, tiers
from .archive import build_archive
from .locale import Message, _, message_of, t
from .orders import purchases

PERSONAL = ("name", "phone", "address")


@dataclass(frozen=True)
class Scores:
    """The score table and what the caller should know about how it was made.

    ``table``: one row per customer. ``notes``: what was left out and why (tags whose columns
    the data lacks, CLV columns left empty when a model could not be fitted).
    """

    table: pd.DataFrame
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CustomerInputs:
    """What scoring needs from the orders, one row per customer: the ``archive``
    (:func:`crmlib.archive.build_archive`), the membership tiers' ``tier_inputs``
    (:func:`crmlib.tiers.prepare`) and the CLV models' ``summary`` in days
    (:func:`crmlib.clv.transaction_summary` of purchases net of refunds; None, with
    ``summary_problem``, when there is none). The pandas path is :func:`customer_inputs`; the
    DuckDB engine builds the same from Parquet files larger than memory
    (:func:`crmlib.scoring_sql.customer_inputs_sql`)."""

    archive: pd.DataFrame
    tier_inputs: tiers.TierInputs
    summary: pd.DataFrame | None
    as_of: pd.Timestamp
    summary_problem: str | None = None


def customer_inputs(
    customers: pd.DataFrame,
    orders: pd.DataFrame,
    *,
    as_of: str | pd.Timestamp,
    policy: tiers.Policy,
    service: pd.DataFrame | None = None,
    reviews: pd.DataFrame | None = None,
) -> CustomerInputs:
    """:class:`CustomerInputs` from the shop's tables in memory."""
    as_of = pd.Timestamp(as_of)
    archive = build_archive(customers, orders, service, reviews, as_of=as_of)
    birthdays = tiers.birthdays_of(customers)
    inputs = tiers.prepare(orders, reviews, as_of, policy.growth, birthdays=birthdays)
    summary, problem = None, None
    try:
        summary = clv.transaction_summary(
            purchases(orders, as_of),
            as_of - pd.Timedelta(days=1),
            amount_col="net_amount",
            unit="D",
        )
    except ValueError as exc:
        problem = str(exc)
    return CustomerInputs(archive, inputs, summary, as_of, problem)


def score_customers(
    customers: pd.DataFrame,
    orders: pd.DataFrame,
    *,
    as_of: str | pd.Timestamp,
    policy: tiers.Policy | None = None,
    service: pd.DataFrame | None = None,
    reviews: pd.DataFrame | None = None,
    clv_months: int = 12,
    annual_discount_rate: float = 0.10,
    penalizer: float = 0.0,
    model: clv.ModelName = "bgnbd",
    progress=None,
) -> Scores:
    """Score every customer as of a date.

    Parameters
    ----------
    customers, orders : pandas.DataFrame
        The shop's tables (as in ``datasets/README.md``, or written by ``crmlib import``).
    as_of : date
        Only what happened before this moment counts.
    policy : tiers.Policy, optional
        The membership policy; default the textbook's (§7.2.4).
    service, reviews : pandas.DataFrame, optional
        Interaction history; tags that need it are left out (and named in ``notes``) without it.
    clv_months, annual_discount_rate, penalizer
        CLV horizon and discounting; ``penalizer`` helps a purchase or Gamma-Gamma fit converge.
    model : {"bgnbd", "mbgnbd", "pareto_nbd"}
        The purchase model behind P(alive), purchases and CLV (see ``clv.compare_models`` to
        choose one).
    progress : callable, optional
        Called with a short description before each step (e.g. a progress bar's ``set_description``).

    Returns
    -------
    Scores
        Columns: the archive without personal fields; ``R``, ``F``, ``M``, ``rf_segment``,
        ``cn8_class``; ``value_segment``; ``lifecycle``; ``tags`` (``;``-separated); ``tier``;
        ``p_alive``, ``purchases_next_365d`` and ``clv_{months}m`` (days as the time unit).
    """
    step = progress or (lambda _what: None)
    policy = policy or tiers.textbook_policy()
    step(_("building the customer archive"))
    inputs = customer_inputs(
        customers, orders, as_of=as_of, policy=policy, service=service, reviews=reviews
    )
    return score_inputs(
        inputs,
        policy=policy,
        clv_months=clv_months,
        annual_discount_rate=annual_discount_rate,
        penalizer=penalizer,
        model=model,
        progress=progress,
    )


def score_inputs(
    inputs: CustomerInputs,
    *,
    policy: tiers.Policy | None = None,
    clv_months: int = 12,
    annual_discount_rate: float = 0.10,
    penalizer: float = 0.0,
    model: clv.ModelName = "bgnbd",
    progress=None,
) -> Scores:
    """The score table from :class:`CustomerInputs` (either engine's); parameters as in
    :func:`score_customers`."""
    step = progress or (lambda _what: None)
    policy = policy or tiers.textbook_policy()
    notes: list[str] = []
    archive = inputs.archive
    out = archive.drop(columns=[c for c in PERSONAL if c in archive])
    table = rfm.rfm_table(archive)
    scores = rfm.rfm_scores(table)
    out = out.join(scores[["R", "F", "M"]]).join(rfm.rf_segments(scores))
    out = out.join(rfm.cn8_classes(table))
    out["value_segment"] = segments.value_segments(archive)
    out["lifecycle"] = segments.lifecycle_stages(archive)

    step(_("tagging and tiering"))
    usable = [tag for tag in tags.DEFAULT_TAGS if set(tag.columns) <= set(archive.columns)]
    skipped = [tag.name for tag in tags.DEFAULT_TAGS if tag not in usable]
    if skipped:
        notes.append(
            Message(
                _("tags left out (the data has no column they need): {tags}"),
                tags=", ".join(t(f"tag.{name}") for name in skipped),  # in the reader's language
            )
        )
    tag_table = tags.tag_table(archive, usable)
    out["tags"] = tags.joined_tags(tag_table, out.index)
    if archive["birthday"].notna().sum() == 0:
        notes.append(_("no birthdays in the data: birthday-month points are not counted"))
    out["tier"] = tiers.tiers_as_of(policy, inputs.tier_inputs).reindex(out.index)

    step(Message(_("fitting {model} and Gamma-Gamma for CLV"), model=clv.MODELS[model].NAME))
    clv_columns, clv_notes = _clv_columns(
        inputs, clv_months, annual_discount_rate, penalizer, model
    )
    out = out.join(clv_columns)
    notes += clv_notes
    return Scores(table=out, notes=notes)


def _clv_columns(
    inputs: CustomerInputs,
    months: int,
    annual_discount_rate: float,
    penalizer: float,
    model: clv.ModelName,
) -> tuple[pd.DataFrame, list[str]]:
    """P(alive), purchases next year and CLV per buyer (days as the unit), or empty columns and
    the reason when a model cannot be fitted; the fit's warnings (a parameter at the edge of
    its range, a flat likelihood) come back as notes, one per warning."""
    columns = ["p_alive", "purchases_next_365d", f"clv_{months}m"]
    summary = inputs.summary
    try:
        if summary is None:
            raise ValueError(inputs.summary_problem)
        purchases_model = clv.make_model(model, penalizer).fit(summary, unit="D")
        # Repeat buyers whose repeat orders left no spend (refunded, or paid in full by coupons)
        # tell the spend model nothing it can fit; their own spend still shapes their CLV.
        nothing = (summary["frequency"] > 0) & ~(summary["monetary_value"] > 0)
        gg = clv.GammaGamma(penalizer).fit(summary[~nothing])
    except ValueError as exc:
        return pd.DataFrame(columns=columns, dtype=float), [
            Message(_("CLV columns left empty: {reason}"), reason=message_of(exc))
        ]
    notes = [
        Message(_("{model} fit: {warning}"), model=purchases_model.NAME, warning=warning)
        for warning in purchases_model.warnings()
    ]
    if nothing.any():
        notes.append(
            Message(
                _(
                    "{n} repeat buyer(s) with no spend left on their repeat orders (refunded, or "
                    "paid by coupons) were left out of the spend model (Gamma-Gamma); their "
                    "expected spend leans from the shop's average towards their own 0"
                ),
                n=int(nothing.sum()),
            )
        )
    pred = clv.predict(purchases_model, summary, horizon_days=365, unit="D")
    value = clv.clv(
        purchases_model,
        gg,
        summary,
        unit="D",
        months=months,
        annual_discount_rate=annual_discount_rate,
    )
    return pd.DataFrame(
        {columns[0]: pred["p_alive"], columns[1]: pred["expected_purchases"], columns[2]: value}
    ), notes
