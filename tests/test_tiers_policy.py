"""Membership policies as validated data and files (crmlib.tiers.policy, crmlib.tiers.files)."""

from __future__ import annotations

import pytest

from crmlib import i18n
from crmlib import tiers as T

POLICY = T.textbook_policy()


def test_textbook_policy_figures():
    p = POLICY
    assert p.names == ["ordinary", "silver", "gold", "diamond"]
    assert [t.rolling for t in p.tiers] == [0, 500, 1500, 3000]
    assert [t.cumulative for t in p.tiers] == [None, 800, 2500, 5000]
    assert [t.benefits.discount for t in p.tiers] == [0.98, 0.95, 0.90, 0.85]
    assert [(t.benefits.offer_min, t.benefits.offer_off) for t in p.tiers[1:]] == [
        (300, 50),
        (500, 120),
        (1000, 300),
    ]
    assert [t.benefits.return_days for t in p.tiers] == [7, 15, 30, 30]


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_policy_round_trips_through_files(tmp_path, suffix):
    path = T.save_policy(POLICY, tmp_path / f"p{suffix}")
    assert T.load_policy(path) == POLICY


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"name": "gold", "rolling": 400},
            r"tier 'gold', field 'rolling': thresholds must increase",
        ),
        (
            {"name": "gold", "cumulative": 700},
            r"tier 'gold', field 'cumulative': thresholds must increase",
        ),
        ({"name": "silver", "discount": 1.2}, r"tier 'silver', field 'discount'"),
        ({"name": "silver", "discount": 0}, r"tier 'silver', field 'discount'"),
        ({"name": "silver", "rolling": -5}, r"tier 'silver', field 'rolling'"),
        ({"name": "gold", "offer_off": 600}, r"tier 'gold', field 'offer_off'"),
        ({"name": "ordinary", "rolling": 10}, r"tier 'ordinary', field 'rolling': the first tier"),
    ],
)
def test_invalid_policies_name_the_tier_and_field(change, message):
    name = change.pop("name")
    with pytest.raises(ValueError, match=message):
        POLICY.replace_tier(name, **change)


def test_unknown_fields_in_files_are_named(tmp_path):
    data = T.policy_to_dict(POLICY)
    data["tiers"][1]["benefits"]["cashback"] = 0.1
    with pytest.raises(ValueError, match=r"tier 'silver': unknown benefit\(s\) \['cashback'\]"):
        T.policy_from_dict(data)
    data = T.policy_to_dict(POLICY)
    data["tiers"][2]["threshold"] = 5
    with pytest.raises(ValueError, match=r"tier 'gold': unknown field\(s\) \['threshold'\]"):
        T.policy_from_dict(data)
    with pytest.raises(ValueError, match="field 'rule': must be one of"):
        T.policy_from_dict({**T.policy_to_dict(POLICY), "rule": "any"})
    (tmp_path / "p.txt").write_text("x")
    with pytest.raises(ValueError, match="use a .json, .yaml or .yml"):
        T.load_policy(tmp_path / "p.txt")


def test_policy_errors_speak_the_readers_language():
    """The explorer and notebook 04 show these messages to students: in Chinese, the tier and the
    field are named in Chinese, with the file's key beside them for whoever edits the YAML."""
    with i18n.using("zh"), pytest.raises(T.PolicyError) as caught:
        POLICY.replace_tier("gold", rolling=400)
    assert str(caught.value) == (
        "金卡会员（gold）的滚动12个月成长值门槛（rolling）：门槛必须随等级逐级升高"
        "（400 没有高于银卡会员的 500）"
    )
    with i18n.using("zh"), pytest.raises(T.PolicyError) as caught:
        POLICY.replace_tiers({"silver": {"discount": 1.2, "cashback": 1}})
    assert str(caught.value).startswith("银卡会员（silver）：有无法识别的字段 ['cashback']")
    assert "；银卡会员（silver）的折扣（discount）：应为大于 0、不超过 1 的价格倍数" in str(
        caught.value
    )
    with pytest.raises(T.PolicyError, match=r"^tier 'gold', field 'rolling': thresholds must"):
        POLICY.replace_tier("gold", rolling=400)  # and back in English outside the block


def _alias_bomb(levels: int) -> str:
    """A YAML document of a few hundred bytes whose aliases expand to 9**levels values."""
    names = [chr(97 + i) for i in range(levels + 1)]
    lines = [f"a: &a [{', '.join('x' * 9)}]"]
    for before, name in zip(names, names[1:], strict=False):
        lines.append(f"{name}: &{name} [{', '.join([f'*{before}'] * 9)}]")
    return "\n".join(lines + [f"tiers: *{names[-1]}"]) + "\n"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (_alias_bomb(8), "more than 10,000 values once its aliases"),
        ("tiers: " + "[" * 5000 + "]" * 5000, "nested more than 32 levels deep"),
        ("tiers: []\n" + "#" * (1 << 20), "too large for a policy file"),
    ],
)
def test_hostile_yaml_is_refused_quickly_by_name(tmp_path, text, said):
    import time

    path = tmp_path / "policy.yaml"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(T.PolicyError, match=said):
        T.load_policy(path)
    assert time.perf_counter() - started < 5  # the bomb kept `crmlib policy` busy past 60 s


def test_a_saved_policy_still_loads_and_deep_json_is_refused_by_name(tmp_path):
    policy = T.textbook_policy()
    path = T.save_policy(policy, tmp_path / "p.yaml")
    assert T.load_policy(path) == policy
    json_path = tmp_path / "deep.json"
    json_path.write_text('{"tiers": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    with pytest.raises(T.PolicyError, match="nested more than"):
        T.load_policy(json_path)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk", "utf-16"])
def test_a_policy_saved_by_notepad_in_any_encoding_loads(tmp_path, encoding):
    policy = T.textbook_policy()
    text = T.save_policy(policy, tmp_path / "p.yaml").read_text(encoding="utf-8")
    (tmp_path / "q.yaml").write_bytes(text.encode(encoding))
    assert T.load_policy(tmp_path / "q.yaml") == policy
