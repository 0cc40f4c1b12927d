"""What a project is made of, named without loading the pipeline: the options of a
build, the spec and template files, the configuration, the output folder's layout and
atomic writes into it.

Standard library only: every command's parser and the no-op fast path
(``archgen.incremental.uptodate``) import this before, or instead of, the pipeline.
"""
