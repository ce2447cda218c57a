"""Command line: parse options, call the engine, choose the formatter, set the exit status.

Exit status: 0 when no finding reaches --fail-on, 1 when one does, 2 for usage errors and paths
that are missing or unreadable. Heavy modules (spaCy) are imported only when titles are analysed.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from smartlint import __version__, languages
from smartlint.entry import (  # noqa: F401 - the checks every run starts with, named here too
    hook_without_separator,
    option_named_like_a_file,
    refusal,
    replace_unencodable,
)

app = typer.Typer(
    name="smartlint",
    help="A linter for SMART goals and OKRs written in YAML, in French and English.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)

class Format(str, Enum):
    """Formats of `smartlint rules` and `smartlint rule`."""

    text = "text"
    json = "json"


class CheckFormat(str, Enum):
    """Formats of `smartlint check`; auto is github inside GitHub Actions, text elsewhere."""

    auto = "auto"
    text = "text"
    concise = "concise"
    json = "json"
    sarif = "sarif"
    github = "github"
    junit = "junit"
    gitlab = "gitlab"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


# The languages smartlint reads, from its registry (smartlint/languages/): one module each.
Lang = Enum("Lang", {code: code for code in ("auto", *languages.codes())}, type=str)


def _usage_error(message: str) -> None:
    from smartlint.i18n import _
    from smartlint.neutral import clean

    typer.echo("smartlint: " + _("error: {message}", message=clean(message)), err=True)  # file names may hold anything
    raise typer.Exit(2)


def _messages(choice: "Lang | None") -> str:
    """The --messages choice, which also sets the language of the interface's own messages (the
    locale variables decide when it is not given)."""
    from smartlint import i18n

    value = choice.value if choice else "auto"
    i18n.set_interface_language(value)
    return value


def _shown(path: Path | str) -> str:
    """A path as printed: escaped, so that a hostile file name cannot inject anything."""
    from smartlint.neutral import clean

    return clean(str(path))


def _write_file(path: Path, text: str) -> None:
    """Write an output file the safe way (smartlint.atomic); failures are usage errors."""
    from smartlint.atomic import write_text

    try:
        write_text(path, text)
    except OSError as exc:
        _usage_error(f"{path}: {exc.strerror or exc}")


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def collect_files(paths: list[str], verbose: bool = False):
    """The goal files named or found under `paths` (see smartlint.files), with what was skipped told
    on stderr (files.Collected.notes)."""
    from smartlint.files import collect

    collected = collect(paths)
    for note in collected.notes(verbose):
        typer.echo(note, err=True)
    return collected


def _report_path_errors(errors: list[str]) -> None:
    from smartlint.i18n import _

    for message in errors:
        typer.echo("smartlint: " + _("error: {message}", message=_shown(message)), err=True)  # names may hold anything


# The options of `check` that decide its findings; every other option only chooses how they are
# shown (tests/test_results.py checks that each option of `check` is one or the other).
RESULT_OPTIONS = ("lang", "messages", "select", "ignore", "today", "fail_on", "config", "stdin_filename")
DISPLAY_OPTIONS = ("paths", "output_format", "no_cache", "debug", "verbose", "output_file", "statistics",
                   "quiet", "baseline", "write_baseline", "update_baseline")


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Goal files, folders to search for *.yaml / *.yml, or - for standard input.")],
    output_format: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format (auto: github in GitHub Actions, else text).")] = CheckFormat.auto,
    fail_on: Annotated[Optional[FailOn], typer.Option(help="Lowest severity that makes the exit status 1 [default: the configuration's, else warning].", show_default=False)] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help="Language of the titles [default: the configuration's, else auto: detected per item].", show_default=False)] = None,
    messages: Annotated[Optional[Lang], typer.Option("--messages", help="Language of the findings: auto (each in its goal's language), fr or en; also the language of smartlint's own messages [default: the configuration's, else auto; the interface follows the locale].", show_default=False)] = None,
    select: Annotated[Optional[list[str]], typer.Option(help="Only these rules: codes, prefixes, names or criteria (comma-separated).")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option(help="Skip these rules: codes, prefixes, names or criteria.")] = None,
    today: Annotated[Optional[str], typer.Option(help="The date to judge deadlines against (YYYY-MM-DD).")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="Use this configuration file instead of the nearest .smartlint.yaml or pyproject.toml.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the analysis cache (in the user's cache folder, or $SMARTLINT_CACHE_DIR).")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Print the traceback of internal errors.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say which files were skipped and why (not goal files, .gitignore, links, special files).")] = False,
    stdin_filename: Annotated[Optional[str], typer.Option("--stdin-filename", help="The name of the file read from standard input (`-`): shown in findings, and used to find its configuration and per-file ignores.")] = None,
    output_file: Annotated[Optional[Path], typer.Option("--output-file", "-o", help="Write the report to this file (written whole, never through a symlink) instead of standard output.")] = None,
    statistics: Annotated[bool, typer.Option("--statistics", help="Print how many findings each rule raised instead of the findings (text, concise or json).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print the findings and nothing else: no summary, no notes.")] = False,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="Accept the findings listed in this file: only new findings are shown and fail the run.")] = None,
    write_baseline: Annotated[bool, typer.Option("--write-baseline", help="Write every current finding to the --baseline file (entries of files not checked are kept) and exit 0.")] = False,
    update_baseline: Annotated[bool, typer.Option("--update-baseline", help="Drop the entries of the --baseline file that match no finding any more (it only shrinks), then check as usual.")] = False,
) -> None:
    """Check goal files and print located findings.

    Pass `--` before the paths when a name may start with `-` (shell globs, scripts, hooks).
    """
    from smartlint import cache
    from smartlint.config import ConfigError
    from smartlint.i18n import _
    from smartlint.output import resolve

    day = date.today()
    messages_choice = _messages(messages)
    if today:
        try:
            day = date.fromisoformat(today)
        except ValueError:
            _usage_error(_("--today {value}: expected a date as YYYY-MM-DD", value=repr(today)))
    chosen, skipped = _split(select), _split(ignore)
    if chosen or skipped:
        from smartlint.engine import Settings, selected_rules

        unknown = [k for k in chosen + skipped if not selected_rules(Settings(select=[k]))]
        if unknown:
            _usage_error(_("no rule matches {keys} (see `smartlint rules`)", keys=", ".join(unknown)))
    if config is not None and not config.is_file():
        _usage_error(_("--config {path}: no such file", path=str(config)))
    collected = collect_files(paths, verbose)
    files = collected.files
    if stdin_filename:
        files = [(path, stdin_filename if shown == "-" else shown) for path, shown in files]
    if not files and collected.errors:
        _report_path_errors(collected.errors)
        raise typer.Exit(2)
    if not files:
        typer.echo("smartlint: " + _("warning: no goal file found in the given paths (--verbose says what was skipped)"),
                   err=True)
    shown_format = resolve(output_format.value)
    if (write_baseline or update_baseline) and baseline is None:
        _usage_error(_("--write-baseline and --update-baseline need --baseline FILE"))
    if statistics and shown_format not in ("text", "concise", "json"):
        _usage_error(_("--statistics prints text or json, not {format}", format=shown_format))
    # What decides the findings (it keys the stored results of unchanged files: smartlint.results).
    from smartlint import results

    decisive = results.run_options(day, lang.value if lang else "auto", chosen, skipped,
                                   fail_on.value if fail_on else None, config, stdin_filename,
                                   messages=messages_choice)

    def settings():
        from smartlint.engine import Settings

        return Settings(language=decisive["lang"], messages=messages_choice, select=chosen, ignore=skipped,
                        today=day, use_cache=not no_cache, fail_on=decisive["fail_on"])

    bar = _ProgressBar() if shown_format == "text" and sys.stderr.isatty() and not quiet else None
    cache.ENABLED = not no_cache
    try:
        # A baseline and JUnit read each file's items, which stored results do not keep.
        result = results.lint(files, decisive, settings, bar, config_path=config,
                              use_cache=baseline is None and shown_format != "junit")
    except ConfigError as exc:
        _usage_error(str(exc))
    except OSError as exc:
        _usage_error(f"{exc.filename or ''}: {exc.strerror or exc}")
    finally:
        cache.ENABLED = True
        if bar:
            bar.close()
    result.drop_analyses()  # not needed to print findings: memory back before formatting
    if baseline is not None:
        _apply_baseline(result, baseline, write_baseline, update_baseline, quiet)
    _emit(result, shown_format, output_file, quiet, statistics)
    for trace in result.internal_errors:
        typer.echo("smartlint: " + (_("internal error in {where}", where=_shown(trace.splitlines()[0])) + f"\n{trace}"
                                    if debug else _("internal error in {where} (run with --debug for the traceback)",
                                                    where=_shown(trace.splitlines()[0]))), err=True)
    if collected.errors:  # the paths that could be read were linted and reported above
        _report_path_errors(collected.errors)
        raise typer.Exit(2)
    if result.internal_errors:  # the file was not fully checked: fail whatever the configuration says
        raise typer.Exit(2)
    if result.failed():
        raise typer.Exit(1)


def _apply_baseline(result, path: Path, write: bool, update: bool, quiet: bool) -> None:
    """Filter the findings a baseline accepts (smartlint.baseline), or write or shrink the file."""
    from smartlint import baseline as known
    from smartlint.i18n import _n

    existing: list = []
    if not write or os.path.lexists(path):
        try:
            existing = known.read(path)
        except known.BaselineError as exc:
            _usage_error(str(exc))
    if write:
        entries = known.rewritten(result, existing)
        _write_file(path, known.text(entries))
        typer.echo(_n("Wrote {n} finding to {file}; check with --baseline {file} to fail only on new ones",
                      "Wrote {n} findings to {file}; check with --baseline {file} to fail only on new ones",
                      len(entries), file=_shown(path)), err=True)
        raise typer.Exit(0)
    applied = known.apply(result, existing)
    if update and applied.stale:
        _write_file(path, known.text(applied.kept))
        typer.echo("smartlint: " + _n("dropped {n} stale entry from {file}", "dropped {n} stale entries from {file}",
                                      len(applied.stale), file=_shown(path)), err=True)
    elif applied.stale and not quiet:
        typer.echo("smartlint: " + _n("note: {n} entry of {file} matches no finding any more (fixed or rewritten); "
                                      "--update-baseline drops it",
                                      "note: {n} entries of {file} match no finding any more (fixed or rewritten); "
                                      "--update-baseline drops them", len(applied.stale), file=_shown(path)), err=True)


def _emit(result, shown_format: str, output_file: Path | None = None, quiet: bool = False,
          statistics: bool = False) -> None:
    """Print the findings in the chosen format (smartlint.output.emit), or write them to `output_file`."""
    import io

    from smartlint.output import emit

    if output_file is not None:
        buffer = io.StringIO()
        notes = emit(result, shown_format, buffer, quiet, statistics, on_stdout=False)
        _write_file(output_file, buffer.getvalue())
    else:
        notes = emit(result, shown_format, sys.stdout, quiet, statistics)
    for note in notes:
        typer.echo(note, err=True)


class _ProgressBar:
    """A progress bar on stderr, shown only once a run has lasted about a second (text output on a
    terminal only: machine formats and pipes never see it)."""

    DELAY = 1.0

    def __init__(self) -> None:
        import time

        self._clock = time.monotonic
        self._start = self._clock()
        self._progress = None
        self._task = None

    def __call__(self, what: str, done: int, total: int) -> None:
        if self._progress is None:
            if self._clock() - self._start < self.DELAY:
                return
            from rich.console import Console
            from rich.progress import Progress

            self._progress = Progress(console=Console(stderr=True), transient=True)
            self._progress.start()
            self._task = self._progress.add_task("", total=max(total, 1))
        # The description is Rich markup: a file name such as `[bold]` must not be read as a tag.
        from rich.markup import escape

        from smartlint.neutral import clean

        self._progress.update(self._task, description=escape(clean(what)), completed=done, total=max(total, 1))

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()


@app.command("rules")
def list_rules(
    output_format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    messages: Annotated[Optional[Lang], typer.Option("--messages", help="Language of the rules' documentation [default: the locale's].", show_default=False)] = None,
) -> None:
    """List every rule: code, name, criterion, severity, levels."""
    from smartlint.docs_i18n import CRITERIA, PAGE, SEVERITIES, interface_language, levels_text, rule_data, shown_language, tr
    from smartlint.registry import all_rules

    rules = all_rules()
    lang = interface_language(messages.value if messages else None)
    if output_format == Format.json:
        typer.echo(json.dumps([rule_data(r, lang) for r in rules.values()], ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(*(tr(PAGE[c], lang) for c in ("code", "name", "criterion", "severity", "levels", "summary")))
    for r in rules.values():
        data = rule_data(r, lang)
        criterion, severity = r.criterion.value, r.severity.value
        if shown_language(lang) != "en":  # the configuration's words in English, their meaning elsewhere
            criterion, severity = tr(CRITERIA[criterion], lang), tr(SEVERITIES[severity], lang)
        table.add_row(r.code, r.name, criterion, severity, levels_text(r, lang), data["summary"])
    Console().print(table)


@app.command("rule")
def show_rule(
    key: Annotated[str, typer.Argument(help="A rule code (S001) or name (vague-verb).")],
    output_format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    messages: Annotated[Optional[Lang], typer.Option("--messages", help="Language of the rules' documentation [default: the locale's].", show_default=False)] = None,
) -> None:
    """Print a rule's documentation, options and examples."""
    from smartlint.docs_i18n import interface_language, rule_data
    from smartlint.i18n import _
    from smartlint.registry import find_rule

    rule = find_rule(key)
    if rule is None:
        _usage_error(_("no rule {key} (see `smartlint rules`)", key=repr(key)))
    lang = interface_language(messages.value if messages else None)
    if output_format == Format.json:
        typer.echo(json.dumps(rule_data(rule, lang), ensure_ascii=False, indent=2))
        return
    typer.echo(rule_text(rule, lang))


