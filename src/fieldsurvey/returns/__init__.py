"""Files back to the field (issue #12): a supervisor's signed return file carries rejected
interviews with the reviewers' comments, the current questionnaire version and the office's
score report to the devices; a device verifies and applies it without deleting anything.
No UI imports here (docs/return-files.md)."""
