"""The bad-spec corpus: every file under tests/bad_specs/ through `archgen build`.

Each case is a spec file, or a folder of specs, that archgen must refuse the way the
issue asks: one line per problem, `file:line:col: message`, exactly as listed in
tests/bad_specs/expected.yaml; exit code 2; no traceback; nothing written; within
2 s and 200 MB. The huge cases (a 20 MB file, 10,000-deep nesting, an alias bomb)
are generated here at test time instead of being committed; expected.yaml lists them
too, with ``generated: true``.

Each case runs in a fresh folder holding only its copy, so file names in messages are
short and stable. Time is the child's wall time from start to exit, interpreter start
and imports included (nothing subtracted). Memory is held by a hard limit on the
child's address space (RLIMIT_AS, so a case that needs more dies with MemoryError),
and the child's peak RSS is measured too (its rusage, read by a small launcher process;
for the folder cases whose valid specs build, that includes Graphviz drawing their one-
or two-node diagrams).

Cases that show a bug in archgen carry ``xfail: <reason>`` in expected.yaml and run
as ``xfail(strict=True)``: the expectation states the correct behaviour, and the
test starts failing once the bug is fixed so that the marker is removed.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from helpers import TESTS
from icon_files import GENERATORS as ICON_GENERATORS

CORPUS = TESTS / "bad_specs"
EXPECTED_FILE = CORPUS / "expected.yaml"

TIME_LIMIT = 2.0  # seconds, wall time of the whole `archgen build` process
MEMORY_LIMIT = 200 * 1000 * 1000  # bytes of address space, and of peak RSS
KILL_AFTER = 2 * TIME_LIMIT  # a case still running then has failed anyway

LOCATED = re.compile(r"^.+:\d+:\d+: ")
# Lines archgen adds besides the problems, without a location by design: notes after
# them, and the one-line-per-stage progress of a build that is not on a terminal.
SUMMARY = re.compile(r"^archgen: note: |^\[\d+/\d+\] ")
# A message must not carry a control character to the terminal (a newline splits a
# problem over two lines; an escape sequence rewrites the screen).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


# -- generated cases ------------------------------------------------------------------

MIB = 1024 * 1024
SPEC_LIMIT = MIB  # archgen's documented maximum spec size


def _write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))


def _padded_notes(size: int, tail: str) -> str:
    """A spec of exactly ``size`` bytes: a long notes list, a padding comment, ``tail``."""
    head = "id: big\ntitle: Big\nnotes:\n"
    note = "  - a note that fills the file\n"
    count = (size - len(head) - len(tail) - 2) // len(note)
    filler = size - len(head) - len(tail) - count * len(note) - 2
    return head + note * count + "#" + "x" * filler + "\n" + tail


def _twenty_mb(folder: Path) -> None:
    _write(folder / "20-mb.yaml", _padded_notes(20 * MIB, ""))


def _one_byte_over(folder: Path) -> None:
    _write(folder / "one-byte-over.yaml", _padded_notes(SPEC_LIMIT + 1, ""))


def _at_the_limit(folder: Path) -> None:
    # Exactly the largest size archgen accepts, with one unknown key at the end.
    _write(folder / "at-the-limit.yaml", _padded_notes(SPEC_LIMIT, "colour: red\n"))


def _many_values(folder: Path) -> None:
    # 49,990 list items on one line: 150 kB, under both the size and value limits.
    _write(
        folder / "many-values.yaml",
        "id: many\ntitle: Many\nnotes: [" + "a, " * 49_989 + "a]\ncolour: red\n",
    )


def _alias_bomb(folder: Path) -> None:
    # "Billion laughs": ten lines that expand to 10^10 values.
    lines = [
        "id: bomb",
        "title: Bomb",
        "lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]",
    ]
    lines += [f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 10)}]" for i in range(1, 10)]
    _write(folder / "alias-bomb.yaml", "\n".join(lines) + "\n")


def _alias_chain(folder: Path) -> None:
    # Each item nests the one before one level deeper: 600 levels from 600 short lines,
    # while the file itself never nests more than three levels.
    lines = ["id: chain", "title: Chain", "anchors:", "  - &a0 [end]"]
    lines += [f"  - &a{i} [*a{i - 1}]" for i in range(1, 600)]
    _write(folder / "alias-chain.yaml", "\n".join(lines) + "\n")


DEPTH = 10_000


def _deep_flow_sequence(folder: Path) -> None:
    _write(
        folder / "deep-flow-sequence.yaml",
        "id: deep\ntitle: Deep\nnotes: " + "[" * DEPTH + "]" * DEPTH + "\n",
    )


def _deep_flow_mapping(folder: Path) -> None:
    _write(
        folder / "deep-flow-mapping.yaml",
        "id: deep\ntitle: Deep\nnotes: " + "{a: " * DEPTH + "b" + "}" * DEPTH + "\n",
    )


def _deep_block_sequence(folder: Path) -> None:
    _write(
        folder / "deep-block-sequence.yaml",
        "id: deep\ntitle: Deep\nnotes:\n" + "- " * DEPTH + "x\n",
    )


def _odd_file_names(folder: Path) -> None:
    # File names with a space and a colon (not committed: a colon breaks Windows checkouts).
    target = folder / "odd-file-names"
    target.mkdir()
    _write(target / "stage one.yaml", "id: stage one\ntitle: Space\n")
    _write(target / "a:b.yaml", "id: 'a:b'\ntitle: Colon\n")


def _forging_file_names(folder: Path) -> None:
    # File names that would print a line of their own, clear the screen, or reverse the
    # text, were they printed raw (not committed: such names do not belong in git).
    target = folder / "forging-file-names"
    target.mkdir()
    for name in ("x\nok.yaml:1:1: all good\ny.yaml", "\x1b[2J.yaml", "bidi\u202e.yaml"):
        _write(target / name, "id: forged\ntitle: [\n")


def _deep_groups(folder: Path) -> None:
    # 1,200 groups each inside the one before: resolve, drawing and pages walked them
    # recursively (RecursionError); groups may nest 32 deep.
    lines = ["id: deep", "title: Deep", "nodes:", "  web: {kind: ec2}", "groups:"]
    lines += [f"  g{i}: {{members: [g{i + 1}]}}" for i in range(1_199)]
    lines.append("  g1199: {members: [web]}")
    _write(folder / "deep-groups.yaml", "\n".join(lines) + "\n")


def _steps_on_one_edge(folder: Path) -> None:
    # Each step bound to an edge adds its number to the edge's label: past 100, Graphviz
    # would be handed a label it cannot read.
    head = "id: steps\ntitle: Steps\nnodes:\n  a: {kind: ec2}\n  b: {kind: rds}\n"
    edges = "edges:\n  - {id: e, from: a, to: b}\nsteps:\n"
    _write(folder / "steps-on-one-edge.yaml", head + edges + "  - {edge: e, text: t}\n" * 101)


def _labelled(name: str, label: str) -> str:
    return f"id: label\ntitle: Label\nnodes:\n  web: {{kind: ec2, label: {label}}}\n"


def _label_too_long(folder: Path) -> None:
    _write(folder / "label-too-long.yaml", _labelled("web", "x" * 2_001))


def _label_past_graphviz(folder: Path) -> None:
    # Graphviz reads at most 16,381 bytes in one string: this one failed the build (exit 3).
    _write(folder / "label-past-graphviz.yaml", _labelled("web", "'" + '"' * 20_000 + "'"))


def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "fifo.yaml")  # reading it would wait for a writer forever


def _folder_with_fifo(folder: Path) -> None:
    target = folder / "folder-with-fifo"
    target.mkdir()
    _write(target / "good.yaml", "id: good\ntitle: Good\n")
    os.mkfifo(target / "pipe.yaml")


def _link_to_device(folder: Path) -> None:
    target = folder / "link-to-device"
    target.mkdir()
    (target / "zero.yaml").symlink_to("/dev/zero")


def _link_out_of_folder(folder: Path) -> None:
    # What a pull request could add: a spec linked to a file elsewhere on the machine,
    # whose contents the errors would then quote.
    target = folder / "link-out-of-folder"
    target.mkdir()
    _write(folder / "secret.yaml", "id: secret\ntitle: Secret\ntoken: do-not-print\n")
    (target / "a.yaml").symlink_to("../secret.yaml")


def _sparse_gigabyte(folder: Path) -> None:
    # 1 GiB that takes no disk: it was read whole (13 to 17 s, 1 GB) before being refused.
    with (folder / "sparse-gigabyte.yaml").open("wb") as file:
        file.truncate(1024 * MIB)


def _huge_kind(folder: Path) -> None:
    # The message quoted the kind whole: one line of 200 kB.
    text = "id: huge\ntitle: Huge\nnodes:\n  web: {kind: " + "x" * 200_000 + "}\n"
    _write(folder / "huge-kind.yaml", text)


def _id_a_long_list(folder: Path) -> None:
    _write(folder / "id-a-long-list.yaml", "id: [" + ", ".join(["a"] * 20_000) + "]\ntitle: T\n")


GENERATORS: dict[str, Callable[[Path], None]] = {
    "size/20-mb.yaml": _twenty_mb,
    "size/one-byte-over.yaml": _one_byte_over,
    "size/at-the-limit.yaml": _at_the_limit,
    "size/many-values.yaml": _many_values,
    "bombs/alias-bomb.yaml": _alias_bomb,
    "bombs/alias-chain.yaml": _alias_chain,
    "bombs/deep-flow-sequence.yaml": _deep_flow_sequence,
    "bombs/deep-flow-mapping.yaml": _deep_flow_mapping,
    "bombs/deep-block-sequence.yaml": _deep_block_sequence,
    "ids/odd-file-names": _odd_file_names,
    "ids/forging-file-names": _forging_file_names,
    "bombs/deep-groups.yaml": _deep_groups,
    "bombs/steps-on-one-edge.yaml": _steps_on_one_edge,
    "texts/label-too-long.yaml": _label_too_long,
    "texts/label-past-graphviz.yaml": _label_past_graphviz,
    "files/fifo.yaml": _fifo,
    "files/folder-with-fifo": _folder_with_fifo,
    "files/link-to-device": _link_to_device,
    "files/link-out-of-folder": _link_out_of_folder,
    "files/sparse-gigabyte.yaml": _sparse_gigabyte,
    "unknown/huge-kind.yaml": _huge_kind,
    "ids/id-a-long-list.yaml": _id_a_long_list,
    **ICON_GENERATORS,
}


# -- the corpus -----------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str  # '<category>/<file or folder>', as in expected.yaml
    stderr: tuple[str, ...]  # exact lines, or full-line patterns when ``regex``
    regex: bool = False
    writes: tuple[str, ...] = ()  # files of *other*, valid specs in a folder case
    generated: bool = False
    xfail: str | None = None

    @property
    def target(self) -> str:
        """What `archgen build` is given: the file or folder's own name."""
        return self.name.rsplit("/", 1)[-1]

    @property
    def category(self) -> str:
        return self.name.split("/", 1)[0]