def rule_text(rule, lang: str = "en") -> str:
    """A rule's page as `smartlint rule CODE` prints it (the language server links to it too)."""
    from smartlint.docs_i18n import rule_page

    return rule_page(rule, lang)


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"
    markdown = "markdown"


@app.command("report")
def report(
    paths: Annotated[list[str], typer.Argument(help="OKR files, or folders of them.")],
    today: Annotated[Optional[str], typer.Option(help="The date to report at (YYYY-MM-DD) [default: today].")] = None,
    output_format: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")] = ReportFormat.text,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    margin: Annotated[float, typer.Option(help="A key result is at risk when its progress lags the elapsed share of its period by more than this.")] = 0.15,
    config: Annotated[Optional[Path], typer.Option("--config", help="Configuration file (as for check).")] = None,
    history: Annotated[bool, typer.Option("--history", help="Add each key result's check-ins from git (each commit that changed `current:`).")] = False,
    messages: Annotated[Optional[Lang], typer.Option("--messages", help="Language of the report [default: the plan's, most of its items; else the interface's].", show_default=False)] = None,
) -> None:
    """Progress, status and grades of each objective and key result, with their lint findings."""
    import io

    from smartlint.config import ConfigError
    from smartlint.engine import Settings, lint_paths
    from smartlint.output.report import WRITERS
    from smartlint.i18n import _, _n
    from smartlint.report import build_all

    settings = Settings(messages=_messages(messages))
    if today:
        try:
            settings.today = date.fromisoformat(today)
        except ValueError:
            _usage_error(_("--today {value}: expected a date as YYYY-MM-DD", value=repr(today)))
    if not 0 <= margin <= 1:
        _usage_error(_("--margin: a share between 0 and 1"))
    collected = collect_files(paths)
    if collected.errors:
        _report_path_errors(collected.errors)
        raise typer.Exit(2)
    files = collected.files
    try:
        result = lint_paths(files, settings, config_path=config)
    except ConfigError as exc:
        _usage_error(str(exc))
    except OSError as exc:
        _usage_error(f"{exc.filename or ''}: {exc.strerror or exc}")
    from smartlint import report_texts
    from smartlint.report import plan_language

    lang = messages.value if messages and messages != Lang.auto else plan_language(result)
    buffer = io.StringIO()
    with report_texts.language(lang):  # labels, notes, numbers and dates in the plan's language
        reports = build_all(result, settings.today, margin)
        if history:
            from smartlint import history as git_history
            from smartlint.report import attach_history

            for f, r in zip(result.files, reports):
                attach_history(r, git_history.read(f.path))
        WRITERS[output_format.value](reports, buffer)
    if output is None:
        from smartlint.neutral import no_workflow_commands

        # Markdown and HTML escape `:` and `#` in user text themselves, and are often piped into a
        # pull-request comment: only the text report is wrapped.
        with no_workflow_commands(sys.stdout, enabled=output_format.value == "text"):
            sys.stdout.write(buffer.getvalue())
    else:
        _write_file(output, buffer.getvalue())
        typer.echo(_("Wrote {file}", file=_shown(output)), err=True)
    for trace in result.internal_errors:
        typer.echo("smartlint: " + _("internal error in {where}", where=_shown(trace.splitlines()[0])), err=True)
    if result.internal_errors:  # a file was not fully checked: its report cannot be trusted
        raise typer.Exit(2)
    unreadable = [r.file for r in reports if not r.readable]
    if unreadable:  # reported above with its findings; the run fails
        typer.echo("smartlint: " + _n("error: {n} file could not be read: {files}", "error: {n} files could not be read: {files}",
                                      len(unreadable), files=", ".join(_shown(f) for f in unreadable)), err=True)
        raise typer.Exit(1)


