"""Step 1b, the spec model and load_spec: the shape users write, its defaults, and the
one located line a user reads for each kind of mistake."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import write_spec

from archgen.diagnostics import SpecError
from archgen.spec.load import load_spec
from archgen.spec.model import Feature, Spec, Text


def load(folder: Path, text: str) -> Spec:
    return load_spec(write_spec(folder, "s.yaml", text), "specs/s.yaml").spec


def problems(folder: Path, text: str) -> list[str]:
    """Every line a user would read for a spec that does not load."""
    with pytest.raises(SpecError) as caught:
        load(folder, text)
    return [str(d) for d in caught.value.diagnostics]


# -- Text -----------------------------------------------------------------------------------


def test_plain_text_is_the_same_in_every_language() -> None:
    text = Text.plain("Cache")
    assert text.get("en") == text.get("ko") == text.get("fr") == "Cache"
    assert list(text.languages()) == []


def test_language_map_gives_the_asked_language() -> None:
    text = Text((("en", "Cache"), ("ko", "캐시")))
    assert text.get("ko") == "캐시"
    assert text.get("en") == "Cache"
    assert list(text.languages()) == ["en", "ko"]


def test_missing_language_falls_back_to_english() -> None:
    assert Text((("ko", "캐시"), ("en", "Cache"))).get("fr") == "Cache"


def test_without_english_falls_back_to_the_first_written() -> None:
    assert Text((("ko", "캐시"), ("ja", "キャッシュ"))).get("fr") == "캐시"


def test_title_as_string_or_language_map(tmp_path: Path) -> None:
    assert load(tmp_path, "id: a\ntitle: Cache\n").title == Text.plain("Cache")
    spec = load(tmp_path, "id: a\ntitle: {en: Cache, ko: 캐시}\n")
    assert spec.title == Text((("en", "Cache"), ("ko", "캐시")))


@pytest.mark.parametrize("code", ["pt-BR", "zh-Hant", "ast"])
def test_regional_and_three_letter_language_codes_are_valid(tmp_path: Path, code: str) -> None:
    assert load(tmp_path, f"id: a\ntitle: {{en: A, {code}: B}}\n").title.get(code) == "B"


@pytest.mark.parametrize("code", ["EN", "english", "e", "en_US"])
def test_invalid_language_code_is_named(tmp_path: Path, code: str) -> None:
    assert problems(tmp_path, f"id: a\ntitle: {{en: A, {code}: B}}\n") == [
        f"specs/s.yaml:2:8: 'title': '{code}' is not a language code such as 'en' or 'ko'"
    ]


def test_norwegian_language_code_is_valid(tmp_path: Path) -> None:
    assert load(tmp_path, "id: a\ntitle: {en: Norway, no: Norge}\n").title.get("no") == "Norge"


def test_translation_must_be_a_string(tmp_path: Path) -> None:
    assert problems(tmp_path, "id: a\ntitle: {en: 1}\n") == [
        "specs/s.yaml:2:8: 'title': the 'en' text must be a string"
    ]


def test_empty_language_map_is_not_a_text(tmp_path: Path) -> None:
    assert problems(tmp_path, "id: a\ntitle: {}\n") == [
        "specs/s.yaml:2:8: 'title': expected a text: a string, or a map from language to "
        "string such as {en: Cache, ko: 캐시}"
    ]


# -- ids ------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["a", "web-1", "A_b", "0", "x" * 64])
def test_valid_ids(tmp_path: Path, value: str) -> None:
    assert load(tmp_path, f'id: "{value}"\ntitle: T\n').id == value


@pytest.mark.parametrize("value", ["../x", "a b", "a:b", "-a", "_a", "x" * 65, ""])
def test_invalid_id_is_named(tmp_path: Path, value: str) -> None:
    assert problems(tmp_path, f'id: "{value}"\ntitle: T\n') == [
        f"specs/s.yaml:1:5: 'id': '{value}' is not a valid id: use 1 to 64 letters, digits, "
        "'-' or '_', starting with a letter or digit"
    ]


def test_invalid_node_id_is_named(tmp_path: Path) -> None:
    [message] = problems(tmp_path, "id: a\ntitle: T\nnodes:\n  a b: {kind: ec2}\n")
    assert message.endswith(
        "'nodes.a b': 'a b' is not a valid id: use 1 to 64 letters, "
        "digits, '-' or '_', starting with a letter or digit"
    )


def test_invalid_node_id_is_located_at_the_key(tmp_path: Path) -> None:
    [message] = problems(tmp_path, "id: a\ntitle: T\nnodes:\n  a b: {kind: ec2}\n")
    assert message.startswith("specs/s.yaml:4:3: ")


# -- edges, defaults and features ----------------------------------------------------------


def test_edge_ends_take_one_id_or_a_list(tmp_path: Path) -> None:
    spec = load(
        tmp_path,
        """
        id: a
        title: T
        edges:
          - {from: web, to: db}
          - {from: [u1, u2], to: [w1]}
        """,
    )
    assert (spec.edges[0].source, spec.edges[0].target) == (("web",), ("db",))
    assert (spec.edges[1].source, spec.edges[1].target) == (("u1", "u2"), ("w1",))


def test_edge_end_cannot_be_an_empty_list(tmp_path: Path) -> None:
    assert problems(tmp_path, "id: a\ntitle: T\nedges:\n  - {from: [], to: b}\n") == [
        "specs/s.yaml:4:12: 'edges[1].from': expected an id or a non-empty list of ids"
    ]


def test_defaults(tmp_path: Path) -> None:
    spec = load(tmp_path, "id: a\ntitle: T\nedges:\n  - {from: a, to: b}\n")
    assert spec.direction == "LR"
    assert spec.edges[0].style == "solid"
    assert spec.edges[0].direction == "forward"
    assert spec.edges[0].id is None
    assert (spec.order, spec.extends, spec.nodes, spec.remove) == (None, None, {}, ())


def test_feature_as_string_as_name_and_text_or_as_language_map(tmp_path: Path) -> None:
    spec = load(
        tmp_path,
        """
        id: a
        title: T
        aws:
          - service: Amazon RDS
            features:
              - Multi-AZ
              - {name: Read Replicas, text: Spread reads.}
              - {en: Backups, ko: 백업}
        """,
    )
    assert spec.aws[0].features == (
        Feature(name=Text.plain("Multi-AZ")),
        Feature(name=Text.plain("Read Replicas"), text=Text.plain("Spread reads.")),
        Feature(name=Text((("en", "Backups"), ("ko", "백업")))),
    )


# -- the messages of load_spec --------------------------------------------------------------


def test_unknown_key_with_suggestion_at_the_key(tmp_path: Path) -> None:
    assert problems(tmp_path, "id: a\ntitle: T\nnodes:\n  web: {kind: ec2, lable: Web}\n") == [
        "specs/s.yaml:4:20: unknown key 'lable' in 'nodes.web' (did you mean 'label'?)"
    ]


def test_unknown_top_level_key_with_suggestion(tmp_path: Path) -> None:
    assert problems(tmp_path, "id: a\ntitle: T\nstep: []\n") == [
        "specs/s.yaml:3:1: unknown key 'step' in the spec (did you mean 'steps'?)"
    ]


def test_unknown_key_suggests_the_yaml_spelling_of_an_edge_end(tmp_path: Path) -> None:
    assert problems(tmp_path, "id: a\ntitle: T\nedges:\n  - {form: a, to: b}\n") == [
        "specs/s.yaml:4:5: missing required key 'from' in 'edges[1]'",
        "specs/s.yaml:4:6: unknown key 'form' in 'edges[1]' (did you mean 'from'?)",
    ]


def test_unknown_key_in_a_feature(tmp_path: Path) -> None:
    text = "id: a\ntitle: T\naws:\n  - {service: S, features: [{name: F, txt: x}]}\n"
    assert problems(tmp_path, text) == [
        "specs/s.yaml:4:39: unknown key 'txt' in 'aws[1].features[1]' (did you mean 'text'?)"
    ]


def test_missing_required_key(tmp_path: Path) -> None:
    assert problems(tmp_path, "id: a\n") == [
        "specs/s.yaml:1:1: missing required key 'title' in the spec"
    ]
    assert problems(tmp_path, "id: a\ntitle: T\nsteps:\n  - {edge: x}\n") == [
        "specs/s.yaml:4:5: missing required key 'text' in 'steps[1]'"
    ]


def test_every_problem_is_reported_in_file_order(tmp_path: Path) -> None:
    assert problems(tmp_path, "titel: T\norder: x\n") == [
        "specs/s.yaml:1:1: missing required key 'id' in the spec",
        "specs/s.yaml:1:1: missing required key 'title' in the spec",
        "specs/s.yaml:1:1: unknown key 'titel' in the spec (did you mean 'title'?)",
        "specs/s.yaml:2:8: 'order' must be an integer, not the string 'x'",
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("order: '1'", "specs/s.yaml:3:8: 'order' must be an integer, not the string '1'"),
        ("order: 1.5", "specs/s.yaml:3:8: 'order' must be an integer, not the float 1.5"),
        ("order: true", "specs/s.yaml:3:8: 'order' must be an integer, not the boolean true"),
        ("nodes: [a, b]", "specs/s.yaml:3:8: 'nodes' must be a mapping, not a list"),
        ("edges: {a: b}", "specs/s.yaml:3:8: 'edges' must be a list, not a mapping"),
        ("remove: a", "specs/s.yaml:3:9: 'remove' must be a list, not the string 'a'"),
        (
            "steps: [{text: x, edge: 1}]",
            "specs/s.yaml:3:25: 'steps[1].edge' must be a string, not the int 1",
        ),
    ],
)
def test_wrong_type(tmp_path: Path, line: str, expected: str) -> None:
    assert problems(tmp_path, f"id: a\ntitle: T\n{line}\n") == [expected]


def test_literal_choice_with_suggestion(tmp_path: Path) -> None:
    assert problems(tmp_path, "id: a\ntitle: T\nedges:\n  - {from: a, to: b, style: dased}\n") == [
        "specs/s.yaml:4:29: 'edges[1].style' must be one of solid, dashed, dotted, bold, "
        "not 'dased' (did you mean 'dashed'?)"
    ]


def test_literal_choice_without_a_close_one(tmp_path: Path) -> None:
    assert problems(tmp_path, "id: a\ntitle: T\ndirection: sideways\n") == [
        "specs/s.yaml:3:12: 'direction' must be one of LR, RL, TB, BT, not 'sideways'"
    ]


def test_spec_must_be_a_mapping(tmp_path: Path) -> None:
    assert problems(tmp_path, "- id: a\n") == [
        "specs/s.yaml:1:1: a spec must be a mapping with keys such as 'id' and 'title', not a list"
    ]


def test_unreadable_file_is_a_located_error(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        load_spec(tmp_path / "missing.yaml", "specs/missing.yaml")
    assert str(caught.value) == "specs/missing.yaml:1:1: cannot read: No such file or directory"