def load_corpus() -> list[Case]:
    raw = yaml.safe_load(EXPECTED_FILE.read_text(encoding="utf-8"))
    cases = []
    for name, entry in raw.items():
        if isinstance(entry, list):
            entry = {"stderr": entry}
        cases.append(
            Case(
                name,
                tuple(entry["stderr"]),
                regex=entry.get("regex", False),
                writes=tuple(entry.get("writes", ())),
                generated=entry.get("generated", False),
                xfail=entry.get("xfail"),
            )
        )
    return cases


CASES = load_corpus()


def _param(case: Case) -> pytest.ParameterSet:
    marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
    return pytest.param(case, id=case.name, marks=marks)


def materialize(case: Case, folder: Path) -> None:
    """Put the case into ``folder``: generated, or copied from the corpus."""
    if case.generated:
        GENERATORS[case.name](folder)
        return
    source = CORPUS / case.name
    if source.is_dir():
        shutil.copytree(source, folder / case.target)
    else:
        shutil.copyfile(source, folder / case.target)


# -- running archgen under the limits ---------------------------------------------------


@dataclass
class Run:
    code: int | None  # None: killed after KILL_AFTER seconds
    stdout: str
    stderr: str
    seconds: float
    max_rss: int  # bytes


# Runs the command it is given and reports its exit code, wall time and peak RSS. A
# child's ru_maxrss starts from its parent's resident size at the fork (vfork or fork:
# Linux carries the old memory's high-water mark over the exec), so measured from
# pytest, several hundred MB into a full run, every child would weigh at least pytest.
# This small process is the parent instead, and reads its children's peak.
_LAUNCHER = """
import resource, subprocess, sys, time
report, cap, *command = sys.argv[1:]

def limit():
    resource.setrlimit(resource.RLIMIT_AS, (int(cap), int(cap)))

start = time.monotonic()
code = subprocess.call(command, preexec_fn=limit if int(cap) else None)
seconds = time.monotonic() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
with open(report, "w") as out:
    out.write(f"{code} {seconds} {peak}")
"""


