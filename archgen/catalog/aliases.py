"""The aliases of every node class (``lambda``, ``gcp.gke``, ``k8s.pod``) and diagrams'
module-level alias classes (``aws.compute.EKS`` is ``ElasticKubernetesService``).

``aliases.json`` is what ``names.derive_aliases`` makes of the pinned diagrams release,
written by ``tests/unit/draw/test_diagrams_drift.py`` (``ARCHGEN_UPDATE_TABLES=1``), so
that no run derives it again: a build reads the table only when a spec names a kind
the product table does not.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TABLE = Path(__file__).with_name("aliases.json")


@dataclass(frozen=True)
class AliasTable:
    aliases: dict[str, str]  # alias → the class path it names
    same_class: dict[str, str]  # module-level alias path → the class path it aliases


@cache
def alias_table() -> AliasTable:
    """The table, read once."""
    with TABLE.open(encoding="utf-8") as table:
        data = json.load(table)
    return AliasTable(data["aliases"], data["same_class"])


def own_path(path: str) -> str:
    """The class path itself, or the class a module-level alias path stands for."""
    return alias_table().same_class.get(path, path)
