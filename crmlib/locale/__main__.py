"""Keep the catalogues: ``python -m crmlib.locale compile|extract|check``.

``compile``
    Every ``.po`` to its ``.mo`` (set-up runs this). Fuzzy entries are left out, as gettext does.
``extract``
    Find every message marked ``_("...")`` or ``pgettext("context", "...")`` in ``crmlib`` (with
    Babel, as ``pybabel extract`` would) and bring each language's ``messages.po`` up to date:
    new messages are added untranslated, messages no code shows any more are removed. Then
    translate the new entries with a gettext editor (Poedit, Weblate) or by hand.
``check``
    Exit 1 and list what is missing: untranslated or fuzzy entries, placeholders that differ.
``traditional``
    Make the Traditional Chinese catalogues (``zh_TW``) from the Simplified ones with OpenCC
    (Taiwan standard, with its phrases: ``s2twp``). Code in backticks or quotes, fields such as
    ``{file}``, and the Chinese words an English message itself holds (a status as the export
    spells it: ``交易成功``) stay as they are. Edit ``zh``, then run this: ``zh_TW`` is made.

Exit codes: 0 done, 1 ``check`` found problems, 2 wrong use.
"""

from __future__ import annotations

import argparse
import functools
import re
import string
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from . import DOMAINS, LANGUAGES, LOCALE_DIR, SOURCE_LANGUAGE, catalogue_path

PACKAGE = LOCALE_DIR.parent
KEYWORDS = {"_": None, "pgettext": ((1, "c"), 2)}


def load(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def save(catalog: Catalog, path: Path) -> None:
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0, sort_output=False, include_lineno=False)


