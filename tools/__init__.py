"""Command-line tools of the project: check, publish, new page (see tasks.py)."""
