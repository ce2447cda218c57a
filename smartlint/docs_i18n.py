"""The texts about the tool in the interface language: rule documentation and option help
(`smartlint rule`, `smartlint rules`), the report's labels and the command-line help.

They form the `smartlint-docs` gettext domain, apart from the finding messages (`smartlint`): the
English text is the message id and stays in the code (rule docstrings, `help="..."`,
report_texts.py); tools/docs_texts.py collects them for the catalogue, and the compiled
catalogue (.mo, built with the package) is read with the standard library's gettext. A language
with no catalogue, or a text with no translation, shows the English.
"""

from __future__ import annotations

import re

from smartlint.i18n import DOCS_DOMAIN, has_catalog, template


def N_d(text: str) -> str:
    """Marks a text of the docs domain for the catalogue; returns it unchanged."""
    return text


# Texts that click and typer print around our help, in English in the libraries.
LIBRARY_TEXTS = (
    N_d("Usage:"), N_d("Arguments"), N_d("Options"), N_d("Commands"), N_d("Error"), N_d("[default: {}]"),
    N_d("[required]"), N_d("Show this message and exit."), N_d("Install completion for the current shell."),
    N_d("Show completion for the current shell, to copy it or customize the installation."),
    N_d("Try [blue]'{command_path} {help_option}'[/] for help."), N_d("Aborted."),
)


def shown_language(lang: str) -> str:
    """The language the docs are shown in: `lang` when it has a catalogue, else English."""
    return lang if lang and has_catalog(lang, DOCS_DOMAIN) else "en"


def tr(text: str, lang: str) -> str:
    """`text` in `lang` with the language's punctuation, or as it is when the catalogue has no
    translation."""
    return template(text, lang, DOCS_DOMAIN) if text and lang != "en" else text


def rule_doc(rule, lang: str) -> str:
    return tr(rule.doc(), lang)


def rule_summary(rule, lang: str) -> str:
    """The first paragraph of the documentation, on one line (as `Rule.summary`)."""
    return rule_doc(rule, lang).split("\n\n", 1)[0].replace("\n", " ")


def translate_help(command, lang: str) -> None:
    """Put the help of a click command tree (typer's) into `lang`, with the libraries' own words
    around it (Usage, Options, [default: ...]). In every language, a bracket in a help text is
    text: typer reads help as Rich markup, where "[default: ...]" would be a tag and vanish."""
    _walk(command, shown_language(lang))


_MARKUP_TAG = re.compile(r"(?<!\\)\[(?=[a-z#/@])")


def _plain(text: str) -> str:
    """A help text whose brackets Rich shows as written."""
    return _MARKUP_TAG.sub(r"\\[", text)


def _walk(command, lang: str) -> None:
    import types

    for attr in ("help", "short_help"):
        text = getattr(command, attr, None)
        if text:
            setattr(command, attr, _plain(tr(text, lang)))
    for param in getattr(command, "params", []):
        if getattr(param, "help", None):
            param.help = _plain(tr(param.help, lang))
    for sub in getattr(command, "commands", {}).values():
        _walk(sub, lang)
    if lang == "en":
        return
    usage = tr("Usage:", lang) + " "

    def format_usage(self, ctx, formatter) -> None:  # click's own, with the prefix translated
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=usage)

    def get_help_option(self, ctx, _original=command.get_help_option):  # created on first use
        option = _original(ctx)
        if option is not None and option.help:
            option.help = tr(option.help, lang)
        return option

    def format_help(self, ctx, formatter, _original=command.format_help):
        _library_texts(lang)  # only when help is shown: typer's rich_utils imports Rich
        return _original(ctx, formatter)

    command.format_usage = types.MethodType(format_usage, command)
    command.get_help_option = types.MethodType(get_help_option, command)
    command.format_help = types.MethodType(format_help, command)


def _library_texts(lang: str) -> None:
    """typer's panel titles and markers, which it keeps as module constants."""
    import typer.rich_utils as rich_utils

    for name in ("ARGUMENTS_PANEL_TITLE", "OPTIONS_PANEL_TITLE", "COMMANDS_PANEL_TITLE", "ERRORS_PANEL_TITLE",
                 "DEFAULT_STRING", "REQUIRED_LONG_STRING", "RICH_HELP", "ABORTED_TEXT"):
        value = getattr(rich_utils, name, None)
        if isinstance(value, str):
            setattr(rich_utils, name, tr(value, lang))


