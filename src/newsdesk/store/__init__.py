"""The embedded SQLite store: schema and migrations, one writer, full-text search."""

from .filters import Filters
from .store import SearchResult, Store, StoreError

__all__ = ["Filters", "SearchResult", "Store", "StoreError"]
