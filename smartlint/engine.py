"""Run the rules over loaded goal files and return findings as data. The engine never prints."""

from __future__ import annotations

from collections import Counter
from dataclasses import fields, replace
from operator import attrgetter
from pathlib import Path
from typing import Any, Callable

from smartlint import languages
from smartlint.i18n import _
from smartlint.cache import Analyses
from smartlint.checks import schema
from smartlint.checks.base import Context, Report, Rule
from smartlint.load import Problem, load_file, load_text
from smartlint.model import Finding, LoadedFile, Node, Result, Settings, Severity, Span
from smartlint.registry import all_rules, rule_for_key, selected_rules as _selected


def selected_rules(settings: Settings) -> dict[str, type[Rule]]:
    """The rules a run's `select` and `ignore` settings leave."""
    return _selected(settings.select, settings.ignore)


def resolve_languages(loaded: LoadedFile, forced: str, cache: Analyses | None = None, lexicons: Any = None) -> None:
    """Decide each item's language: forced, the file's, or detected per item (by the words of
    `lexicons`, the configuration's) with the file's majority as tie-break (and English when the
    file gives no sign at all)."""
    if forced in languages.codes():
        for node in loaded.nodes:
            node.lang = forced
        return
    if loaded.language in languages.codes():
        for node in loaded.nodes:
            node.lang = loaded.language
        return
    guesses = []
    seen: dict[str, str] = {}  # by title: a plan repeats its titles
    for node in loaded.nodes:
        known = seen.get(node.title)
        if known is None:
            known = cache.get("lang", node.title) if cache else None
            if known is None:
                from smartlint.nlp.language import detect

                known = detect(node.title, lexicons) or ""
                if cache:
                    cache.put("lang", node.title, known)
            seen[node.title] = known
        guesses.append(known or None)
    votes = Counter(g for g in guesses if g)
    majority = votes.most_common(1)[0][0] if votes else "en"
    for node, guess in zip(loaded.nodes, guesses):
        node.lang = guess or (node.parent.lang if node.parent is not None and node.parent.lang else majority)


TEXT_FIELDS = ("owner", "unit", "metric", "id")


def check_text_fields(nodes: list[Node], cache: Analyses | None = None, lexicons: Any = None) -> None:
    """Which text fields (owner, unit, metric, id) are placeholders ("TBD", "[owner]")."""
    seen: dict[tuple[str, str], bool] = {}  # by language and value: a plan repeats its owners and units
    for node in nodes:
        node.field_placeholders.update(node.loc.placeholders)
        for key in TEXT_FIELDS:
            value = getattr(node.item, key, None)
            if not isinstance(value, str):
                continue
            known = seen.get((node.lang, value))
            if known is None:
                known = cache.get(f"field-{node.lang}", value) if cache else None
                if known is None:
                    from smartlint.nlp.patterns import is_placeholder

                    known = is_placeholder(value, _lexicons(lexicons).get(node.lang))
                    if cache:
                        cache.put(f"field-{node.lang}", value, known)
                seen[(node.lang, value)] = known
            if known:
                node.field_placeholders[key] = value


BATCH = 500  # titles per spaCy batch; also the step of the progress report

Progress = Callable[[str, int, int], None]  # (what, done, total)


def analyse_nodes(nodes: list[Node], cache: Analyses | None = None, progress: Progress | None = None,
                  lexicons: Any = None) -> None:
    """Compute every title's TextFacts, from the cache or in one spaCy batch per language, with
    the configuration's word lists (`lexicons`; the shipped lists when None).

    When every title was seen before, spaCy is never imported.
    """
    from smartlint.nlp.facts import TextFacts

    lexicons = _lexicons(lexicons)
    todo: dict[str, list[Node]] = {}
    for node in nodes:
        data = cache.get(node.lang, node.title) if cache else None
        if data is not None:
            try:
                node.facts = TextFacts.from_data(data, lexicons.get(node.lang))
                continue
            except (KeyError, TypeError, ValueError):
                pass  # an entry from an older layout: analyse again
        todo.setdefault(node.lang, []).append(node)
    if not todo:
        return
    from smartlint.nlp.facts import analyse, prepare, to_tokenise
    from smartlint.nlp.pipeline import analyse_in_worker, tokens, worker_running, worker_share

    if worker_running():
        for lang in todo:
            prepare(lexicons.get(lang))  # while the worker still imports spaCy: free

    total = sum(len(set(n.title for n in group)) for group in todo.values())
    done = 0
    for lang, group in todo.items():
        lex = lexicons.get(lang)
        unique = list(dict.fromkeys(n.title for n in group))
        # Many titles: the worker analyses a share of them while this process analyses the rest.
        share = worker_share(len(unique))
        mine, theirs = unique[:len(unique) - share], unique[len(unique) - share:]
        mine_tokens = tokens([to_tokenise(t) for t in mine], lang)  # asked before the worker is busy
        theirs_done = analyse_in_worker(lexicons.words, lang, theirs) if theirs else None
        facts: dict[str, Any] = {}
        data: dict[str, Any] = {}
        for i in range(0, len(mine), BATCH):
            for title, toks in zip(mine[i:i + BATCH], mine_tokens[i:i + BATCH]):
                facts[title] = analyse(title, lang, toks, lex)
            done += len(mine[i:i + BATCH])
            if progress:
                progress("analysing titles", done, total)
        if theirs_done is not None:
            found = theirs_done()
            if found is None:  # the worker failed: analysed here
                for title, toks in zip(theirs, tokens([to_tokenise(t) for t in theirs], lang)):
                    facts[title] = analyse(title, lang, toks, lex)
            else:
                for title, item in zip(theirs, found):
                    facts[title], data[title] = TextFacts.from_data(item, lex), item
            done += len(theirs)
            if progress:
                progress("analysing titles", done, total)
        for node in group:
            node.facts = facts[node.title]
        if cache:
            for title, f in facts.items():
                cache.put(lang, title, data[title] if title in data else f.to_data())
    if cache:
        from smartlint import regexes

        regexes.save()  # the patterns compiled for these titles, for the next run


