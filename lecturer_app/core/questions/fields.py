"""A question as a plain mapping of its fields, from a Question or straight from its stored body.

Bank-wide work that reads every question (a Moodle XML export, ``questions
check``) spent half its time building a Question and an Option per stored
option (issue #16).  It reads these mappings instead: ``body_fields`` makes
one from the stored body without reviving it, and ``question_fields`` the
same mapping from a Question, so each reader has one implementation for
both.  Keys: every Question field and ``id``; ``options`` are mappings of
every Option field (a stored body's unknown keys may ride along); pictures (``images``, an option's ``image``) and
``rubric`` items stay objects (few questions have them).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lecturer_app.core.model import ImageRef, Option, Question, RubricItem

Fields = dict[str, Any]


def question_fields(question: Question) -> Fields:
    """*question* as a mapping (module docstring); what :func:`body_fields` makes of its stored body."""
    fields = {name: getattr(question, name) for name in _QUESTION_FIELDS}
    fields["id"] = question.id
    fields["options"] = [{name: getattr(option, name) for name in _OPTION_FIELDS} for option in question.options]
    return fields


def body_fields(question_id: str, body: Mapping[str, Any]) -> Fields:
    """:func:`question_fields` of the Question this stored *body* revives to, without reviving it.

    A key the body lacks takes the field's default, as ``Question.from_body`` gives it; the mapping is
    read only (a missing list is the one shared default, not a fresh one).
    """
    fields = {**_QUESTION_DEFAULTS, **body, "id": question_id}
    options = fields["options"]
    for option in options:  # usually every option is stored whole and without a picture: read as it is
        if not (type(option) is dict and option.keys() >= _OPTION_KEYS and option["image"] is None):
            fields["options"] = [{**_OPTION_DEFAULTS, **option, "image": _picture(option.get("image"))}
                                 if isinstance(option, dict) else option for option in options]
            break
    if fields["images"]:
        fields["images"] = [ImageRef.from_json(i) if isinstance(i, dict) else i for i in fields["images"]]
    if fields["rubric"]:
        fields["rubric"] = [RubricItem.from_json(i) if isinstance(i, dict) else i for i in fields["rubric"]]
    return fields


def _picture(value: Any) -> Any:
    return ImageRef.from_json(value) if isinstance(value, dict) else value  # as Option.__post_init__


_QUESTION_FIELDS = tuple(Question.defaults())
_OPTION_FIELDS = tuple(Option.defaults())
_QUESTION_DEFAULTS = dict(Question.defaults())
_OPTION_DEFAULTS = dict(Option.defaults())
_OPTION_KEYS = frozenset(_OPTION_DEFAULTS)
