"""Renderers of `smartlint report`: text (Rich), json, markdown (for a pull request comment) and
html (one self-contained page with a chart, no network)."""

from __future__ import annotations

import html
import json
from typing import TextIO

from smartlint import report_texts as texts
from smartlint.neutral import clean, json_text, markdown
from smartlint.report import KeyResultProgress, Report


SPARKS = "▁▂▃▄▅▆▇█"
SPARK_POINTS = 24  # the newest check-ins a sparkline shows


def sparkline(points) -> str:
    """Progress of each check-in as one block character (0% lowest, 100% and beyond full)."""
    return "".join(SPARKS[round(min(1.0, max(0.0, p.progress or 0.0)) * (len(SPARKS) - 1))]
                   for p in points[-SPARK_POINTS:])


def _history_line(k: KeyResultProgress) -> str:
    if not k.history:
        return texts.text(texts.NO_HISTORY)
    n = len([p for p in k.history if p.commit])
    if not n:  # the working copy's value alone (outside a repository, or not committed yet)
        return texts.text(texts.NO_HISTORY)
    line = texts.count_text(texts.HISTORY_CHECKINS, n, sparkline=sparkline(k.history),
                            date=k.history[0].day)
    if k.elapsed is not None:
        line += " · " + texts.text(texts.HISTORY_EXPECTED, percent=texts.percent(k.elapsed))
    return line


def _history_data(k: KeyResultProgress) -> dict:
    return {
        "checkins": [{"date": p.day.isoformat(), "commit": p.commit or None, "current": p.current,
                      "progress": None if p.progress is None else round(p.progress, 4)} for p in k.history or []],
        "expected": None if k.period is None else [
            {"date": k.period.start.isoformat(), "progress": 0.0}, {"date": k.period.end.isoformat(), "progress": 1.0}],
    }


def _conf(k: KeyResultProgress, separator: str) -> str:
    label = texts.confidence(k.confidence)
    return separator + label if label else ""


def _problem(f) -> str:
    return texts.text(texts.PROBLEM, severity=texts.severity(f.severity), place=f"{f.line}:{f.column}", rule=f.rule,
                      finding=f.message)

STATUS_STYLE = {"on track": "green", "done": "green", "exceeded": "cyan", "at risk": "bold red",
                "below baseline": "red", "not reported": "yellow", "no target": "dim",
                "met": "green", "not met": "red", "not started": "dim"}
STATUS_COLOUR = {"on track": "#2e7d32", "done": "#2e7d32", "exceeded": "#00838f", "at risk": "#c62828",
                 "below baseline": "#c62828", "not reported": "#f9a825", "no target": "#9e9e9e",
                 "met": "#2e7d32", "not met": "#c62828", "not started": "#757575"}


def _num(value: float | None, unit: str | None = None) -> str:
    if value is None:
        return "–"
    text = texts.number(value)
    if unit == "%":  # "11%"; "11 %" in French
        return texts.text(texts.PERCENT, value=text)
    return f"{text} {unit}".strip() if unit else text


def _score(kr: KeyResultProgress) -> str:
    """A key result's grade; none yet for one whose period has not begun."""
    return texts.score(None if kr.status == "not started" else kr.score)


def _pct(kr: KeyResultProgress) -> str:
    return "–" if kr.progress is None else texts.percent(kr.progress)


def _lint(lint) -> str:
    return texts.lint(lint.count, lint.worst)


