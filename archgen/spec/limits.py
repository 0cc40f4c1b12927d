"""Every limit a spec is held to, in one place: docs/hardening.md ("Spec limits") says why.

Each is checked before the work it bounds, and crossing it is an error at the spec's
line, never a traceback, a hang or a picture Graphviz cannot draw.
"""

from __future__ import annotations

from archgen.project.specs import MAX_SPEC_BYTES

MAX_FILE_BYTES = MAX_SPEC_BYTES  # a 1,000-node spec is about 150 kB
# Aliases let a small file describe a huge document ("billion laughs"); no real
# spec comes near this many values.
MAX_VALUES = 50_000  # a 1,000-node, 2,000-edge spec holds about 15,000
MAX_ALIASED_VALUES = 20_000  # what aliases may add: a spec reuses small pieces, if any
MAX_DEPTH = 50  # YAML nesting; a spec needs about six levels

# Graphviz reads at most 16,381 bytes in one quoted or HTML-like string, and a label is
# escaped on its way there: '"' becomes '&quot;' (6 bytes), a character beyond U+FFFF
# takes 4. 2,000 characters fit whatever they are, with room for a NEW badge.
MAX_LABEL_CHARACTERS = 2_000
# Steps numbered on one edge are written into its label: "(1, 2, 3)".
MAX_STEPS_PER_EDGE = 100

# An AWS diagram nests Cloud, Region, VPC, Availability Zone, subnet, security group and
# Auto Scaling group: seven levels. Drawing, diffing and describing a stage walk these
# structures, so they are bounded before any of that starts.
MAX_GROUP_DEPTH = 32
MAX_EXTENDS_DEPTH = 100  # stages in one chain of 'extends'; the book has twelve stages

# A node's own icon file (docs/hardening.md, "Custom icons"): the pixels on a side. (Its
# bytes: project_files.MAX_ICON_BYTES, which the standard-library fast path reads too.)
# It is drawn 1.4 inches tall, some 130 pixels in a PNG, and a 2,048-pixel side already
# takes 16 MB to decode; a 1 MiB PNG may claim far more.
MAX_ICON_SIDE = 2_048
SVG_ICON_PIXELS = 256  # an SVG icon is drawn into a PNG this many pixels on its longer side
