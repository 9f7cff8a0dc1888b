"""``python -m lecturer_app``: the CLI; with no command it starts the desktop app."""

from lecturer_app.cli import run

if __name__ == "__main__":
    run()
