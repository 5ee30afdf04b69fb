"""The site: from the finished ``Site`` to HTML, feeds, JSON and the search index on disk.

It takes what ``analyse`` gives and renders every page with Jinja, plans the Pagefind bundles and
writes the result. It is the only output-side I/O (the writer assembles the site in a temporary
folder and swaps it in, and writes the cache), and it never changes a record or reads an article.
"""
