"""Connecting articles: syndicated copies of one text, and what each copy changed."""
