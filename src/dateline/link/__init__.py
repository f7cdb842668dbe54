"""Linking: incremental, resumable work across the articles a store holds."""
