"""Data files: the knowledge base of failure signatures."""
