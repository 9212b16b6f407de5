"""Masking (crmlib.privacy): names, phones, addresses."""

from __future__ import annotations

import os

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlib.privacy import (
    mask_address,
    mask_frame,
    mask_name,
    mask_phone,
    project_secret,
    pseudonym,
)


def test_masks():
    assert (
        mask_name("张小明") == "张*明"
        and mask_name("李雷") == "李*"
        and mask_name("lily") == "l**y"
    )
    assert mask_name("a***b") == "a***b" and pd.isna(mask_name(None))
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("+86 138-1234-5678") == "138****5678"
    assert mask_address("浙江省杭州市西湖区文三路1号") == "浙江省杭州市西湖区****"
    assert mask_address("上海市浦东新区世纪大道100号") == "上海市浦东新区****"
    frame = mask_frame(
        pd.DataFrame({"name": ["张小明"], "phone": ["13812345678"], "city": ["杭州"]})
    )
    assert frame.iloc[0].tolist() == ["张*明", "138****5678", "杭州"]
    with pytest.raises(ValueError, match="unknown mask kind"):
        mask_frame(frame, {"city": "city"})


@given(
    st.text(min_size=3, max_size=12).filter(
        lambda t: "*" not in t and t.strip() == t and len(t) >= 3
    )
)
def test_masked_names_hide_the_middle(name):
    masked = mask_name(name)
    assert len(masked) == len(name) and masked[0] == name[0] and masked[-1] == name[-1]
    assert set(masked[1:-1]) == {"*"}


def test_pseudonyms_are_stable_distinct_keyed_and_hide_the_key():
    secret = bytes(range(32))
    keys = ["tb_buyer0003", "tb_buyer0004", "lily@example.com", " tb_buyer0003 "]
    out = [pseudonym(k, secret=secret) for k in keys]
    assert out[0] == out[3] != out[1] and len(set(out[:3])) == 3
    assert all(o.startswith("buyer_") and len(o) == 18 for o in out)
    assert not any(k.strip() in o for k, o in zip(keys, out, strict=True))
    assert pd.isna(pseudonym(None, secret=secret))
    # keyed: another project's secret gives other pseudonyms, so a list of candidate account
    # names hashed without the secret matches nothing
    other = [pseudonym(k, secret=bytes(32)) for k in keys]
    assert not set(other) & set(out)
    with pytest.raises(ValueError, match="too short"):
        pseudonym("x", secret=b"short")


def test_project_secret_is_created_once_and_kept(tmp_path):
    path = tmp_path / ".crmlib-secret"
    first = project_secret(path)
    assert len(first) == 32 and path.stat().st_mode & 0o077 == 0  # the owner's only
    assert project_secret(path) == first  # stable across imports
    path.write_text("not hex", encoding="ascii")
    with pytest.raises(ValueError, match="expected a hex secret"):
        project_secret(path)


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        # the street must go even when it names a 超市, 市场, 都市 or 城市 (issue #15)
        ("上海市浦东新区张江路690号华润万家超市", "上海市浦东新区****"),
        ("上海市张江路690号华润万家超市", "上海市****"),
        ("浙江省义乌市国际商贸城市场", "浙江省义乌市****"),
        ("浙江省杭州市都市花园18号", "浙江省杭州市****"),
        ("广东省广州市天河区城市花园", "广东省广州市天河区****"),
        ("江苏省苏州市昆山市玉山镇", "江苏省苏州市昆山市****"),
        ("新疆维吾尔自治区乌鲁木齐市天山区光明路5号", "新疆维吾尔自治区乌鲁木齐市天山区****"),
        ("示例路1号", "示例****"),
    ],
)
def test_addresses_keep_province_city_and_district_only(address, masked):
    assert mask_address(address) == masked


def test_mask_values_is_each_masker_once_per_value_and_leaves_masked_ones():
    import pandas as pd

    from crmlib.privacy import mask_address, mask_name, mask_phone, mask_values

    values = pd.Series(["张小明", "张小明", None, "l**y", "lily"])
    masked = mask_values(values, mask_name)
    assert masked.isna().tolist() == [False, False, True, False, False]
    assert masked.dropna().tolist() == ["张*明", "张*明", "l**y", "l**y"]
    phones = pd.Series(["13812345678", "138****5678", "+86 139-0000-1111"])
    assert mask_values(phones, mask_phone).tolist() == [mask_phone(p) for p in phones]
    # an address with a * that is not a mask's end is still masked
    addresses = pd.Series(["上海市浦东新区张江路690号*", "浙江省杭州市西湖区****"])
    assert mask_values(addresses, mask_address).tolist() == [
        "上海市浦东新区****",
        "浙江省杭州市西湖区****",
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="0123456789+-() ８６１", max_size=16), min_size=1, max_size=20))
def test_mask_values_masks_phones_as_mask_phone_does(phones):
    import pandas as pd

    from crmlib.privacy import mask_phone, mask_values

    values = pd.Series([*phones, "+86 138-1234-5678", "12345"])
    expected = [mask_phone(v) for v in values]
    assert mask_values(values, mask_phone).tolist() == expected


