"""`python -m fieldsurvey` is the same as the `fieldsurvey` command."""

from fieldsurvey.cli import main

main()
