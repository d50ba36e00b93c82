"""The Textual app: Home, Interview, Review, Settings and the navigation to Scores, Sync and
Office indicators. Everything here talks to the core (engine, store queries) through its public
functions; no SQL is written in this package.
"""
