"""archgen: architecture diagrams as code.

YAML specs flow one way through the pipeline:

    spec (load) -> stage (resolve) -> DOT (compile) -> SVG/PNG (render) -> Markdown (pages)

and ``archgen.build`` is the only step that touches the file system and runs processes.
"""

__version__ = "0.1.0"
