"""Running the stages: the stage graph (``stages``), the runners that map the pure stages
over documents (``local``: a process pool), and the steps that read, extract, analyse and
link through the store (``ingest``)."""
