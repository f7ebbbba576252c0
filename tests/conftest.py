"""Suite-wide settings.

With ``ACTORGRAPH_NO_SKIPS=1`` (set by .ci/run) a skipped test fails instead: CI installs
everything the optional tests need (Chromium, spacy-transformers, PolNeAR beside the checkout),
so a skip there would hide a feature that is no longer tested.

``nlp``: the default pipeline, loaded once for the whole suite (tests that need another
pipeline build their own; nothing may change this one).
"""

import os

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("ACTORGRAPH_NO_SKIPS") == "1" and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped under ACTORGRAPH_NO_SKIPS=1: {reason}"


@pytest.fixture(scope="session")
def nlp():
    from pipeline.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def nlp_every_candidate():
    """The pipeline with the acceptance model out of the way (every verb candidate from the
    lexicon's floor up is taken): for tests of whose a statement is, not whether it is one."""
    from pipeline.nlp import load_nlp

    return load_nlp(overrides={"components.actorgraph_attribution.min_accept": 0.0})
