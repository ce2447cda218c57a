"""spaCy, loaded lazily and lightly: a tokenizer per language, in a second process when it can be.

`spacy.blank("fr")` spends ~2 s compiling French tokenizer exceptions that goal titles do not
need, and the small statistical models tag headline-style goals badly. So both languages share a
plain spaCy `Tokenizer` with spaCy's default punctuation rules, plus a French prefix rule that
splits elided articles ("d'ici" -> "d'" "ici", "l'attrition" -> "l'" "attrition"). Nothing here
imports spaCy until a title must be tokenised: `smartlint --help` never pays for it.

What the analysis reads of a title's tokens is where each starts and ends and its lower-case
form (`Tokens`); listed phrases ("dans les prochains mois", "a dozen") are found over those forms
(`phrase_matches`), as spaCy's PhraseMatcher on LOWER finds them.

Importing spaCy costs more than the rest of a cold 50-goal check together. So `start_worker`,
called by the entry point as soon as a `check` must lint something, forks a worker that imports
spaCy while this process builds the command line, reads the configuration, parses the files and
compiles its patterns; titles are then tokenised there. Where fork is not available (Windows,
macOS), or the worker fails for any reason, spaCy is imported here: the worker makes a run
faster, never different (tests/test_pipeline.py compares both).
"""

from __future__ import annotations

import os
import pickle
import re
import struct
import sys
from functools import lru_cache
from typing import Any, Callable

from smartlint import languages
from smartlint.lexicon import Lexicon, derived

Tokens = list[tuple[int, int, str]]  # each token's start and end in the text, and its lower-case form

# Word lists matched as phrases (several words, or one), by file name.
PHRASE_LISTS = ("vague_deadlines", "vague_nouns", "weasel_words")


# Goal titles need little of spaCy's general punctuation rules, whose Unicode classes take ~0.1 s
# to compile per language: brackets, quotes and sentence punctuation around words, hyphens and
# slashes inside them, possessives, and French elisions.
PREFIX = r"""^(?:[\[\(\{"'«“‘¿¡*•#…+\-–—]%s)"""
SUFFIX = r"""(?:[\]\)\}"'»”’.,;:!?…%%‰€$£*]|'s|’s)$"""
INFIX = r"""(?<=[^\W\d])[-–/](?=[^\W\d])|(?<=\w)[,;:](?=[^\W\d])|(?<=[^\W\d])\.(?=[^\W\d]{2})"""
ELIDED_INFIX = r"|(?<=[^\W\d])'(?=[^\W\d])"


@lru_cache(maxsize=None)
def tokenizer(lang: str) -> Any:
    """A bare spaCy Tokenizer (no Language object: building one costs ~50 ms and brings nothing)."""
    from spacy.lang.lex_attrs import LEX_ATTRS
    from spacy.tokenizer import Tokenizer
    from spacy.vocab import Vocab

    elision = languages.get(lang).elision
    prefix = PREFIX % (f"|(?i:{elision})" if elision else "")
    return Tokenizer(
        Vocab(lex_attr_getters=dict(LEX_ATTRS)),  # LOWER, LIKE_NUM...: what Language() would set
        prefix_search=re.compile(prefix).search,
        suffix_search=re.compile(SUFFIX).search,
        infix_finditer=re.compile(INFIX + (ELIDED_INFIX if elision else "")).finditer,
        token_match=re.compile(r"^(?:\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4}|\?\?[/?]*+|\[[^\]\s]*+\])$").match,
    )


def tokens_here(texts: list[str], lang: str) -> list[Tokens]:
    """Tokenise in this process (importing spaCy if it is not yet)."""
    return [[(tok.idx, tok.idx + len(tok.text), tok.lower_) for tok in doc]
            for doc in tokenizer(lang).pipe(texts, batch_size=256)]


def tokens(texts: list[str], lang: str) -> list[Tokens]:
    """The tokens of many texts: by the worker when one runs, else here."""
    if not texts:
        return []
    if _worker is not None:
        found = _worker.ask(("tokens", lang, texts), len(texts))
        if found is not None:
            return found
    return tokens_here(texts, lang)


def worker_running() -> bool:
    """Whether a worker tokenises here (see `start_worker`)."""
    return _worker is not None


SHARE_FROM = 400  # titles of one language from which the worker analyses a share of them


