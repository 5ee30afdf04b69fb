"""Reading: article files, front matter, settings and the build cache in; structured, cleaned ``Article`` records out.

It takes the project's files and gives pure records and diagnostics located at file and line. It is
the only input-side I/O (the loader reads every file; every other module here is a pure function
over text), and it never imports from ``analyse``, ``site``, ``preview`` or ``authoring``.
"""
