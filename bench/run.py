#!/usr/bin/env python3
"""archgen's benchmark: archgen, bare Graphviz and plain ``diagrams`` scripts, side by side.

    python bench/run.py            # the full run: 12, 100 and 500 specs; 50 to 1,000 nodes
    python bench/run.py --quick    # 12 and 100 specs; 100 and 1,000 nodes (a few minutes)

Everything is measured in the same run, on the same machine, one after another, and
judged by ratios. Short measurements are repeated and the median is kept; peak memory
is the maximum. See docs/performance.md for what each figure means.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import importlib.util
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


def _venv_python() -> str:
    candidate = ROOT / ".venv" / "bin" / "python"
    return str(candidate) if candidate.exists() else sys.executable


# The bench reads archgen's resolved stages and icon folder, and needs diagrams.
if importlib.util.find_spec("diagrams") is None and Path(_venv_python()) != Path(sys.executable):
    os.execv(_venv_python(), [_venv_python(), __file__, *sys.argv[1:]])

sys.path.insert(0, str(BENCH))
import corpus  # noqa: E402

PYTHON = _venv_python()
LAUNCH = str(BENCH / "launch.py")
STAGE_LANGUAGES = ("en", "ko")  # the repository's own configuration builds both

# --- targets ------------------------------------------------------------------------


@dataclass
class Target:
    measure: str
    value: float | None
    unit: str
    target: str
    ok: Callable[[float], bool]
    note: str = ""

    def row(self) -> list[str]:
        if self.value is None:
            return [self.measure, "not run", self.target, "SKIP"]
        value = f"{self.value:.2f}{self.unit}" if self.unit != " MB" else f"{self.value:.0f} MB"
        return [self.measure, value, self.target, "PASS" if self.ok(self.value) else "FAIL"]


# --- running things -----------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    code: int = 0
    cpu: float = 0.0  # user + system seconds of the process and every process it ran
    peak_mb: float = 0.0
    dot_seconds: float = 0.0  # time inside Graphviz, when run under the logging wrapper
    dot_runs: int = 0
    built: int = 0  # stages archgen says it built (a no-op must say 0)
    stderr: str = ""


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def wall(runs: Sequence[Run]) -> float:
    return median([run.seconds for run in runs])


def cpu(runs: Sequence[Run]) -> float:
    return median([run.cpu for run in runs])


def _children_cpu() -> float:
    """CPU seconds of every finished child and grandchild (dot, under archgen) so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Bench:
    def __init__(self, work: Path, repeat: int) -> None:
        self.work = work
        self.repeat = repeat
        dot = shutil.which("dot")
        if dot is None:
            sys.exit("bench: Graphviz's 'dot' is not on the PATH")
        self.dot = dot  # not realpath: Debian links dot to a wrapper named otherwise
        from archgen.draw.icons import icon_root

        self.icon_root = icon_root()
        # Bytecode is cached in the work folder, as it would be in a user's install
        # (PYTHONDONTWRITEBYTECODE would make every run compile archgen again), and
        # nothing is written into the repository.
        self.env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        self.env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        self.env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(work / "snapshot"), self.env.get("PYTHONPATH")])
        )
        self.wrapper = self._write_dot_wrapper()

    def _write_dot_wrapper(self) -> Path:
        """A `dot` that logs how long the real one ran: Graphviz's share of a build."""
        folder = self.work / "wrap"
        folder.mkdir(parents=True, exist_ok=True)
        wrapper = folder / "dot"
        wrapper.write_text(
            "#!/bin/sh\n"
            "start=$(date +%s%N)\n"
            f'"{self.dot}" "$@"\n'
            "code=$?\n"
            'echo "$start $(date +%s%N)" >> "$ARCHGEN_BENCH_DOT_LOG"\n'
            "exit $code\n",
            encoding="utf-8",
        )
        wrapper.chmod(0o755)
        return folder

    def archgen(self, argv: Sequence[str], *, time_dot: bool = False, check: bool = True) -> Run:
        """One archgen process, timed from outside, its own peak memory from inside."""
        report = self.work / "launch.json"
        env = dict(self.env)
        dot_log = self.work / "dot.log"
        if time_dot:
            dot_log.unlink(missing_ok=True)
            env["PATH"] = f"{self.wrapper}{os.pathsep}{env.get('PATH', '')}"
            env["ARCHGEN_BENCH_DOT_LOG"] = str(dot_log)
        report.unlink(missing_ok=True)
        before, start = _children_cpu(), time.perf_counter()
        done = subprocess.run(
            [PYTHON, LAUNCH, str(report), *argv],
            cwd=self.work,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        seconds, used = time.perf_counter() - start, _children_cpu() - before
        data = json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}
        built = re.search(r"(\d+) built", done.stdout)
        run = Run(
            seconds,
            done.returncode,
            used,
            data.get("peak_kib", 0) / 1024,
            built=int(built.group(1)) if built else 0,
            stderr=done.stderr,
        )
        if time_dot and dot_log.exists():
            spans = [tuple(map(int, line.split())) for line in dot_log.read_text().splitlines()]
            run.dot_seconds = _union_seconds(spans)
            run.dot_runs = len(spans)
        if check and done.returncode != 0:
            raise BenchError(
                f"archgen {' '.join(argv)} exited {done.returncode}:\n{done.stderr.strip()}"
            )
        return run

    def bare_dot(
        self,
        dots: Sequence[Path],
        out: Path,
        *,
        combined: bool = False,
        formats: Sequence[str] = ("svg", "png"),
    ) -> Run:
        """Graphviz alone on the DOT sources, one process after another.

        Separate (the default): one process per diagram and format, as ``diagrams``
        renders. Combined: one process per diagram for all formats, as archgen runs it.
        """
        out.mkdir(parents=True, exist_ok=True)
        commands = []
        for index, dot in enumerate(dots):
            targets = [[f"-T{fmt}", f"-o{out / f'{index}-{dot.stem}.{fmt}'}"] for fmt in formats]
            if combined:
                commands.append([self.dot, *(arg for pair in targets for arg in pair), str(dot)])
            else:
                commands += [[self.dot, *pair, str(dot)] for pair in targets]
        before, start = _children_cpu(), time.perf_counter()
        for command in commands:
            subprocess.run(
                command,
                cwd=self.icon_root,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=True,
            )
        return Run(time.perf_counter() - start, cpu=_children_cpu() - before)

    def scripts(self, paths: Sequence[Path]) -> Run:
        """Plain diagrams scripts, one Python process each, one after another."""
        before, start = _children_cpu(), time.perf_counter()
        for path in paths:
            subprocess.run(
                [PYTHON, path.name],
                cwd=path.parent,
                env=self.env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=True,
            )
        return Run(time.perf_counter() - start, cpu=_children_cpu() - before)

    def rounds(self, first_seconds: float) -> int:
        """Repeat what is short; a measurement of half a minute or more is not that noisy."""
        return 1 if first_seconds > 30 else self.repeat


