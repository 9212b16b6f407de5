"""The tier explorer: sliders over a membership policy, showing its impact at once.

The widget is thin. :func:`explorer_state` is a pure function (policy + prepared data in,
tables and numbers out) that the tests drive without a browser; :class:`TierExplorer` only
builds ipywidgets controls, turns their values into a policy with :func:`policy_from_controls`,
and renders what :func:`explorer_state` returns.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from . import i18n
from . import tiers as T
from .tiers.policy import local_name


@dataclass(frozen=True)
class ExplorerState:
    """What the explorer shows for one setting of the controls."""

    policy: T.Policy
    evaluation: T.Evaluation
    migration: pd.DataFrame
    movement: pd.Series
    near_miss_count: int


def policy_from_controls(
    base: T.Policy,
    rolling: dict[str, float],
    cumulative: dict[str, float | None],
    discount: dict[str, float],
    rule: T.Rule,
) -> T.Policy:
    """The candidate policy from every control at once, validated once as a whole.

    Building it in one step means any combination that is valid as a whole is accepted, in
    whatever order the sliders were moved (raising gold to 2500 and then silver to 2000 works).
    Raises :class:`crmlib.tiers.PolicyError` naming the tier and field of an invalid combination.
    """
    changes: dict[str, dict[str, float | None]] = {}
    for tier in base.tiers:
        change: dict[str, float | None] = {
            "discount": discount.get(tier.name, tier.benefits.discount)
        }
        if tier is not base.tiers[0]:
            change["rolling"] = rolling.get(tier.name, tier.rolling)
            change["cumulative"] = cumulative.get(tier.name, tier.cumulative)
        changes[tier.name] = change
    return base.with_rule(rule).replace_tiers(changes)


def explorer_state(policy: T.Policy, cycles: T.Cycles, band: float = 0.1) -> ExplorerState:
    """Evaluate ``policy`` on the last cycle and replay the cycles for the migration matrix."""
    current = cycles.inputs[-1]
    evaluation = T.evaluate(policy, current, band)
    levels = T.replay_levels(policy, cycles)
    moved = T.migration_counts(levels[-2], levels[-1], policy.names, cycles.inputs[-1].rolling > 0)
    return ExplorerState(
        policy=policy,
        evaluation=evaluation,
        migration=moved.matrix,
        movement=moved.moves,
        near_miss_count=len(evaluation.near_miss),
    )


def _tier(name: str, policy: T.Policy) -> str:
    """A tier's name in the reader's language (:func:`crmlib.tiers.policy.local_name`)."""
    tier = next(t for t in policy.tiers if t.name == name)
    return local_name(tier.name, tier.name_zh) or name


def counts_html(state: ExplorerState) -> str:
    """Member counts as HTML with stable hooks (``data-tier``) for people and browser tests."""
    items = "".join(
        f'<li>{html.escape(_tier(name, state.policy))}: <b class="tier-count" data-tier="{html.escape(name)}">'
        f"{count:,}</b></li>"
        for name, count in state.evaluation.counts.items()
    )
    return (
        f'<ul class="tier-counts">{items}</ul>'
        f"<p>{html.escape(i18n.t('ui.near_miss_customers'))}: "
        f'<b class="near-miss-count">{state.near_miss_count:,}</b></p>'
    )


#: How each column of the per-tier table is shown: money with thousands separators, no 1e+06.
FORMATS = {
    "members": "{:,.0f}",
    "share_pct": "{:.1f}",
    "revenue_12m": "{:,.0f}",
    "aov": "{:,.1f}",
    "repurchase_rate": "{:.3f}",
    "benefit_cost": "{:,.0f}",
    "cost_share_of_revenue": "{:.3f}",
}


def impact_table(state: ExplorerState) -> pd.DataFrame:
    """The per-tier table, with the share in percent."""
    t = state.evaluation.table
    return t.assign(share=100 * t["share"]).rename(columns={"share": "share_pct"})


def table_html(frame: pd.DataFrame, formats: dict[str, str] | None = None) -> str:
    """A table in the reader's language with one header row (the row labels' name in its
    corner), numbers formatted, in a box that scrolls sideways on a narrow screen."""
    shown = frame.copy()
    for column, fmt in (formats or {}).items():
        shown[column] = shown[column].map(fmt.format)
    shown = i18n.show(shown)
    corner = " → ".join(str(n) for n in (shown.index.name, shown.columns.name) if n)
    shown = shown.rename_axis(index=corner, columns=None).reset_index()
    return f'<div class="table-scroll">{shown.to_html(index=False, border=0)}</div>'


def results_html(state: ExplorerState) -> str:
    """The explorer's tables (revenue and cost per tier, migration) in the reader's language."""
    moves = ", ".join(f"{i18n.t(f'movement.{k}')}: {v:,}" for k, v in state.movement.items())
    counts = {column: "{:,}" for column in state.migration.columns}
    return (
        f"<h4>{html.escape(i18n.t('ui.revenue_and_cost'))}</h4>"
        + table_html(impact_table(state), FORMATS)
        + f"<h4>{html.escape(i18n.t('ui.migration'))}</h4>"
        + table_html(state.migration, counts)
        + f"<p>{html.escape(moves)}</p>"
    )


#: The explorer's own style: stale figures greyed out while a new one is drawn, and tables that
#: scroll inside their own box instead of pushing the page wider (phones).
STYLE = (
    ".stale { opacity: 0.35; } "
    ".table-scroll { overflow-x: auto; max-width: 100%; } "
    ".table-scroll table { border-collapse: collapse; white-space: nowrap; } "
    ".table-scroll th, .table-scroll td { padding: 2px 8px; text-align: right; } "
    ".table-scroll th:first-child, .table-scroll td:first-child { text-align: left; }"
)


class TierExplorer:
    """Sliders for each threshold and discount, a rule switch and the near-miss band.

    Every word on it comes from the label catalogue, in the language set with
    :func:`crmlib.i18n.set_language`.

    >>> TierExplorer(T.textbook_policy(), cycles).widget   # doctest: +SKIP
    """

    STYLE = {"description_width": "170px"}

    def __init__(self, base: T.Policy, cycles: T.Cycles, band: float = 0.1):
        import ipywidgets as w

        self.base, self.cycles = base, cycles
        self._make_controls(w, band)
        self.counts = w.HTML()
        self.chart = w.Image(format="png", layout=w.Layout(width="520px"))
        self.tables = w.HTML()
        self.message = w.HTML()
        for control in self._controls():
            control.observe(lambda _change: self.update(), names="value")
        self.results = w.VBox([self.counts, self.chart, self.tables])
        self.widget = self._layout(w)
        self.update()

    def _slider(self, w, kind, value: float, label: str, **limits):
        return kind(
            value=value,
            description=label,
            style=self.STYLE,
            layout=w.Layout(width="430px"),
            continuous_update=False,
            **limits,
        )

    def _make_controls(self, w, band: float) -> None:
        base = self.base
        # One range for every tier's slider (twice the top tier's threshold), so any tier can be
        # moved above or below its neighbours.
        top_rolling = max(t.rolling for t in base.tiers)
        top_cumulative = max((t.cumulative or 0) for t in base.tiers)

        def threshold(value: float, label: str, top: float):
            limits = {"min": 0, "max": int(max(2 * top, 100)), "step": 50}
            return self._slider(w, w.IntSlider, int(value), label, **limits)

        self.rolling = {
            t.name: threshold(
                t.rolling, f"{_tier(t.name, base)} · {i18n.t('ui.rolling_12m')}", top_rolling
            )
            for t in base.tiers[1:]
        }
        self.cumulative = {
            t.name: threshold(
                t.cumulative, f"{_tier(t.name, base)} · {i18n.t('ui.cumulative')}", top_cumulative
            )
            for t in base.tiers[1:]
            if t.cumulative is not None
        }
        self.discount = {
            t.name: self._slider(
                w,
                w.FloatSlider,
                t.benefits.discount,
                f"{_tier(t.name, base)} · {i18n.t('ui.price_multiplier')}",
                min=0.5,
                max=1.0,
                step=0.01,
            )
            for t in base.tiers
        }
        self.rule = w.ToggleButtons(
            options=[(i18n.t(f"growth_rule.{rule}"), rule) for rule in ("rolling", "either")],
            value=base.rule,
            description=i18n.t("ui.qualifies_by"),
            style=self.STYLE,
        )
        self.band = self._slider(
            w, w.FloatSlider, band, i18n.t("ui.near_miss_band"), min=0.0, max=0.3, step=0.01
        )

    def _controls(self) -> list:
        return [
            *self.rolling.values(),
            *self.cumulative.values(),
            *self.discount.values(),
            self.rule,
            self.band,
        ]

    def _layout(self, w):
        heading = "<b>{}</b>".format
        thresholds = w.VBox(
            [
                w.HTML(heading(html.escape(i18n.t("ui.thresholds")))),
                *self.rolling.values(),
                *self.cumulative.values(),
            ]
        )
        benefits = w.VBox(
            [
                w.HTML(heading(html.escape(i18n.t("ui.discounts_and_rules")))),
                *self.discount.values(),
                self.rule,
                self.band,
            ]
        )
        style_sheet = w.HTML(f"<style>{STYLE}</style>")
        controls = w.HBox([thresholds, benefits], layout=w.Layout(flex_flow="row wrap"))
        return w.VBox([style_sheet, controls, self.message, self.results])

    def current_policy(self) -> T.Policy:
        return policy_from_controls(
            self.base,
            {k: s.value for k, s in self.rolling.items()},
            {k: s.value for k, s in self.cumulative.items()},
            {k: s.value for k, s in self.discount.items()},
            self.rule.value,
        )

    def update(self) -> ExplorerState | None:
        try:
            policy = self.current_policy()
        except T.PolicyError as exc:  # e.g. a threshold moved below the tier beneath it
            self.message.value = (
                f'<p class="explorer-error" style="color:#b00">{html.escape(str(exc))}</p>'
                f'<p class="explorer-stale" style="color:#b00">'
                f"{html.escape(i18n.t('ui.not_updated'))}</p>"
            )
            self.results.add_class("stale")
            return None
        self.message.value = ""
        self.results.remove_class("stale")
        state = explorer_state(policy, self.cycles, self.band.value)
        self.counts.value = counts_html(state)
        self.tables.value = results_html(state)
        self._draw(state)
        return state

    def _draw(self, state: ExplorerState) -> None:
        """Render the tier distribution to PNG bytes for an Image widget (no captured output)."""
        import io

        import matplotlib.pyplot as plt

        from .fonts import use_in_matplotlib

        use_in_matplotlib()
        fig, ax = plt.subplots(figsize=(5, 2.6))
        share = 100 * state.evaluation.table["share"]
        share.set_axis([_tier(name, state.policy) for name in share.index]).plot.barh(
            ax=ax, color="tab:blue"
        )
        ax.set(
            xlabel=i18n.t("fig.share_of_customers"),
            ylabel="",
            title=i18n.t("fig.tier_distribution"),
        )
        ax.invert_yaxis()
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=100)
        plt.close(fig)
        self.chart.value = buffer.getvalue()
