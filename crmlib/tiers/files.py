"""Membership policies as files an analyst can keep versions of: JSON or YAML."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .policy import Policy, PolicyError


def policy_to_dict(policy: Policy) -> dict[str, Any]:
    """Plain data (lists and dicts) for JSON or YAML."""
    return policy.model_dump(mode="json")


def policy_from_dict(data: dict[str, Any], source: str = "policy") -> Policy:
    """Build a policy from plain data; errors name ``source``, the tier and the field."""
    if not isinstance(data, dict):
        raise PolicyError(f"{source}: expected a mapping with 'tiers', got {type(data).__name__}")
    try:
        return Policy(**data)
    except PolicyError as exc:
        raise PolicyError(f"{source}: {exc}") from None


def _suffix(path: Path) -> str:
    if path.suffix not in (".json", ".yaml", ".yml"):
        raise PolicyError(f"{path}: use a .json, .yaml or .yml file name")
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


def load_policy(path: str | Path) -> Policy:
    """Read a policy saved by :func:`save_policy` (or written by hand).

    Malformed JSON or YAML is reported as a :class:`PolicyError` naming the file and the line.
    """
    path = Path(path)
    suffix = _suffix(path)
    text = path.read_text(encoding="utf-8")
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise PolicyError(f"{path}, line {exc.lineno}: not valid JSON ({exc.msg})") from None
    else:
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f", line {mark.line + 1}" if mark is not None else ""
            problem = getattr(exc, "problem", None) or str(exc)
            raise PolicyError(f"{path}{where}: not valid YAML ({problem})") from None
    return policy_from_dict(data, source=str(path))