class BenchError(Exception):
    pass


def snapshot_archgen(work: Path) -> Path:
    """Copy archgen's code and templates: the whole run measures one version of it.

    archgen hashes its own code into every stage's inputs, so an edit to archgen/
    while the benchmark runs (a colleague, an editor's autosave) would turn a no-op
    rebuild into a full one. Every archgen process, and this one, imports the copy.
    """
    snapshot = work / "snapshot"
    shutil.rmtree(snapshot, ignore_errors=True)
    shutil.copytree(
        ROOT / "archgen", snapshot / "archgen", ignore=shutil.ignore_patterns("__pycache__")
    )
    if (ROOT / "templates").is_dir():  # where a source checkout keeps them
        shutil.copytree(ROOT / "templates", snapshot / "templates")
    sys.path.insert(0, str(snapshot))
    for name in [name for name in sys.modules if name.split(".")[0] == "archgen"]:
        del sys.modules[name]
    return snapshot


def _union_seconds(spans: Sequence[tuple[int, ...]]) -> float:
    """Wall time during which at least one Graphviz process ran (spans in nanoseconds)."""
    total, end = 0, 0
    for start, stop in sorted(spans):
        if stop <= end:
            continue
        total += stop - max(start, end)
        end = stop
    return total / 1e9


def effective_cores(seconds: float = 0.4) -> float:
    """How many cores this run really gets now: the machine may be shared."""
    code = f"import time\nt=time.perf_counter()\nwhile time.perf_counter()-t<{seconds}: pass\n"
    count = os.cpu_count() or 1

    def burn(workers: int) -> float:
        """CPU time done per wall second by ``workers`` busy processes."""
        start = time.perf_counter()
        before = os.times()
        procs = [subprocess.Popen([sys.executable, "-c", code]) for _ in range(workers)]
        for proc in procs:
            proc.wait()
        after = os.times()
        cpu = (
            after.children_user
            - before.children_user
            + after.children_system
            - before.children_system
        )
        return cpu / (time.perf_counter() - start)

    return round(min(float(count), burn(count)), 2)


