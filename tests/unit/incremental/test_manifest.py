"""The manifest, <output>/.archgen/manifest.json: what a build read and wrote, as the
JSON on disk, read back, merged over shards, and compared with what is there now."""

from __future__ import annotations

import json
from pathlib import Path

from archgen.incremental.manifest import Entry, Inputs, Manifest, digest

PAGE = b"# Database\n"
IMAGE = b"<svg/>\n"


def inputs(spec: str = "s1", archgen: str = "1.0.0+abc") -> Inputs:
    return Inputs(spec=spec, templates="t1", options="o1", archgen=archgen)


def entry(source: str, files: dict[str, bytes]) -> Entry:
    return Entry(source, inputs(), {name: digest(data) for name, data in files.items()})


def manifest_json(output: Path, name: str = "manifest.json") -> dict[str, object]:
    data: dict[str, object] = json.loads((output / ".archgen" / name).read_text("utf-8"))
    return data


def test_a_written_manifest_reads_back_the_same(tmp_path: Path) -> None:
    written = Manifest(
        {"database": entry("../specs/02-database.yaml", {"database.md": PAGE})},
        sources={"../specs/02-database.yaml": "ab12"},
    )
    written.write(tmp_path)
    read = Manifest.read(tmp_path)
    assert read.entries == written.entries
    assert read.sources == {"../specs/02-database.yaml": "ab12"}
    assert not read.merged_shards


def test_the_json_on_disk_is_sorted_and_names_files_relatively(tmp_path: Path) -> None:
    Manifest(
        {
            "web": entry("../specs/b.yaml", {"web.svg": IMAGE, "web.md": PAGE}),
            "db": entry("../specs/a.yaml", {"db.md": PAGE}),
        },
        sources={"../specs/b.yaml": "2", "../specs/a.yaml": "1"},
    ).write(tmp_path)
    text = (tmp_path / ".archgen" / "manifest.json").read_text("utf-8")
    assert text.endswith("}\n") and str(tmp_path) not in text
    data = json.loads(text)
    assert data["format"] == 2
    assert list(data["entries"]) == ["db", "web"]
    assert data["entries"]["web"] == {
        "source": "../specs/b.yaml",
        "inputs": {"spec": "s1", "templates": "t1", "options": "o1", "archgen": "1.0.0+abc"},
        "outputs": {"web.md": digest(PAGE), "web.svg": digest(IMAGE)},
    }
    assert list(data["sources"]) == ["../specs/a.yaml", "../specs/b.yaml"]


def test_shard_manifests_are_read_merged(tmp_path: Path) -> None:
    Manifest({"one": entry("../specs/1.yaml", {"one.md": PAGE})}).write(tmp_path, shard=(1, 2))
    Manifest({"two": entry("../specs/2.yaml", {"two.md": PAGE})}).write(tmp_path, shard=(2, 2))
    assert manifest_json(tmp_path, "manifest.2-of-2.json")["sources"] == {}
    merged = Manifest.read(tmp_path)
    assert sorted(merged.entries) == ["one", "two"]
    assert merged.merged_shards
    assert merged.stage_ids() == ["one", "two"]


def test_a_whole_build_replaces_the_shard_manifests(tmp_path: Path) -> None:
    Manifest({"one": entry("../specs/1.yaml", {"one.md": PAGE})}).write(tmp_path, shard=(1, 2))
    Manifest({"all": entry("../specs/all.yaml", {"all.md": PAGE})}).write(tmp_path)
    assert sorted(p.name for p in (tmp_path / ".archgen").glob("manifest*.json")) == [
        "manifest.json"
    ]
    assert list(Manifest.read(tmp_path).entries) == ["all"]


def test_the_index_and_estimates_are_not_stages(tmp_path: Path) -> None:
    files = {"x.md": PAGE}
    manifest = Manifest(
        {
            "index": entry("", files),
            "reference": entry("", files),
            "estimate:twitter": entry("../specs/estimates/twitter.yaml", files),
            "cache": entry("../specs/06-cache.yaml", files),
        }
    )
    assert manifest.stage_ids() == ["cache"]


def test_a_missing_unreadable_or_foreign_manifest_reads_as_empty(tmp_path: Path) -> None:
    assert Manifest.read(tmp_path).entries == {}
    state = tmp_path / ".archgen"
    state.mkdir()
    for text in ("not json", '{"format": 1, "entries": {}}', '{"format": 2}', "[]"):
        (state / "manifest.json").write_text(text)
        read = Manifest.read(tmp_path)
        assert (read.entries, read.sources) == ({}, {}), text


def test_an_entry_is_intact_while_each_file_has_its_recorded_bytes(tmp_path: Path) -> None:
    (tmp_path / "ko").mkdir()
    (tmp_path / "ko" / "database.md").write_bytes(PAGE)
    (tmp_path / "database.svg").write_bytes(IMAGE)
    recorded = entry("../specs/02-database.yaml", {"ko/database.md": PAGE, "database.svg": IMAGE})
    assert recorded.intact(tmp_path)
    (tmp_path / "database.svg").write_bytes(IMAGE.replace(b"svg", b"SVG"))  # same size
    assert not recorded.intact(tmp_path)
    (tmp_path / "database.svg").unlink()
    assert not recorded.intact(tmp_path)


def test_inputs_name_each_input_that_differs() -> None:
    built = inputs()
    assert built.differences(built) == []
    assert inputs(spec="s2").differences(built) == ["the spec (or a stage it extends)"]
    now = Inputs(spec="s2", templates="t2", options="o2", archgen="1.1.0+def")
    assert now.differences(built) == [
        "the spec (or a stage it extends)",
        "the templates",
        "the options",
        "archgen's version (1.0.0+abc -> 1.1.0+def)",
    ]
