"""Build tools beside the package (not installed with it): run from the repository root as
``python -m tools.NAME``. They rebuild the data in models/ and use only public helpers of
``pipeline``."""
