"""Readers: files, folders, globs, JSON Lines, WARC archives, URL lists and stdin become tasks of raw bytes."""
