"""Widgets of the fieldsurvey app: one per way of answering, plus the progress bar and footer."""
