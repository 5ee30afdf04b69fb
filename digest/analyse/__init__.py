"""Analysis: from ``Article`` records to tags with evidence, related articles and near-duplicates.

It takes what ``read`` gives (records, the taxonomy text) and gives ``TaggedArticle`` records and the
read-only ``Site`` the renderer shows. It is pure: it never reads or writes a file, and it imports
only ``read`` and ``records``, never ``site``, ``preview`` or ``authoring``.
"""