def run_limited(*args: str, cwd: Path, cap_memory: bool = True) -> Run:
    """`python -m archgen ARGS` in ``cwd``, timed, its memory capped and measured.

    The cap is inherited by Graphviz: a case in which a valid spec is drawn runs
    uncapped (``dot`` creating its threads can need more address space than that),
    with its peak RSS still measured (archgen's and Graphviz's, the larger)."""
    out_path, err_path = cwd.parent / f"{cwd.name}.stdout", cwd.parent / f"{cwd.name}.stderr"
    report = cwd.parent / f"{cwd.name}.measured"
    cap = str(MEMORY_LIMIT if cap_memory else 0)
    command = [sys.executable, "-c", _LAUNCHER, str(report), cap, sys.executable, "-m", "archgen"]
    with out_path.open("wb") as out, err_path.open("wb") as err:
        launcher = subprocess.Popen(
            [*command, *args],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,  # a kill takes archgen and Graphviz with it
        )
        try:
            launcher.wait(timeout=KILL_AFTER)
        except subprocess.TimeoutExpired:
            os.killpg(launcher.pid, signal.SIGKILL)
            launcher.wait()
    killed = not report.exists()
    code, seconds, peak = report.read_text().split() if not killed else ("0", "inf", "0")
    return Run(
        None if killed else int(code),
        out_path.read_text(encoding="utf-8", errors="backslashreplace"),
        err_path.read_text(encoding="utf-8", errors="backslashreplace"),
        float(seconds),
        int(peak),
    )