def worker_share(count: int) -> int:
    """How many of `count` titles to hand to the worker to analyse while this process analyses
    the rest: none without a worker or for a few titles (its word lists would cost more)."""
    return count * 2 // 5 if _worker is not None and count >= SHARE_FROM else 0


def analyse_in_worker(words: dict[str, Any], lang: str, titles: list[str]) -> "Callable[[], list[dict] | None]":
    """Send titles to the worker for analysis with the configuration's word changes (`words`, as
    `Lexicons` takes them). Returns a function that waits for their analyses (`TextFacts.to_data`)
    and gives them, or None when the worker failed (the caller then analyses them itself)."""
    worker = _worker
    if worker is None or not worker.send(("analyse", words, lang, titles)):
        return lambda: None
    return lambda: worker.receive(len(titles))


@derived
def phrase_table(lex: Lexicon) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """The listed phrases of a lexicon as token forms, by first form: {first: [(forms, list name)]}.

    The phrase lists (vague deadlines, vague nouns, weasel words) whole; of the number and multiplier
    words, the entries of several tokens ("a dozen", "vingt-cinq", "ten-fold"): single words are
    looked up token by token. Tokenising ~1,400 phrases costs a cold run ~20 ms of spaCy, so the
    table is kept in the cache folder, keyed by the phrases and the code (as the analyses are)."""
    from smartlint.cache import digest, read_json, write_json
    from smartlint.lexicon import fingerprint

    entries: list[tuple[str, str]] = [(phrase, name) for name in PHRASE_LISTS for phrase in lex.words(name)]
    entries += [(w, "number_words") for w in lex.numbers]
    entries += [(w, "multiplier_words") for w in {**lex.multipliers, **lex.divisors}]
    name = f"phrases-{lex.lang}-{digest(fingerprint(), lex.lang, repr(entries))}.json"
    rows = read_json(name)
    if not (isinstance(rows, list) and all(_phrase_row(r) for r in rows)):
        rows = []
        seen: set[tuple[tuple[str, ...], str]] = set()
        for (phrase, kind), toks in zip(entries, tokens([p for p, _ in entries], lex.lang)):
            forms = tuple(form for _a, _b, form in toks)
            several = kind not in ("number_words", "multiplier_words") or len(forms) > 1
            if forms and several and (forms, kind) not in seen:
                seen.add((forms, kind))
                rows.append([list(forms), kind])
        write_json(name, rows)
    table: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for forms, kind in rows:
        table.setdefault(forms[0], []).append((tuple(forms), kind))
    for candidates in table.values():
        candidates.sort(key=lambda c: len(c[0]))
    return table


def _phrase_row(row: Any) -> bool:
    """A row of a stored phrase table: [[form, ...], list name]."""
    return (isinstance(row, list) and len(row) == 2 and isinstance(row[0], list) and bool(row[0])
            and all(isinstance(f, str) for f in row[0]) and isinstance(row[1], str))


def phrase_matches(lex: Lexicon, words: list[str]) -> list[tuple[str, int, int]]:
    """(list name, first token, end token) of every listed phrase in a title's token forms, by
    start then length: what spaCy's PhraseMatcher on LOWER gives, overlaps included."""
    table = phrase_table(lex)
    found = []
    for i, word in enumerate(words):
        for forms, name in table.get(word, ()):
            if tuple(words[i:i + len(forms)]) == forms:
                found.append((name, i, i + len(forms)))
    return found


# -- The worker ---------------------------------------------------------------------------------

_worker: "_Worker | None" = None
_HEADER = struct.Struct("!I")


def _send(fd: int, data: Any) -> None:
    payload = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_HEADER.pack(len(payload)) + payload)
    while view:
        view = view[os.write(fd, view):]


def _receive(fd: int) -> Any:
    def exactly(n: int) -> bytes:
        parts, left = [], n
        while left:
            part = os.read(fd, min(left, 1 << 20))
            if not part:
                raise EOFError
            parts.append(part)
            left -= len(part)
        return b"".join(parts)

    (size,) = _HEADER.unpack(exactly(_HEADER.size))
    return pickle.loads(exactly(size))


