"""Desensitisation (脱敏) of personal fields before anything is shown or exported.

The masks follow the common Chinese platform style: keep just enough to recognise a record
(first and last character of a name, the prefix and last four digits of a phone, the
province, city and district of an address) and replace the rest with ``*``. Buyer keys are
replaced by keyed pseudonyms (:func:`pseudonym`, with the project's secret).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from pathlib import Path

import numpy as np
import pandas as pd

PERSONAL_COLUMNS = {
    "nickname": "name",
    "name": "name",
    "receiver_name": "name",
    "phone": "phone",
    "mobile": "phone",
    "address": "address",
}


SECRET_ENV = "CRMLIB_SECRET_FILE"
"""An environment variable naming the secret's file, for a user who keeps it elsewhere."""


def secret_path() -> Path:
    """Where this user's pseudonymisation secret lives: ``$CRMLIB_SECRET_FILE`` if set, else
    ``secret`` in the user's crmlib configuration folder (platformdirs: ``~/.config/crmlib``
    on Linux, ``~/Library/Application Support/crmlib`` on macOS, ``%LOCALAPPDATA%\\crmlib``
    on Windows). One place per user, whatever folder a command runs in, so the same buyer
    always gets the same pseudonym."""
    import os

    from platformdirs import user_config_path  # each OS's own place for a user's settings

    given = os.environ.get(SECRET_ENV)
    return Path(given) if given else user_config_path("crmlib", appauthor=False) / "secret"


class LooseSecret(UserWarning):
    """The secret's file can be read by other users."""


def project_secret(path: str | Path | None = None) -> bytes:
    """The pseudonymisation secret, read from ``path`` (default :func:`secret_path`); created
    (32 random bytes, as hex) if the file does not exist yet.

    The file is created readable by its owner only and whole (:func:`_create_secret`: no
    moment when others can read it or when it is half written, and two imports starting at
    once end with one secret). A secret others can read is used, with a :class:`LooseSecret` warning.
    The same secret gives the same pseudonyms on every import, so imports of one shop join;
    without it, nobody can test a list of candidate account names against the pseudonyms.
    Carry the file to another machine to keep the pseudonyms the same there.
    """
    import os
    import stat
    import warnings

    path = Path(path) if path is not None else secret_path()
    if not path.exists():
        _create_secret(path)
    if os.name == "posix" and path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        warnings.warn(
            f"{path}: the pseudonymisation secret can be read by other users; "
            f"make it private (chmod 600 {path})",
            LooseSecret,
            stacklevel=2,
        )
    text = path.read_text(encoding="ascii", errors="replace").strip()
    try:
        secret = bytes.fromhex(text)
    except ValueError:
        raise ValueError(
            f"{path}: expected a hex secret (as crmlib writes it); the file holds something else"
        ) from None
    if len(secret) < 16:
        raise ValueError(f"{path}: the secret is too short ({len(secret)} bytes; 16 or more)")
    return secret


def _create_secret(path: Path) -> None:
    """Write a new secret to ``path`` unless one appears there first: written to a private
    temporary file (mode 0600 from its creation), then linked in under its name, which fails
    if the name is taken: readers see no file or a whole one."""
    import os

    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(handle, "w", encoding="ascii") as file:
            file.write(secrets.token_hex(32) + "\n")
        try:
            os.link(temporary, path)
        except FileExistsError:  # another import made one a moment ago: that one stands
            pass
    finally:
        temporary.unlink()


def pseudonym(value: object, *, secret: bytes) -> object:
    """A buyer key (account name, e-mail) replaced by a stable pseudonym: ``buyer_3f9a0c1d2e4b``.

    A keyed hash (BLAKE2b with the project's ``secret``, see :func:`project_secret`): the
    same key and secret always give the same pseudonym, so two imports of one shop still join,
    and without the secret the key can neither be read back nor guessed by hashing candidate
    names. Missing stays missing.
    """
    if len(secret) < 16:
        raise ValueError(f"pseudonym: the secret is too short ({len(secret)} bytes; 16 or more)")
    if pd.isna(value):
        return value
    digest = hashlib.blake2b(
        str(value).strip().encode("utf-8"), digest_size=6, key=secret[:64]
    ).hexdigest()
    return f"buyer_{digest}"


def mask_name(value: object) -> object:
    """``张小明`` -> ``张*明``, ``lily`` -> ``l**y``, ``李雷`` -> ``李*``; missing stays missing."""
    if pd.isna(value):
        return value
    text = str(value).strip()
    if not text:
        return text  # an empty cell stays empty: nothing to hide
    if len(text) == 1:
        return "*"
    if len(text) == 2:
        return text[0] + "*"
    return text[0] + "*" * (len(text) - 2) + text[-1]