def written_files(output: Path) -> list[str]:
    """Files under ``output``, archgen's own bookkeeping (``.archgen/``) left out."""
    if not output.exists():
        return []
    return sorted(
        str(p.relative_to(output))
        for p in output.rglob("*")
        if p.is_file() and ".archgen" not in p.relative_to(output).parts
    )


def problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if not SUMMARY.match(line)]


# -- the tests ----------------------------------------------------------------------------


@pytest.mark.slow  # each case is quick; the hundred of them take half a minute
@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_bad_spec(case: Case, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    materialize(case, work)
    run = run_limited("build", case.target, "-o", "out", cwd=work, cap_memory=not case.writes)

    assert run.code is not None, f"still running after {KILL_AFTER:.0f} s (killed)"
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert "MemoryError" not in run.stderr, "needs more than the memory limit"
    assert run.code == 2, run.stderr[-3000:]
    lines = problem_lines(run.stderr)
    if case.regex:
        assert len(lines) == len(case.stderr), lines
        for line, pattern in zip(lines, case.stderr, strict=True):
            assert re.fullmatch(pattern, line), (line, pattern)
    else:
        assert lines == list(case.stderr)
    assert all(LOCATED.match(line) for line in lines), lines
    assert not CONTROL.search(run.stderr), ascii(run.stderr)
    assert written_files(work / "out") == sorted(case.writes)
    if not case.writes:  # not even archgen's bookkeeping, nor the folder
        assert not (work / "out").exists(), sorted(map(str, (work / "out").rglob("*")))
    print(f"{case.name}: {run.seconds:.2f} s, {run.max_rss / 1e6:.0f} MB peak RSS")
    assert run.seconds < TIME_LIMIT, f"took {run.seconds:.2f} s"
    assert run.max_rss < MEMORY_LIMIT, f"peak RSS {run.max_rss / 1e6:.0f} MB"


# `archgen validate` prints an error count after the problems.
ERROR_COUNT = re.compile(r"^\d+ error\(s\)$")


@pytest.mark.slow
@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_validate_finds_what_build_finds(case: Case, tmp_path: Path) -> None:
    """`archgen validate` refuses every case with the lines the build prints: what
    would fail a build (Graphviz refusing a label included) fails validation first."""
    work = tmp_path / "work"
    work.mkdir()
    materialize(case, work)
    run = run_limited("validate", case.target, cwd=work, cap_memory=not case.writes)

    assert run.code == 2, run.stderr[-3000:]
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    lines = [line for line in problem_lines(run.stderr) if not ERROR_COUNT.match(line)]
    if case.regex:
        assert len(lines) == len(case.stderr), lines
        for line, pattern in zip(lines, case.stderr, strict=True):
            assert re.fullmatch(pattern, line), (line, pattern)
    else:
        assert lines == list(case.stderr)
    assert not (work / "out").exists()


# -- the corpus itself -------------------------------------------------------------------


def _corpus_entries() -> set[str]:
    """Every '<category>/<entry>' on disk: a spec file or a folder of specs."""
    return {
        f"{category.name}/{entry.name}"
        for category in CORPUS.iterdir()
        if category.is_dir()
        for entry in category.iterdir()
    }


def test_every_corpus_file_has_an_expectation() -> None:
    on_disk = _corpus_entries()
    listed = {case.name for case in CASES if not case.generated}
    assert on_disk == listed, {
        "not in expected.yaml": sorted(on_disk - listed),
        "listed but missing": sorted(listed - on_disk),
    }


def test_every_generated_case_has_a_generator() -> None:
    generated = {case.name for case in CASES if case.generated}
    assert generated == set(GENERATORS)
    assert not generated & _corpus_entries(), "a generated case is also committed"


def test_corpus_covers_the_issue() -> None:
    """At least 40 bad specs, in every category the issue names."""
    assert len(CASES) >= 40
    categories = {case.category for case in CASES}
    assert {
        "syntax",
        "tabs",
        "encoding",
        "empty",
        "size",
        "types",
        "unknown",
        "duplicates",
        "dangling",
        "extends",
        "bombs",
        "tags",
        "ids",
    } <= categories


def test_expected_lines_name_their_file() -> None:
    """Every expected line starts with the case's own file (or a file of its folder)."""
    for case in CASES:
        for line in case.stderr:
            prefix = case.target.replace(".", "\\.") if case.regex else case.target
            assert line.startswith(prefix), (case.name, line)


def test_generated_sizes_are_exact(tmp_path: Path) -> None:
    _twenty_mb(tmp_path)
    _one_byte_over(tmp_path)
    _at_the_limit(tmp_path)
    assert (tmp_path / "20-mb.yaml").stat().st_size == 20 * MIB
    assert (tmp_path / "one-byte-over.yaml").stat().st_size == SPEC_LIMIT + 1
    assert (tmp_path / "at-the-limit.yaml").stat().st_size == SPEC_LIMIT


# -- what the limits cost before any spec is read ----------------------------------------


def test_startup_alone_fits_the_limits(tmp_path: Path) -> None:
    """The bounds are on the whole process. Should every case fail them, this tells
    whether start-up (Python, pydantic, diagrams) alone is the reason."""
    run = run_limited("--version", cwd=tmp_path)
    assert run.code == 0, run.stderr
    print(f"archgen --version: {run.seconds:.2f} s, {run.max_rss / 1e6:.0f} MB peak RSS")
    assert run.seconds < TIME_LIMIT
    assert run.max_rss < MEMORY_LIMIT


# -- "writes nothing", strictly ---------------------------------------------------------


def test_a_build_of_only_bad_specs_creates_nothing(tmp_path: Path) -> None:
    shutil.copyfile(CORPUS / "unknown" / "unknown-kind.yaml", tmp_path / "bad.yaml")
    run = run_limited("build", "bad.yaml", "-o", "out", cwd=tmp_path)
    assert run.code == 2
    assert not (tmp_path / "out").exists(), sorted(
        str(p.relative_to(tmp_path)) for p in (tmp_path / "out").rglob("*")
    )
