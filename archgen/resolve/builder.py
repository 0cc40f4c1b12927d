"""One stage built from its spec and its parent stage, with every problem collected."""

from __future__ import annotations

from dataclasses import replace

from archgen.catalog import kinds as catalog
from archgen.diagnostics import Diagnostic, SpecError, suggest
from archgen.resolve.stage import (
    Change,
    Stage,
    StageEdge,
    StageGroup,
    StageNode,
    StageStep,
    first_node,
)
from archgen.spec.load import LoadedSpec
from archgen.spec.model import Direction, Spec, Text


class StageBuilder:
    """Builds one stage from its spec and its parent, collecting every problem."""

    def __init__(self, item: LoadedSpec, parent: Stage | None) -> None:
        self.item = item
        self.spec: Spec = item.spec
        self.parent = parent
        self.problems: list[Diagnostic] = []
        self.mergeable_pairs: set[str] = set()

    def error(self, message: str, *path: str | int, key: bool = False) -> None:
        self.problems.append(Diagnostic(self.item.locate(*path, key=key), message))

    def build(self) -> Stage:
        nodes = self.nodes()
        groups = self.groups(nodes)
        edges = self.edges(nodes, groups)
        nodes, groups, edges, removed = self.remove(nodes, groups, edges)
        self.check_membership(nodes, groups)
        self.check_group_endpoints(groups, edges)
        steps, edges = self.steps(edges)
        if self.problems:
            raise SpecError(self.problems)
        spec = self.spec
        return Stage(
            id=spec.id,
            order=spec.order,
            source=self.item.document.file,
            title=spec.title,
            summary=spec.summary,
            direction=self.direction(),
            nodes=tuple(nodes.values()),
            groups=tuple(groups.values()),
            edges=tuple(edges.values()),
            steps=steps,
            aws=spec.aws,
            notes=spec.notes,
            parent=self.parent,
            removed=removed,
        )

    def direction(self) -> Direction:
        """The spec's own, else the parent's: the graph is inherited, direction with it."""
        if "direction" in self.spec.model_fields_set or self.parent is None:
            return self.spec.direction
        return self.parent.direction

    # -- nodes and groups ---------------------------------------------------------------

    def declared_ids(self) -> set[str]:
        """Ids the spec declares, even those too broken to resolve: edges to a node with
        an unknown kind are not reported again as dangling."""
        return {*self.spec.nodes, *self.spec.groups}

    def nodes(self) -> dict[str, StageNode]:
        nodes = {
            node.id: replace(node, change=Change.INHERITED) for node in self._inherited("nodes")
        }
        for node_id, declared in self.spec.nodes.items():
            known = nodes.get(node_id)
            kind = known.kind if known else None
            if declared.kind is not None:
                kind = self.kind(declared.kind, node_id)
            elif known is None:
                self.error(
                    f"node '{node_id}' needs a 'kind', such as 'ec2' or 'rds'", "nodes", node_id
                )
            if kind is None:
                continue
            label = declared.label or (known.label if known else Text.plain(node_id))
            change = self.change_of(known, kind=kind, label=label)
            nodes[node_id] = StageNode(node_id, kind, label, change)
        return nodes

    def kind(self, name: str, node_id: str) -> catalog.Kind | None:
        try:
            return catalog.find_kind(name)
        except catalog.UnknownKind:
            self.error(
                f"unknown kind '{name}'{suggest(name, catalog.kind_names())}; "
                "'archgen catalog' lists them",
                "nodes",
                node_id,
                "kind",
            )
            return None

    def groups(self, nodes: dict[str, StageNode]) -> dict[str, StageGroup]:
        groups = {
            group.id: replace(group, change=Change.INHERITED) for group in self._inherited("groups")
        }
        for group_id, declared in self.spec.groups.items():
            if group_id in nodes:
                self.error(
                    f"'{group_id}' is both a node and a group id", "groups", group_id, key=True
                )
                continue
            known = groups.get(group_id)
            members = list(known.members) if known else []
            for index, member in enumerate(declared.members):
                if (
                    member not in nodes
                    and member not in groups
                    and (member not in self.declared_ids())
                ):
                    self.error(
                        f"group '{group_id}' lists unknown member '{member}'"
                        f"{suggest(member, [*nodes, *self.spec.groups, *groups])}",
                        "groups",
                        group_id,
                        "members",
                        index,
                    )
                elif member not in members:
                    members.append(member)
            label = declared.label or (known.label if known else None)
            change = self.change_of(known, label=label, members=tuple(members))
            groups[group_id] = StageGroup(group_id, label, tuple(members), change)
        return groups

    def check_membership(self, nodes: dict[str, StageNode], groups: dict[str, StageGroup]) -> None:
        """Each node and group sits in at most one group, and groups do not nest in circles."""
        owner: dict[str, str] = {}
        for group in groups.values():
            for member in group.members:
                if member in owner:
                    self.error(
                        f"'{member}' is in both group '{owner[member]}' and group "
                        f"'{group.id}'; a part can be in one group only",
                        "groups",
                        group.id,
                        "members",
                    )
                owner.setdefault(member, group.id)
        for group_id in groups:
            seen = [group_id]
            while seen[-1] in owner:
                seen.append(owner[seen[-1]])
                if seen[-1] == group_id:
                    self.error(
                        "groups contain each other: " + " in ".join(seen), "groups", group_id
                    )
                    break
                if len(seen) > len(groups):
                    break

    def check_group_endpoints(
        self, groups: dict[str, StageGroup], edges: dict[str, StageEdge]
    ) -> None:
        """An edge to a group is drawn to a node inside it, so the group needs one."""
        if self.problems:  # a cycle among groups would make the search below endless
            return
        for edge in edges.values():
            for endpoint in (edge.source, edge.target):
                if endpoint in groups and first_node(endpoint, groups) is None:
                    self.error(
                        f"edge '{edge.id}' points at group '{endpoint}', which holds no node",
                        *self.edge_path(edge),
                    )

    def edge_path(self, edge: StageEdge) -> tuple[str | int, ...]:
        """Where the spec declares ``edge``, or its 'edges' key when it is inherited."""
        for index, declared in enumerate(self.spec.edges):
            if edge.source in declared.source and edge.target in declared.target:
                return ("edges", index)
        return ("edges",) if self.spec.edges else ("extends",)

    # -- edges and steps ----------------------------------------------------------------

    def edges(
        self, nodes: dict[str, StageNode], groups: dict[str, StageGroup]
    ) -> dict[str, StageEdge]:
        edges = {
            edge.id: replace(edge, change=Change.INHERITED, step_numbers=())
            for edge in self._inherited("edges")
        }
        self.mergeable_pairs = set(edges)  # each inherited pair takes one redeclaration
        inherited_names = {edge.name for edge in edges.values() if edge.name}
        own_names: set[str] = set()
        endpoints = {*nodes, *groups, *self.declared_ids()}
        for index, declared in enumerate(self.spec.edges):
            if declared.id and declared.id in own_names:
                self.error(f"edge id '{declared.id}' is used twice", "edges", index, "id")
            if declared.id:
                own_names.add(declared.id)
            if not self.endpoints_exist(declared.source, "from", index, endpoints) or (
                not self.endpoints_exist(declared.target, "to", index, endpoints)
            ):
                continue
            if declared.id in inherited_names:
                self.merge_named_edge(edges, declared)
                continue
            for source in declared.source:
                for target in declared.target:
                    self.add_edge(edges, declared, source, target)
        return edges

    def endpoints_exist(
        self, ids: tuple[str, ...], key: str, index: int, endpoints: set[str]
    ) -> bool:
        missing = [(position, i) for position, i in enumerate(ids) if i not in endpoints]
        for position, endpoint in missing:
            path = ("edges", index, key, position) if len(ids) > 1 else ("edges", index, key)
            self.error(
                f"edge {key} '{endpoint}', which is no node or group{suggest(endpoint, endpoints)}",
                *path,
            )
        return not missing

    def add_edge(self, edges: dict[str, StageEdge], declared, source: str, target: str) -> None:
        pair = f"{source}->{target}"
        known = edges.get(pair)
        # The spec's edge updates the inherited one of the same pair, unless it names
        # itself differently: then it is a second edge beside it.
        renamed = declared.id is not None and known is not None and declared.id != known.name
        if known and pair in self.mergeable_pairs and not renamed:
            self.mergeable_pairs.discard(pair)
            merged = replace(known, **_edge_fields(declared, known))
            edges[pair] = replace(merged, change=self.change_of(known, edge=merged))
            return
        edge_id, copy = pair, 1
        while edge_id in edges:
            copy += 1
            edge_id = f"{pair}#{copy}"
        edges[edge_id] = StageEdge(
            edge_id,
            declared.id,
            source,
            target,
            change=self.change_of(None),
            **_edge_fields(declared, None),
        )

    def merge_named_edge(self, edges: dict[str, StageEdge], declared) -> None:
        for edge_id, known in list(edges.items()):
            if known.name == declared.id:
                merged = replace(known, **_edge_fields(declared, known))
                edges[edge_id] = replace(merged, change=self.change_of(known, edge=merged))

    def steps(
        self, edges: dict[str, StageEdge]
    ) -> tuple[tuple[StageStep, ...], dict[str, StageEdge]]:
        steps = []
        for index, declared in enumerate(self.spec.steps, start=1):
            bound: tuple[str, ...] = ()
            if declared.edge is not None:
                bound = tuple(e.id for e in edges.values() if declared.edge in (e.id, e.name))
                if not bound:
                    names = {*edges, *(e.name for e in edges.values() if e.name)}
                    self.error(
                        f"step {index} is bound to unknown edge '{declared.edge}'"
                        f"{suggest(declared.edge, names)}",
                        "steps",
                        index - 1,
                        "edge",
                    )
            for edge_id in bound:
                edge = edges[edge_id]
                edges[edge_id] = replace(edge, step_numbers=(*edge.step_numbers, index))
            steps.append(StageStep(index, declared.text, bound))
        return tuple(steps), edges

    # -- removal ------------------------------------------------------------------------

    def remove(
        self,
        nodes: dict[str, StageNode],
        groups: dict[str, StageGroup],
        edges: dict[str, StageEdge],
    ):
        removed = []
        removable = [*nodes, *groups, *edges]
        for index, target in enumerate(self.spec.remove):
            named_edges = [e for e in edges.values() if target in (e.id, e.name)]
            if target in nodes:
                del nodes[target]
                for edge in [e for e in edges.values() if target in (e.source, e.target)]:
                    if edge.change is not Change.INHERITED:  # this spec drew it: a mistake
                        self.error(
                            f"edge '{edge.id}' goes to '{target}', which this spec removes",
                            *self.edge_path(edge),
                        )
                    del edges[edge.id]
            elif target in groups:
                gone = groups.pop(target)
                for edge in [e for e in edges.values() if target in (e.source, e.target)]:
                    del edges[edge.id]
                parent = next((g for g in groups.values() if target in g.members), None)
                if parent:  # the removed group's members stay, one level up
                    members = [m for m in parent.members if m != target] + list(gone.members)
                    groups[parent.id] = replace(parent, members=tuple(members))
            elif named_edges:
                for edge in named_edges:
                    del edges[edge.id]
            else:
                self.error(
                    f"cannot remove '{target}': no inherited node, group or edge has "
                    f"this id{suggest(target, removable)}",
                    "remove",
                    index,
                )
                continue
            removed.append(target)
        for group_id, group in groups.items():
            kept = tuple(m for m in group.members if m in nodes or m in groups)
            groups[group_id] = replace(group, members=kept)
        return nodes, groups, edges, tuple(removed)

    # -- helpers ------------------------------------------------------------------------

    def _inherited(self, part: str) -> tuple:
        return getattr(self.parent, part) if self.parent else ()

    def change_of(self, known, **fields) -> Change:
        """NEW for what the parent lacks, CHANGED where a field differs, else INHERITED."""
        if self.parent is None:
            return Change.INHERITED
        if known is None:
            return Change.NEW
        if "edge" in fields:
            edge = fields["edge"]
            same = all(getattr(edge, f) == getattr(known, f) for f in _EDGE_FIELDS)
            return Change.INHERITED if same else Change.CHANGED
        same = all(getattr(known, name) == value for name, value in fields.items())
        return Change.INHERITED if same else Change.CHANGED


_EDGE_FIELDS = ("label", "style", "color", "direction", "constraint")


def _edge_fields(declared, known: StageEdge | None) -> dict:
    """The edge's drawable fields: what the spec sets, over what the parent had."""
    given = declared.model_fields_set
    fields = {}
    for name in _EDGE_FIELDS:
        if name in given or known is None:
            fields[name] = getattr(declared, name)
    return fields
