"""Why a document could not be indexed: reported per source, never a traceback."""


class ParseError(ValueError):
    """The document is broken, encrypted, empty or otherwise not indexable; the message says which."""
