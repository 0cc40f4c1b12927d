"""The diagram's title in the picture (``show_title``), for pictures used outside pages.

The graph has one label, which holds the change legend at its bottom right; with the
title shown, the label moves to the top and holds the title in large type, with the
legend, when there is one, in a row under it. Both are always readable, and neither
covers the drawing: Graphviz keeps room for the graph's label outside its parts.
"""

from __future__ import annotations

from archgen.draw import style


def title_label(escaped_title: str, legend: str | None) -> dict[str, str]:
    """The graph attributes that draw ``escaped_title`` (HTML-like label text, already
    escaped) at the top, above ``legend`` (an HTML-like label, ``<...>``) if any."""
    title = f'<FONT POINT-SIZE="{style.TITLE_POINT_SIZE}"><B>{escaped_title}</B></FONT>'
    if legend is None:
        label = f"<{title}>"
    else:
        label = (
            f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0"><TR><TD>{title}</TD></TR>'
            f"<TR><TD>{legend[1:-1]}</TD></TR></TABLE>>"
        )
    return {"label": label, **style.TITLE_ATTRS}