class _Worker:
    """The parent's side: one request at a time, (language, texts) -> tokens or an error."""

    def __init__(self, pid: int, to_worker: int, from_worker: int):
        self.pid, self.to_worker, self.from_worker = pid, to_worker, from_worker

    def ask(self, request: tuple, count: int) -> list | None:
        """The answer to a request (a list of `count` items), or None: the worker is gone or
        failed, so it is stopped and the caller does the work here."""
        return self.receive(count) if self.send(request) else None

    def send(self, request: tuple) -> bool:
        try:
            _send(self.to_worker, request)
            return True
        except (OSError, pickle.PickleError, TypeError, AttributeError):
            stop_worker()
            return False

    def receive(self, count: int) -> list | None:
        try:
            status, answer = _receive(self.from_worker)
        except (OSError, EOFError, pickle.PickleError, struct.error, ValueError, AttributeError, ImportError):
            status, answer = "failed", None
        if status == "ok" and isinstance(answer, list) and len(answer) == count:
            return answer
        stop_worker()
        return None

    def stop(self) -> None:
        import signal

        for fd in (self.to_worker, self.from_worker):
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            os.kill(self.pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except OSError:
            pass


def worker_wanted() -> bool:
    """Whether this run may fork the tokenising worker: on Linux (fork is what macOS and Windows
    advise against or lack), with no other thread running, unless SMARTLINT_WORKER=0."""
    import threading

    return (sys.platform.startswith("linux") and hasattr(os, "fork")
            and os.environ.get("SMARTLINT_WORKER", "1") != "0" and threading.active_count() == 1)


def start_worker() -> bool:
    """Fork the worker, which imports spaCy at once; it is stopped at exit (`atexit`), or when it
    fails. Returns whether one runs."""
    global _worker
    if _worker is not None:
        return True
    if not worker_wanted():
        return False
    try:
        to_worker_r, to_worker_w = os.pipe()
        from_worker_r, from_worker_w = os.pipe()
    except OSError:
        return False
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        pid = os.fork()
    except OSError:
        for fd in (to_worker_r, to_worker_w, from_worker_r, from_worker_w):
            os.close(fd)
        return False
    if pid == 0:  # the worker: never returns
        status = 1
        try:
            os.close(to_worker_w)
            os.close(from_worker_r)
            _serve(to_worker_r, from_worker_w)
            status = 0
        finally:
            os._exit(status)
    os.close(to_worker_r)
    os.close(from_worker_w)
    _worker = _Worker(pid, to_worker_w, from_worker_r)
    import atexit

    atexit.register(stop_worker)
    return True


def stop_worker() -> None:
    global _worker
    if _worker is not None:
        worker, _worker = _worker, None
        worker.stop()


def _serve(requests: int, answers: int) -> None:
    """The worker's loop: detach from the terminal and the parent's files, import spaCy, then
    answer (language, texts) with their tokens until the parent closes the pipe."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it stops us
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)  # the caller's pipes close when the parent exits, not when we do
    keep = sorted({requests, answers})
    os.closerange(3, keep[0])
    os.closerange(keep[0] + 1, keep[1])
    os.closerange(keep[1] + 1, 65536)
    tokenizer("en")  # spaCy's import, while the parent works
    lexicons: dict[str, Any] = {}
    while True:
        try:
            request = _receive(requests)
        except EOFError:
            return
        try:
            answer: Any = ("ok", _answer(request, lexicons))
        except Exception as err:  # noqa: BLE001 - told to the parent, which does the work itself
            answer = ("failed", repr(err))
        _send(answers, answer)


def _answer(request: tuple, lexicons: dict[str, Any]) -> list:
    """("tokens", lang, texts) -> their tokens; ("analyse", words, lang, titles) -> their analyses
    as data, with the word lists of that configuration (built once per configuration)."""
    if request[0] == "tokens":
        _op, lang, texts = request
        return tokens_here(texts, lang)
    _op, words, lang, titles = request
    from smartlint.lexicon import Lexicons, changes_key
    from smartlint.nlp.facts import analyse, prepare, to_tokenise

    key = changes_key(words)
    if key not in lexicons:
        lexicons[key] = Lexicons(words)
    lex = lexicons[key].get(lang)
    prepare(lex)
    return [analyse(title, lang, toks, lex).to_data()
            for title, toks in zip(titles, tokens_here([to_tokenise(t) for t in titles], lang))]
