"""Local backups of a data folder: the database (SQLite's online backup API) and the blob files.

A backup is a folder ``<root>/<id>/`` holding ``lecturer_app.sqlite3``,
``blobs/``, ``settings.json`` and, written last, ``manifest.json``.  A
folder without a manifest is an interrupted backup and is never listed.
See docs/design/backup.md.
"""