# --- what is measured ---------------------------------------------------------------


def stage_dots(folder: Path, stage_ids: set[str]) -> list[Path]:
    """The DOT files of the stage diagrams in a built output folder, every language."""
    return sorted(p for p in folder.rglob("*.dot") if p.stem in stage_ids)


def resolved_stages(spec_folder: Path) -> list:
    from archgen.pipeline import load_and_resolve

    stages, _ = load_and_resolve([spec_folder])
    return stages


def leaf_spec(stages: list) -> Path:
    """A spec no other extends (so editing it rebuilds one stage): the last such."""
    parents = {stage.parent.id for stage in stages if stage.parent is not None}
    leaves = [stage for stage in stages if stage.id not in parents]
    return Path(max(leaves, key=lambda stage: stage.sort_key).source)


def edit_title(path: Path, number: int) -> None:
    """Change the spec's title (a visible change: the diagram and both pages change)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    out, skipping = [], False
    for line in lines:
        if skipping and line[:1] in (" ", "\t"):
            continue  # the rest of a title written over several lines
        skipping = False
        if line.startswith("title:"):
            out.append(f'title: "Edited by the benchmark ({number})"\n')
            skipping = True
            continue
        out.append(line)
    path.write_text("".join(out), encoding="utf-8")


_IMAGE = re.compile(r'\bimage="([^"]+)"')


def svg_budget(dot: Path, plain_svg: Path, icon_root: Path) -> tuple[int, int, int]:
    """Graphviz's own SVG size, and what each distinct icon costs once as base64."""
    icons: dict[bytes, int] = {}
    for relative in set(_IMAGE.findall(dot.read_text(encoding="utf-8"))):
        data = (icon_root / relative).read_bytes()
        icons[hashlib.sha256(data).digest()] = len(base64.b64encode(data))
    return plain_svg.stat().st_size, sum(icons.values()), len(icons)


@dataclass
class CorpusResult:
    name: str
    specs: int
    diagrams: int
    cold: list[Run] = field(default_factory=list)
    noop: list[Run] = field(default_factory=list)
    changed: list[Run] = field(default_factory=list)
    bare_separate: list[Run] = field(default_factory=list)  # svg, png: a process each
    bare_combined: list[Run] = field(default_factory=list)  # svg and png in one process
    bare_svg: list[Run] = field(default_factory=list)  # svg alone: what PNG costs
    scripts: list[Run] = field(default_factory=list)
    cold_svg_only: list[Run] = field(default_factory=list)  # archgen --format svg
    cold_one_job: list[Run] = field(default_factory=list)  # archgen --jobs 1
    notes: list[str] = field(default_factory=list)

    def peak_mb(self) -> float:
        return max((run.peak_mb for run in [*self.cold, *self.noop, *self.changed]), default=0)


