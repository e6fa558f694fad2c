"""``python -m quotes`` runs the command-line tool."""

from .cli import main

main()
