from django.conf import settings


def test_it_loads_settings():
    assert settings.LANGUAGE_CODE == "th"
