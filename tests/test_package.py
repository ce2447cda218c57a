"""Package metadata that users and indexes read: the license file and pyproject's fields."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_license_file_matches_the_declared_license():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n") and "Copyright (c)" in text and "smartlint contributors" in text
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]


def test_metadata_is_complete():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = data["project"]
    assert project["keywords"] and project["authors"]
    assert {"Homepage", "Repository", "Issues", "Documentation"} <= set(project["urls"])
    classifiers = project["classifiers"]
    # PEP 639: with an SPDX `license`, license classifiers are refused by build tools
    assert not [c for c in classifiers if c.startswith("License ::")]
    lowest = re.match(r">=3\.(\d+)", project["requires-python"]).group(1)
    versions = sorted(int(c.rsplit(".", 1)[1]) for c in classifiers if re.match(r"Programming Language :: Python :: 3\.\d+$", c))
    assert versions and versions[0] == int(lowest)
    assert "LICENSE" in data["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]
