"""Static files for production: hashed and compressed by ``collectstatic`` (WhiteNoise), and
still served, unhashed, when that step was skipped.

Django's manifest storage raises on every ``{% static %}`` whose file is missing from the
manifest, which turns a skipped ``collectstatic`` into a 500 on every page. Here a missing
entry falls back to the plain name, which WhiteNoise serves from the package
(``WHITENOISE_USE_FINDERS``); ``make serve`` runs ``collectstatic`` so the fallback is for
starts that bypass it.
"""

import logging

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class ForgivingManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed names from the manifest; the plain name when the manifest lacks the file."""

    _warned = False

    def stored_name(self, name):
        try:
            return super().stored_name(name)
        except ValueError:
            # WhiteNoise asks about names that are not files at all; only a missing manifest
            # is worth a warning.
            if not self.hashed_files and not ForgivingManifestStaticFilesStorage._warned:
                ForgivingManifestStaticFilesStorage._warned = True
                logger.warning(
                    "No collectstatic manifest in %s; static files are served unhashed. "
                    "Run `manage.py collectstatic` (make serve does).",
                    self.location,
                )
            return name
