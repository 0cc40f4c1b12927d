"""Doing only what changed: the manifest of what a build read and wrote, the hashes of
its inputs, the no-op fast path, and ``archgen check``."""
