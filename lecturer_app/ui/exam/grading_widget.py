"""The grading screen: load an exam folder and an answer file, enter essay/oral scores, write the bảng điểm."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.exam.grading import GradingOptions
from lecturer_app.exam.item_analysis import analyse_items
from lecturer_app.exam.manifest import ExamManifest, read_manifest
from lecturer_app.exam.vn_numbers import decimal_comma
from lecturer_app.exporters.exam.score_sheet import write_score_sheet
from lecturer_app.i18n import _
from lecturer_app.importers.exam_answers import read_responses
from lecturer_app.ui.exam.grading_model import (
    GradingModel,
    ItemAnalysisModel,
    learner_count_text,
    missing_essay_count,
)
from lecturer_app.ui.widgets.error_box import errors_shown


class GradingWidget(QWidget):
    """Grid of learners (editable TL and Vấn đáp columns) and the item analysis, side by side in tabs."""

    def __init__(self, options: GradingOptions = GradingOptions(), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.options = options
        self.manifest: ExamManifest | None = None
        self.model: GradingModel | None = None
        self.items_model = ItemAnalysisModel(parent=self)
        layout = QVBoxLayout(self)
        buttons = QHBoxLayout()
        for text, slot in ((_("Mở đề và bài làm…"), self._ask_load), (_("Ghi bảng điểm…"), self._ask_write)):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.summary = QLabel(_("Chưa mở bài làm nào."), self)
        self.summary.setAccessibleName(_("Tóm tắt kết quả"))
        layout.addWidget(self.summary)
        self.tabs = QTabWidget(self)
        self.scores_view = QTableView(self)
        self.scores_view.setAccessibleName(_("Bảng điểm"))
        self.items_view = QTableView(self)
        self.items_view.setModel(self.items_model)
        self.items_view.setAccessibleName(_("Phân tích câu hỏi"))
        self.tabs.addTab(self.scores_view, _("Bảng điểm"))
        self.tabs.addTab(self.items_view, _("Phân tích câu hỏi"))
        layout.addWidget(self.tabs)

    def load(self, exam_dir: Path, answers: Path) -> None:
        """Read the exam's keys and the learners' answers, and score them."""
        manifest = read_manifest(exam_dir)
        responses = read_responses(answers, manifest)
        self.manifest = manifest
        self.model = GradingModel(manifest, responses, self.options, self)
        self.scores_view.setModel(self.model)
        self.model.rescored.connect(self.refresh)
        self.refresh()
        for view in (self.scores_view, self.items_view):
            view.resizeColumnsToContents()
            view.horizontalHeader().setStretchLastSection(True)

    def refresh(self) -> None:
        if self.model is None or self.manifest is None:
            return
        scores = self.model.scores
        self.items_model.set_items(analyse_items(scores, self.manifest))
        mean = sum(s.total for s in scores) / len(scores) if scores else 0.0
        text = _("{learners}; điểm trung bình {mean}").format(learners=learner_count_text(len(scores)),
                                                              mean=decimal_comma(mean, 2))
        missing = missing_essay_count(scores)
        if missing:
            text += " " + _("(còn {n} điểm tự luận chưa nhập: ô trống được tính 0)").format(n=missing)
        self.summary.setText(text)

    def write(self, path: Path) -> Path:
        if self.model is None or self.manifest is None:
            raise ValueError("nothing loaded")
        return write_score_sheet(self.model.scores, self.manifest, path, self.items_model.items)

    def _ask_load(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Thư mục đề đã tạo"))
        if not folder:
            return
        name, _filter = QFileDialog.getOpenFileName(self, _("Bảng bài làm"), folder, "Excel/CSV (*.xlsx *.csv)")
        if name:
            with errors_shown(self, _("Mở đề và bài làm")):
                self.load(Path(folder), Path(name))

    def _ask_write(self) -> None:
        if self.model is None:
            return
        name, _filter = QFileDialog.getSaveFileName(self, _("Ghi bảng điểm"), "bang_diem.xlsx", "Excel (*.xlsx)")
        if name:
            with errors_shown(self, _("Ghi bảng điểm")):
                self.write(Path(name))
