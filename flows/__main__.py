"""`python -m flows` is the `tradewatch` command."""

from flows.cli import main

main()
