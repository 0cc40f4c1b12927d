"""A stage's nodes and groups: the parent's, with the spec's own merged over them,
and the checks on group membership that need the whole graph."""

from __future__ import annotations

from archgen.catalog import kinds as catalog
from archgen.diagnostics import suggest
from archgen.resolve.context import StageContext
from archgen.resolve.icon_image import NodeIcon
from archgen.resolve.icons import drawn_with, read_icons
from archgen.resolve.stage import Change, StageEdge, StageGroup, StageNode, first_node
from archgen.resolve.styles import group_style, node_color
from archgen.spec.limits import MAX_GROUP_DEPTH
from archgen.spec.model import Group, Node, Text
from archgen.spec.strings import shown


def resolve_nodes(context: StageContext) -> dict[str, StageNode]:
    nodes = context.parents_nodes()
    icons = read_icons(context)
    for node_id, declared in context.spec.nodes.items():
        parents_node = nodes.get(node_id)
        node = _node(context, node_id, declared, parents_node, icons)
        if node is not None:
            nodes[node_id] = context.marked(parents_node, node)
    return nodes


def _node(
    context: StageContext,
    node_id: str,
    declared: Node,
    parents_node: StageNode | None,
    icons: dict[str, NodeIcon | None],
) -> StageNode | None:
    """The node as declared over the parent's, or None after reporting why it has no kind."""
    kind = parents_node.kind if parents_node else None
    if declared.kind is not None:
        kind = _kind(context, declared.kind, node_id)
    elif parents_node is None and declared.icon is None:
        context.error(
            f"node '{node_id}' needs a 'kind', such as 'ec2' or 'rds', or an 'icon'",
            "nodes",
            node_id,
        )
    drawn = drawn_with(context, node_id, kind, icons, parents_node)
    if drawn is None:
        return None
    kind, icon = drawn
    color = node_color(declared, parents_node)
    if parents_node is None:
        label = declared.label or Text.plain(node_id)
        return StageNode(node_id, kind, label, context.change_if_new, color, icon=icon)
    return StageNode(node_id, kind, declared.label or parents_node.label, color=color, icon=icon)


def _kind(context: StageContext, name: str, node_id: str) -> catalog.Kind | None:
    try:
        return catalog.find_kind(name)
    except catalog.UnknownKind:
        many = len(context.problems) >= catalog.SUGGESTED_KINDS  # each costs some 4 ms
        context.error(
            f"unknown kind {shown(name)}{'' if many else catalog.kind_suggestion(name)}; "
            "'archgen catalog' lists them",
            "nodes",
            node_id,
            "kind",
        )
        return None


def resolve_groups(context: StageContext, nodes: dict[str, StageNode]) -> dict[str, StageGroup]:
    groups = context.parents_groups()
    for group_id, declared in context.spec.groups.items():
        if group_id in nodes:
            context.error(
                f"'{group_id}' is both a node and a group id", "groups", group_id, key=True
            )
            continue
        parents_group = groups.get(group_id)
        members = _members(context, group_id, declared, parents_group, nodes, groups)
        label = declared.label or (parents_group.label if parents_group else None)
        change = context.change_if_new if parents_group is None else Change.INHERITED
        direction = declared.direction or (parents_group.direction if parents_group else None)
        look = group_style(declared, parents_group)
        groups[group_id] = context.marked(
            parents_group,
            StageGroup(group_id, label, members, change, direction=direction, **look),
        )
    return groups


def _members(
    context: StageContext,
    group_id: str,
    declared: Group,
    parents_group: StageGroup | None,
    nodes: dict[str, StageNode],
    groups: dict[str, StageGroup],
) -> tuple[str, ...]:
    """The parent's members, then the spec's own; each member must be a known part."""
    members = list(parents_group.members) if parents_group else []
    declared_ids = context.declared_ids()
    for index, member in enumerate(declared.members):
        if member not in nodes and member not in groups and member not in declared_ids:
            context.error(
                f"group '{group_id}' lists unknown member '{member}'"
                f"{suggest(member, [*nodes, *context.spec.groups, *groups])}",
                "groups",
                group_id,
                "members",
                index,
            )
        elif member not in members:
            members.append(member)
    return tuple(members)


