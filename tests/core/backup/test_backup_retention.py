"""Which backups are kept: 7 daily and 6 monthly automatic ones, the 10 newest of the others."""

from __future__ import annotations

from datetime import datetime, timedelta

from lecturer_app.core.backup.manifest import BackupInfo
from lecturer_app.core.backup.retention import to_prune


def backup(when: datetime, kind: str = "auto") -> BackupInfo:
    return BackupInfo(id=f"{when:%Y-%m-%d_%H%M%S}_{kind}", kind=kind, created=when.isoformat(), app_version="0",
                      schema_version=8, db_sha256="", db_size=0, blob_count=0, blob_bytes=0, records=0, source="")


def kept(backups: list[BackupInfo]) -> list[str]:
    gone = {b.id for b in to_prune(backups)}
    return sorted((b.id[:10] for b in backups if b.id not in gone), reverse=True)


def test_a_year_of_daily_backups_keeps_the_last_seven_days_and_six_month_ends():
    start = datetime(2025, 6, 1, 8, 0).astimezone()
    backups = [backup(start + timedelta(days=n)) for n in range(365)]  # up to 2026-05-31

    assert kept(backups) == ["2026-05-31", "2026-05-30", "2026-05-29", "2026-05-28", "2026-05-27", "2026-05-26",
                             "2026-05-25", "2026-04-30", "2026-03-31", "2026-02-28", "2026-01-31", "2025-12-31"]


def test_only_the_newest_backup_of_a_day_counts_for_that_day():
    day = datetime(2026, 3, 5, 8, 0).astimezone()
    backups = [backup(day), backup(day + timedelta(hours=4)), backup(day - timedelta(days=1))]

    gone = to_prune(backups)

    assert [b.id for b in gone] == [backups[0].id]


def test_manual_and_before_restore_backups_keep_their_ten_newest_whatever_the_day():
    day = datetime(2026, 3, 5, 8, 0).astimezone()
    manual = [backup(day + timedelta(minutes=n), "manual") for n in range(12)]
    safety = [backup(day + timedelta(minutes=n), "before-restore") for n in range(3)]

    gone = to_prune(manual + safety)

    assert sorted(b.id for b in gone) == sorted(b.id for b in manual[:2])
