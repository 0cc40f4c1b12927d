"""One module per ``archgen`` command; each adds its parser and runs it.

Commands are thin: they turn options into calls of the pipeline and its results into
lines on the terminal and an ``archgen.diagnostics.ExitCode``; an error raised on the
way carries its own code, and ``archgen.cli`` prints it.
"""
