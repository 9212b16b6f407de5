"""Membership tiers (网店会员管理, §7.2.4; customer grading, §7.3): policies as data, evaluation
as pure functions.

One job per module:

* :mod:`.policy` — the policy as validated data (tiers, benefits, growth rule, qualification rule);
* :mod:`.files` — saving and loading policies as JSON or YAML;
* :mod:`.growth` — growth value (成长值) per event and per customer;
* :mod:`.evaluation` — preparing a shop once, then scoring any policy against it;
* :mod:`.cycles` — re-judging members cycle after cycle, migration between tiers;
* :mod:`.compare` — two policies side by side.

Qualification: under the textbook's rule (``"rolling"``, the default) a member's tier is re-judged
every 12 months on the **last 12 months' growth value**, dropping one tier at a time when below the
bar. Some shops also let the **cumulative** growth value since joining qualify (rule ``"either"``).
"""

from .compare import Comparison, compare
from .cycles import (
    Cycles,
    Migration,
    Replay,
    migration,
    migration_counts,
    prepare_cycles,
    replay,
    replay_levels,
    replay_table,
)
from .evaluation import (
    Evaluation,
    TierInputs,
    assign,
    benefit_cost,
    effective_growth,
    evaluate,
    levels,
    near_misses,
    prepare,
    tiers_as_of,
)
from .files import load_policy, policy_from_dict, policy_to_dict, save_policy
from .growth import birthday_months, birthdays_of, growth_events, growth_values
from .policy import (
    RULES,
    Benefits,
    GrowthRule,
    Policy,
    PolicyError,
    Rule,
    Tier,
    textbook_policy,
)

__all__ = [
    "RULES",
    "Benefits",
    "Comparison",
    "Cycles",
    "Evaluation",
    "GrowthRule",
    "Migration",
    "Policy",
    "PolicyError",
    "Replay",
    "Rule",
    "Tier",
    "TierInputs",
    "assign",
    "benefit_cost",
    "birthday_months",
    "birthdays_of",
    "compare",
    "effective_growth",
    "evaluate",
    "growth_events",
    "growth_values",
    "levels",
    "load_policy",
    "migration",
    "migration_counts",
    "near_misses",
    "policy_from_dict",
    "policy_to_dict",
    "prepare",
    "prepare_cycles",
    "replay",
    "replay_levels",
    "replay_table",
    "save_policy",
    "textbook_policy",
    "tiers_as_of",
]
