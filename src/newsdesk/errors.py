"""Every exception newsdesk raises on purpose.

    NewsdeskError
    ├── InputError            the input cannot be turned into an article
    │   ├── EmptyInput        no bytes, or only white space
    │   ├── BinaryInput       PDF, image, archive or other non-text bytes
    │   ├── InputTooLarge     over the ``max_document_bytes`` setting
    │   └── DocumentTimeout   processing went over ``document_timeout``
    ├── FetchError            a URL could not be fetched (network, status, size)
    │   └── BlockedAddress    the URL points at a private, loopback or link-local address
    ├── PipelineError         stages that cannot run in the order given
    ├── StoreError            the store cannot do what was asked (malformed query, unreadable file)
    │   └── QueryTimeout      a query went over its time limit and was stopped
    ├── ModelNotInstalled     the spaCy pipeline the analysis stages need is not installed
    ├── ScaleError            a sharded run cannot go on (a missing extra, no cluster, no sources)
    └── Skip                  a stage decided to drop a document; carries the reason

``Skip`` is the only way a stage drops a document, so every drop is counted and explained.
"""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base class of every error newsdesk raises on purpose."""


class InputError(NewsdeskError):
    """The input cannot be turned into an article."""


class EmptyInput(InputError):
    """The input has no content."""


class BinaryInput(InputError):
    """The input is binary data, not HTML or text."""


class InputTooLarge(InputError):
    """The input is over the size limit."""


class DocumentTimeout(InputError):
    """Processing one document took longer than allowed."""


class FetchError(NewsdeskError):
    """A URL could not be fetched."""


class BlockedAddress(FetchError):
    """A URL resolves to an address the fetch guard refuses."""


class PipelineError(NewsdeskError):
    """The pipeline's stages do not fit together."""


class StoreError(NewsdeskError):
    """The store cannot do what was asked (malformed query, unreadable database)."""


class QueryTimeout(StoreError):
    """A query ran past its time limit and was stopped."""


class ModelNotInstalled(NewsdeskError):
    """The spaCy pipeline named by the ``spacy_model`` setting cannot be loaded."""


class ScaleError(NewsdeskError):
    """A sharded run (``process``, ``load``) cannot go on: a missing extra, no cluster, no sources."""


class Skip(NewsdeskError):
    """Raised by a stage to drop a document; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
