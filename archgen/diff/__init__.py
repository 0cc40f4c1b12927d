"""``archgen diff``: what changed in the architecture between two sets of specs."""
