"""The live preview of a question as HTML (what a student or examiner will read)."""

from __future__ import annotations

import html

from lecturer_app.core.labels import type_label
from lecturer_app.core.model import Question
from lecturer_app.core.questions.levels import level_label
from lecturer_app.core.questions.rules import format_points
from lecturer_app.formats.question_template import LETTERS
from lecturer_app.i18n import _, ngettext, ui_number


def points_text(points: float) -> str:
    """"0,25 điểm", "1 point", "0.25 points": the number and the word as the UI language writes them."""
    return ngettext("{points} điểm", points).format(points=ui_number(format_points(points)))


def preview_html(question: Question) -> str:
    """Stem, options with the key marked, answers, rubric and guide, as simple HTML."""
    parts = [f"<p><b>{html.escape(type_label(question.type))}</b>"
             f" · {html.escape(level_label(question.level) if question.level else _('chưa có mức độ'))}"
             f" · {points_text(question.points)}</p>"]
    stem = question.stem if question.stem_format == "html" else html.escape(question.stem).replace("\n", "<br>")
    parts.append(f"<p>{stem or '<i>…</i>'}</p>")
    if question.images:
        names = ", ".join(html.escape(ref.filename) for ref in question.images)
        parts.append(f"<p><i>[{_('Hình: {names}').format(names=names)}]</i></p>")
    parts.extend(_body(question))
    if question.feedback:
        parts.append(f"<p><i>{html.escape(question.feedback)}</i></p>")
    return "".join(parts)


def _body(question: Question) -> list[str]:
    if question.type in ("single_choice", "multiple_choice"):
        return ["<p>" + "<br>".join(_option(i, o.text, o.correct, o.pinned, upper=True)
                                    for i, o in enumerate(question.options)) + "</p>"]
    if question.type == "true_false_4":
        rows = "".join(f"<tr><td>{LETTERS[i].lower()})</td><td>{html.escape(o.text)}</td>"
                       f"<td><b>{_('Đúng') if o.correct else _('Sai')}</b></td></tr>"
                       for i, o in enumerate(question.options))
        return [f"<table cellpadding='3'>{rows}</table>"]
    if question.type == "short_answer":
        answers = "; ".join(html.escape(a) for a in question.answers) or "…"
        return [f"<p><b>{_('Đáp án chấp nhận')}:</b> {answers}</p>"]
    parts = []
    if question.rubric:
        rows = "".join(f"<tr><td>{html.escape(r.text)}</td><td align='right'>{ui_number(format_points(r.points))}"
                       "</td></tr>" for r in question.rubric)
        total = ui_number(format_points(sum(r.points for r in question.rubric)))
        parts.append(f"<table border='1' cellspacing='0' cellpadding='3'><tr><th>{_('Ý')}</th>"
                     f"<th>{_('Điểm')}</th></tr>{rows}<tr><td><b>{_('Tổng')}</b></td>"
                     f"<td align='right'><b>{total}</b></td></tr></table>")
    if question.guide:
        parts.append(f"<p><b>{_('Hướng dẫn')}:</b><br>{html.escape(question.guide).replace(chr(10), '<br>')}</p>")
    return parts


def _option(index: int, text: str, correct: bool, pinned: bool, upper: bool) -> str:
    label = LETTERS[index] if index < len(LETTERS) else "?"
    body = f"{label}. {html.escape(text)}"
    if pinned:
        body += f" <i>({_('cố định')})</i>"
    return f"<b><u>{body}</u> ✓</b>" if correct else body