@dataclass
class SvgSize:
    name: str
    archgen: int
    plain: int
    icons: int
    distinct_icons: int

    @property
    def ratio(self) -> float:
        return self.archgen / (self.plain + self.icons)


@dataclass
class NodesResult:
    nodes: int
    edges: int
    columns: int = 1
    builds: list[Run] = field(default_factory=list)
    bare_combined: list[Run] = field(default_factory=list)
    bare_separate: list[Run] = field(default_factory=list)
    svg: SvgSize | None = None

    def own(self) -> float:
        return median([run.seconds - run.dot_seconds for run in self.builds])

    def dot(self) -> float:
        return median([run.dot_seconds for run in self.builds])


def measure_corpus(
    bench: Bench,
    name: str,
    specs: Path,
    languages: tuple[str, ...],
    *,
    with_scripts: bool = False,
    with_bare: bool = True,
    script_rounds: int = 1,
) -> tuple[CorpusResult, list[SvgSize]]:
    """Cold build, no-op rebuild and one changed spec; bare dot and scripts beside them."""
    work = bench.work / name
    common = ["--lang", ",".join(languages), "-q"]
    log(f"{name}: reference build with --format svg,png,dot (not timed)")
    reference = work / "reference"
    bench.archgen(["build", str(specs), "-o", str(reference), "--format", "svg,png,dot", *common])
    stages = resolved_stages(specs)
    dots = stage_dots(reference, {stage.id for stage in stages})
    result = CorpusResult(name, len(list(specs.rglob("*.y*ml"))), len(dots))
    script_paths = []
    if with_scripts:
        import scripts  # it reads archgen's layout settings: after the snapshot

        script_paths = scripts.write_scripts(stages, languages, work / "scripts")
        bench.scripts(script_paths[:1])  # warm up: bytecode of diagrams into the cache
    leaf = leaf_spec(stages)
    rounds, round_ = bench.repeat, 0
    while round_ < rounds:
        out = work / f"out-{round_}"
        shutil.rmtree(out, ignore_errors=True)
        build = ["build", str(specs), "-o", str(out), "--format", "svg,png", *common]
        log(f"{name}: round {round_ + 1}/{rounds}: archgen cold build")
        cold = bench.archgen(build)
        result.cold.append(cold)
        if round_ == 0:
            rounds = bench.rounds(cold.seconds)
        for _ in range(3 if cold.seconds < 30 else 1):
            result.noop.append(bench.archgen(build))
            if result.noop[-1].built:
                result.notes.append(
                    f"{name}: a no-op rebuild built {result.noop[-1].built} "
                    "stage(s); its time is not that of a no-op"
                )
        edit_title(leaf, round_ + 1)
        result.changed.append(bench.archgen(build))
        if with_bare:
            log(f"{name}: round {round_ + 1}/{rounds}: bare dot, {len(dots)} diagrams")
            result.bare_separate.append(bench.bare_dot(dots, work / "bare"))
            result.bare_combined.append(bench.bare_dot(dots, work / "bare-1", combined=True))
            result.bare_svg.append(bench.bare_dot(dots, work / "bare-svg", formats=("svg",)))
        if script_paths and round_ < script_rounds:
            log(f"{name}: round {round_ + 1}/{rounds}: {len(script_paths)} diagrams scripts")
            result.scripts.append(bench.scripts(script_paths))
        if with_scripts:  # the repository's specs: what PNG and parallel jobs change
            log(f"{name}: round {round_ + 1}/{rounds}: archgen --format svg; archgen --jobs 1")
            variant = work / "variant"
            shutil.rmtree(variant, ignore_errors=True)
            result.cold_svg_only.append(
                bench.archgen(["build", str(specs), "-o", str(variant), "--format", "svg", *common])
            )
            shutil.rmtree(variant, ignore_errors=True)
            result.cold_one_job.append(
                bench.archgen(
                    [
                        "build",
                        str(specs),
                        "-o",
                        str(variant),
                        "--format",
                        "svg,png",
                        "--jobs",
                        "1",
                        *common,
                    ]
                )
            )
        round_ += 1
    sizes = []
    if with_bare:
        for index, dot in enumerate(dots):
            plain, icons, distinct = svg_budget(
                dot, work / "bare" / f"{index}-{dot.stem}.svg", bench.icon_root
            )
            archgen_svg = dot.with_suffix(".svg").stat().st_size
            label = f"{name}/{dot.relative_to(reference).with_suffix('.svg')}"
            sizes.append(SvgSize(label, archgen_svg, plain, icons, distinct))
    return result, sizes