def share_facts(nodes: list[Node]) -> None:
    """Items with the same title in the same language get the same facts object, as when their
    title is analysed in this run: facts read back from the cache are one copy per item, and the
    readings the rules ask of them (TextFacts.reading) are then made, and kept, once per title.
    Within one run the same title and language always give equal facts (one set of word lists)."""
    first: dict[tuple[str, str], Any] = {}
    for node in nodes:
        facts = node.facts
        if facts is not None:
            node.facts = first.setdefault((facts.lang, facts.text), facts)


def locate(node: Node, report: Report) -> Span:
    """Where a report points: a word of the title, a field's value, or the item's first line."""
    loc = node.loc
    if report.at is not None:
        return report.at
    if report.field and report.field in loc.fields:
        return loc.fields[report.field]
    if report.span is not None and loc.title_offsets:
        start, end = report.span
        offsets = loc.title_offsets
        if 0 <= start < len(offsets):
            line, col = offsets[start]
            last = offsets[min(max(end - 1, start), len(offsets) - 1)]
            end_col = last[1] + 1 if last[0] == line else col + (end - start)
            return Span(line, col, line, end_col)
    return loc.item


def lint_loaded(loaded: list[LoadedFile], settings: Settings, progress: Progress | None = None,
                cache: Analyses | None = None) -> Result:
    """Lint loaded files. `cache`, if given, is used for the text analyses instead of the cache
    folder (a long-lived caller such as the language server keeps its own in memory)."""
    import gc

    # Everything alive before the run (the loaded files, spaCy, the word lists) stays alive through
    # it: the collector need not walk it again at every full collection the analysis and the rules
    # cause (a fifth of a second on 10,000 goals). Left alone if the process froze objects itself.
    freeze = gc.isenabled() and not gc.get_freeze_count()
    if freeze:
        gc.freeze()
    try:
        return _lint_loaded(loaded, settings, progress, cache)
    finally:
        if freeze:
            gc.unfreeze()


def _lint_loaded(loaded: list[LoadedFile], settings: Settings, progress: Progress | None,
                 cache: Analyses | None) -> Result:
    rules = selected_rules(settings)
    config = settings.config
    options = config.options if config else {}
    instances = {code: cls(options.get(code)) for code, cls in rules.items()}
    severity = config.severity if config else {}
    findings: list[Finding] = []
    nodes = [n for f in loaded for n in f.nodes]
    lexicons = _lexicons(config.lexicons() if config else None)
    if cache is None and settings.use_cache and nodes:
        cache = Analyses(lexicons.fingerprint())
    for f in loaded:
        resolve_languages(f, settings.language, cache, lexicons)
    analyse_nodes(nodes, cache, progress, lexicons)
    share_facts(nodes)
    check_text_fields(nodes, cache, lexicons)
    if cache:
        cache.save()
    suppressed: list[tuple[Finding, str]] = []
    internal: list[str] = []
    for f in loaded:
        found: list[Finding] = []
        crashed: list[Finding] = []  # a rule's internal error: nothing in the file or configuration hides it
        for problem in f.problems:
            if problem.rule.code in rules:
                found.append(_finding(problem.rule, f.file, problem.span, problem.path,
                                      problem.message, problem.suggestion))
        ctx = Context(today=settings.today, file=f)
        by_level: dict[Any, list[tuple[str, Rule]]] = {}  # the rules that apply at each level, in order
        for node in f.nodes:
            applying = by_level.get(node.level)
            if applying is None:
                applying = by_level[node.level] = [(code, rule) for code, rule in instances.items()
                                                   if node.level in rule.levels]
            for code, rule in applying:
                try:
                    for report in rule.check(node, ctx):
                        found.append(_finding(rules[code], f.file, locate(node, report), node.path,
                                              report.message, report.suggestion))
                except Exception as exc:  # noqa: BLE001 - one broken rule must not stop the others
                    import traceback

                    internal.append(f"{f.file}: {node.path}: {code}\n{traceback.format_exc()}")
                    crashed.append(replace(_finding(rules[code], f.file, node.loc.item, node.path,
                                                    _("internal error in rule {code} ({error}); the other rules ran",
                                                      code=code, error=type(exc).__name__ + ": " + str(exc)),
                                                    _("Please report this with the goal's text.")),
                                           severity="error"))
        active, hidden = _suppress(f, found, settings, rules)
        if config and f.path is not None:
            skip = config.ignored_for(f.path)
            active = [x for x in active if not any(rule_for_key(rules[x.rule], k) for k in skip)]
        if severity:
            active = [replace(x, severity=severity.get(x.rule, x.severity)) for x in active]
        speak = messages_language(f, settings.messages)
        findings.extend(speak(x) for x in active + crashed)
        suppressed.extend((speak(x), reason) for x, reason in hidden)
    findings.sort(key=Finding.sort_key)
    fail_on = settings.fail_on or "warning"
    return Result(loaded, findings, suppressed, {f.file: fail_on for f in loaded}, internal)


