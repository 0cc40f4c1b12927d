"""Run archgen's command line in this process and record its own peak memory.

``python bench/launch.py REPORT.json build ...`` does what the ``archgen`` console
script does (``archgen.cli.main``), then writes the exit code and the peak resident
memory of this process alone, leaving out the Graphviz processes archgen starts (which
``RUSAGE_CHILDREN`` or ``/usr/bin/time`` would count in).

The peak is ``VmHWM`` of ``/proc/self/status``, the high-water mark of this process's
own memory since it started. ``ru_maxrss`` would not do: Linux carries it over an
``exec``, so a child started by ``vfork`` (as Python's subprocess does) reports the
peak of the benchmark process that started it.
"""

from __future__ import annotations

import json
import resource
import sys


def main() -> int:
    report, argv = sys.argv[1], sys.argv[2:]
    code: object = 1
    try:
        from archgen.cli import main as archgen_main

        code = archgen_main(argv)
    except SystemExit as exit_:  # argparse and friends
        code = exit_.code
    finally:
        peak_kib = _peak_kib()
        with open(report, "w", encoding="utf-8") as handle:
            json.dump({"code": code, "peak_kib": peak_kib}, handle)
    return code if isinstance(code, int) else 1


def _peak_kib() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])  # kB
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return peak // 1024 if sys.platform == "darwin" else peak


if __name__ == "__main__":
    sys.exit(main())
