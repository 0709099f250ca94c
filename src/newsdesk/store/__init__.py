"""The embedded SQLite store: schema and migrations, one writer, full-text search."""

from ..errors import QueryTimeout, StoreError
from .filters import Filters
from .query_text import fts_query
from .store import SearchResult, Store

__all__ = ["Filters", "QueryTimeout", "SearchResult", "Store", "StoreError", "fts_query"]