def messages_language(loaded: LoadedFile, messages: str = "auto") -> Callable[[Finding], Finding]:
    """How a file's findings are worded: in `messages` when it names a language, otherwise each
    in the language of the goal it is about; a finding about the file itself (or an item the
    loader could not read) in the file's language (declared, or its goals' majority), and in the
    interface language when the file has none."""
    from smartlint import i18n

    if messages in languages.codes():
        return lambda finding: _worded(finding, messages)
    by_path = {node.path: node.lang for node in loaded.nodes if node.lang}
    if loaded.language in languages.codes():
        own = loaded.language
    else:
        votes = Counter(by_path.values())
        own = votes.most_common(1)[0][0] if votes else i18n.interface_language()
    return lambda finding: _worded(finding, by_path.get(finding.path, own))


_WORDING = ("message", "suggestion", "language")
_KEPT = tuple(f.name for f in fields(Finding) if f.name not in _WORDING)  # what wording leaves as it is
_kept = attrgetter(*_KEPT)


def _worded(finding: Finding, lang: str) -> Finding:
    """The finding in `lang` (dataclasses.replace, without its per-call look at the fields)."""
    from smartlint.i18n import render

    return Finding(**dict(zip(_KEPT, _kept(finding))), message=render(finding.message, lang),
                   suggestion=render(finding.suggestion, lang), language=lang)


def _suppress(f: LoadedFile, found: list[Finding], settings: Settings,
              rules: dict[str, type[Rule]]) -> tuple[list[Finding], list[tuple[Finding, str]]]:
    """Apply the file's `# smartlint:` comments; report expired, unused and unreadable ones."""
    from smartlint import suppress

    if "smartlint" not in f.text:
        return found, []
    parsed = suppress.parse(f.comments)
    known = all_rules()
    hideable = {code: rule for code, rule in known.items() if rule.suppressible}
    for sup in list(parsed.suppressions):
        unknown = [c for c in sup.codes if not any(rule_for_key(r, c) for r in known.values())]
        fixed = [c for c in sup.codes if c not in unknown and not any(rule_for_key(r, c) for r in hideable.values())]
        if unknown or fixed:
            parsed.suppressions.remove(sup)
            parsed.problems.append((Span(sup.line, sup.column, sup.line, sup.end_column),
                                    _("no rule matches {codes}", codes=", ".join(unknown)) if unknown else
                                    _("{codes}: problems of the file itself cannot be suppressed", codes=", ".join(fixed)),
                                    _("See `smartlint rules` for the codes.") if unknown else
                                    _("Fix the file: a comment cannot hide invalid YAML, unknown keys or bad values.")))
    # Schema findings (the file does not parse, unknown keys, bad values...) are never hidden.
    kept = [x for x in found if x.rule not in hideable]
    active, hidden, expired = suppress.apply([x for x in found if x.rule in hideable], parsed, settings.today,
                                             lambda code, key: code in hideable and rule_for_key(hideable[code], key))
    active = kept + active
    extra: list[tuple[type[Rule], Span, str, str]] = []
    for span, message, hint in parsed.problems:
        extra.append((schema.InvalidSuppression, span, message, hint))
    for sup in expired:
        what = ", ".join(sup.codes) or _("every rule")
        extra.append((schema.ExpiredSuppression, Span(sup.line, sup.column, sup.line, sup.end_column),
                      _("the suppression of {rules} expired on {date}", rules=what, date=str(sup.until)),
                      _("Fix the goal, or renew the suppression with a new `until=` and reason.")))
    for sup in parsed.suppressions:
        if not sup.used and sup not in expired:
            what = ", ".join(sup.codes) or _("every rule")
            extra.append((schema.UnusedSuppression, Span(sup.line, sup.column, sup.line, sup.end_column),
                          _("the suppression of {rules} suppresses nothing", rules=what), _("Remove the comment.")))
    for rule, span, message, hint in extra:
        if rule.code in rules:
            active.append(_finding(rule, f.file, span, "", message, hint))
    return active, hidden


