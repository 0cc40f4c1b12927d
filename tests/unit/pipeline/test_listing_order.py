"""Stages and estimates are listed by one rule: ``order: 0`` first, no order last."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import write_spec

from archgen.pages.markdown import PageRenderer
from archgen.pipeline import load_and_resolve, load_estimates

STAGE = "id: {id}\n{order}title: Stage {id}\nnodes: {{web: {{kind: ec2}}}}\n"
ESTIMATE = "kind: estimate\nid: {id}\n{order}title: Estimate {id}\nassumptions: {{a: 1}}\n"


def write_both(folder: Path, spec_id: str, order: str) -> None:
    line = f"order: {order}\n" if order else ""
    write_spec(folder, f"{spec_id}.yaml", STAGE.format(id=spec_id, order=line))
    write_spec(folder, f"e-{spec_id}.yaml", ESTIMATE.format(id=f"e-{spec_id}", order=line))


def test_the_index_lists_order_0_first_and_no_order_last(tmp_path: Path) -> None:
    # The ids sort the other way round: only the order can put them right.
    write_both(tmp_path, "a-none", "")
    write_both(tmp_path, "b-big", "2000000")
    write_both(tmp_path, "c-one", "1")
    write_both(tmp_path, "d-zero", "0")

    stages, problems = load_and_resolve([tmp_path])
    estimates, estimate_problems = load_estimates([tmp_path])
    assert problems == estimate_problems == []
    assert [stage.id for stage in stages] == ["d-zero", "c-one", "b-big", "a-none"]
    assert [estimate.id for estimate in estimates] == ["e-d-zero", "e-c-one", "e-b-big", "e-a-none"]

    page = PageRenderer().index_page(stages, "en", None, [e.result.loaded.spec for e in estimates])
    assert re.findall(r"\[Stage ([\w-]+)\]", page.text) == ["d-zero", "c-one", "b-big", "a-none"]
    assert re.findall(r"\[Estimate ([\w-]+)\]", page.text) == [
        "e-d-zero",
        "e-c-one",
        "e-b-big",
        "e-a-none",
    ]
