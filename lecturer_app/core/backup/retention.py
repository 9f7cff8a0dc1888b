"""Which backups to keep: 7 daily and 6 monthly automatic ones, the 10 newest of each other kind."""

from __future__ import annotations

from collections.abc import Sequence

from lecturer_app.core.backup.manifest import BackupInfo

KEEP_DAILY = 7
KEEP_MONTHLY = 6
KEEP_OTHER = 10


def to_prune(backups: Sequence[BackupInfo]) -> list[BackupInfo]:
    """The backups the policy lets go (*backups* in any order).

    Automatic backups: walking from the newest, the newest of each of the
    last 7 days that have one is kept, and the newest of each of the last 6
    months (so a month's last backup survives after its days have gone).
    Manual and before-restore backups were asked for or protect a restore:
    the 10 newest of each are kept whatever their day.
    """
    newest_first = sorted(backups, key=lambda b: (b.created_at, b.id), reverse=True)
    keep = _keep_automatic([b for b in newest_first if b.kind == "auto"])
    for kind in {b.kind for b in newest_first} - {"auto"}:
        keep |= {b.id for b in [b for b in newest_first if b.kind == kind][:KEEP_OTHER]}
    return [b for b in newest_first if b.id not in keep]


def _keep_automatic(newest_first: Sequence[BackupInfo]) -> set[str]:
    keep: set[str] = set()
    days: set[str] = set()
    months: set[str] = set()
    for backup in newest_first:
        day = backup.created_at.strftime("%Y-%m-%d")
        month = day[:7]
        if day not in days and len(days) < KEEP_DAILY:
            days.add(day)
            keep.add(backup.id)
        if month not in months and len(months) < KEEP_MONTHLY:
            months.add(month)
            keep.add(backup.id)
    return keep
