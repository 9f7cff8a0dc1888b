"""lecturer_app: the lesson bank, lesson plans and exams for political-school lecturers."""

__version__ = "0.1.0"