def measure_nodes(bench: Bench, nodes: int, columns: int = 1) -> NodesResult:
    """One spec of ``nodes`` nodes and 2 x ``nodes`` edges: archgen's time beside dot's.

    ``columns``: services side by side in a row (1: one service under the other).
    """
    work = bench.work / f"nodes-{nodes}-{columns}"
    spec = work / f"big-{nodes}.yaml"
    count, edges = corpus.write_big_spec(spec, nodes, 2 * nodes, columns=columns)
    result = NodesResult(count, edges, columns)
    reference = work / "reference"
    log(f"{count} nodes, {columns} a row: reference build with --format svg,dot (not timed)")
    bench.archgen(
        ["build", str(spec), "-o", str(reference), "--format", "svg,dot", "--lang", "en", "-q"]
    )
    dot = next(reference.glob("*.dot"))
    rounds, round_ = bench.repeat, 0
    while round_ < rounds:
        out = work / f"out-{round_}"
        shutil.rmtree(out, ignore_errors=True)
        log(f"{count} nodes, {columns} a row: round {round_ + 1}/{rounds}: archgen build")
        run = bench.archgen(
            ["build", str(spec), "-o", str(out), "--format", "svg,png", "--lang", "en", "-q"],
            time_dot=True,
        )
        result.builds.append(run)
        if round_ == 0:
            rounds = bench.rounds(run.seconds)
        result.bare_combined.append(bench.bare_dot([dot], work / "bare-1", combined=True))
        result.bare_separate.append(bench.bare_dot([dot], work / "bare"))
        round_ += 1
    plain, icons, distinct = svg_budget(dot, work / "bare" / f"0-{dot.stem}.svg", bench.icon_root)
    archgen_svg = (work / "out-0" / f"{dot.stem}.svg").stat().st_size
    result.svg = SvgSize(f"{count} nodes", archgen_svg, plain, icons, distinct)
    return result


# --- printing -----------------------------------------------------------------------


def table(headers: list[str], rows: list[list[str]]) -> str:
    columns = zip(headers, *rows, strict=True)
    widths = [max(len(str(cell)) for cell in column) for column in columns]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "| " + " | ".join("-" * w for w in widths) + " |"
    return "\n".join([line(headers), rule, *(line(row) for row in rows)])


