"""`fieldsurvey demo`: realistic complete interviews made through the interview engine."""

from fieldsurvey.demo.run import DemoResult, make_demo_responses

__all__ = ["DemoResult", "make_demo_responses"]