def compile_all(folder: Path = LOCALE_DIR) -> list[Path]:
    """Write each ``.po``'s ``.mo`` beside it; returns the ``.mo`` files written."""
    written = []
    for po in sorted(folder.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        catalog = load(po)
        temporary = mo.with_suffix(".mo.tmp")
        with temporary.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        temporary.replace(mo)
        written.append(mo)
    return written


def marked_messages(package: Path = PACKAGE) -> dict[tuple[str | None, str], list[str]]:
    """``{(context, message): [where it is marked, ...]}`` for every marked message."""
    found: dict[tuple[str | None, str], list[str]] = {}
    method_map = [("**/locale/**.py", "ignore"), ("**.py", "python")]
    for filename, lineno, message, _, context in extract_from_dir(
        str(package), method_map=method_map, keywords=KEYWORDS
    ):
        if isinstance(message, str):
            found.setdefault((context, message), []).append(f"{filename}:{lineno}")
    return found


def fields(text: str) -> list[str]:
    """The ``str.format`` fields of a text, with their format specs, sorted (a text whose
    braces do not pair, such as ``{n``, gives ``["<unreadable>"]``)."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return ["<unreadable>"]
    return sorted(f"{name}:{spec}" for _, name, spec, _ in parsed if name)


def names(found: list[str]) -> set[str]:
    return {field.partition(":")[0] for field in found}


def declared_fields(comments: list[str]) -> list[str]:
    """Fields a label's source entry declares in a ``#. fields: a, b`` comment: the code fills
    in all of them and each language uses those it needs (``{abbr} {year}``, ``{year}年{month}月``)."""
    out = []
    for comment in comments:
        if comment.startswith("fields:"):
            names = comment.removeprefix("fields:").split("(")[0]
            out += [f"{name.strip()}:" for name in names.split(",") if name.strip()]
    return out


def extract(folder: Path = LOCALE_DIR, package: Path = PACKAGE) -> dict[str, tuple[int, int]]:
    """Bring every ``messages.po`` up to date with the code: ``{language: (added, removed)}``."""
    marked = marked_messages(package)
    changes = {}
    for language in LANGUAGES:
        if language == SOURCE_LANGUAGE:
            continue
        path = catalogue_path(language, "messages", folder)
        catalog = load(path) if path.is_file() else Catalog(locale=language, domain="messages")
        known = {(m.context, m.id) for m in catalog if m.id}
        added = [key for key in marked if key not in known]
        removed = [key for key in known if key not in marked]
        for context, message in removed:
            catalog.delete(message, context=context)
        for context, message in added:
            flags = ("python-brace-format",) if fields(message) else ()
            catalog.add(message, "", context=context, flags=flags)
        path.parent.mkdir(parents=True, exist_ok=True)
        save(catalog, path)
        changes[language] = (len(added), len(removed))
    return changes


def problems(folder: Path = LOCALE_DIR) -> list[str]:
    """What a reader would miss: untranslated or fuzzy entries, fields that differ, labels one
    language has and another lacks."""
    out = []
    marked = marked_messages()
    source_labels = {
        (m.context, m.id): fields(m.string) + declared_fields(m.auto_comments)
        for m in load(catalogue_path(SOURCE_LANGUAGE, "labels"))
        if m.id
    }
    for language in LANGUAGES:
        for domain in DOMAINS:
            if domain == "messages" and language == SOURCE_LANGUAGE:
                continue
            path = catalogue_path(language, domain, folder)
            catalog = load(path)
            keys = {(m.context, m.id) for m in catalog if m.id}
            expected = set(marked) if domain == "messages" else source_labels
            out += [f"{path}: missing {key}" for key in sorted(set(expected) - keys, key=str)]
            unused = sorted(keys - set(expected), key=str)
            out += [f"{path}: not shown by any code {key}" for key in unused]
            for m in catalog:
                if not m.id:
                    continue
                if m.fuzzy:
                    out.append(f"{path}: fuzzy {m.id!r}")
                if not m.string:
                    out.append(f"{path}: untranslated {m.id!r}")
                elif domain == "messages" and fields(m.id) != fields(m.string):
                    out.append(f"{path}: fields differ in {m.id!r}")
                elif domain == "labels" and not names(fields(m.string)) <= names(
                    source_labels.get((m.context, m.id), [])
                ):
                    out.append(f"{path}: fields the code does not fill in {m.id!r}")
    return out


TRADITIONAL = "zh_TW"
TRADITIONAL_HEADER = (
    "# crm-notebooks: the {domain} catalogue in Traditional Chinese, made from zh by OpenCC "
    "(s2twp).\n# Do not edit: edit zh, then run python -m crmlib.locale traditional."
)
# Spans converted as they are: code in backticks, quoted code, and format fields.
KEPT_SPANS = re.compile(r"`[^`]*`|'[^'\n]*'|\{[^{}]*\}")
HANZI = re.compile(r"[\u4e00-\u9fff]+")


@functools.cache
def _converter():
    import opencc  # Simplified -> Traditional with Taiwan's words (a dev dependency)

    return opencc.OpenCC("s2twp")


def to_traditional(text: str, keep: tuple[str, ...] = ()) -> str:
    """``text`` in Traditional Chinese (Taiwan), with code, fields and the words in ``keep``
    left as they are."""
    converter = _converter()
    pieces, last = [], 0
    spans = [m.span() for m in KEPT_SPANS.finditer(text)]
    for word in sorted(set(keep), key=len, reverse=True):
        spans += [m.span() for m in re.finditer(re.escape(word), text)]
    for start, end in sorted(spans):
        if start < last:
            continue
        pieces += [converter.convert(text[last:start]), text[start:end]]
        last = end
    pieces.append(converter.convert(text[last:]))
    return "".join(pieces)


def make_traditional(folder: Path = LOCALE_DIR) -> list[Path]:
    """Write ``zh_TW``'s catalogues from ``zh``'s; returns the files written."""
    written = []
    for domain in DOMAINS:
        source = load(catalogue_path("zh", domain, folder))
        out = Catalog(
            locale=TRADITIONAL,
            domain=domain,
            project="crm-notebooks",
            charset="utf-8",
            fuzzy=False,
            header_comment=TRADITIONAL_HEADER.format(domain=domain),
        )
        for m in source:
            if not m.id:
                continue
            keep = tuple(HANZI.findall(m.id)) if domain == "messages" else ()
            text = to_traditional(m.string, keep) if m.string else ""
            out.add(m.id, text, context=m.context, flags=m.flags, auto_comments=m.auto_comments)
        path = catalogue_path(TRADITIONAL, domain, folder)
        path.parent.mkdir(parents=True, exist_ok=True)
        save(out, path)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m crmlib.locale", description=__doc__.split("\n")[0]
    )
    parser.add_argument("command", choices=("compile", "extract", "check", "traditional"))
    args = parser.parse_args(argv)
    if args.command == "compile":
        written = compile_all()
        print(f"compiled {len(written)} catalogues")
    elif args.command == "traditional":
        for path in make_traditional():
            print(f"wrote {path}")
    elif args.command == "extract":
        for language, (added, removed) in extract().items():
            print(f"{language}: {added} messages added, {removed} removed")
    else:
        found = problems()
        print("\n".join(found) or "every catalogue is complete")
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