SCHEMA_FILE = "goals.schema.json"  # the name the starter file's schema modeline points at


@app.command("init")
def init(
    path: Annotated[Path, typer.Argument(help="The goal file to write.")] = Path("goals.yaml"),
    lang: Annotated[Optional[Lang], typer.Option("--lang", help="Language of the starter file [default: the interface language's].", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the file if it exists.")] = False,
) -> None:
    """Write a commented starter goal file (never over an existing file without --force)."""
    import os
    from importlib.resources import files

    from smartlint.i18n import _

    if lang == Lang.auto:
        _usage_error(_("--lang: choose fr or en for the starter file"))
    if lang is None:  # the starter speaks the interface's language (--messages, else the locale)
        from smartlint.docs_i18n import interface_language

        lang = Lang(interface_language(_messages_choice(sys.argv[1:])))
    if os.path.lexists(path) and not force:  # a dangling symlink counts: it is not ours to replace
        _usage_error(_("{path} exists; use --force to overwrite it", path=_shown(path)))
    from smartlint.items import json_schema

    starter = files("smartlint").joinpath("templates", f"goals-{lang.value}.yaml")
    if not starter.is_file():
        _usage_error(_("--lang: there is no starter file in {lang}", lang=lang.value))
    text = starter.read_text(encoding="utf-8")
    _write_file(path, text)
    # The starter's `# yaml-language-server: $schema=goals.schema.json` names a file beside it:
    # write the schema there too (unless one is there already), so editors validate offline.
    schema_path = path.with_name(SCHEMA_FILE)
    if force or not os.path.lexists(schema_path):
        from smartlint.docs_i18n import schema_in

        _write_file(schema_path, json.dumps(schema_in(json_schema(), lang.value), ensure_ascii=False, indent=2) + "\n")
        typer.echo(_("Wrote {path} and {schema} (its JSON Schema, for editors). Check it with: smartlint check {path}",
                     path=_shown(path), schema=_shown(schema_path)))
    else:
        typer.echo(_("Wrote {path}. Check it with: smartlint check {path}", path=_shown(path)))


@app.command("server")
def server(
    debounce_ms: Annotated[int, typer.Option("--debounce-ms", min=0, help="Quiet time after a change before the file is checked again.")] = 150,
    today: Annotated[Optional[str], typer.Option(help="The date to judge deadlines against (YYYY-MM-DD) [default: today].")] = None,
) -> None:
    """Run the language server on stdin/stdout, for editors (see README: editor set-up)."""
    from smartlint.i18n import _

    day = None
    if today:
        try:
            day = date.fromisoformat(today)
        except ValueError:
            _usage_error(_("--today {value}: expected a date as YYYY-MM-DD", value=repr(today)))
    try:
        from smartlint.lsp.server import run
    except ImportError as exc:
        _usage_error(_("the language server needs the `server` extra ({module} is missing): "
                       'pip install "smartlint[server]"', module=str(exc.name or exc)))
    run(debounce_ms / 1000, day)


@app.command("schema")
def print_schema(
    messages: Annotated[Optional[Lang], typer.Option("--messages", help="Language of the descriptions [default: the locale's].", show_default=False)] = None,
) -> None:
    """Print the goal file's JSON Schema (for editors: yaml-language-server, VS Code YAML)."""
    from smartlint.docs_i18n import interface_language, schema_in
    from smartlint.items import json_schema

    lang = interface_language(messages.value if messages else None)
    typer.echo(json.dumps(schema_in(json_schema(), lang), ensure_ascii=False, indent=2))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"smartlint {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")] = False,
) -> None:
    """A linter for SMART goals and OKRs written in YAML, in French and English."""


