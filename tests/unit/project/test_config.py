"""Configuration: [tool.archgen] in pyproject.toml or archgen.toml, found by walking up,
checked key by key, with paths relative to the file that sets them."""

from __future__ import annotations

from pathlib import Path

import pytest

from archgen.diagnostics import SpecError
from archgen.project.config import Config, find_config


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems(start: Path) -> list[str]:
    with pytest.raises(SpecError) as caught:
        find_config(start)
    return [str(d) for d in caught.value.diagnostics]


def test_tool_archgen_in_pyproject_is_found_from_a_subfolder(tmp_path: Path) -> None:
    pyproject = write(
        tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.archgen]\noutput = "site"\n'
    )
    (tmp_path / "docs" / "deep").mkdir(parents=True)
    config = find_config(tmp_path / "docs" / "deep")
    assert config.source == pyproject
    assert config.values == {"output": "site"}


def test_no_configuration_gives_an_empty_one(tmp_path: Path) -> None:
    config = find_config(tmp_path)
    assert (config.get("output", "output"), config.path("output")) == ("output", None)


def test_pyproject_without_tool_archgen_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[tool.archgen]\noutput = "outer"\n')
    write(tmp_path, "sub/pyproject.toml", '[project]\nname = "inner"\n')
    assert find_config(tmp_path / "sub").values == {"output": "outer"}


def test_archgen_toml_is_preferred_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[tool.archgen]\noutput = "from-pyproject"\n')
    archgen_toml = write(tmp_path, "archgen.toml", 'output = "from-archgen-toml"\n')
    config = find_config(tmp_path)
    assert (config.source, config.get("output")) == (archgen_toml, "from-archgen-toml")


def test_nearest_folder_wins(tmp_path: Path) -> None:
    write(tmp_path, "archgen.toml", 'output = "outer"\n')
    write(tmp_path, "sub/pyproject.toml", '[tool.archgen]\noutput = "inner"\n')
    assert find_config(tmp_path / "sub").get("output") == "inner"


def test_every_documented_key_is_accepted(tmp_path: Path) -> None:
    write(
        tmp_path,
        "archgen.toml",
        'specs = ["specs"]\noutput = "out"\nformats = ["svg"]\n'
        'languages = ["en", "ko"]\ntemplates = "tpl"\ngraphviz-timeout = 30\n',
    )
    (tmp_path / "tpl").mkdir()
    config = find_config(tmp_path)
    assert config.get("graphviz-timeout") == 30
    assert config.get("languages") == ["en", "ko"]


def test_unknown_key_with_suggestion_and_location(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.archgen]\n  outpt = "site"\nlanguage = ["ko"]\n',
    )
    assert problems(tmp_path) == [
        f"{path}:5:3: unknown archgen setting 'outpt' (did you mean 'output'?)",
        f"{path}:6:1: unknown archgen setting 'language' (did you mean 'languages'?)",
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("output = 1", "archgen setting 'output' must be a non-empty string naming a path"),
        ('formats = "svg"', "archgen setting 'formats' must be a non-empty list of strings"),
        ("languages = []", "archgen setting 'languages' must be a non-empty list of strings"),
        ("specs = [1]", "archgen setting 'specs' must be a non-empty list of strings"),
        (
            "graphviz-timeout = true",
            "archgen setting 'graphviz-timeout' must be a number, not true or false",
        ),
        (
            'graphviz-timeout = "30"',
            "archgen setting 'graphviz-timeout' must be a number, not a string",
        ),
    ],
)
def test_wrong_type(tmp_path: Path, line: str, message: str) -> None:
    path = write(tmp_path, "archgen.toml", f'templates = "tpl"\n{line}\n')
    (tmp_path / "tpl").mkdir()
    assert problems(tmp_path) == [f"{path}:2:1: {message}"]


def test_problem_is_located_in_the_tool_archgen_table(tmp_path: Path) -> None:
    path = write(
        tmp_path, "pyproject.toml", "[tool.other]\noutput = 5\n\n[tool.archgen]\noutput = 1\n"
    )
    assert problems(tmp_path) == [
        f"{path}:5:1: archgen setting 'output' must be a non-empty string naming a path"
    ]


def test_invalid_toml_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, "archgen.toml", 'output = "x"\nformats = [svg]\n')
    [message] = problems(tmp_path)
    assert message.startswith(f"{path}:2:12: not valid TOML: ")


def test_non_utf8_configuration_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "archgen.toml").write_bytes(b'output = "\xff"\n')
    [message] = problems(tmp_path)
    assert message.startswith(f"{tmp_path / 'archgen.toml'}:1:")


def test_paths_are_relative_to_the_configuration_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path,
        "project/archgen.toml",
        'output = "site"\nspecs = ["specs", "more/specs"]\ntemplates = "tpl"\n',
    )
    (tmp_path / "project" / "tpl").mkdir()
    (tmp_path / "project" / "docs").mkdir()
    monkeypatch.chdir(tmp_path / "project" / "docs")
    config = find_config(Path.cwd())
    output, templates = config.path("output"), config.path("templates")
    specs = config.paths("specs")
    assert output and specs and templates
    assert output.resolve() == (tmp_path / "project" / "site").resolve()
    assert [p.resolve() for p in specs] == [
        (tmp_path / "project" / "specs").resolve(),
        (tmp_path / "project" / "more" / "specs").resolve(),
    ]
    assert templates.resolve() == (tmp_path / "project" / "tpl").resolve()


def test_paths_are_shown_as_typed_from_the_configuration_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "archgen.toml", 'output = "site"\nspecs = ["specs"]\n')
    monkeypatch.chdir(tmp_path)
    config = find_config(Path.cwd())
    assert (config.path("output"), config.paths("specs")) == (Path("site"), [Path("specs")])


def test_unset_path_is_none(tmp_path: Path) -> None:
    write(tmp_path, "archgen.toml", 'output = "site"\n')
    config = find_config(tmp_path)
    assert (config.path("templates"), config.paths("specs")) == (None, None)


def test_values_without_a_file_are_taken_as_they_are() -> None:
    config = Config(None, {"output": "out", "specs": ["a"]})
    assert (config.path("output"), config.paths("specs")) == (Path("out"), [Path("a")])
