"""Configuration: discovery, every key, the command line over it, and located errors (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import write
from smartlint.cli import app

runner = CliRunner()
VAGUE = "language: en\nowner: Ana\ngoals:\n  - Enhance the brand by 30 June 2027\n"
BIG = "language: en\nowner: Ana\ngoals:\n  - Grow signups from 100 to 350 by 30 June 2027\n"


def check(*args: str):
    result = runner.invoke(app, ["check", "-f", "json", *args], env={"NO_COLOR": "1"})
    return result, (json.loads(result.stdout) if result.stdout.startswith("{") else None)


def rules(doc) -> list[str]:
    return sorted(f["rule"] for f in doc["findings"])


def test_pyproject_is_found_walking_up(tmp_path):
    write(tmp_path, "pyproject.toml", '[project]\nname = "plans"\n\n[tool.smartlint]\nignore = ["M001"]\n')
    goal = write(tmp_path, "okrs/2027/q1.yaml", VAGUE)
    _, doc = check(str(goal))
    assert rules(doc) == ["S001"]


def test_nearest_configuration_wins_and_yaml_beats_pyproject(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.smartlint]\nignore = ["M001"]\n')
    write(tmp_path, "team/.smartlint.yaml", "ignore: [S001]\n")
    write(tmp_path, "team/pyproject.toml", '[tool.smartlint]\nignore = ["specific", "measurable"]\n')
    top = write(tmp_path, "a.yaml", VAGUE)
    team = write(tmp_path, "team/b.yaml", VAGUE)
    _, doc = check(str(top), str(team))
    by_file = {(Path(f["file"]).name, f["rule"]) for f in doc["findings"]}
    assert by_file == {("a.yaml", "S001"), ("b.yaml", "M001")}


def test_config_option_overrides_discovery(tmp_path):
    write(tmp_path, ".smartlint.yaml", "ignore: [S001]\n")
    other = write(tmp_path, "elsewhere/strict.yaml", "select: [S001]\n")
    goal = write(tmp_path, "g.yaml", VAGUE)
    _, doc = check("--config", str(other), str(goal))
    assert rules(doc) == ["S001"]


def test_severity_rule_options_and_fail_on(tmp_path):
    write(tmp_path, ".smartlint.yaml", "severity:\n  vague-verb: info\n  M001: info\nfail-on: warning\n")
    result, doc = check(str(write(tmp_path, "g.yaml", VAGUE)))
    assert {f["severity"] for f in doc["findings"]} == {"info"} and result.exit_code == 0
    assert rules(check(str(write(tmp_path, "big.yaml", BIG)))[1]) == ["A001"]
    write(tmp_path, ".smartlint.yaml", "rules:\n  A001:\n    max_increase_with_baseline: 3.0\n")
    _, doc = check(str(write(tmp_path, "h.yaml", BIG)))
    assert rules(doc) == []
    write(tmp_path, ".smartlint.yaml", "fail-on: error\n")
    assert check(str(write(tmp_path, "i.yaml", VAGUE)))[0].exit_code == 0
    assert check("--fail-on", "warning", str(tmp_path / "i.yaml"))[0].exit_code == 1


def test_command_line_select_wins_and_ignores_add_up(tmp_path):
    write(tmp_path, ".smartlint.yaml", "select: [S001]\nignore: [T001]\n")
    goal = str(write(tmp_path, "g.yaml", VAGUE))
    assert rules(check(str(goal))[1]) == ["S001"]
    assert rules(check("--select", "M001", goal)[1]) == ["M001"]
    assert rules(check("--ignore", "S001", goal)[1]) == []


def test_exclude_and_per_file_ignores(tmp_path):
    write(tmp_path, ".smartlint.yaml", "exclude: [drafts/*, '*.tmp.yaml']\nper-file-ignores:\n  'legacy/*.yaml': [S001]\n")
    write(tmp_path, "drafts/a.yaml", VAGUE)
    write(tmp_path, "b.tmp.yaml", VAGUE)
    write(tmp_path, "legacy/c.yaml", VAGUE)
    write(tmp_path, "d.yaml", VAGUE)
    _, doc = check(str(tmp_path))
    assert sorted((Path(f["file"]).name, f["rule"]) for f in doc["findings"]) == [
        ("c.yaml", "M001"), ("d.yaml", "M001"), ("d.yaml", "S001")]
    assert doc["summary"]["files"] == 2


def test_custom_word_lists_in_config_and_in_a_word_file(tmp_path):
    write(tmp_path, ".smartlint.yaml",
          "words:\n  en:\n    vague_verbs:\n      add: [jazz up]\n      remove: [enhance]\nword-files: [team-words.yaml]\n")
    write(tmp_path, "team-words.yaml", "fr:\n  vague_verbs:\n    add: [chouchouter]\n")
    goal = write(tmp_path, "g.yaml", "owner: Ana\ngoals:\n  - Enhance the brand by 30 June 2027\n"
                                     "  - Jazzing up the brand by 30 June 2027\n"
                                     "  - Chouchouter nos clients d'ici le 30 juin 2027\n")
    _, doc = check(str(goal))
    assert sorted(f["line"] for f in doc["findings"] if f["rule"] == "S001") == [4, 5]
    _, plain = check(str(write(tmp_path / "other", "g.yaml", VAGUE)), "--config", str(write(tmp_path / "o", "c.yaml", "")))
    assert "S001" in rules(plain)  # another configuration: the shipped lists again


def error_of(tmp_path, name: str, text: str) -> str:
    write(tmp_path, name, text)
    result, _ = check(str(write(tmp_path, "g.yaml", VAGUE)))
    assert result.exit_code == 2, result.output
    return result.output


def test_unknown_key_is_located_with_did_you_mean(tmp_path):
    out = error_of(tmp_path, ".smartlint.yaml", "select: [S001]\nfail_onn: error\n")
    assert ".smartlint.yaml:2:1" in out and "fail_onn" in out and "fail-on" in out


def test_bad_values_are_located(tmp_path):
    out = error_of(tmp_path, ".smartlint.yaml", "severity:\n  S001: fatal\n")
    assert ".smartlint.yaml:2:3" in out and "severity.S001" in out
    out = error_of(tmp_path, ".smartlint.yaml", "rules:\n  A001:\n    max_increse: 2\n")
    assert "max_increse" in out and "max_increase" in out
    out = error_of(tmp_path, ".smartlint.yaml", "ignore: [Z999]\n")
    assert "Z999" in out
    out = error_of(tmp_path, ".smartlint.yaml", "words:\n  fr:\n    vague_verbz:\n      add: [x]\n")
    assert "vague_verbz" in out and "vague_verbs" in out


def test_pyproject_errors_name_the_line(tmp_path):
    out = error_of(tmp_path, "pyproject.toml", '[tool.smartlint]\nselect = ["S001"]\nlanguage = "de"\n')
    assert "pyproject.toml:3:1" in out and "language" in out
    out = error_of(tmp_path, "pyproject.toml", '[tool.smartlint]\nselect = ["S001"\n')
    assert "invalid TOML" in out


def test_broken_yaml_config(tmp_path):
    out = error_of(tmp_path, ".smartlint.yaml", "select: [S001\n")
    assert ".smartlint.yaml:" in out and "invalid YAML" in out


def test_hostile_configuration_is_a_usage_error(tmp_path):
    lines = ["x0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 9):
        lines.append(f"x{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]")
    lines.append("select: *a8")
    out = error_of(tmp_path, ".smartlint.yaml", "\n".join(lines) + "\n")
    assert "too large" in out
    out = error_of(tmp_path, ".smartlint.yaml", "select: !!python/object/apply:os.system [x]\n")
    assert "tag" in out
    (tmp_path / ".smartlint.yaml").write_bytes("select: [é]\n".encode("latin-1"))
    result, _ = check(str(write(tmp_path, "g.yaml", VAGUE)))
    assert result.exit_code == 2 and ".smartlint.yaml" in result.output


def test_a_word_file_is_parsed_once_then_read_from_the_cache_by_its_content(tmp_path, monkeypatch):
    from smartlint import cache, config

    monkeypatch.setenv("SMARTLINT_CACHE_DIR", str(tmp_path / "cache"))
    conf = write(tmp_path, ".smartlint.yaml", "word-files: [team-words.yaml]\n")
    words = write(tmp_path, "team-words.yaml", "fr:\n  vague_verbs:\n    add: [chouchouter]\n    remove: [x]\n")
    parsed: list[Path] = []
    real_read = config._read

    def counting_read(path, *args, **kwargs):
        parsed.append(path)
        return real_read(path, *args, **kwargs)

    monkeypatch.setattr(config, "_read", counting_read)
    first = config.load(conf)
    again = config.load(conf)
    assert first.words == again.words and first.words["fr"]["vague_verbs"].add == ["chouchouter"]
    assert parsed == [conf, words, conf]  # the second load read the word file's lists from the cache
    words.write_text("fr:\n  vague_verbs:\n    add: [bichonner]\n", encoding="utf-8")
    assert config.load(conf).words["fr"]["vague_verbs"].add == ["bichonner"]  # edited: parsed again
    assert parsed[-1] == words
    monkeypatch.setattr(cache, "ENABLED", False)
    parsed.clear()
    config.load(conf)
    assert parsed == [conf, words]  # --no-cache: parsed every time


def test_a_bad_word_file_is_located_every_time_and_never_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("SMARTLINT_CACHE_DIR", str(tmp_path / "cache"))
    write(tmp_path, ".smartlint.yaml", "word-files: [team-words.yaml]\n")
    write(tmp_path, "team-words.yaml", "fr:\n  vague_verbs:\n    ad: [chouchouter]\n")
    for _ in range(2):
        result, _ = check(str(write(tmp_path, "g.yaml", VAGUE)))
        assert result.exit_code == 2 and "team-words.yaml:3:5" in result.output and "ad" in result.output