def _messages_choice(argv: list[str]) -> str | None:
    """The value of `--messages` on the command line (before `--`), if any."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--messages" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--messages="):
            return arg.split("=", 1)[1]
    return None


def _run(argv: list[str]) -> None:
    """Run the command line, its help in the interface language (`--messages`, else the locale)."""
    from smartlint.docs_i18n import interface_language, translate_help

    lang = interface_language(_messages_choice(argv))
    command = typer.main.get_command(app)
    translate_help(command, lang)
    if lang == "en":
        command()
    else:  # the parser words its own usage errors in English only
        from smartlint.usage_errors import run

        run(command, argv)


def main() -> None:
    """Entry point. No Python traceback reaches the user unless --debug asks for it."""
    refused = refusal(sys.argv[1:])
    if refused is not None:
        sys.stderr.write(refused)
        sys.exit(2)
    replace_unencodable(sys.stdout)
    try:
        _run(sys.argv[1:])
    except Exception as exc:  # noqa: BLE001 - the last guard: a clear message and exit status 2
        if "--debug" in sys.argv:
            raise
        from smartlint.i18n import _
        from smartlint.neutral import clean

        sys.stderr.write("smartlint: " + _("internal error: {error} (run with --debug for the traceback, and please "
                                           "report it)", error=type(exc).__name__ + ": " + clean(str(exc))) + "\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
