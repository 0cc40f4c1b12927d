"""Step 2, resolve: loaded specs -> ``Stage`` values, ready to draw and to describe.

``stage.py`` holds the value every later step reads; ``resolver.py`` orders the specs
by ``extends``; ``builder.py`` builds one stage from its spec and its parent, part by
part: ``nodes.py`` (nodes and groups), ``edges.py`` (edges and steps), ``removal.py``
(``remove:``), each reading and reporting through ``context.py``.
"""
