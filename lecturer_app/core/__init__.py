"""The domain and its store: everything the app knows, with no GUI and no file format.

Where to start (the doors, the way Anki's ``Collection`` is the door to its library):

* ``workspace.open_workspace(data_dir)`` → ``Workspace``: a user's data folder
  opened — the database, the blob files, the settings and the ``Store``.
  The CLI and the GUI build one and hand it to whatever needs it.
* ``store.record_store.Store``: the one way to write.  Every write is a
  content-hashed revision (``store.revisions``); the read tables and the
  search index are projections kept by ``store.materialize``.
* ``bank.queries.LessonBank``: named read queries over the bank (programs,
  topics, plans, decks, questions, attachments).
* ``model``: the record dataclasses (Topic, WrittenPlan, PlanSection,
  SlideDeck, Slide, Question, Exam…) with their JSON bodies.

The rooms:

* ``store/`` — database, migrations, revisions, heads, blobs, search, integrity.
* ``bank/`` — the lesson bank: queries, shipped-bank import, new topics,
  a topic's history, attachments.
* ``plans/`` — the written-plan outline and per-section diffs.
* ``slides/`` — bullets, themes, a deck drafted from a written plan.
* ``questions/`` — rules, levels, queries, quality checks, duplicates.
* ``text/`` — NFC and folding, Vietnamese collation, Markdown helpers.
* ``labels`` (names shown for types and statuses), ``errors`` (the user-facing
  error family and the ``Problem`` type), ``settings``, ``resources``
  (shipped files), ``locations`` (the data folder), ``positions``
  (fractional order keys), ``org_header`` (the document header as data).

docs/design/architecture.md draws the layers and the contracts that keep them.
"""
