"""The embedded SQLite store: schema and migrations, one writer, full-text search."""

from .store import SearchResult, Store, StoreError

__all__ = ["SearchResult", "Store", "StoreError"]
