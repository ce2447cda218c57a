"""The program's entry point: an unchanged re-check is answered before the command line is built.

The pre-commit hook runs `smartlint check -- FILES` on every commit, mostly on files that have not
changed since the last run. Their findings are stored whole (smartlint.results); printing them
needs none of typer (and the pydantic adapters it builds for each option), the YAML parser or the
rules. So a run of the plainest form of `check` (the options in `_parse`, paths, every file with a
valid stored result) is served here; anything else, or any doubt, goes to the full command line
(smartlint.cli), which parses everything again and lints what must be. Both print the same bytes
and exit with the same status (tests/test_entry.py).
"""

from __future__ import annotations

import os
import sys
from datetime import date

# The only options served here (before `--`), with the values accepted; every other option, an
# unknown value or an option given twice goes to the full command line.
FORMATS = ("auto", "text", "concise", "json", "sarif", "github", "gitlab")  # junit reads the items
VALUED = {"--format": "format", "-f": "format", "--today": "today"}
FLAGS = {"--quiet": "quiet", "-q": "quiet"}


def hook_without_separator(argv: list[str]) -> bool:
    """Whether `check` runs under pre-commit without `--` before the file names.

    pre-commit appends the names of a commit's files after the hook's arguments; without `--`, a file
    named `--config=x.yaml` would be read as an option and could switch the gate off. The shipped hook
    passes `--`; a hook whose `args:` drop it is refused rather than run open.
    """
    return os.environ.get("PRE_COMMIT") == "1" and argv[:1] == ["check"] and "--" not in argv


def option_named_like_a_file(argv: list[str]) -> str | None:
    """An option-looking argument before `--` that is also the name of an existing file: what a
    shell glob (`smartlint check *.yaml`) gives when a file is named `--config=x.yaml`. Such a run
    is refused, since the name would otherwise be read as an option."""
    for arg in argv:
        if arg == "--":
            return None
        if arg.startswith("-") and arg != "-" and os.path.lexists(arg):
            return arg
    return None


def refusal(argv: list[str]) -> str | None:
    """Why a command line is refused before anything runs (see the two checks above), or None."""
    from smartlint.i18n import _

    if hook_without_separator(argv):
        return "smartlint: " + _("error: under pre-commit, end the hook's `args:` with `--` (as the shipped "
                                 "hook does), so that file names are never read as options") + "\n"
    both = option_named_like_a_file(argv)
    if both is not None:
        return "smartlint: " + _("error: {arg} is an option and also a file here (from a shell glob?); "
                                 "put `--` before the paths so that file names are never read as options",
                                 arg=repr(both)) + "\n"
    return None


def replace_unencodable(stream) -> None:
    """A console or pipe in cp1252 (or ASCII) cannot hold every character of a title: print a
    replacement character instead of crashing with UnicodeEncodeError."""
    try:
        if stream.errors == "strict":
            stream.reconfigure(errors="replace")
    except (AttributeError, ValueError):  # not a text stream we can reconfigure
        pass


def _parse(argv: list[str]) -> dict | None:
    """`check` with only FLAGS, VALUED options and paths, as the full command line would read it;
    None for anything else."""
    if argv[:1] != ["check"]:
        return None
    seen: dict[str, object] = {}
    paths: list[str] = []
    args = argv[1:]
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            paths += args[i + 1:]
            break
        name, value = arg, None
        if arg.startswith("--") and "=" in arg:
            name, value = arg.split("=", 1)
        if name in FLAGS and value is None:
            key, value = FLAGS[name], True
        elif name in VALUED:
            if value is None:
                if i + 1 >= len(args):
                    return None
                i += 1
                value = args[i]
            key = VALUED[name]
        elif arg.startswith("-") and arg != "-":
            return None
        else:
            paths.append(arg)
            i += 1
            continue
        if key in seen:
            return None
        seen[key] = value
        i += 1
    if not paths or "-" in paths:
        return None
    if seen.get("format", "auto") not in FORMATS:
        return None
    try:
        today = date.fromisoformat(str(seen["today"])) if "today" in seen else date.today()
    except ValueError:
        return None
    return {"paths": paths, "format": seen.get("format", "auto"), "quiet": bool(seen.get("quiet")), "today": today}


def stored_run(argv: list[str]):
    """(result, format, quiet, notes) of an unchanged re-check from stored results; None when the
    command line is not of the served form or some file must be linted."""
    parsed = _parse(argv)
    if parsed is None:
        return None
    from smartlint import results
    from smartlint.files import collect

    collected = collect(parsed["paths"])
    if collected.errors or not collected.files:
        return None
    result = results.stored(collected.files, results.run_options(parsed["today"]))
    if result is None:
        return None
    return result, parsed["format"], parsed["quiet"], collected.notes()


def serve(argv: list[str]) -> int | None:
    """Print an unchanged re-check and return its exit status; None (nothing printed) when the
    full command line must run."""
    try:
        found = stored_run(argv)
    except Exception:  # noqa: BLE001 - any surprise here: the full command line decides and reports
        found = None
    if found is None:
        return None
    from smartlint.output import emit, resolve

    result, shown_format, quiet, notes = found
    for note in notes:
        _say(note)
    for note in emit(result, resolve(shown_format), sys.stdout, quiet):
        _say(note)
    return 1 if result.failed() else 0


def _say(line: str) -> None:
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def main() -> None:
    """Entry point: serve an unchanged re-check, else run the full command line (smartlint.cli)."""
    argv = sys.argv[1:]
    refused = refusal(argv)
    if refused is not None:
        sys.stderr.write(refused)
        sys.exit(2)
    replace_unencodable(sys.stdout)
    status = serve(argv)
    if status is not None:
        sys.exit(status)
    if argv[:1] == ["check"] and not {"-h", "--help"} & set(argv):
        from smartlint.nlp.pipeline import start_worker

        start_worker()  # spaCy's import, in a second process while this one reads and parses
    from smartlint.cli import main as full

    full()


if __name__ == "__main__":
    main()