def lint_paths(files: list[tuple[Path, str]], settings: Settings, progress: Progress | None = None,
               config_path: Path | None = None) -> Result:
    """Lint files given as (path on disk, name to show), all in this process, each with the
    configuration found above it (or `config_path`); files the configuration excludes are skipped.

    OSError and config.ConfigError are the caller's (usage errors). `progress`, if given, is told
    how far reading and analysing have gone; the engine itself never prints.
    """
    from smartlint import config as configuration

    configs: dict[Any, Any] = {}
    groups: dict[int, tuple[Any, list[tuple[Path, str, bool]]]] = {}
    for path, shown in files:
        from_stdin = str(path) == "-"
        if from_stdin and shown != "-":
            path = Path(shown)  # standard input named with --stdin-filename: its configuration applies
        found = configuration.for_file(path, config_path, configs)
        if found.excluded(path):
            continue
        groups.setdefault(id(found), (found, []))[1].append((path, shown, from_stdin))
    total = Result([], [])
    done = 0
    for found, group in groups.values():
        loaded = []
        for path, shown, from_stdin in group:
            if progress:
                progress(f"reading {shown}", done, len(files))
            loaded.append(load_file(Path("-") if from_stdin else path, shown, found.lexicons(),
                                    budget=found.model.limits.budget()))
            if from_stdin and shown != "-":
                loaded[-1].path = path  # for per-file ignores
            done += 1
        part = lint_loaded(loaded, settings.merged(found), progress)
        total.files += part.files
        total.findings += part.findings
        total.suppressed += part.suppressed
        total.fail_on.update(part.fail_on)
        total.internal_errors += part.internal_errors
    total.findings.sort(key=Finding.sort_key)
    return total


def lint_text(text: str, path: Path, settings: Settings, shown: str | None = None,
              config_path: Path | None = None, configs: dict[Any, Any] | None = None,
              cache: Analyses | None = None) -> Result:
    """Lint a goal file's text held in memory (an editor's unsaved buffer) as `lint_paths` would
    lint it on disk at `path`: the same configuration, findings and positions.

    `configs` keeps loaded configurations between calls; `cache` as for `lint_loaded`. A file the
    configuration excludes gives an empty result. config.ConfigError is the caller's.
    """
    from smartlint import config as configuration
    from smartlint.load import MAX_BYTES, decode

    shown = shown or str(path)
    found = configuration.for_file(path, config_path, {} if configs is None else configs)
    if found.excluded(path):
        return Result([], [])
    raw = text.encode("utf-8", "surrogatepass")
    decoded, problem = decode(shown, raw)  # the same checks (NUL, encoding) as a file on disk
    if len(raw) > MAX_BYTES:
        decoded, problem = None, Problem(schema.InvalidYaml, Span(1, 1, 1, 2), "",
                                         _("the file is {size} MiB; smartlint reads goal files up to {limit} MiB",
                                           size=len(raw) // (1024 * 1024), limit=MAX_BYTES // (1024 * 1024)),
                                         _("Split the plan into several files."))
    if problem is not None or decoded is None:
        loaded = LoadedFile(file=shown)
        if problem is not None:
            loaded.problems.append(problem)
    else:
        loaded = load_text(shown, decoded, found.lexicons(), budget=found.model.limits.budget())
    loaded.path = path
    return lint_loaded([loaded], settings.merged(found), cache=cache)


def _lexicons(lexicons: Any) -> Any:
    """The lexicons given, or the shipped word lists (a caller with no configuration)."""
    if lexicons is not None:
        return lexicons
    from smartlint.lexicon import Lexicons

    return Lexicons()


def _finding(rule: type[Rule], file: str, span: Span, path: str, message: str, suggestion: str) -> Finding:
    return Finding(rule=rule.code, name=rule.name, criterion=rule.criterion.value,
                   severity=Severity(rule.severity).value, file=file, line=span.line, column=span.column,
                   end_line=span.end_line, end_column=span.end_column, path=path,
                   message=message, suggestion=suggestion)


__all__ = ["Settings", "Result", "lint_paths", "lint_loaded", "lint_text", "selected_rules", "Problem"]
