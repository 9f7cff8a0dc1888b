"""An exam with a picture only it references, and every byte of it a lecturer must never receive.

Shared by the USB bundle scan (tests/sync/test_exam_scope.py) and the
server's byte scan (tests/server/test_confidentiality.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from lecturer_app.core.model import Blueprint, Exam, ExamVersion, Topic

SECRET_TITLE = "Đề thi cuối khóa bí mật"
SECRET_PICTURE = b"\x89PNG hinh chi co trong de thi 0123456789"
SECRET_BLUEPRINT = "Ma trận bí mật"


@dataclass(frozen=True)
class SecretExam:
    exam_id: str
    blueprint_id: str
    sha256: str

    def secrets(self) -> list[bytes]:
        """Strings that must not occur in any byte a lecturer receives."""
        return [self.exam_id.encode(), self.blueprint_id.encode(), self.sha256.encode(), SECRET_PICTURE,
                SECRET_TITLE.encode(), SECRET_BLUEPRINT.encode(), b"q-thu-tu-1"]


def build_exam(peer) -> SecretExam:
    """An exam as ``exam build`` keeps it (question order, keys) with a picture, plus one open bank topic."""
    with peer.workspace() as workspace:
        sha = workspace.blobs.put_bytes(SECRET_PICTURE)
        blueprint = workspace.store.save(Blueprint(name=SECRET_BLUEPRINT))
        exam = Exam(title=SECRET_TITLE, seed=7, blueprint={"picture": {"sha256": sha, "filename": "hình.png"}},
                    versions=[ExamVersion(code="101", question_ids=["q-thu-tu-1", "q-thu-tu-2"], key=["C", "A"])])
        workspace.store.save(exam)
        workspace.store.save(Topic(code="OPEN-1", title="Bài công khai"))
        return SecretExam(exam.id, blueprint.record_id, sha)


def leaked(secrets: list[bytes], received: bytes) -> list[bytes]:
    """The secrets found in *received* (the byte scan: a test asserts this is empty)."""
    return [secret for secret in secrets if secret in received]
