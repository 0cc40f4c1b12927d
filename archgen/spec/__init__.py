"""Step 1, load: a YAML file becomes a validated ``Spec`` whose every value knows its place."""

from archgen.spec.load import load_spec
from archgen.spec.model import Spec, Text

__all__ = ["Spec", "Text", "load_spec"]
