"""Kiểm tra nhanh qua Wi-Fi: the laptop serves a quiz to phones on the classroom's network.

Headless (no PySide6, no file-format library): the exam domain draws, keys,
grades and analyses; this package holds the quiz's state (``session``), the
learner pages (``pages``) and the HTTP server (``server``).  The GUI
(ui/quiz/) and the CLI (``lecturer-app quiz serve``) start and stop it.
docs/design/quiz.md explains the design.
"""
