"""Text a person saved, in the encoding their editor chose (crmlib.textfiles)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmlib.textfiles import decode, read_text

SAMPLE = "订单编号: 买家会员名\nstatus: 交易成功 ￥12.00\n"


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "UTF-8"),
        (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "UTF-8"),  # Notepad's UTF-8 with a BOM
        (SAMPLE.encode("gbk"), "GBK/GB18030"),  # a Chinese Windows' ANSI
        (SAMPLE.encode("utf-16"), "UTF-16"),  # Excel's "Unicode Text"
    ],
)
def test_each_editors_encoding_reads_as_the_same_text(raw, encoding):
    assert decode(raw) == (SAMPLE, encoding)


@given(st.text(st.characters(blacklist_categories=["Cs"]), max_size=200))
def test_any_text_saved_as_utf8_or_utf16_comes_back_whole(text):
    assert decode(text.encode("utf-8"))[0] == text
    assert decode(b"\xff\xfe" + text.encode("utf-16-le"))[0] == text


def test_a_damaged_or_binary_or_huge_file_is_refused_by_name(tmp_path):
    mixed = SAMPLE.encode("gbk") + b"\xff\xff" + SAMPLE.encode("utf-8")
    text, encoding = decode(mixed)  # the encoding with fewer bad bytes, the bad ones marked
    assert encoding == "GBK/GB18030" and "\ufffd" in text
    (tmp_path / "m.json").write_bytes(mixed)
    with pytest.raises(ValueError, match=r"m.json: not a text file"):
        read_text(tmp_path / "m.json")
    (tmp_path / "big.json").write_bytes(b" " * 2000)
    with pytest.raises(ValueError, match=r"big.json: 2,000 bytes is too large"):
        read_text(tmp_path / "big.json", limit=1000)
    (tmp_path / "ok.json").write_bytes(SAMPLE.encode("gbk"))
    assert read_text(tmp_path / "ok.json") == SAMPLE