def secs(value: float) -> str:
    return f"{value:.2f} s"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="12 and 100 specs, 100 and 1,000 nodes, fewer script rounds; "
        "the 500-spec target is skipped",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="rounds of each measurement under 30 s; the median is kept (3)",
    )
    parser.add_argument(
        "--sizes",
        type=lambda v: [int(x) for x in v.split(",")],
        help="synthetic corpus sizes in specs (full: 12,100,500)",
    )
    parser.add_argument(
        "--nodes",
        type=lambda v: [int(x) for x in v.split(",")],
        help="node counts of the one-spec growth; the largest is judged "
        "(full: 50,100,250,500,1000)",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="work in DIR and keep it (default: a temporary folder, removed)",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when a target fails (the default only reports it)",
    )
    args = parser.parse_args(argv)
    sizes = args.sizes or ([12, 100] if args.quick else [12, 100, 500])
    node_counts = sorted(
        set(args.nodes or ([100, 1000] if args.quick else [50, 100, 250, 500, 1000]))
    )

    work = (args.keep or Path(tempfile.mkdtemp(prefix="archgen-bench-"))).resolve()
    work.mkdir(parents=True, exist_ok=True)
    for old in [*work.glob("repo"), *work.glob("specs-*"), *work.glob("nodes-*")]:
        shutil.rmtree(old)  # a kept folder of an earlier run; the bytecode cache stays
    try:
        snapshot_archgen(work)
        return _run(Bench(work, max(1, args.repeat)), args, sizes, node_counts)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def _run(bench: Bench, args: argparse.Namespace, sizes: list[int], node_counts: list[int]) -> int:
    started = time.perf_counter()
    cores = os.cpu_count() or 1
    log(f"work folder {bench.work}; checking how many cores are free")
    free = effective_cores()

    # The repository's own specs, in a copy: the one-changed measurement edits a spec.
    specs = bench.work / "repo" / "specs"
    shutil.copytree(ROOT / "specs", specs)
    notes = []
    try:  # also warms the bytecode cache
        bench.archgen(
            [
                "build",
                str(specs),
                "-o",
                str(bench.work / "repo" / "check"),
                "--lang",
                ",".join(STAGE_LANGUAGES),
                "-q",
            ]
        )
    except BenchError as error:
        estimates = specs / "estimates"
        if not estimates.exists():
            raise
        shutil.rmtree(estimates)
        first = str(error).splitlines()[1:2]
        notes.append(
            "specs/estimates/ left out: archgen could not build it "
            f"({first[0] if first else 'no message'})"
        )
        log(notes[-1])
    repo, repo_sizes = measure_corpus(
        bench,
        "repo",
        specs,
        STAGE_LANGUAGES,
        with_scripts=True,
        script_rounds=1 if args.quick else 2,
    )
    repo.notes += notes

    corpora = []
    for size in sizes:
        folder = bench.work / f"specs-{size}" / "specs"
        corpus.write_corpus(folder, size)
        result, _ = measure_corpus(bench, f"specs-{size}", folder, ("en",))
        corpora.append(result)

    by_nodes = [measure_nodes(bench, n) for n in node_counts]
    big = by_nodes[-1]  # the largest: 1,000 nodes unless --nodes says otherwise
    if not args.quick:  # the same size drawn wider: a bigger picture, more work for dot
        by_nodes.append(measure_nodes(bench, node_counts[-1], columns=6))
    print(
        report(
            bench,
            args,
            repo,
            repo_sizes,
            corpora,
            by_nodes,
            big,
            cores,
            free,
            time.perf_counter() - started,
        )
    )
    targets = _targets(repo, repo_sizes, corpora, big)
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "targets": {t.measure: t.value for t in targets},
                    "repo": _plain(repo),
                    "corpora": [_plain(c) for c in corpora],
                    "nodes": [_plain(r) for r in by_nodes],
                    "svg": [_plain(s) for s in [*repo_sizes, big.svg]],
                    "cores": cores,
                    "free_cores": free,
                },
                indent=2,
            ),
            encoding="utf-8",
        )
    failed = any(t.value is not None and not t.ok(t.value) for t in targets)
    return 1 if failed and args.strict else 0