def phone_digits(value: object) -> str:
    """A phone number's digits without the +86 country code: ``+86 138-1234-5678`` and
    ``13812345678`` are the same number."""
    text = "" if pd.isna(value) else str(value)
    digits = text if text.isdecimal() else re.sub(r"\D", "", text)  # most are digits already
    if len(digits) == 13 and digits.startswith("86"):  # +86 country code
        digits = digits[2:]
    return digits


def mask_phone(value: object) -> object:
    """``13812345678`` -> ``138****5678``; keeps the first three and last four digits.

    A ``*`` already in the value counts as a hidden digit, so masking a masked phone gives it
    back unchanged, and a value that only looks masked (``138*12345678``) is masked again."""
    if pd.isna(value):
        return value
    text = str(value).strip()
    digits = phone_digits(text) if "*" not in text else re.sub(r"[^\d*]", "", text)
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


# Province (or a municipality), prefecture-level city, county-level district: each a short run
# of non-digits ending in its unit word. Bounded lengths and no digits keep a street, a
# building or a shop name (华润万家超市, 国际商贸城市场, 都市花园) from passing for a division.
_REGION = re.compile(
    r"^(?P<province>北京市|上海市|天津市|重庆市|[^\d\s]{2,8}?(?:省|自治区|特别行政区))?"
    r"(?P<city>[^\d\s]{2,9}?(?:(?<![都城超门])市|自治州|地区|盟)(?!场))?"
    r"(?P<district>[^\d\s]{1,9}?(?:区|县|旗|(?<![都城超门])市)(?!场))?"
)


def mask_address(value: object) -> object:
    """Keep province, city and district, mask the rest:
    ``浙江省杭州市西湖区文三路1号`` -> ``浙江省杭州市西湖区****``,
    ``上海市浦东新区张江路690号华润万家超市`` -> ``上海市浦东新区****``."""
    if pd.isna(value):
        return value
    text = re.sub(r"\s+", "", str(value))  # exports write 浙江省 杭州市 西湖区 with spaces
    if not text:
        return text
    kept = "".join(part for part in _REGION.match(text).groups() if part)
    if not kept:  # no recognisable division: keep only the first two characters
        kept = text[:2]
    return kept + "****"


_MASKERS = {"name": mask_name, "phone": mask_phone, "address": mask_address}


def mask_frame(frame: pd.DataFrame, columns: dict[str, str] | None = None) -> pd.DataFrame:
    """Return a copy with personal columns masked.

    Parameters
    ----------
    frame : pandas.DataFrame
    columns : dict, optional
        Column name -> kind (``"name"``, ``"phone"`` or ``"address"``). By default every
        column whose name is in :data:`PERSONAL_COLUMNS` is masked.
    """
    columns = (
        columns
        if columns is not None
        else {c: k for c, k in PERSONAL_COLUMNS.items() if c in frame}
    )
    unknown = {c: k for c, k in columns.items() if k not in _MASKERS}
    if unknown:
        raise ValueError(f"unknown mask kind(s) {unknown}; use one of {list(_MASKERS)}")
    out = frame.copy()
    for column, kind in columns.items():
        if column not in out:
            raise KeyError(f"mask_frame: no column {column!r}; found {list(out.columns)}")
        masked = mask_values(out[column], _MASKERS[kind])
        text = out[column].dtype == object or isinstance(out[column].dtype, pd.StringDtype)
        # masked values are text: a phone column read as numbers becomes text ("138****5678")
        out[column] = masked.astype(out[column].dtype) if text else masked.astype(str)
    return out


def mask_values(values: pd.Series, masker) -> pd.Series:
    """``values`` with ``masker`` applied, computed once per distinct value: millions of
    customers are masked in seconds. Every value is masked, even one that already holds a
    ``*`` (a buyer can call themselves ``张*小明``); the maskers give a masked value back
    unchanged. Missing stays missing."""
    out = values.to_numpy(dtype=object, copy=True)
    todo = values.notna().to_numpy()
    if todo.any():
        codes, distinct = pd.factorize(out[todo])
        out[todo] = np.array(list(map(masker, distinct)), dtype=object)[codes]
    return pd.Series(out, index=values.index, name=values.name)


