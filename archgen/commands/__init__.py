"""One module per ``archgen`` command; each adds its parser and runs it.

Commands are thin: they turn options into calls of the pipeline and its results into
lines on the terminal and an exit code. Exit codes, the highest wins: 3 environment
(Graphviz missing or failing), 2 bad spec or usage, 1 differences found, 0 done.
"""

EXIT_OK, EXIT_DIFFERENT, EXIT_BAD_INPUT, EXIT_ENVIRONMENT = 0, 1, 2, 3
