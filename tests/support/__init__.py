"""Helpers shared by several test folders (imported as ``support.…``: tests/ is on sys.path through its conftest).

Not a conftest: ``from conftest import`` picks whichever conftest module was
imported first in a full run, so shared classes live here instead.
"""
