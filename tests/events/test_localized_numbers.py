"""The events' tags write a number as localize() does, in both languages, with and without
thousand separators."""

from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import translation
from django.utils.formats import localize

from events.templatetags.written import localized

NUMBERS = [0, 7, 1234567, -42, True, 12.5, Decimal("3.25"), None, "12"]


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("separated", [False, True])
def test_numbers_print_as_localize_prints_them(language, separated):
    with override_settings(USE_THOUSAND_SEPARATOR=separated), translation.override(language):
        for number in NUMBERS:
            assert str(localized(number)) == str(localize(number))
