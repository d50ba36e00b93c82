"""`python -m fieldsurvey` is the same as the `fieldsurvey` command."""

from fieldsurvey.entry import main

main()
