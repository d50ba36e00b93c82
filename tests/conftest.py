"""Suite-wide settings: property tests judge results, never speed (machines are noisy)."""

from hypothesis import settings

settings.register_profile("fieldsurvey", deadline=None)
settings.load_profile("fieldsurvey")