# Personal data inside free text, found by its pattern (for values whose column is not a
# personal one, and for rows that could not be split into columns).
_EMAIL = re.compile(r"([\w.+-])[\w.+-]*@([\w-]+(?:\.[\w-]+)+)")
_LONG_DIGITS = re.compile(r"(?<![\d*])[\d*](?:[\d* -]{5,}[\d*Xx])(?![\d*])")
_ACCOUNT = re.compile(r"(?<!\w)(?=[\w-]*[A-Za-z])(?=[\w-]*\d)[A-Za-z0-9_-]{6,}(?!\w)")
_ADDRESS = re.compile(
    r"[^\s,;|\t\"']*?(?:省|市|区|县|镇|乡|村|路|街|道|巷|弄|号|栋|楼|室)[^\s,;|\t\"']*"
)
_WORD = re.compile(r"[^\W\d_]{2,}")


_DATE = re.compile(
    r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
    r"(?:\s?(?:[+-]\d{2}:?\d{2}|Z))?"
)


def _outside_dates(text: str, mask) -> str:
    """``mask`` applied to the parts of ``text`` that are not a date or a date and time."""
    parts, start = [], 0
    for match in _DATE.finditer(text):
        parts += [mask(text[start : match.start()]), match.group(0)]
        start = match.end()
    return "".join([*parts, mask(text[start:])])


def _mask_digits(match: re.Match) -> str:
    run = match.group(0)
    digits = re.sub(r"[^\d*Xx]", "", run)
    if len(digits) < 7:  # a date, a time, an amount: not personal
        return run
    if len(digits) >= 11:
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    return "*" * (len(digits) - 2) + digits[-2:]


def _mask_numbers(text: str) -> str:
    """E-mails and runs of 7 or more digits masked: the part :func:`mask_text` and
    :func:`mask_preview` share."""
    text = _EMAIL.sub(lambda m: f"{m.group(1)}***@{m.group(2)}", text)
    return _LONG_DIGITS.sub(_mask_digits, text)


def _first_only(match: re.Match) -> str:
    """A matched word with only its first character left."""
    return match.group(0)[0] + "*" * (len(match.group(0)) - 1)


def mask_text(value: object) -> object:
    """Personal data in free text masked by its pattern, the rest left readable:
    e-mails (``z***@qq.com``), phones, ID, account and order numbers (any run of 7 or more
    digits: ``138****5678``), account names mixing letters and digits (``t*********``), and
    Chinese addresses (:func:`mask_address`). Statuses, categories, dates and amounts stay
    as they are, so a quarantined value still shows what was wrong with it. A ``*`` is not
    taken as a sign that a value is already masked."""
    if pd.isna(value):
        return value
    if _DATE.fullmatch(text := str(value)):  # the commonest quarantined value, at once
        return text

    def mask(text: str) -> str:
        text = _ACCOUNT.sub(_first_only, _mask_numbers(text))
        return _ADDRESS.sub(lambda m: mask_address(m.group(0)), text)

    return _outside_dates(text, mask)


def mask_preview(value: object) -> object:
    """A record that could not be split into fields, shown only by its shape: every word
    (letters or Chinese characters) keeps its first character (``张**``), e-mails, phones,
    ID and account numbers are masked as :func:`mask_text` does, and the separators, quotes
    and short numbers (dates, amounts) that explain why the record broke stay readable."""
    if pd.isna(value):
        return value

    return _outside_dates(str(value), lambda text: _WORD.sub(_first_only, _mask_numbers(text)))


QUARANTINE_MASKS = {"name": mask_name, "phone": mask_phone, "address": mask_address}


def mask_quarantine(quarantine: pd.DataFrame, personal: dict[str, str]) -> pd.DataFrame:
    """A quarantine table (``column``, ``value``, ...) with nothing personal left in ``value``.

    Parameters
    ----------
    quarantine : pandas.DataFrame
        One row per problem; ``column`` is the column as the export spells it, empty for a
        record that could not be split into fields.
    personal : dict
        The export's personal columns -> kind (``"name"``, ``"phone"``, ``"address"``): their
        values are masked as the customers table masks them. A record is shown by its shape
        (:func:`mask_preview`); any other value by its patterns (:func:`mask_text`).
    """
    out = quarantine.copy()
    if out.empty:
        return out
    column = out["column"].astype(str)
    values = out["value"].astype(object)
    masked = pd.Series(index=out.index, dtype=object)
    whole = column.eq("")
    masked[whole] = mask_values(values[whole], mask_preview)
    for name, kind in personal.items():
        mine = column.eq(name)
        masked[mine] = mask_values(values[mine], QUARANTINE_MASKS[kind])
    rest = masked.isna() & values.notna()
    masked[rest] = mask_values(values[rest], mask_text)
    out["value"] = masked.where(values.notna(), values)
    return out
