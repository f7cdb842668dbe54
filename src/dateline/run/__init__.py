"""Runners for the pure stages."""
