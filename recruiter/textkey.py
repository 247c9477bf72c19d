"""Keys for comparing text the way people read it: pure functions, standard library only.

Databases disagree on case: SQLite's ``lower()`` and ``LIKE`` fold ASCII only, PostgreSQL's
depend on the collation, and neither ignores accents. So the key is computed in Python, stored
beside the text on every write, and compared as plain bytes by the database.

- :func:`case_key` ignores case only (``Émile`` = ``émile`` = ``ÉMILE``, but ``Emile`` is a
  different name): what a case-insensitive *uniqueness* uses.
- :func:`search_key` also ignores accents and letter variants (``chloe`` finds ``Chloé``,
  ``lukasiewicz`` finds ``Łukasiewicz``, ``strasse`` finds ``Straße``): what *search* uses.

Both collapse runs of whitespace to one space and trim the ends.
"""

from __future__ import annotations

import unicodedata

# Letters that are not a base letter plus a combining mark, so NFKD leaves them whole, but that
# a reader without the keyboard types as these ASCII letters. (``ß`` needs no entry: casefold
# makes it ``ss``.) Applied after casefold, so lower-case sources are enough.
LETTER_VARIANTS = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "æ": "ae",
        "œ": "oe",
        "ı": "i",
        "þ": "th",
        "ħ": "h",
        "ŧ": "t",
        "ŀ": "l",
        "ĸ": "k",
        "ŋ": "n",
    }
)
# Where the fields of a record meet in its key: whitespace, which a query key never holds (it
# is collapsed to single spaces), so a query cannot match across two fields.
FIELD_SEPARATOR = "\n"


def _collapse(text: str) -> str:
    return " ".join(text.split())


def case_key(text: str | None) -> str:
    """``text`` with case ignored: NFKC, Unicode case folding, whitespace collapsed."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text)
    for _ in range(3):  # casefold can un-normalise (e.g. "ΐ"); stop at the fixed point
        again = unicodedata.normalize("NFKC", folded.casefold())
        if again == folded:
            break
        folded = again
    return _collapse(folded)


def _strip_once(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.casefold().translate(LETTER_VARIANTS)


def search_key(text: str | None) -> str:
    """``text`` with case, accents and letter variants ignored: NFKD, combining marks dropped,
    Unicode case folding, :data:`LETTER_VARIANTS`, whitespace collapsed."""
    if not text:
        return ""
    if text.isascii():  # no marks nor variants to drop: the same key, without the Unicode work
        return _collapse(text.lower())
    key = _strip_once(text)
    for _ in range(3):  # folding can uncover a new mark to drop (e.g. "İ" -> "i" + dot)
        again = _strip_once(key)
        if again == key:
            break
        key = again
    return _collapse(key)


def record_search_key(*fields: str | None, limit: int | None = None) -> str:
    """One key for several fields, each keyed alone and joined by :data:`FIELD_SEPARATOR`;
    blank fields are left out. At most ``limit`` characters (the column's length)."""
    key = FIELD_SEPARATOR.join(k for k in (search_key(f) for f in fields) if k)
    return key[:limit] if limit is not None else key


def like_pattern(text: str, escape: str = "\\") -> str:
    """``%text%`` for ``LIKE ... ESCAPE '\\'`` with ``%``, ``_`` and the escape itself taken
    literally."""
    for char in (escape, "%", "_"):
        text = text.replace(char, escape + char)
    return f"%{text}%"


def name_company_key(name: str | None, company: str | None, limit: int | None = None) -> str | None:
    """The :func:`search_key` of a name and of a company, joined by :data:`FIELD_SEPARATOR`:
    the same person at the same company, whatever the case and accents. None unless both
    are given (a name alone is too common to call anyone a duplicate)."""
    name_part, company_part = search_key(name), search_key(company)
    if not name_part or not company_part:
        return None
    key = f"{name_part}{FIELD_SEPARATOR}{company_part}"
    return key[:limit] if limit is not None else key
