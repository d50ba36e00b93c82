"""Area scores with intervals, breakdowns, equity gaps, trend, awareness and messages.

The core of what the survey is for: where the institution is weak and what to say about it.
No UI imports here; scipy is imported lazily by `stats`.
"""

from fieldsurvey.scoring.breakdowns import dimensions
from fieldsurvey.scoring.catalogue import Reason, ScoringError, WarningCode
from fieldsurvey.scoring.compute import score
from fieldsurvey.scoring.report import ScoreReport

__all__ = ["Reason", "ScoreReport", "ScoringError", "WarningCode", "dimensions", "score"]
