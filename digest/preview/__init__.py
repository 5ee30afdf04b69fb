"""The preview: ``digest serve`` builds the site, serves it on 127.0.0.1 and rebuilds on change.

It takes the project folder and gives a local HTTP server with live reload and an error panel. It
sits beside the command line and drives ``build``; it never writes into ``_site/`` and nothing in
the pipeline imports it.
"""
