"""A baseline: the findings a team has accepted for now, so that a gate can be turned on over an
existing plan and fail only on new findings (`check --baseline FILE`).

Entries are matched by fingerprint (smartlint.fingerprint: rule, repository-relative file and the
item's title, never a line), as a multiset: two identical findings need two entries. An entry of a
file checked in this run that matches no finding is stale (the finding was fixed or its item
rewritten): it is reported, and `--update-baseline` drops it so that the baseline only shrinks.
Entries of files not checked in this run (a hook given a few files) are neither used nor stale.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from smartlint.fingerprint import disk_paths, display_path, fingerprints
from smartlint.i18n import _
from smartlint.model import Finding, Result

VERSION = 1


class BaselineError(ValueError):
    """The baseline file cannot be read or is not a smartlint baseline."""


@dataclass
class Entry:
    fingerprint: str
    rule: str
    file: str  # repository-relative
    item: str  # the YAML path of the item, for people reading the file
    message: str

    def as_dict(self) -> dict:
        return {"fingerprint": self.fingerprint, "rule": self.rule, "file": self.file, "item": self.item,
                "message": self.message}


@dataclass
class Applied:
    kept: list[Entry] = field(default_factory=list)  # entries that matched a finding, or were out of scope
    stale: list[Entry] = field(default_factory=list)  # entries of checked files that match nothing now


def read(path: Path) -> list[Entry]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(_("{path}: no such file (create it with --write-baseline)", path=str(path))) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(_("{path}: not a readable baseline ({reason})", path=str(path),
                              reason=str(getattr(exc, "strerror", None) or exc))) from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise BaselineError(_("{path}: not a smartlint baseline (expected {expected})", path=str(path),
                              expected='{"version": ' + str(VERSION) + ', "findings": [...]}'))
    entries = []
    for raw in data["findings"]:
        if not isinstance(raw, dict) or not isinstance(raw.get("fingerprint"), str):
            raise BaselineError(_("{path}: every entry needs a \"fingerprint\"", path=str(path)))
        entries.append(Entry(raw["fingerprint"], str(raw.get("rule", "")), str(raw.get("file", "")),
                             str(raw.get("item", "")), str(raw.get("message", ""))))
    return entries


def entries_for(result: Result, findings: list[Finding] | None = None) -> list[Entry]:
    findings = result.findings if findings is None else findings
    disk = disk_paths(result)
    return [Entry(fp, f.rule, display_path(f.file, disk.get(f.file)), f.path, f.message)
            for f, fp in zip(findings, fingerprints(result, findings))]


def text(entries: list[Entry]) -> str:
    """The file's content: sorted, one entry per finding, stable under reruns (diff-friendly)."""
    ordered = sorted(entries, key=lambda e: (e.file, e.rule, e.item, e.fingerprint))
    return json.dumps({"version": VERSION, "findings": [e.as_dict() for e in ordered]},
                      ensure_ascii=False, indent=2) + "\n"


def apply(result: Result, entries: list[Entry]) -> Applied:
    """Move the findings the baseline accepts from `result.findings` to `result.baselined`."""
    checked = checked_files(result)
    available = Counter(e.fingerprint for e in entries)
    active, accepted = [], []
    for f, fp in zip(result.findings, fingerprints(result)):
        if available[fp] > 0:
            available[fp] -= 1
            accepted.append(f)
        else:
            active.append(f)
    result.findings = active
    result.baselined = accepted
    applied = Applied()
    for e in entries:
        if e.file in checked and available[e.fingerprint] > 0:
            available[e.fingerprint] -= 1
            applied.stale.append(e)
        else:
            applied.kept.append(e)
    return applied


def checked_files(result: Result) -> set[str]:
    """The repository-relative names of the files this run checked."""
    return {display_path(name, disk) for name, disk in disk_paths(result).items()}


def rewritten(result: Result, existing: list[Entry]) -> list[Entry]:
    """The baseline that accepts every finding of this run, keeping the entries of files that this
    run did not check (a partial run must not forget the rest of the repository)."""
    checked = checked_files(result)
    return [e for e in existing if e.file not in checked] + entries_for(result)