def _targets(
    repo: CorpusResult, repo_sizes: list[SvgSize], corpora: list[CorpusResult], big: NodesResult
) -> list[Target]:
    five_hundred = next((c for c in corpora if c.specs >= 500), None)
    worst_svg = max([*repo_sizes, big.svg], key=lambda s: s.ratio)
    return [
        Target(
            "specs/: cold build / serial bare dot",
            wall(repo.cold) / wall(repo.bare_separate),
            "x",
            "<= 0.65",
            lambda v: v <= 0.65,
        ),
        Target(
            "specs/: plain diagrams scripts / cold build",
            wall(repo.scripts) / wall(repo.cold),
            "x",
            ">= 4",
            lambda v: v >= 4,
        ),
        Target("specs/: no-op rebuild", wall(repo.noop), " s", "< 0.3 s", lambda v: v < 0.3),
        Target(
            "500 specs: no-op rebuild",
            wall(five_hundred.noop) if five_hundred else None,
            " s",
            "< 1.5 s",
            lambda v: v < 1.5,
        ),
        Target(
            f"{big.nodes} nodes: archgen's own time / Graphviz's",
            big.own() / big.dot(),
            "x",
            "< 0.10",
            lambda v: v < 0.10,
        ),
        Target(
            f"{big.nodes} nodes: archgen's peak memory",
            max(r.peak_mb for r in big.builds),
            " MB",
            "< 300 MB",
            lambda v: v < 300,
        ),
        Target(
            "SVG / (dot's SVG + each icon once), worst",
            worst_svg.ratio,
            "x",
            "<= 1.2",
            lambda v: v <= 1.2,
        ),
    ]


