"""Membership policies as files an analyst can keep versions of: JSON or YAML."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..locale import _, tr
from ..textfiles import read_text
from .policy import Policy, PolicyError, Problem, problem


def policy_to_dict(policy: Policy) -> dict[str, Any]:
    """Plain data (lists and dicts) for JSON or YAML."""
    return policy.model_dump(mode="json")


def policy_from_dict(data: dict[str, Any], source: str = "policy") -> Policy:
    """Build a policy from plain data; errors name ``source``, the tier and the field."""
    if not isinstance(data, dict):
        raise PolicyError(
            problem(
                None, _("expected a mapping with 'tiers', got {kind}"), kind=type(data).__name__
            ),
            source,
        )
    try:
        return Policy(**data)
    except PolicyError as exc:
        raise PolicyError([Problem(None, str(exc))], source) from None


def _line(path: Path, line: int | None) -> str:
    """Where a file's problem is: ``bad.yaml, line 3`` (the line as an editor numbers it)."""
    return str(path) if line is None else tr(_("{path}, line {line}"), path=path, line=line)


def _suffix(path: Path) -> str:
    if path.suffix not in (".json", ".yaml", ".yml"):
        raise PolicyError(problem(None, _("use a .json, .yaml or .yml file name")), str(path))
    return path.suffix


def save_policy(policy: Policy, path: str | Path) -> Path:
    """Write a policy as JSON (``.json``) or YAML (``.yaml``/``.yml``)."""
    path = Path(path)
    data = policy_to_dict(policy)
    if _suffix(path) == ".json":
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    else:
        import yaml

        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


MAX_BYTES = 1 << 20  # a policy is a page of text: a larger file is not one
MAX_VALUES = 10_000  # values once aliases are expanded (a policy has a few hundred)
MAX_DEPTH = 32  # levels of nesting (a policy has five or six)


def _too_big(path: Path, size: int) -> None:
    if size > MAX_BYTES:
        found = problem(None, _("{size:,} bytes is too large for a policy file (at most {limit:,})"),
                        size=size, limit=MAX_BYTES)  # fmt: skip
        raise PolicyError(found, str(path))


def _yaml_shape(path: Path, node) -> None:
    """Refuse a YAML document that nests too deeply or whose aliases (``*name``) expand it
    past :data:`MAX_VALUES` values: measured on the composed nodes, where an alias is one
    shared node, so an alias bomb is measured in microseconds, not expanded."""
    import yaml

    sizes: dict[int, int] = {}

    def size(node, depth: int) -> int:
        if depth > MAX_DEPTH:
            raise PolicyError(problem(None, _("nested more than {depth} levels deep"),
                                      depth=MAX_DEPTH), str(path))  # fmt: skip
        if id(node) in sizes:
            return sizes[id(node)]
        if isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = node.value
        else:
            children = []
        total = 1
        for child in children:
            total += size(child, depth + 1)
            if total > MAX_VALUES:
                found = problem(None, _("more than {limit:,} values once its aliases (*name) "
                                        "are expanded"), limit=MAX_VALUES)  # fmt: skip
                raise PolicyError(found, str(path))
        sizes[id(node)] = total
        return total

    if node is not None:
        size(node, 0)


def load_policy(path: str | Path) -> Policy:
    """Read a policy saved by :func:`save_policy` (or written by hand).

    Malformed JSON or YAML is reported as a :class:`PolicyError` naming the file and the line.
    """
    path = Path(path)
    suffix = _suffix(path)
    _too_big(path, path.stat().st_size)
    try:
        text = read_text(path, limit=MAX_BYTES)  # UTF-8, a BOM, or GBK as Notepad saves it
    except ValueError:
        raise PolicyError(
            problem(None, _("not a text file (neither UTF-8 nor GBK)")), str(path)
        ) from None
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            found = problem(None, _("not valid JSON ({problem})"), problem=exc.msg)
            raise PolicyError(found, _line(path, exc.lineno)) from None
        except RecursionError:
            found = problem(None, _("nested more than {depth} levels deep"), depth=MAX_DEPTH)
            raise PolicyError(found, str(path)) from None
    else:
        import yaml

        try:
            _yaml_shape(path, yaml.compose(text, Loader=yaml.SafeLoader))
            data = yaml.safe_load(text)
        except RecursionError:
            found = problem(None, _("nested more than {depth} levels deep"), depth=MAX_DEPTH)
            raise PolicyError(found, str(path)) from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            what = getattr(exc, "problem", None) or str(exc)
            found = problem(None, _("not valid YAML ({problem})"), problem=what)
            raise PolicyError(found, _line(path, mark.line + 1 if mark else None)) from None
    return policy_from_dict(data, source=str(path))
