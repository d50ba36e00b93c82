"""fieldsurvey: offline client-satisfaction surveys for social-security institutions."""

__version__ = "0.1.0"