def test_a_star_is_never_taken_as_a_sign_of_masking():
    from crmlib.privacy import mask_values

    # a buyer who calls themselves 张*小明 is masked like anyone else
    assert mask_name("张*小明") == "张**明" and mask_name("*小明*") == "****"
    # a phone with a * somewhere keeps only 3 + 4 of its characters
    assert mask_phone("138*12345678") == "138*****5678"
    # masking is idempotent: what the maskers wrote comes back unchanged
    assert mask_phone("138****5678") == "138****5678" and mask_name("张*明") == "张*明"
    # an empty cell stays empty (a quarantined "missing buyer" shows nothing, not a mask)
    assert [m("") for m in (mask_name, mask_phone, mask_address)] == ["", "", ""]
    streets = pd.Series(["浙江省杭州市西湖区文三路1号*", "上海市*张江路690号"])
    assert mask_values(streets, mask_address).tolist() == ["浙江省杭州市西湖区****", "上海市****"]


@given(
    st.text("0123456789", min_size=11, max_size=11).map(lambda d: "1" + d[1:]),
    st.integers(0, 11),
)
def test_a_star_anywhere_in_a_phone_hides_its_middle(phone, where):
    masked = mask_phone(phone[:where] + "*" + phone[where:])
    assert len(masked) == 12 and masked[3:8] == "*****"
    assert sum(c != "*" for c in masked) <= 7


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("联系 zhangsan.88@qq.com 电话13812345678", "联系 z***@qq.com 电话138****5678"),
        ("身份证 110101199003071234", "身份证 110***********1234"),
        ("138 1234 5678", "138****5678"),
        ("tb_zhang88", "t*********"),
        ("寄到浙江省杭州市西湖区文三路1号", "寄到浙江省杭州市西湖区****"),
        # what explains a problem stays readable: statuses, amounts, dates, short numbers
        ("神秘状态", "神秘状态"),
        ("1.234,56", "1.234,56"),
        ("¥12800.00", "¥12800.00"),
        ("2024-03-01 10:00:00+08:00", "2024-03-01 10:00:00+08:00"),
        ("0001-01-01", "0001-01-01"),
    ],
)
def test_free_text_is_masked_by_its_patterns(text, masked):
    from crmlib.privacy import mask_text

    assert mask_text(text) == masked


def test_a_record_that_cannot_be_split_is_shown_by_its_shape():
    from crmlib.privacy import mask_preview

    record = '9,张小明,13812345678,"浙江省杭州市西湖区文三路1号,128.00,2024-03-01 10:00:00'
    assert mask_preview(record) == '9,张**,138****5678,"浙***********1号,128.00,2024-03-01 10:00:00'


def test_the_quarantine_masks_each_value_by_its_column():
    from crmlib.privacy import mask_quarantine

    quarantine = pd.DataFrame(
        {
            "row": [2, 3, 4, 5],
            "column": ["收货人姓名", "联系手机", "", "订单状态"],
            "value": ["王*小二", "13812345678", "7,李雷,lilei@163.com", "神秘状态"],
            "reason": ["r"] * 4,
        }
    )
    shown = mask_quarantine(quarantine, {"收货人姓名": "name", "联系手机": "phone"})
    assert shown["value"].tolist() == ["王**二", "138****5678", "7,李*,l***@163.c**", "神秘状态"]
    assert shown[["row", "column", "reason"]].equals(quarantine[["row", "column", "reason"]])


def test_the_secret_has_one_place_per_user_whatever_the_folder(tmp_path, monkeypatch):
    from crmlib.privacy import SECRET_ENV, secret_path

    monkeypatch.delenv(SECRET_ENV, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    here = secret_path()
    monkeypatch.chdir(tmp_path)
    assert secret_path() == here == tmp_path / "config" / "crmlib" / "secret"
    assert project_secret() == project_secret(here)
    monkeypatch.setenv(SECRET_ENV, str(tmp_path / "elsewhere"))
    assert secret_path() == tmp_path / "elsewhere"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_the_secret_is_private_from_its_creation_and_a_loose_one_is_named(tmp_path):
    from crmlib.privacy import LooseSecret

    old = os.umask(0)  # even a umask that would let everyone read new files
    try:
        project_secret(tmp_path / "s")
    finally:
        os.umask(old)
    assert (tmp_path / "s").stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["s"]  # no temporary file left
    (tmp_path / "s").chmod(0o644)
    with pytest.warns(LooseSecret, match="chmod 600"):
        project_secret(tmp_path / "s")


def test_imports_starting_at_once_end_with_one_whole_secret(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    path = tmp_path / "deep" / "secret"
    with ThreadPoolExecutor(8) as pool:
        secrets_seen = set(pool.map(lambda _: project_secret(path), range(16)))
    assert len(secrets_seen) == 1 and len(secrets_seen.pop()) == 32


def test_a_phone_column_read_as_numbers_is_masked_as_text():
    frame = pd.DataFrame({"phone": [13812345678, 13900001111]})
    assert mask_frame(frame)["phone"].tolist() == ["138****5678", "139****1111"]
