"""Turn what a user names on the command line (path, URL, ``-``) into RawDocuments."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import InputTooLarge
from ..model import RawDocument
from ..settings import Settings
from .fetch import fetch
from .readers import read_capped


def is_url(name: str) -> bool:
    """True for names that look like URLs (any scheme); fetch() decides which are allowed."""
    return "://" in name[:16]


def read_source(name: str, settings: Settings, url: str | None = None) -> RawDocument:
    """Read one input: ``-`` for stdin, a URL to fetch, or a file path."""
    if name == "-":
        data = sys.stdin.buffer.read(settings.max_document_bytes + 1)
        _check_size(len(data), settings)
        return RawDocument(data, url=url)
    if is_url(name):
        return fetch(name, settings)
    path = Path(name)
    # At most the cap plus one byte is read (a device or a pipe reports no size); gzip files are
    # checked again after decompression (in decode).
    return RawDocument(read_capped(path, settings.max_document_bytes), url=url, path=str(path))


def _check_size(size: int, settings: Settings) -> None:
    if size > settings.max_document_bytes:
        raise InputTooLarge(
            f"{size / 1e6:.1f} MB is over the {settings.max_document_bytes / 1e6:.1f} MB limit "
            "(setting max_document_bytes)"
        )