def report(
    bench: Bench,
    args: argparse.Namespace,
    repo: CorpusResult,
    repo_sizes: list[SvgSize],
    corpora: list[CorpusResult],
    by_nodes: list[NodesResult],
    big: NodesResult,
    cores: int,
    free: float,
    took: float,
) -> str:
    targets = _targets(repo, repo_sizes, corpora, big)
    from archgen.incremental.manifest import builder_version

    out = [
        f"archgen {builder_version()} benchmark: {cores} cores ({free} free when it "
        "started), Graphviz "
        f"{_dot_version(bench.dot)}, Python {sys.version.split()[0]}, archgen --jobs "
        f"default ({cores}); times are medians of up to {bench.repeat} rounds",
        "",
    ]
    out.append(table(["measure", "value", "target", "result"], [t.row() for t in targets]))

    cold = repo.cold
    out += [
        "",
        f"Side by side on specs/ ({repo.diagrams} stage diagrams: 12 stages in en and "
        "ko; svg + png). CPU = user + system time of every process, Graphviz included:",
    ]
    rows = []
    for what, runs in [
        ("archgen cold build", cold),
        ("archgen no-op rebuild", repo.noop),
        ("archgen, one spec changed", repo.changed),
        ("archgen cold build, --jobs 1", repo.cold_one_job),
        ("archgen cold build, --format svg (no PNG)", repo.cold_svg_only),
        ("bare dot: a process per diagram and format, serial", repo.bare_separate),
        ("bare dot: a process per diagram, both formats, serial", repo.bare_combined),
        ("bare dot: svg only, a process per diagram, serial", repo.bare_svg),
        ("plain diagrams scripts: a process each, serial", repo.scripts),
    ]:
        rows.append(
            [
                what,
                secs(wall(runs)),
                secs(cpu(runs)),
                f"{wall(runs) / wall(cold):.2f}",
                f"{cpu(runs) / cpu(cold):.2f}",
            ]
        )
    out.append(table(["what", "wall", "CPU", "wall / cold", "CPU / cold"], rows))
    png_share = 1 - cpu(repo.bare_svg) * 2 / cpu(repo.bare_separate) if repo.bare_svg else 0
    out.append(
        f"archgen's peak memory on specs/: {repo.peak_mb():.0f} MB. PNG is "
        f"{png_share:.0%} of bare dot's CPU time (svg alone, twice, vs svg + png)."
    )
    if repo.bare_combined:  # what archgen could reach if its own time were nothing
        floor = wall(repo.bare_combined) / cores
        out.append(
            f"Graphviz alone, one process per diagram for both formats and every core "
            f"busy, would take {secs(floor)}: plain diagrams scripts / that = "
            f"{wall(repo.scripts) / floor:.2f}x, the most any cold build could show "
            f"on this machine."
        )
    out += [f"note: {note}" for c in [repo, *corpora] for note in c.notes]

    out += [
        "",
        "Growth with the number of specs (synthetic, en only; 8 to 30 nodes a spec, in "
        "systems of up to 4 stages that extend each other):",
    ]
    rows = []
    for c in [repo, *corpora]:
        bare = wall(c.bare_separate) if c.bare_separate else None
        rows.append(
            [
                "specs/ (en, ko)" if c is repo else str(c.specs),
                str(c.diagrams),
                secs(wall(c.cold)),
                f"{wall(c.cold) / c.diagrams * 1000:.0f} ms",
                secs(bare) if bare else "not run",
                f"{wall(c.cold) / bare:.2f}" if bare else "-",
                f"{cpu(c.cold) / cpu(c.bare_separate):.2f}" if bare else "-",
                secs(wall(c.noop)),
                f"{wall(c.noop) / c.specs * 1000:.1f} ms",
                secs(wall(c.changed)),
                f"{c.peak_mb():.0f} MB",
            ]
        )
    out.append(
        table(
            [
                "specs",
                "diagrams",
                "cold",
                "cold / diagram",
                "bare dot",
                "cold / bare",
                "CPU cold / bare",
                "no-op",
                "no-op / spec",
                "one changed",
                "peak memory",
            ],
            rows,
        )
    )

    out += [
        "",
        "Growth with the number of nodes (one spec, 2 edges a node, svg + png, en; "
        "services of 25 nodes one under the other unless said; 'in dot' is timed by a "
        "wrapper around dot during the build):",
    ]
    rows = []
    for r in by_nodes:
        shape = f"{r.nodes}" + (f" ({r.columns} services a row)" if r.columns > 1 else "")
        rows.append(
            [
                shape,
                str(r.edges),
                secs(wall(r.builds)),
                secs(r.dot()),
                secs(r.own()),
                f"{r.own() / r.dot():.2f}",
                f"{r.own() / r.nodes * 1000:.2f} ms",
                secs(wall(r.bare_combined)),
                secs(wall(r.bare_separate)),
                f"{max(b.peak_mb for b in r.builds):.0f} MB",
                f"{r.svg.ratio:.2f}" if r.svg else "-",
            ]
        )
    out.append(
        table(
            [
                "nodes",
                "edges",
                "archgen",
                "in dot",
                "archgen own",
                "own / dot",
                "own / node",
                "bare dot, 1 process",
                "bare dot, svg + png",
                "peak memory",
                "SVG ratio",
            ],
            rows,
        )
    )

    out += [
        "",
        "SVG size, the largest ratios (bytes; icons: each distinct one once, "
        "base64 as in a data: URI):",
    ]
    rows = [
        [
            s.name,
            f"{s.archgen:,}",
            f"{s.plain:,}",
            f"{s.icons:,} ({s.distinct_icons})",
            f"{s.ratio:.2f}",
        ]
        for s in sorted([*repo_sizes, big.svg], key=lambda s: -s.ratio)[:5]
    ]
    out.append(table(["diagram", "archgen SVG", "dot's SVG", "icons once", "ratio"], rows))
    out += [
        "",
        f"Measured in {took:.0f} s. Reproduce: python bench/run.py"
        + (" --quick" if args.quick else ""),
    ]
    return "\n".join(out)


def _dot_version(dot: str) -> str:
    done = subprocess.run([dot, "-V"], capture_output=True, text=True, check=False)
    found = re.search(r"version (\S+)", done.stderr)
    return found.group(1) if found else "unknown"


def _plain(value: object) -> object:
    import dataclasses

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name != "stderr"
        }
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


if __name__ == "__main__":
    sys.exit(main())