def as_data(report: Report) -> dict:
    return {
        "version": 1,
        "file": report.file,
        "today": report.today.isoformat(),
        "language": texts.current_language(),  # the language of the notes
        "objectives": [{
            "title": o.title, "path": o.path, "owner": o.owner, "score": None if o.score is None else round(o.score, 2),
            "period": o.period.label if o.period else None,
            "findings": {"count": o.lint.count, "worst": o.lint.worst},
            "key_results": [{
                "title": k.title, "path": k.path, "owner": k.owner, "baseline": k.baseline, "target": k.target,
                "current": k.current, "unit": k.unit, "deadline": k.deadline.isoformat() if k.deadline else None,
                "progress": None if k.progress is None else round(k.progress, 4),
                "elapsed": None if k.elapsed is None else round(k.elapsed, 4),
                "status": k.status, "score": k.score, "measure": k.measure, "confidence": k.confidence,
                "comparator": k.comparator or None, "gap": None if k.gap is None else round(k.gap, 4),
                "findings": {"count": k.lint.count, "worst": k.lint.worst},
                **({"history": _history_data(k)} if k.history is not None else {}),
            } for k in o.key_results],
        } for o in report.objectives],
        "notes": report.notes,
        **({"history": {"notes": report.history_notes}} if report.history_notes is not None else {}),
        "readable": report.readable,
        "problems": [{"rule": f.rule, "severity": f.severity, "line": f.line, "column": f.column,
                      "message": f.message, "suggestion": f.suggestion} for f in report.problems],
    }


SUMMARY_COUNTS = ("at risk", "not reported", "not started")
FILES_MARK = "FILES-7f3a9c"  # where the HTML puts its links to the unreadable files


def unreadable_line(files: list[str], shown: str | None = None) -> str:
    """The line under a plan's summaries that names the files that could not be read."""
    return texts.count_text(texts.UNREADABLE_FILES, len(files), files=", ".join(files) if shown is None else shown)


def owner_rows(reports: list[Report], today) -> list[tuple[str, list[str]]]:
    """The summary per team (owner), as every format shows it: the name, then objectives, key
    results, score of those under way, at risk, not reported, not started."""
    from smartlint.report import by_owner

    return [(g.name, [str(g.objectives), str(len(g.key_results)), texts.score(g.score(today)),
                      *(str(g.count(s)) for s in SUMMARY_COUNTS)]) for g in by_owner(reports)]


def objective_rows(reports: list[Report], today) -> list[tuple[int, int, str, str, str, list[str]]]:
    """The summary per objective: (file index, objective index, title, file, owner, then score of
    the key results under way, at risk, not reported, not started)."""
    from smartlint.report import Summary

    rows = []
    for i, report in enumerate(reports):
        for j, o in enumerate(report.objectives):
            summary = Summary(o.title, list(o.key_results), 1)
            rows.append((i, j, o.title, report.file, o.owner or "–",
                         [texts.score(summary.score(today)), *(str(summary.count(s)) for s in SUMMARY_COUNTS)]))
    return rows


def write_json(reports: list[Report], out: TextIO) -> None:
    out.write(json_text(json.dumps({"version": 1, "reports": [as_data(r) for r in reports]}, ensure_ascii=False,
                                   indent=2)))
    out.write("\n")


def write_text(reports: list[Report], out: TextIO) -> None:
    """One block per key result (title, then its bar and numbers): readable on a narrow terminal."""
    from rich.console import Console
    from rich.markup import escape as markup_escape
    from rich.cells import cell_len
    from rich.progress_bar import ProgressBar
    from rich.table import Table
    from rich.text import Text

    def escape(text: str) -> str:
        return markup_escape(clean(text))

    console = Console(file=out, highlight=False, emoji=False)  # `:warning:` in a title stays text
    if len(reports) > 1:  # a whole plan: the summaries first, as in Markdown and HTML
        _text_summary(console, reports, escape)
    for report in reports:
        console.print(f"[bold underline]{escape(report.file)}[/]  [dim]{escape(texts.text(texts.AS_OF, date=report.today))}[/]")
        if not report.readable:
            console.print(f"[bold red]{escape(texts.text(texts.UNREADABLE))}[/]")
        for f in report.problems:
            console.print(f"  [red]{escape(_problem(f))}[/]")
        for o in report.objectives:
            score = texts.score(o.score)
            meta = texts.text(texts.OBJECTIVE_META, score=f"[bold]{score}[/]", owner=escape(o.owner or "–"),
                              lint=escape(_lint(o.lint)))
            console.print(f"\n[bold]{escape(o.title)}[/]\n  {meta}")
            for k in o.key_results:
                console.print(f"  [bold]▸[/] {escape(k.title)}")
                line = Table.grid(padding=(0, 1))
                progress = (f"{_pct(k):>5}  {_num(k.baseline)} → {_num(k.current)} / {escape(_num(k.target, k.unit))}  "
                            f"[{STATUS_STYLE[k.status]}]{escape(texts.status(k.status))}[/]{escape(_conf(k, '  '))}")
                meta = texts.text(texts.KEY_RESULT_META, score=_score(k), owner=escape(k.owner or "–"),
                                  lint=escape(_lint(k.lint)))
                bar = ProgressBar(total=1.0, completed=k.clamped, width=20, complete_style=STATUS_STYLE[k.status])
                if BAR_INDENT + cell_len(Text.from_markup(progress + "  " + meta).plain) <= console.width:
                    line.add_row("   ", bar, progress + "  " + meta)
                else:  # a narrow terminal: the grade on a line of its own rather than wrapped anywhere
                    line.add_row("   ", bar, progress)
                    line.add_row("", "", meta)
                console.print(line)
                if k.history is not None:
                    console.print(f"      [dim]{escape(texts.text(texts.HISTORY))}[/] {escape(_history_line(k))}")
        for note in report.notes + (report.history_notes or []):
            console.print(f"[yellow]{escape(texts.text(texts.NOTE))}[/] {escape(note)}")
        console.print()


