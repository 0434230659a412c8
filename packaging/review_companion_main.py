"""Entry point of the frozen companion (PyInstaller): the same `review-companion` command as the installed script."""

from companion.cli import main

if __name__ == "__main__":
    main(prog_name="review-companion")
