"""The text keys behind search and case-insensitive uniqueness: pure, and true for every
script (hypothesis)."""

import string
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recruiter import textkey
from recruiter.textkey import (
    FIELD_SEPARATOR,
    case_key,
    like_pattern,
    record_search_key,
    search_key,
)

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
# Letters with a true two-way case mapping (Latin, Greek, Cyrillic, Armenian, ...).
CASED = st.text(
    st.characters(whitelist_categories=("Lu", "Ll")).filter(
        lambda c: c.upper().lower() == c.lower() and len(c.upper()) == len(c.lower()) == 1
    ),
    max_size=30,
)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Chloé", "chloe"),
        ("CHLOÉ", "chloe"),
        ("Łukasiewicz", "lukasiewicz"),
        ("Straße", "strasse"),
        ("Søren Ødegård", "soren odegard"),
        ("Đorđe", "dorde"),
        ("Æsa Œuvre", "aesa oeuvre"),
        ("Işıl", "isil"),
        ("İstanbul", "istanbul"),
        ("Ａｄａ　Ｌｏｖｅｌａｃｅ", "ada lovelace"),  # full-width letters and space
        ("  Ada \t  Lovelace\n", "ada lovelace"),
        ("ΟΔΥΣΣΕΥΣ", "οδυσσευσ"),
        ("Дмитрий", "дмитрии"),
        ("50% off_now", "50% off_now"),
        ("", ""),
        (None, ""),
    ],
)
def test_search_key_folds_case_accents_and_variants(text, key):
    assert search_key(text) == key


@pytest.mark.parametrize(
    ("text", "key"),
    [("Émile", "émile"), ("ÉMILE", "émile"), ("Straße", "strasse"), (" Acme  Corp ", "acme corp")],
)
def test_case_key_folds_case_but_keeps_accents(text, key):
    assert case_key(text) == key


def test_case_key_tells_accented_names_apart():
    assert case_key("Émile") != case_key("Emile")


@given(TEXT)
def test_search_key_is_idempotent(text):
    assert search_key(search_key(text)) == search_key(text)


@given(TEXT)
def test_case_key_is_idempotent(text):
    assert case_key(case_key(text)) == case_key(text)


@given(TEXT)
def test_search_key_has_no_marks_no_case_and_single_spaces(text):
    key = search_key(text)
    assert not any(unicodedata.combining(c) for c in key)
    assert key == key.casefold()
    assert key == " ".join(key.split())


@given(CASED)
def test_search_key_ignores_case_in_every_script(text):
    assert search_key(text.upper()) == search_key(text.lower()) == search_key(text)


@given(CASED)
def test_case_key_ignores_case_in_every_script(text):
    assert case_key(text.upper()) == case_key(text.lower())


@given(st.text(string.printable, max_size=40))
def test_search_key_of_ascii_is_lower_case_with_spaces_collapsed(text):
    assert search_key(text) == " ".join(text.lower().split())


@given(TEXT, TEXT)
def test_search_key_finds_each_word_of_a_longer_text(first, second):
    whole = search_key(f"{first} {second}")
    assert search_key(first) in whole
    assert search_key(second) in whole


@given(st.lists(TEXT, max_size=4))
def test_record_search_key_never_lets_a_query_span_two_fields(fields):
    keys = [k for k in map(search_key, fields) if k]
    assert record_search_key(*fields) == FIELD_SEPARATOR.join(keys)
    assert not [k for k in keys if FIELD_SEPARATOR in k]


def test_record_search_key_is_cut_to_the_limit():
    assert len(record_search_key("a" * 50, "b" * 50, limit=60)) == 60


@pytest.mark.parametrize(
    ("text", "pattern"),
    [("ab", "%ab%"), ("50%", "%50\\%%"), ("a_b", "%a\\_b%"), ("a\\b", "%a\\\\b%")],
)
def test_like_pattern_escapes_wildcards(text, pattern):
    assert like_pattern(text) == pattern


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_search_key_of_ascii_text_is_the_unicode_paths(text):
    """The ASCII shortcut gives what NFKD, dropping marks, casefold and the variants give."""
    assert search_key(text) == textkey._collapse(textkey._strip_once(text))
