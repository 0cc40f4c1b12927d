"""The build: every pipeline step for every stage, written atomically into the output.

``run.py`` orchestrates; ``drawing.py`` keeps Graphviz busy; ``outputs.py`` renders a
stage's files in memory; ``writes.py`` writes and deletes them; ``lock.py`` lets one
build at a time write an output folder; ``report.py`` is what a build tells.
"""
