"""Where the user's data lives: never inside the installation folder."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

ENV_DATA_DIR = "LECTURER_APP_DATA"


def data_dir(explicit: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """The data folder: ``--data-dir``, else ``$LECTURER_APP_DATA``, else the per-user folder."""
    env = os.environ if environ is None else environ
    if explicit:
        return Path(explicit).expanduser().resolve()
    if env.get(ENV_DATA_DIR):
        return Path(env[ENV_DATA_DIR]).expanduser().resolve()
    from platformdirs import user_data_dir

    return Path(user_data_dir("lecturer_app", appauthor=False))
