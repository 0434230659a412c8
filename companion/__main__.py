"""`python -m companion …` is the same as the `review-companion` command."""

from .cli import main

main()
