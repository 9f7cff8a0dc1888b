"""Speaker notes for a whole deck, the notes slides python-pptx makes, at a fraction of its cost.

python-pptx makes each notes slide by walking every part of the package for
a free part name and cloning the notes master's placeholders into it; for a
40-slide deck that was a sixth of the export.  Here python-pptx makes the
first notes slide; every later one is a copy of that slide's element as it
was before its text went in (the same cloned placeholders), put into a part
named in turn and related exactly as python-pptx relates it (to the notes
master and its slide, and the slide to it).
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any


class SpeakerNotes:
    """Adds one deck's notes slides; make one per presentation."""

    def __init__(self) -> None:
        self._blank: Any = None   # the first notes slide's element before its text
        self._next = 0            # the number of the next notes slide part

    def add(self, slide: Any, text: str) -> None:
        """Give *slide* (a python-pptx slide without notes) a notes slide holding *text*."""
        if self._blank is None:
            notes = slide.notes_slide
            self._blank = deepcopy(notes._element)
            self._next = int(str(notes.part.partname).rsplit("notesSlide", 1)[1].removesuffix(".xml")) + 1
        else:
            notes = self._copied_notes(slide)
        notes.notes_text_frame.text = text

    def _copied_notes(self, slide: Any) -> Any:
        from pptx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
        from pptx.opc.packuri import PackURI
        from pptx.parts.slide import NotesSlidePart

        slide_part = slide.part
        package = slide_part.package
        name = PackURI(f"/ppt/notesSlides/notesSlide{self._next}.xml")
        self._next += 1
        part = NotesSlidePart(name, CONTENT_TYPE.PML_NOTES_SLIDE, package, deepcopy(self._blank))
        part.relate_to(package.presentation_part.notes_master_part, RELATIONSHIP_TYPE.NOTES_MASTER)
        part.relate_to(slide_part, RELATIONSHIP_TYPE.SLIDE)
        slide_part.relate_to(part, RELATIONSHIP_TYPE.NOTES_SLIDE)
        return part.notes_slide