# The words of a rule's page (`smartlint rule`, `smartlint rules`). Codes and names stay as they are
# in every language (they are what a configuration writes); their meaning is shown beside them.
PAGE = {
    "criterion": N_d("criterion"), "severity": N_d("severity"), "levels": N_d("levels"), "Options:": N_d("Options:"),
    "Examples:": N_d("Examples:"), "default": N_d("default"), "fails": N_d("fails"), "passes": N_d("passes"),
    "code": N_d("code"), "name": N_d("name"), "summary": N_d("summary"), "file": N_d("file"),
    "colon": N_d("{label}: {value}"), "option": N_d("{name} (default {default}): {description}"),
}
# The language server's hover on a finding (smartlint/lsp/server.py).
HOVER = {"help": N_d("help: {suggestion}"),
         "more": N_d("`smartlint rule {code}` prints this with the rule's options and examples.")}
LEVELS = {"objective": N_d("objective"), "key_result": N_d("key result"), "goal": N_d("goal"),
          "initiative": N_d("initiative")}
CRITERIA = {"specific": N_d("specific"), "measurable": N_d("measurable"), "achievable": N_d("achievable"),
            "relevant": N_d("relevant"), "time_bound": N_d("time-bound"), "okr": N_d("OKR structure"),
            "schema": N_d("file format")}
SEVERITIES = {"error": N_d("error"), "warning": N_d("warning"), "info": N_d("info")}


def _named(value: str, names: dict[str, str], lang: str) -> str:
    """A configuration value with its meaning in `lang` when that reads differently: `spécifique
    (specific)`; the value alone in English."""
    shown = tr(names.get(value, value), lang)
    return value if shown == value else f"{shown} ({value})"


def rule_data(rule, lang: str = "en") -> dict:
    """A rule as `smartlint rule --format json` and `rules --format json` print it: codes and keys
    as in the configuration, the texts (summary, doc, option descriptions) in `lang`."""
    options = {name: {"default": f.default, "description": tr(f.description or "", lang)}
               for name, f in rule.Options.model_fields.items()}
    examples = []
    for ex in rule.examples:
        d = {"lang": ex.lang, "level": ex.level.value, "fails": ex.fails}
        for key in ("text", "item", "yaml"):
            if getattr(ex, key) is not None:
                d[key] = getattr(ex, key)
        examples.append(d)
    return {"code": rule.code, "name": rule.name, "criterion": rule.criterion.value,
            "severity": rule.severity.value, "levels": sorted(level.value for level in rule.levels),
            "summary": rule_summary(rule, lang), "doc": rule_doc(rule, lang), "options": options,
            "examples": examples, "language": shown_language(lang)}


def level_name(value: str, lang: str) -> str:
    """`key_result` in English (as the configuration writes it), `résultat clé` in French."""
    return value if shown_language(lang) == "en" else tr(LEVELS.get(value, value), lang)


def levels_text(rule, lang: str) -> str:
    return ", ".join(level_name(v, lang) for v in sorted(level.value for level in rule.levels)) or tr(PAGE["file"], lang)


def rule_page(rule, lang: str = "en") -> str:
    """A rule's page as `smartlint rule CODE` prints it (the language server links to it too)."""
    data = rule_data(rule, lang)
    t = lambda text: tr(text, lang)  # noqa: E731
    colon = t(PAGE["colon"])
    lines = [f"{rule.code} {rule.name}", "",
             colon.format(label=t(PAGE["criterion"]), value=_named(rule.criterion.value, CRITERIA, lang)),
             colon.format(label=t(PAGE["severity"]), value=_named(rule.severity.value, SEVERITIES, lang)),
             colon.format(label=t(PAGE["levels"]), value=levels_text(rule, lang)), "",
             data["doc"], ""]
    if data["options"]:
        lines.append(t(PAGE["Options:"]))
        for name, opt in data["options"].items():
            lines.append("  " + t(PAGE["option"]).format(
                name=name, default=opt["default"], description=opt["description"]))
        lines.append("")
    lines.append(t(PAGE["Examples:"]))
    for ex in data["examples"]:
        mark = t(PAGE["fails"] if ex["fails"] else PAGE["passes"])
        what = ex.get("text") or ex.get("item") or ex.get("yaml")
        lines.append(f"  [{ex['lang']}, {level_name(ex['level'], lang)}, {mark}] {what}")
    return "\n".join(lines)



def interface_language(choice: str | None) -> str:
    """The docs' language: `fr` or `en` as chosen (`--messages`), else the interface's (the
    locale variables)."""
    from smartlint import i18n

    if choice and choice != "auto":
        return choice
    return i18n.interface_language()


def schema_in(schema, lang: str):
    """The goal file's JSON Schema with its descriptions in `lang` (editors show them on hover)."""
    if shown_language(lang) == "en":
        return schema
    if isinstance(schema, dict):
        return {k: tr(v, lang) if k == "description" and isinstance(v, str) else schema_in(v, lang)
                for k, v in schema.items()}
    if isinstance(schema, list):
        return [schema_in(v, lang) for v in schema]
    return schema
