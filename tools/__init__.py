"""Maintainer tools: the test command, the reading-site builder, notebook authoring helpers.

They are not part of the ``treatylab`` package that notebooks import; run them from the project
folder, e.g. ``.venv/bin/python -m tools.testsuite``.
"""
