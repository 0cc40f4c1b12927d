"""A kind: the name a node is written with, the diagrams class that draws it, and the
service it stands for, with its product page when one is known."""

from __future__ import annotations

from dataclasses import dataclass

from archgen.catalog.node_classes import NodeClass, find_node_class
from archgen.diagnostics import BadInput


class UnknownKind(BadInput):
    pass


@dataclass(frozen=True)
class Kind:
    name: str  # the short name: the product table's, or the first alias the rule gives
    diagrams_path: str  # the class's own path, never a module-level alias of it
    service: str
    url: str | None = None

    @property
    def is_aws_service(self) -> bool:
        return self.url is not None

    @property
    def provider(self) -> str:
        return self.diagrams_path.split(".", 1)[0]

    def node_class(self) -> NodeClass:
        """The diagrams class that draws this kind."""
        found = find_node_class(self.diagrams_path)
        if found is None:  # find_kind and the catalog's test make sure there is one
            raise UnknownKind(self.diagrams_path)
        return found

    @property
    def has_icon(self) -> bool:
        """Whether the class draws an icon of its own (a provider's ``Node`` does not)."""
        return self.node_class().icon is not None