def check_membership(context: StageContext, groups: dict[str, StageGroup]) -> None:
    """Each node and group sits in at most one group, and groups do not nest in circles."""
    owner: dict[str, str] = {}
    for group in groups.values():
        for member in group.members:
            if member in owner:
                context.error(
                    f"'{member}' is in both group '{owner[member]}' and group "
                    f"'{group.id}'; a part can be in one group only",
                    "groups",
                    group.id,
                    "members",
                )
            owner.setdefault(member, group.id)
    for group_id in groups:
        _check_not_inside_itself(context, group_id, owner, len(groups))
    if not context.problems:  # with groups in a cycle, no depth is defined
        _check_nesting_depth(context, groups, owner)


def _check_nesting_depth(
    context: StageContext, groups: dict[str, StageGroup], owner: dict[str, str]
) -> None:
    """Groups nest at most MAX_GROUP_DEPTH deep: drawing and describing a stage walk
    them. The outermost group too deep is reported, where its owner lists it."""
    depth = _nesting_depths(groups, owner)
    crossing = next((g for g in groups if depth[g] == MAX_GROUP_DEPTH + 1), None)
    if crossing is not None:
        _report_too_deep(context, crossing, owner[crossing])


def _nesting_depths(groups: dict[str, StageGroup], owner: dict[str, str]) -> dict[str, int]:
    """How many groups each group is inside, itself included; each measured once."""
    depth: dict[str, int] = {}
    for group_id in groups:
        outward = [group_id]  # the group, then the groups around it not yet measured
        while outward[-1] in owner and owner[outward[-1]] not in depth:
            outward.append(owner[outward[-1]])
        outer_depth = depth.get(owner.get(outward[-1], ""), 0)
        for distance, inner in enumerate(reversed(outward), start=1):
            depth[inner] = outer_depth + distance
    return depth


def _report_too_deep(context: StageContext, group_id: str, owner_id: str) -> None:
    message = (
        f"group '{group_id}' is nested {MAX_GROUP_DEPTH + 1} groups deep; groups may "
        f"nest at most {MAX_GROUP_DEPTH} deep"
    )
    declared = context.spec.groups.get(owner_id)
    if declared is not None and group_id in declared.members:
        context.error(message, "groups", owner_id, "members", declared.members.index(group_id))
    else:
        context.error(message, "groups", group_id)


def _check_not_inside_itself(
    context: StageContext, group_id: str, owner: dict[str, str], group_count: int
) -> None:
    """Follow the group outwards, owner by owner; meeting it again is a cycle."""
    seen = [group_id]
    while seen[-1] in owner:
        seen.append(owner[seen[-1]])
        if seen[-1] == group_id:
            context.error("groups contain each other: " + " in ".join(seen), "groups", group_id)
            return
        if len(seen) > group_count:  # a cycle further out, reported from its own groups
            return


def check_groups_hold_something(context: StageContext, groups: dict[str, StageGroup]) -> None:
    """A group the spec declares must hold a part: Graphviz draws no empty group, so its
    label would vanish without a word. Members too broken to resolve (a node of an
    unknown kind) leave a group empty too: only a spec without other problems is checked."""
    if context.problems:
        return
    for group_id in context.spec.groups:
        group = groups.get(group_id)
        if group is not None and not group.members:
            context.error(
                f"group '{group_id}' holds no node or group, and an empty group is not "
                "drawn; give it members, or leave it out",
                "groups",
                group_id,
                key=True,
            )


def check_group_endpoints(
    context: StageContext, groups: dict[str, StageGroup], edges: dict[str, StageEdge]
) -> None:
    """An edge to a group is drawn to a node inside it, so the group needs one."""
    if context.problems:  # a cycle among groups would make the search below endless
        return
    for edge in edges.values():
        for endpoint in (edge.source, edge.target):
            if endpoint in groups and first_node(endpoint, groups) is None:
                context.error(
                    f"edge '{edge.id}' points at group '{endpoint}', which holds no node",
                    *context.edge_path(edge),
                )
