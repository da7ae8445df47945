"""Offline evaluations of rca's pipeline stages (template mining accuracy, incident replays)."""
