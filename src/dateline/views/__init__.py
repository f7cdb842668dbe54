"""Read-only views over the store: timelines, key points, the faithfulness check, actors
with their roles, exports. They read the store and the model, nothing else."""