BAR_INDENT = 3 + 1 + 20 + 1  # where a key result's numbers start in the text report


def _text_summary(console, reports: list[Report], escape) -> None:
    """The summaries per team and per objective as tables that fit the terminal (80 columns when
    the output is not one): names wrap inside their column, numbers never do; the objectives are
    listed under their file, with their owner."""
    from rich import box
    from rich.cells import cell_len
    from rich.padding import Padding
    from rich.table import Table

    today = reports[0].today
    t = texts.text

    def table(title: str, headings: tuple[str, ...], rows: list[list[str]]) -> Table:
        """Numbers as wide as their longest value or heading word (headings wrap between words;
        rich would otherwise crop the last column), the name column takes the rest."""
        grid = Table(title=escape(title), title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                     pad_edge=False, show_edge=False, header_style="bold")
        grid.add_column(escape(t(headings[0])), min_width=16)
        for n, heading in enumerate(headings[1:]):
            label = t(heading)
            width = max([cell_len(w) for w in label.split()] + [cell_len(r[n]) for r in rows])
            grid.add_column(escape(label), justify="right", width=width)
        return grid

    owner_lines = owner_rows(reports, today)
    owners = table(t(texts.SUMMARY_HEADING, title=t(texts.DASHBOARD_BY_OWNER), as_of=t(texts.AS_OF, date=today)),
                   texts.COLUMNS_OWNER, [numbers for _, numbers in owner_lines])
    for name, numbers in owner_lines:
        owners.add_row(escape(name), *numbers)
    console.print(owners)
    console.print()
    # objective, score, at risk, not reported, not started (the file and owner go in the first column)
    objective_lines = objective_rows(reports, today)
    objectives = table(t(texts.DASHBOARD_BY_OBJECTIVE), texts.COLUMNS_OBJECTIVE[:1] + texts.COLUMNS_OBJECTIVE[3:],
                       [numbers for *_, numbers in objective_lines])
    shown = None
    for i, _, title, file, owner, numbers in objective_lines:
        if i != shown:
            objectives.add_row(f"[underline]{escape(file)}[/]", *[""] * len(numbers))
            shown = i
        owned = f" [dim]· {escape(owner)}[/]" if owner != "–" else ""
        objectives.add_row(Padding(escape(title) + owned, (0, 0, 0, 2)), *numbers)
    console.print(objectives)
    unreadable = [r.file for r in reports if not r.readable]
    if unreadable:  # a broken file among many must not hide in the details
        console.print(f"\n[bold red]{escape(unreadable_line(unreadable))}[/]")
    console.print(f"\n[bold]{escape(t(texts.DASHBOARD_DETAILS))}[/]\n")


