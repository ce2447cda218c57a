"""Usage errors of the command-line parser (typer's bundled click) in the interface language.

The parser words its errors in English f-strings ("No such option: --foo"), with no catalogue to
hook into. For another interface language the command line runs with `standalone_mode=False`, and
the errors it raises are worded again from what each exception carries (the option's name, the
possibilities, the parameter); a message whose shape is not known keeps the parser's English.
"""

from __future__ import annotations

import re
import sys

from smartlint.i18n import _, _n

_NO_SUCH_COMMAND = re.compile(r"No such command '(?P<name>.*?)'\.(?: Did you mean (?P<guess>.+)\?)?$", re.S)
_EXTRA = re.compile(r"Got unexpected extra argument\(s\) \((?P<args>.*)\)$", re.S)
_NEEDS_VALUE = re.compile(r"Option '(?P<name>.+?)' requires an argument\.$", re.S)


def message(error) -> str:
    """The message of a parser error, in the interface language where its shape is known."""
    from typer._click import exceptions as ex

    text = error.message
    if isinstance(error, ex.NoSuchOption):
        said = _("No such option: {name}", name=error.option_name)
        if error.possibilities:
            said += " " + _("(Possible options: {options})", options=", ".join(sorted(error.possibilities)))
        return said
    if isinstance(error, ex.MissingParameter):
        hint = error.param_hint or (error.param.get_error_hint() if error.param is not None else "")
        hint = hint if isinstance(hint, str) else " / ".join(hint)
        kind = error.param_type or (error.param.param_type_name if error.param is not None else "")
        return _("Missing option {name}.", name=hint) if kind == "option" else _("Missing argument {name}.", name=hint)
    if isinstance(error, ex.BadParameter):
        hint = error.param_hint or (error.param.get_error_hint() if error.param is not None else "")
        hint = hint if isinstance(hint, str) else " / ".join(hint)
        value, one_of, choices = text.removeprefix("Value error, ").partition(" is not one of ")
        if one_of and value.startswith("'") and value.endswith("'"):
            text = _("{value} is not one of {choices}", value=value, choices=choices.removesuffix("."))
        return _("Invalid value for {name}: {reason}", name=hint, reason=text) if hint else text
    found = _NO_SUCH_COMMAND.match(text)
    if found:
        said = _("No such command '{name}'.", name=found["name"])
        return said + " " + _("Did you mean {names}?", names=found["guess"]) if found["guess"] else said
    found = _EXTRA.match(text)
    if found:
        return _n("Unexpected extra argument ({args})", "Unexpected extra arguments ({args})",
                  len(found["args"].split()), args=found["args"])
    found = _NEEDS_VALUE.match(text)
    if found:
        return _("Option '{name}' needs a value.", name=found["name"])
    return text


def run(command, args: list[str]) -> None:
    """Run the command line, showing its usage errors in the interface language; exits like the
    parser's own standalone mode (2 for a usage error, the command's code otherwise)."""
    from typer._click import exceptions as ex
    from typer.exceptions import Abort

    try:
        code = command.main(args=args, standalone_mode=False)
    except Abort:
        sys.stderr.write(_("Aborted!") + "\n")
        sys.exit(1)
    except ex.ClickException as error:
        ctx = getattr(error, "ctx", None)
        if type(error).__name__ == "NoArgsIsHelpError":  # no arguments: the help, as in English
            error.show()
            sys.exit(error.exit_code)
        lines = []
        if ctx is not None:
            lines.append(ctx.get_usage())
            if ctx.command.get_help_option(ctx) is not None:
                lines.append(_("Try '{command} {option}' for help.", command=ctx.command_path,
                               option=ctx.help_option_names[0]))
        lines.append(_("Error: {message}", message=message(error)))
        sys.stderr.write("\n".join(lines) + "\n")
        sys.exit(error.exit_code)
    sys.exit(code if isinstance(code, int) else 0)
