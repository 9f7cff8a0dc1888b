"""Exams: blueprints (ma trận đề), shuffled versions (mã đề), papers, keys, oral cards and grading.

GUI-free.  Heavy libraries (reportlab, python-docx, openpyxl) are imported
inside the functions that write files.  Exams and their keys are confidential:
they are stored as ``Exam`` records and in the output folder, never in bank
exports.
"""
