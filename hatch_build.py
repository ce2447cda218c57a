"""Build hook: compile the translation catalogues (.po -> .mo) into the package.

smartlint reads .mo files with the standard library's gettext, so nothing is compiled at run time.
A wheel gets them from a temporary folder; an editable install writes them beside their .po files
(the package is then read from the source tree).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogsHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel":
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        locale = Path(self.root) / "smartlint" / "locale"
        editable = version == "editable"
        out_root = locale if editable else Path(tempfile.mkdtemp(prefix="smartlint-mo-"))
        for po in sorted(locale.glob("*/LC_MESSAGES/*.po")):
            relative = po.relative_to(locale).with_suffix(".mo")
            mo = out_root / relative
            mo.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as f:
                catalog = read_po(f, locale=relative.parts[0], domain=po.stem)
            with mo.open("wb") as f:
                write_mo(f, catalog)  # fuzzy entries are left out: they show the English until reviewed
            if not editable:
                build_data["force_include"][str(mo)] = f"smartlint/locale/{relative.as_posix()}"
