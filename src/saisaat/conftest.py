def pytest_configure(config):
    from django.conf import settings

    # Tests create many accounts; a slow password hash buys nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
