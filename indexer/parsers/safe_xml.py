"""XML from outside (the Förderdatenbank export) parsed without document type declarations or entities.

A DTD is where every XML attack starts: entity expansion (billion laughs, quadratic blow-up) and external entities
(local files, URLs) both need one. The export's documents never carry one, so a document that does is refused before
anything in it is expanded. The standard library's expat does the parsing (defusedxml is not a dependency); its
handlers for the DOCTYPE and for entity declarations raise, and parameter entities are never parsed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import NoReturn
from xml.parsers import expat

from indexer.parsers.errors import ParseError

# Control characters XML 1.0 forbids. The real export has shipped a stray one mid-word (noted by CorrelAid's
# fdb-scraper), which makes a strict parser reject the whole document; such a document is read once more without them.
_FORBIDDEN_CONTROLS = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class UnsafeXmlError(ParseError):
    """The document declares a DTD or entities: refused, nothing in it was expanded."""


def _refuse(what: str) -> Callable[..., NoReturn]:
    def handler(*_args: object) -> NoReturn:
        raise UnsafeXmlError(f"XML document refused: it contains {what} (a DTD or entity is never expanded)")
    return handler


def _parse_once(data: bytes) -> ET.Element:
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate()  # no namespace processing: attributes keep their prefix ("xlink:href")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse("a document type declaration")
    parser.EntityDeclHandler = _refuse("an entity declaration")
    parser.UnparsedEntityDeclHandler = _refuse("an unparsed entity declaration")
    parser.ExternalEntityRefHandler = _refuse("a reference to an external entity")
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.buffer_text = True
    parser.Parse(data, True)
    return builder.close()


def parse_safe_xml(data: bytes, what: str = "XML document") -> ET.Element:
    """The document's root element. Raises UnsafeXmlError for a DTD or entity, ParseError for malformed XML."""
    try:
        return _parse_once(data)
    except expat.ExpatError as exc:
        cleaned = _FORBIDDEN_CONTROLS.sub(b"", data)
        if cleaned == data:
            raise ParseError(f"{what} is not well-formed XML ({exc})") from exc
        try:
            return _parse_once(cleaned)
        except expat.ExpatError as again:
            raise ParseError(f"{what} is not well-formed XML ({again})") from again
