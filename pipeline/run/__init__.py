"""The batch job and the run folder it writes.

- ``runner``: ``run_job``, inputs -> a run folder, resumable (the CLI's ``actorgraph run``);
- ``workers``: the unit of work (``process_batch``) and the local and process-pool engines;
- ``distributed``: the Dask engine;
- ``finalize``: after extraction, actor ids, actors.jsonl and the graph files;
- ``folder``: the one owner of the run folder: its layout (file names), reading it back
  (one JSONL reader), its counts and summary, and what the HTML report loads.

Nothing is imported here, so ``import pipeline.run.folder`` stays light (no spaCy).
"""
