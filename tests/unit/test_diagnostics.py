"""The error hierarchy and the exit-code rule: one base, and the class decides the code."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil

import pytest

import archgen
from archgen.diagnostics import (
    ArchgenError,
    BadEnvironment,
    BadInput,
    Diagnostic,
    ExitCode,
    Location,
    Severity,
    error_count,
    printable,
    printable_lines,
)

# Importing archgen.__main__ would run the command line.
_NOT_IMPORTED = {"archgen.__main__"}


def _exception_classes_defined_in_archgen() -> dict[str, type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    for module_info in pkgutil.walk_packages(archgen.__path__, "archgen."):
        if module_info.name in _NOT_IMPORTED:
            continue
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, BaseException)
                and value.__module__ == module.__name__
            ):
                found[f"{module.__name__}.{name}"] = value
    return found


EXCEPTIONS = _exception_classes_defined_in_archgen()


def test_the_walk_finds_the_exceptions_of_every_step() -> None:
    expected = {
        "archgen.diagnostics.UsageError",
        "archgen.diagnostics.SpecError",
        "archgen.catalog.kind.UnknownKind",
        "archgen.draw.graphviz_output.RenderError",
        "archgen.draw.graphviz_output.GraphvizError",
        "archgen.draw.icons.IconError",
        "archgen.estimate.formula.FormulaError",
        "archgen.estimate.evaluate._Failure",
        "archgen.project.atomic.OutsideOutput",
    }
    assert expected <= set(EXCEPTIONS)


@pytest.mark.parametrize("name", sorted(EXCEPTIONS))
def test_every_archgen_exception_derives_from_one_base(name: str) -> None:
    assert issubclass(EXCEPTIONS[name], ArchgenError)


@pytest.mark.parametrize("name", sorted(set(EXCEPTIONS) - {"archgen.diagnostics.ArchgenError"}))
def test_every_archgen_exception_says_what_to_fix_and_so_its_exit_code(name: str) -> None:
    error = EXCEPTIONS[name]
    assert issubclass(error, (BadInput, BadEnvironment))
    assert error.exit_code in (ExitCode.BAD_INPUT, ExitCode.ENVIRONMENT)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("archgen.diagnostics.UsageError", 2),
        ("archgen.diagnostics.SpecError", 2),
        ("archgen.catalog.kind.UnknownKind", 2),
        ("archgen.estimate.formula.FormulaError", 2),
        ("archgen.draw.graphviz_output.RenderError", 3),
        ("archgen.draw.graphviz_output.GraphvizError", 3),
        ("archgen.draw.icons.IconError", 3),
        ("archgen.project.atomic.OutsideOutput", 3),
        ("archgen.project.atomic.WriteFailed", 3),
    ],
)
def test_the_class_decides_the_exit_code(name: str, code: int) -> None:
    error = EXCEPTIONS[name]
    assert issubclass(error, ArchgenError)
    assert error.exit_code == code


def test_exit_codes_are_those_the_readme_lists() -> None:
    assert {code.name: int(code) for code in ExitCode} == {
        "OK": 0,
        "DIFFERENT": 1,
        "BAD_INPUT": 2,
        "ENVIRONMENT": 3,
        "INTERRUPTED": 130,
    }


@pytest.mark.parametrize(
    ("codes", "highest"),
    [
        ((), ExitCode.OK),
        ((ExitCode.OK,), ExitCode.OK),
        ((ExitCode.OK, ExitCode.DIFFERENT), ExitCode.DIFFERENT),
        ((ExitCode.DIFFERENT, ExitCode.BAD_INPUT), ExitCode.BAD_INPUT),
        ((ExitCode.BAD_INPUT, ExitCode.DIFFERENT), ExitCode.BAD_INPUT),
        ((ExitCode.ENVIRONMENT, ExitCode.BAD_INPUT, ExitCode.DIFFERENT), ExitCode.ENVIRONMENT),
        ((ExitCode.OK, ExitCode.ENVIRONMENT, ExitCode.OK), ExitCode.ENVIRONMENT),
    ],
)
def test_the_highest_exit_code_wins(codes: tuple[ExitCode, ...], highest: ExitCode) -> None:
    assert ExitCode.highest(*codes) is highest


def test_warnings_are_not_counted_as_errors() -> None:
    at = Location("specs/a.yaml", 3, 5)
    diagnostics = [
        Diagnostic(at, "unknown kind"),
        Diagnostic(at, "label is long", Severity.WARNING),
        Diagnostic(at, "no such node"),
    ]
    assert error_count(diagnostics) == 2
    assert error_count(diagnostics[1:2]) == 0


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("specs/a\n b.yaml", "specs/a\\n b.yaml"),
        ("\x1b[2J.yaml", "\\x1b[2J.yaml"),
        ("bidi\u202eelif", "bidi\\u202eelif"),
        ("c1\x85\x9b", "c1\\x85\\x9b"),
        ("\udcff.yaml", "\\udcff.yaml"),  # an undecodable byte of a file name
        ("tab\there", "tab\\there"),
        ("데이터베이스 and\u3000spaces\xa0kept", "데이터베이스 and\u3000spaces\xa0kept"),
    ],
)
def test_printable_escapes_what_would_split_a_line_or_rewrite_the_terminal(
    text: str, shown: str
) -> None:
    assert printable(text) == shown
    assert printable(shown) == shown  # escaping twice changes nothing
    assert str(Location(text, 3, 5)) == f"{shown}:3:5"


def test_printable_lines_keeps_lines_and_tabs_and_json_stays_json() -> None:
    assert printable_lines("a\tb\nc\x1bd\n") == "a\tb\nc\\x1bd\n"
    value = "x\x85\u202e\U000e0001\ud800"
    dumped = json.dumps({"name": value}, ensure_ascii=False)
    assert json.loads(printable_lines(dumped, in_json=True)) == {"name": value}
