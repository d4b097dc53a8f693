"""Why a document could not be indexed: reported per source, never a traceback."""


# More text than this from one document (PDF or HTML page) is a bomb or a data dump, not a guideline.
MAX_TEXT_CHARS = 5_000_000


class ParseError(ValueError):
    """The document is broken, encrypted, empty or otherwise not indexable; the message says which."""


def check_text_size(chars: int, what: str) -> None:
    if chars > MAX_TEXT_CHARS:
        raise ParseError(f"{what} yields more than {MAX_TEXT_CHARS:,} characters of text")
