"""Authoring: ``digest add``, ``digest new`` and ``digest check``, the commands that help write articles.

It takes pasted text or a title and gives a new article file (through the one exclusive-create write
of ``importer``), or a report of what ``build.analyse`` found. It sits beside the command line, uses
``build`` and the stages below it, and nothing in the pipeline imports it.
"""
