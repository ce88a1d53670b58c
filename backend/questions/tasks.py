"""Questions' part of the worker: recording a Verify's verdicts when its runs finish."""

from backend.execution.service import on_run_finished
from backend.questions.verifying import PURPOSE, verification_run_finished

on_run_finished(PURPOSE)(verification_run_finished)
