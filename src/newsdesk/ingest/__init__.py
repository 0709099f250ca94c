"""Readers that turn files, URLs and streams into RawDocuments, and bytes into text."""
