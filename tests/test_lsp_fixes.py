"""Quick fixes of the language server, as text edits: where they go, and when none is offered."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from smartlint.lsp.fixes import apply, fixes_for
from smartlint.lsp.session import MemoryAnalyses, Session, is_goal_file

TODAY = date(2027, 1, 1)


def lint(tmp_path: Path, text: str):
    result = Session(use_cache_folder=False).lint(tmp_path / "g.goals.yaml", text, TODAY)
    return result.findings, result.files[0]


def fixes(tmp_path: Path, text: str, rule: str):
    findings, loaded = lint(tmp_path, text)
    f = next(f for f in findings if f.rule == rule)
    return [(fix.title, apply(text, fix.edits)) for fix in fixes_for(f, loaded)]


def test_added_field_goes_with_the_items_keys(tmp_path):
    text = ("objectives:\n  - title: Win the mid-market\n    owner: Sam\n    key_results:\n"
            "      - title: Grow paid seats by 20%\n        owner: Bo\n")
    added = dict(fixes(tmp_path, text, "M002"))
    new = next(t for title, t in added.items() if title.startswith("Add `baseline:`"))
    assert new.splitlines()[5] == "        baseline: TBD"
    findings, _ = lint(tmp_path, new)
    assert ("S002", 6) in {(f.rule, f.line) for f in findings}  # the placeholder asks to be filled


def test_added_owner_at_the_end_of_a_file_without_a_final_newline(tmp_path):
    text = "language: en\ngoals:\n  - title: Sign 40 reseller agreements by 30 June 2027"
    new = dict(fixes(tmp_path, text, "R001"))["Add `owner: TBD` (to fill in)"]
    assert new.endswith("2027\n    owner: TBD")
    assert "R001" not in {f.rule for f in lint(tmp_path, new)[0]}


def test_no_field_added_to_a_flow_mapping(tmp_path):
    text = "goals:\n  - {title: Sign 40 reseller agreements by 30 June 2027}\n"
    findings, loaded = lint(tmp_path, text)
    r001 = next(f for f in findings if f.rule == "R001")
    assert [x.title for x in fixes_for(r001, loaded) if x.title.startswith("Add")] == []


def test_a_plain_text_item_becomes_a_mapping_with_the_field(tmp_path):
    text = ("objectives:\n  - title: Win the mid-market\n    owner: Sam\n    key_results:\n"
            "      - Grow paid seats by 20%  # from the board deck\n      - Sign 12 partners\n")
    new = next(t for title, t in fixes(tmp_path, text, "M002") if title.startswith("Add `baseline:`"))
    assert new.splitlines()[4:7] == ["      - title: Grow paid seats by 20%  # from the board deck",
                                     "        baseline: TBD", "      - Sign 12 partners"]
    assert "M002" not in {f.rule for f in lint(tmp_path, new.replace("TBD", "100"))[0]}


def test_a_suppression_is_not_put_inside_a_block_scalar(tmp_path):
    text = "goals:\n  - title: |\n      Look into the pricing page\n      and more\n    owner: Ana\n"
    findings, loaded = lint(tmp_path, text)
    s001 = next(f for f in findings if f.rule == "S001")
    assert s001.line == 3  # inside the block: a comment line above it would become part of the title
    assert [x for x in fixes_for(s001, loaded) if x.title.startswith("Suppress")] == []
    m001 = next(f for f in findings if f.rule == "M001")  # on `title:`, outside the block
    assert [x.title for x in fixes_for(m001, loaded) if x.title.startswith("Suppress")]


def test_a_second_suppression_extends_the_comment_above(tmp_path):
    text = ('goals:\n  # smartlint: disable-next-line=S001 reason="kept"\n'
            "  - title: Improve the onboarding\n    owner: Ana\n")
    new = dict(fixes(tmp_path, text, "M001"))["Add M001 to the suppression above"]
    assert "disable-next-line=S001,M001 " in new
    assert not {"S001", "M001", "Y007"} & {f.rule for f in lint(tmp_path, new)[0]}


def test_no_rename_when_the_right_key_is_already_there(tmp_path):
    text = "goals:\n  - title: Sign 40 deals by 30 June 2027\n    target: 40\n    taget: 40\n"
    assert [t for t, _ in fixes(tmp_path, text, "Y002") if t.startswith("Rename")] == []


def test_goal_files_are_told_apart_from_other_yaml():
    assert is_goal_file(Path("plan.yaml"), "language: fr\nobjectives:\n  - Faire\n")
    assert is_goal_file(Path("plan.yaml"), "goals:\n  - title: [half typed\n")  # broken YAML still counts
    assert not is_goal_file(Path("ci.yaml"), "on: push\njobs:\n  goals:\n    runs-on: x\n")
    assert not is_goal_file(Path("compose.yaml"), "services:\n  web: {}\n")
    assert not is_goal_file(Path(".smartlint.yaml"), "goals:\n  - x\n")


def test_session_reuses_its_analyses(tmp_path, monkeypatch):
    """A change re-analyses only the titles it changed."""
    import smartlint.nlp.facts as facts

    session = Session(use_cache_folder=False)
    text = "goals:\n  - title: Sign 40 deals by 30 June 2027\n  - title: Improve the onboarding\n"
    session.lint(tmp_path / "g.yaml", text, TODAY)
    analysed = []
    real = facts.analyse
    monkeypatch.setattr(facts, "analyse", lambda title, *a, **k: analysed.append(title) or real(title, *a, **k))
    session.lint(tmp_path / "g.yaml", text.replace("Improve", "Enhance"), TODAY)
    assert analysed == ["Enhance the onboarding"]


def test_an_opened_document_uses_the_analyses_of_earlier_checks(tmp_path, monkeypatch):
    import smartlint.nlp.facts as facts
    from smartlint.engine import Settings, lint_paths

    path = tmp_path / "g.yaml"
    path.write_text("goals:\n  - title: Streamline the quarterly vendor review\n", encoding="utf-8")
    lint_paths([(path, str(path))], Settings(today=TODAY))  # fills the cache folder
    analysed = []
    monkeypatch.setattr(facts, "analyse", lambda title, *a, **k: analysed.append(title))
    Session().lint(path, path.read_text(encoding="utf-8"), TODAY, opened=True)
    assert analysed == []


def test_session_analyses_stay_bounded():
    cache = MemoryAnalyses()
    cache.capacity = 10
    for i in range(100):
        cache.put("en", f"title {i}", {"i": i})
    assert cache.size == 10 and cache.get("en", "title 99") == {"i": 99} and cache.get("en", "title 0") is None


def _run_cli(tmp_path: Path, prelude: str, *args: str):
    import subprocess
    import sys

    code = (f"import sys\n{prelude}\nsys.argv = ['smartlint', *{list(args)!r}]\nfrom smartlint.cli import main\n"
            "try:\n    main()\nfinally:\n    print('pygls loaded:', 'pygls' in sys.modules, file=sys.stderr)\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False)


def test_check_never_imports_the_language_server_library(tmp_path):
    (tmp_path / "g.yaml").write_text("goals:\n  - Sign 40 deals by 30 June 2027\n", encoding="utf-8")
    out = _run_cli(tmp_path, "", "check", "--no-cache", "g.yaml")
    assert "pygls loaded: False" in out.stderr, out.stderr


def test_server_without_its_extra_says_how_to_install_it(tmp_path):
    out = _run_cli(tmp_path, "sys.modules['pygls'] = None", "server")
    assert out.returncode == 2
    assert 'pip install "smartlint[server]"' in out.stderr and "Traceback" not in out.stderr


def test_session_sees_a_configuration_created_changed_and_deleted(tmp_path):
    session = Session(use_cache_folder=False)
    (tmp_path / ".git").mkdir()  # the repository root: discovery stops here
    path = tmp_path / "g.yaml"
    text = "goals:\n  - title: Improve the onboarding\n"

    def rules() -> set[str]:
        return {f.rule for f in session.lint(path, text, TODAY).findings}

    assert "S001" in rules()
    config = tmp_path / ".smartlint.yaml"
    config.write_text("ignore: [S001]\n", encoding="utf-8")
    assert "S001" not in rules()
    config.write_text("ignore: [T001]\n", encoding="utf-8")
    os.utime(config, ns=(config.stat().st_atime_ns, config.stat().st_mtime_ns + 10**9))
    assert "S001" in rules() and "T001" not in rules()
    config.unlink()
    assert {"S001", "T001"} <= rules()