MARKDOWN_COLUMNS = (("key_result", "---"), ("baseline", "---:"), ("current", "---:"), ("target", "---:"),
                    ("progress", "---:"), ("status", "---"), ("score", "---:"), ("lint", "---"))
HTML_COLUMNS = ("key_result", "baseline", "current", "target", "progress", "", "status", "score", "owner", "lint")
HTML_NUMERIC = {"baseline", "current", "target", "score"}


def write_markdown(reports: list[Report], out: TextIO) -> None:
    cell = markdown
    if len(reports) > 1:  # a whole plan: the summaries per team and per objective first
        today = reports[0].today
        out.write("## " + cell(texts.text(texts.SUMMARY_HEADING, title=texts.text(texts.DASHBOARD_BY_OWNER),
                                          as_of=texts.text(texts.AS_OF, date=today))) + "\n\n")
        out.write("| " + " | ".join(cell(texts.text(c)) for c in texts.COLUMNS_OWNER) + " |\n|---|" + "---:|" * 6 + "\n")
        for name, numbers in owner_rows(reports, today):
            out.write(f"| {cell(name)} | " + " | ".join(numbers) + " |\n")
        out.write("\n## " + cell(texts.text(texts.DASHBOARD_BY_OBJECTIVE)) + "\n\n")
        out.write("| " + " | ".join(cell(texts.text(c)) for c in texts.COLUMNS_OBJECTIVE) + " |\n|---|---|---|"
                  + "---:|" * 4 + "\n")
        for _, _, title, file, owner, numbers in objective_rows(reports, today):
            out.write(f"| {cell(title)} | {cell(file)} | {cell(owner)} | " + " | ".join(numbers) + " |\n")
        out.write("\n")
        unreadable = [r.file for r in reports if not r.readable]
        if unreadable:
            out.write(f"**{cell(unreadable_line(unreadable))}**\n\n")
    for report in reports:
        heading = texts.text(texts.FILE_HEADING, file=cell(report.file),
                             as_of=cell(texts.text(texts.AS_OF, date=report.today)))
        out.write(f"## {heading}\n\n")
        if not report.readable:
            out.write(f"**{cell(texts.text(texts.UNREADABLE))}**\n\n")
        for f in report.problems:
            out.write(f"- {cell(_problem(f))}\n")
        if report.problems:
            out.write("\n")
        for o in report.objectives:
            score = texts.score(o.score)
            meta = texts.text(texts.OBJECTIVE_META, score=f"**{score}**", owner=cell(o.owner or "–"),
                              lint=cell(_lint(o.lint)))
            out.write(f"### {cell(o.title)}\n\n{meta}\n\n")
            history = report.history_notes is not None
            columns = MARKDOWN_COLUMNS + (("history", "---"),) * history
            out.write("| " + " | ".join(cell(texts.text(texts.COLUMN[c])) for c, _ in columns) + " |\n")
            out.write("|" + "|".join(align for _, align in columns) + "|\n")
            for k in o.key_results:
                filled = int(round(k.clamped * 10))
                bar = "█" * filled + "░" * (10 - filled)
                out.write(f"| {cell(k.title)} | {_num(k.baseline)} | {_num(k.current)} | {cell(_num(k.target, k.unit))} | "
                          f"{bar} {_pct(k)} | {cell(texts.status(k.status) + _conf(k, ' · '))} | {_score(k)} | "
                          f"{cell(_lint(k.lint))} |"
                          + (f" {cell(_history_line(k))} |\n" if history else "\n"))
            out.write("\n")
        for note in report.notes + (report.history_notes or []):
            out.write(f"> {cell(note)}\n\n")


CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#212121;max-width:1100px}
h1{font-size:1.5rem}h2{font-size:1.25rem;margin-top:2rem}h3{font-size:1.1rem;margin-top:1.5rem}
section{border-top:2px solid #e0e0e0;margin-top:2rem}nav ol{margin:.25rem 0}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border-bottom:1px solid #e0e0e0;padding:.35rem .5rem;text-align:left;font-size:.9rem;vertical-align:top}
td.n{text-align:right;white-space:nowrap}th.n{text-align:right}td.f{overflow-wrap:anywhere}
table.krs th:first-child{width:30%}svg{max-width:100%;height:auto}figure{margin:0}figcaption{font-size:.85rem;color:#424242;max-width:380px}
.bar{background:#eee;border-radius:3px;height:10px;width:120px}.bar>span{display:block;height:10px;border-radius:3px}
.note{background:#fff8e1;border-left:4px solid #f9a825;padding:.5rem 1rem;margin:.5rem 0}
.meta{color:#616161;font-size:.9rem}svg text{font-size:11px;font-family:inherit}
.history{display:flex;flex-wrap:wrap;gap:1rem 2rem;margin-top:.5rem}
@media (max-width:900px){body{margin:1rem}.bar{width:56px}th,td{padding:.3rem .3rem;font-size:.8rem}}
"""


def _chart(report: Report) -> str:
    """An inline SVG bar chart: one bar per key result, progress clamped to 0-100%, with the share of
    the period elapsed as a tick."""
    krs = report.key_results
    row, left, width = 22, 330, 420
    height = row * len(krs) + 30
    parts = [f'<svg class="chart" role="img" aria-label="{_html(texts.text(texts.CHART_LABEL))}" width="{left + width + 60}" '
             f'height="{height}" viewBox="0 0 {left + width + 60} {height}" xmlns="http://www.w3.org/2000/svg">']
    for i, k in enumerate(krs):
        y = 10 + i * row
        label = k.title if len(k.title) <= 52 else k.title[:51] + "…"
        parts.append(f'<text x="{left - 8}" y="{y + 12}" text-anchor="end">{_html(label)}</text>')
        parts.append(f'<rect x="{left}" y="{y}" width="{width}" height="14" fill="#eeeeee"/>')
        parts.append(f'<rect class="progress" x="{left}" y="{y}" width="{k.clamped * width:.1f}" height="14" '
                     f'fill="{STATUS_COLOUR[k.status]}"><title>{_html(texts.text(texts.CHART_BAR, title=k.title, percent=_pct(k), status=texts.status(k.status)))}'
                     '</title></rect>')
        if k.elapsed is not None and k.status != "not started":
            x = left + k.elapsed * width
            parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y - 2}" y2="{y + 16}" stroke="#424242" stroke-width="1.5"/>')
        parts.append(f'<text x="{left + width + 6}" y="{y + 12}">{_pct(k)}</text>')
    parts.append(f'<text x="{left}" y="{height - 4}" fill="#616161">{_html(texts.text(texts.CHART_LEGEND))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def burn_up(k: KeyResultProgress, today) -> str:
    """An inline SVG burn-up chart of one key result: progress at each check-in (a step line), the
    expected pace from 0% at the period's start to 100% at its end (dashed), and today."""
    from datetime import timedelta

    width, height, pad = 380, 150, 34
    days = [p.day for p in k.history]
    start = k.period.start if k.period else min(days)
    end = k.period.end if k.period else max(max(days), today)
    start, end = min([start, *days]), max([end, *days])
    span = max(1, (end - start).days)
    top = max(1.0, min(1.5, max((p.progress or 0.0) for p in k.history)))

    def x(day) -> float:
        return pad + (day - start).days / span * (width - 2 * pad)

    def y(value: float | None) -> float:
        return height - pad + 10 - min(top, max(0.0, value or 0.0)) / top * (height - pad - 10)

    title = texts.text(texts.HISTORY_CHART_LABEL, title=k.title if len(k.title) <= 80 else k.title[:79] + "…")
    parts = [f'<figure><figcaption>{_html(k.title)}</figcaption>'
             f'<svg class="burnup" role="img" aria-label="{_html(title)}" width="{width}" height="{height + 16}" '
             f'viewBox="0 0 {width} {height + 16}" xmlns="http://www.w3.org/2000/svg"><title>{_html(title)}</title>',
             f'<line x1="{pad}" x2="{width - pad}" y1="{y(0):.1f}" y2="{y(0):.1f}" stroke="#9e9e9e"/>',
             f'<line x1="{pad}" x2="{width - pad}" y1="{y(1):.1f}" y2="{y(1):.1f}" stroke="#e0e0e0"/>',
             f'<text x="{pad - 4}" y="{y(1) + 4:.1f}" text-anchor="end">100%</text>',
             f'<text x="{pad - 4}" y="{y(0) + 4:.1f}" text-anchor="end">0%</text>',
             f'<text x="{pad}" y="{height + 10}">{_html(texts.day(start))}</text>',
             f'<text x="{width - pad}" y="{height + 10}" text-anchor="end">{_html(texts.day(end))}</text>']
    if k.period is not None:
        parts.append(f'<line class="expected" x1="{x(k.period.start):.1f}" y1="{y(0):.1f}" x2="{x(k.period.end):.1f}" '
                     f'y2="{y(1):.1f}" stroke="#616161" stroke-dasharray="4 3"/>')
    if start <= today <= end + timedelta(days=0):
        parts.append(f'<line x1="{x(today):.1f}" x2="{x(today):.1f}" y1="{y(top):.1f}" y2="{y(0):.1f}" '
                     'stroke="#bdbdbd" stroke-width="1"/>')
    steps, previous = [], None
    for p in k.history:
        if previous is not None:
            steps.append(f"{x(p.day):.1f},{y(previous):.1f}")
        steps.append(f"{x(p.day):.1f},{y(p.progress):.1f}")
        previous = p.progress
    colour = STATUS_COLOUR.get(k.status, "#1565c0")
    parts.append(f'<polyline class="checkins" points="{" ".join(steps)}" fill="none" stroke="{colour}" stroke-width="2"/>')
    for p in k.history:
        label = texts.text(texts.HISTORY_CHECKIN, date=p.day, commit=p.commit or texts.text(texts.HISTORY_WORKING_COPY),
                           value=_num(p.current, k.unit))
        parts.append(f'<circle class="checkin" cx="{x(p.day):.1f}" cy="{y(p.progress):.1f}" r="3" fill="{colour}">'
                     f"<title>{_html(label)}</title></circle>")
    parts.append("</svg></figure>")
    return "".join(parts)


def _html(text: str) -> str:
    return html.escape(clean(text))


def _summary_html(reports: list[Report], today) -> str:
    """The dashboard's head: a table of contents, then a summary per team and per objective, each
    line linking to its details below (anchors are generated, never taken from user text)."""
    e = _html
    t = texts.text
    parts = [f"<nav><h2>{e(t(texts.DASHBOARD_CONTENTS))}</h2><ol>",
             f'<li><a href="#summary">{e(t(texts.DASHBOARD_BY_OWNER))}</a></li>']
    for i, report in enumerate(reports):
        links = "".join(f'<li><a href="#f{i}-o{j}">{e(o.title)}</a></li>' for j, o in enumerate(report.objectives))
        parts.append(f'<li><a href="#f{i}">{e(report.file)}</a>' + (f"<ol>{links}</ol>" if links else "") + "</li>")
    parts.append("</ol></nav>")
    parts.append(f'<h2 id="summary">{e(t(texts.DASHBOARD_BY_OWNER))}</h2><table class=summary><tr>'
                 + "".join(f"<th{' class=n' * (n > 0)}>{e(t(c))}</th>" for n, c in enumerate(texts.COLUMNS_OWNER)) + "</tr>")
    for name, numbers in owner_rows(reports, today):
        parts.append(f"<tr><td>{e(name)}</td>" + "".join(f"<td class=n>{n}</td>" for n in numbers) + "</tr>")
    parts.append("</table>")
    parts.append(f"<h2>{e(t(texts.DASHBOARD_BY_OBJECTIVE))}</h2><table class=summary><tr>"
                 + "".join(f"<th{' class=n' * (n > 2)}>{e(t(c))}</th>" for n, c in enumerate(texts.COLUMNS_OBJECTIVE))
                 + "</tr>")
    for i, j, title, file, owner, numbers in objective_rows(reports, today):
        parts.append(f'<tr><td><a href="#f{i}-o{j}">{e(title)}</a></td><td class=f>{e(file)}</td><td>{e(owner)}</td>'
                     + "".join(f"<td class=n>{n}</td>" for n in numbers) + "</tr>")
    parts.append("</table>")
    unreadable = [(i, r.file) for i, r in enumerate(reports) if not r.readable]
    if unreadable:  # each name links to the file's findings
        links = ", ".join(f'<a href="#f{i}">{e(file)}</a>' for i, file in unreadable)
        line = e(unreadable_line([file for _, file in unreadable], FILES_MARK)).replace(FILES_MARK, links)
        parts.append(f"<p class=note><b>{line}</b></p>")
    return "".join(parts)


def write_html(reports: list[Report], out: TextIO) -> None:
    """One self-contained page for a whole plan: contents, summaries, then each file's details."""
    e = _html
    today = reports[0].today if reports else None
    t = texts.text
    body = [f"<h1>{e(t(texts.DASHBOARD_TITLE))}</h1>"]
    if today is not None:
        body.append(f"<p class=meta>{e(t(texts.DATED, date=today))}</p>")
        body.append(_summary_html(reports, today))
        body.append(f"<h2>{e(t(texts.DASHBOARD_DETAILS))}</h2>")
    for i, report in enumerate(reports):
        body.append(f'<section id="f{i}"><h2 class=file>{e(report.file)}</h2>')
        if not report.readable:
            body.append(f"<p class=note><b>{e(t(texts.UNREADABLE))}</b></p>")
        if report.problems:
            body.append("<ul>" + "".join(f"<li>{e(_problem(f))}</li>" for f in report.problems) + "</ul>")
        if report.key_results:
            body.append(_chart(report))
        for j, o in enumerate(report.objectives):
            score = texts.score(o.score)
            meta = t(texts.OBJECTIVE_META, score=f"<b>{score}</b>", owner=e(o.owner or "–"), lint=e(_lint(o.lint)))
            body.append(f'<h3 id="f{i}-o{j}">{e(o.title)}</h3><p class=meta>{meta}</p>')
            body.append("<table class=krs><tr>" + "".join(f"<th{' class=n' * (c in HTML_NUMERIC)}>{e(t(texts.COLUMN[c])) if c else ''}</th>"
                                                 for c in HTML_COLUMNS)
                        + "</tr>")
            for k in o.key_results:
                bar = (f'<div class=bar><span style="width:{k.clamped * 100:.0f}%;background:{STATUS_COLOUR[k.status]}">'
                       "</span></div>")
                body.append(f"<tr><td>{e(k.title)}</td><td class=n>{_num(k.baseline)}</td><td class=n>{_num(k.current)}</td>"
                            f"<td class=n>{e(_num(k.target, k.unit))}</td><td>{bar}</td><td class=n>{_pct(k)}</td>"
                            f"<td class=s style='color:{STATUS_COLOUR[k.status]}'>{e(texts.status(k.status) + _conf(k, ' · '))}</td>"
                            f"<td class=n>{_score(k)}</td>"
                            f"<td>{e(k.owner or '–')}</td><td>{e(_lint(k.lint))}</td></tr>")
            body.append("</table>")
            charts = [burn_up(k, report.today) for k in o.key_results if k.history]
            if charts:
                body.append("<div class=history>" + "".join(charts) + "</div>"
                            f"<p class=meta>{e(t(texts.HISTORY_CHART_LEGEND))}</p>")
        body.extend(f"<div class=note>{e(n)}</div>" for n in report.notes + (report.history_notes or []))
        body.append("</section>")
    out.write(f"<!doctype html><html lang={e(t(texts.HTML_LANG))}><head><meta charset=utf-8><title>{e(t(texts.DASHBOARD_TITLE))}</title>"
              f"<style>{CSS}</style></head><body>{''.join(body)}</body></html>\n")


WRITERS = {"text": write_text, "json": write_json, "markdown": write_markdown, "html": write_html}
