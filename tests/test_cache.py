"""The cache cannot change a result: it lives outside the repository, its files are signed with a
key only its owner can write, links and special files are refused, and it stays bounded.

Each test is an attack (a forged, foreign, committed or linked cache) checked against a run that
does not use the cache at all.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from smartlint import cache
from smartlint.engine import Settings, lint_paths
from smartlint.lexicon import _BUILT

BAD = ("language: en\nowner: Ana\ngoals:\n  - title: TODO\n  - title: Enhance our brand presence\n"
       "  - title: Streamline the 4 regional warehouses by 30 September 2027\n")
GOOD_TITLE = "Grow active customers from 120 to 150 by 30 June 2027"

posix_only = pytest.mark.skipif(os.name != "posix", reason="links, FIFOs and owners as on POSIX")


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SMARTLINT_CACHE_DIR", str(folder))
    return folder


def _findings(path: Path, use_cache: bool = True) -> list[tuple[str, int]]:
    _BUILT.clear()  # as a new process would: word lists read again (from the cache)
    cache.ENABLED = use_cache
    try:
        result = lint_paths([(path, path.name)], Settings(use_cache=use_cache))
    finally:
        cache.ENABLED = True
    return sorted((f.rule, f.line) for f in result.findings)


def _goals(tmp_path: Path) -> Path:
    path = tmp_path / "goals.yaml"
    path.write_text(BAD, encoding="utf-8")
    return path


def _forge(cache_dir: Path, sign_with: bytes | None, **changes) -> int:
    """Rewrite every analysis file so that every title maps to a good title's analysis (with
    `changes` to its data)."""
    from smartlint.nlp.facts import analyse

    good = dict(analyse(GOOD_TITLE, "en").to_data(), **changes)
    count = 0
    for path in cache_dir.glob("analyses-*.json"):
        raw = path.read_bytes()
        payload = json.loads(raw.split(b"\n", 2)[2])
        forged = {k: (dict(good, text=k.split("\x00", 1)[1]) if k.startswith("en\x00") else v)
                  for k, v in payload.items()}
        data = json.dumps(forged, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        mac = cache._mac(sign_with, path.name, data) if sign_with else b"0" * 64
        path.write_bytes(cache.MAGIC + mac + b"\n" + data)
        count += 1
    return count


def test_a_forged_analysis_file_is_ignored(tmp_path, cache_dir):
    path = _goals(tmp_path)
    expected = _findings(path, use_cache=False)
    assert ("S002", 4) in expected and ("S001", 5) in expected
    assert _findings(path) == expected  # cold, fills the cache
    assert _forge(cache_dir, sign_with=None)
    assert _findings(path) == expected
    # signed with another folder's key: a cache copied from elsewhere is foreign
    assert _forge(cache_dir, sign_with=b"k" * 32)
    assert _findings(path) == expected


def test_the_forgery_would_work_if_it_were_signed_with_the_folders_key(tmp_path, cache_dir):
    """The counterpart of the test above: the signature is what stops the forgery."""
    path = _goals(tmp_path)
    expected = _findings(path, use_cache=False)
    _findings(path)
    key = (cache_dir / cache.KEY_FILE).read_bytes()
    _forge(cache_dir, sign_with=key)
    assert _findings(path) != expected


def test_a_signed_analysis_of_another_layout_is_made_again(tmp_path, cache_dir):
    """Entries an older smartlint wrote in another layout of the analysis, signed with the folder's
    key, are not read as analyses: the titles are analysed again and stored in the current layout."""
    from smartlint.nlp.facts import LAYOUT

    path = _goals(tmp_path)
    expected = _findings(path, use_cache=False)
    _findings(path)
    key = (cache_dir / cache.KEY_FILE).read_bytes()
    assert _forge(cache_dir, sign_with=key, layout=LAYOUT - 1)
    assert _findings(path) == expected
    stored = [json.loads(p.read_bytes().split(b"\n", 2)[2]) for p in cache_dir.glob("analyses-*.json")]
    layouts = {v["layout"] for entries in stored for k, v in entries.items() if k.startswith("en\x00")}
    assert layouts == {LAYOUT}


@posix_only
def test_a_committed_key_is_not_trusted(tmp_path, cache_dir):
    """A cache folder inside the repository, key and signed entries committed: git checks files
    out readable by others (0644, 0664), so the key is refused and the cache is off."""
    path = _goals(tmp_path)
    expected = _findings(path, use_cache=False)
    _findings(path)
    key_file = cache_dir / cache.KEY_FILE
    key = key_file.read_bytes()
    _forge(cache_dir, sign_with=key)
    cache._KEYS.clear()  # a new process
    for mode in (0o644, 0o664):
        os.chmod(key_file, mode)
        cache._KEYS.clear()
        assert _findings(path) == expected
    os.chmod(key_file, 0o600)
    os.chmod(cache_dir, 0o777)  # a folder others can write into is not trusted either
    cache._KEYS.clear()
    assert _findings(path) == expected


@pytest.mark.parametrize("signed", [False, True])
def test_a_forged_word_list_file_is_ignored(tmp_path, cache_dir, signed):
    """The attack: a lists file with no vague verbs. Signed with the folder's key it would work
    (the counterpart that shows the test can fail); unsigned it is ignored."""
    path = _goals(tmp_path)
    expected = _findings(path, use_cache=False)
    _findings(path)
    lists = list(cache_dir.glob("lists-en-*.json"))
    assert lists
    key = (cache_dir / cache.KEY_FILE).read_bytes()
    for file in lists:
        data = json.loads(file.read_bytes().split(b"\n", 2)[2])
        data["vague_verbs"]["entries"] = []
        payload = json.dumps(data).encode("utf-8")
        mac = cache._mac(key, file.name, payload) if signed else b"0" * 64
        file.write_bytes(cache.MAGIC + mac + b"\n" + payload)
    for file in cache_dir.glob("analyses-*.json"):
        file.unlink()  # titles analysed again, with the lists from the cache
    if signed:
        assert ("S001", 5) not in _findings(path)
    else:
        assert _findings(path) == expected


def test_a_corrupted_cache_is_ignored(tmp_path, cache_dir):
    path = _goals(tmp_path)
    expected = _findings(path, use_cache=False)
    _findings(path)
    for file in cache_dir.glob("*.json"):
        file.write_bytes(file.read_bytes()[:-7])
    assert _findings(path) == expected
    for file in cache_dir.glob("*.json"):
        file.write_bytes(b"\x00\xff garbage")
    assert _findings(path) == expected


@posix_only
def test_links_and_special_files_in_the_cache_are_refused(tmp_path, cache_dir):
    path = _goals(tmp_path)
    expected = _findings(path, use_cache=False)
    _findings(path)
    files = sorted(cache_dir.glob("*.json"))
    assert len(files) >= 3
    outside = tmp_path / "outside.json"
    outside.write_text("mine", encoding="utf-8")
    files[0].unlink()
    files[0].symlink_to("/dev/zero")
    files[1].unlink()
    os.mkfifo(files[1])  # opening it for reading would block for ever without O_NONBLOCK
    files[2].unlink()
    files[2].symlink_to(outside)
    start = time.monotonic()
    assert _findings(path) == expected
    assert time.monotonic() - start < 60
    assert outside.read_text(encoding="utf-8") == "mine"  # a rewrite replaces the link, not its target


@posix_only
def test_a_linked_cache_folder_is_never_written_through(tmp_path, monkeypatch):
    """The attack: a committed `.smartlint_cache` link (or a cache folder link) to any folder."""
    target = tmp_path / "elsewhere"
    target.mkdir()
    link = tmp_path / "cache-link"
    link.symlink_to(target)
    monkeypatch.setenv("SMARTLINT_CACHE_DIR", str(link))
    path = _goals(tmp_path)
    expected = _findings(path, use_cache=False)
    assert _findings(path) == expected
    assert list(target.iterdir()) == []


@posix_only
def test_a_dangling_gitignore_link_in_the_cache_creates_nothing(tmp_path, cache_dir):
    cache_dir.mkdir(mode=0o700)
    victim = tmp_path / "victim" / "gitconfig"
    victim.parent.mkdir()
    (cache_dir / ".gitignore").symlink_to(victim)
    _findings(_goals(tmp_path))
    assert not victim.exists()
    assert list(cache_dir.glob("analyses-*.json"))  # the cache itself still works


def test_writes_leave_no_temporary_files_and_are_private(tmp_path, cache_dir):
    _findings(_goals(tmp_path))
    names = [p.name for p in cache_dir.iterdir()]
    assert not [n for n in names if n.endswith(".tmp")]
    if os.name == "posix":
        assert (cache_dir.stat().st_mode & 0o777) == 0o700
        assert (cache_dir / cache.KEY_FILE).stat().st_mode & 0o077 == 0


def test_the_default_cache_is_in_the_users_cache_folder_not_the_working_tree(tmp_path):
    """Run as a user would, in a repository, with no SMARTLINT_CACHE_DIR."""
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "goals.yaml").write_text(BAD, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    if os.name == "posix":  # the old default folder, committed as a link: never used any more
        (repo / ".smartlint_cache").symlink_to(elsewhere)
    env = {k: v for k, v in os.environ.items() if k != "SMARTLINT_CACHE_DIR"}
    env.update(XDG_CACHE_HOME=str(tmp_path / "xdg"), HOME=str(tmp_path / "home"),
               LOCALAPPDATA=str(tmp_path / "local"))
    run = subprocess.run([sys.executable, "-m", "smartlint", "check", "--", "goals.yaml"], cwd=repo, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr
    assert sorted(p.name for p in repo.iterdir() if p.name != ".smartlint_cache") == ["goals.yaml"]
    assert list(elsewhere.iterdir()) == []
    written = [p for p in tmp_path.rglob("analyses-*.json")]
    assert written and all(repo not in p.parents for p in written)


def test_analyses_are_pruned_to_a_bound_and_a_small_run_reads_few_files(cache_dir, monkeypatch):
    monkeypatch.setattr(cache, "MAX_PER_SHARD", 50)
    big = cache.Analyses("f" * 24)
    for i in range(cache.SHARDS * 80):
        big.put("en", f"title {i}", {"n": i})
    big.save()
    files = list(cache_dir.glob("analyses-*.json"))
    assert len(files) == cache.SHARDS
    assert all(len(cache.read_json(f.name)) <= 50 for f in files)
    later = cache.Analyses("f" * 24)
    assert later.get("en", f"title {cache.SHARDS * 80 - 1}") == {"n": cache.SHARDS * 80 - 1}  # newest kept
    assert len(later.shards) == 1  # one title asked for: one file read


@pytest.mark.parametrize("old_name", ["lists-en-old.json", "phrases-fr-old.json", "regex-old.json",
                                      "vocabulary-en-verbs-old.json", "analyses-old-00.json"])
def test_old_cache_files_are_deleted(cache_dir, old_name):
    cache.write_json(old_name, {"a": 1})
    (cache_dir / "notes.json").write_text("{}")  # not a cache file: never deleted
    cache._PRUNED.clear()  # a new process
    old = cache_dir / old_name
    stale = time.time() - (cache.PRUNE_AFTER_DAYS + 1) * 86400
    for path in (old, cache_dir / "notes.json"):
        os.utime(path, (stale, stale))
    cache.write_json("lists-en-new.json", {"a": 2})
    assert not old.exists() and (cache_dir / "lists-en-new.json").exists()
    assert (cache_dir / "notes.json").exists()


def test_reinstalling_the_same_files_keeps_the_cache_key(tmp_path):
    """The key follows what the word lists and code hold, not their dates or place."""
    from smartlint.lexicon import _stamp, rules_dir

    copy = tmp_path / "en"
    copy.mkdir()
    for p in (rules_dir() / "en").glob("*.yaml"):
        (copy / p.name).write_bytes(p.read_bytes())
    assert _stamp(copy) == _stamp(rules_dir() / "en")
    later = time.time() + 1000
    for p in copy.iterdir():
        os.utime(p, (later, later))
    assert _stamp(copy) == _stamp(rules_dir() / "en")
    first = next(copy.iterdir())
    first.write_bytes(first.read_bytes() + b"\n# edited\n")
    assert _stamp(copy) != _stamp(rules_dir() / "en")


def test_items_with_the_same_title_share_their_facts_read_from_the_cache(tmp_path, cache_dir):
    """A title analysed in the run has one facts object for all its items; read back from the cache
    it is one copy per item until the engine shares them again (one copy in memory, and the rules'
    readings made once per title). Another title or language keeps its own."""
    path = tmp_path / "goals.yaml"
    title = "Streamline the 4 regional warehouses by 30 September 2027"
    path.write_text(f"language: auto\nowner: Ana\ngoals:\n  - title: {title}\n  - title: {title}\n"
                    f"  - title: Publier 6 études de cas d'ici le 30 juin 2027\n  - title: {title}\n",
                    encoding="utf-8")
    settings = Settings(today=date(2027, 1, 1))
    cold = lint_paths([(path, path.name)], settings)
    warm = lint_paths([(path, path.name)], settings)
    assert cold.findings == warm.findings and any(f.path == "goals[3]" for f in warm.findings)
    for result in (cold, warm):
        first, second, french, fourth = (node.facts for node in result.files[0].nodes)
        assert first is second is fourth and french is not first
        assert french.lang == "fr" and first.lang == "en"
