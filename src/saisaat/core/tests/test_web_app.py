"""The installable web app: the manifest, its icons, the favicon and the page links."""

import json
import re
from io import BytesIO
from pathlib import Path

from django.contrib.staticfiles import finders
from django.test import Client, SimpleTestCase
from PIL import Image

CSS = Path(__file__).resolve().parents[2] / "static" / "saisaat" / "css" / "saisaat.css"


def static_path(url: str) -> str:
    return finders.find(url.removeprefix("/static/"))


class WebManifestTests(SimpleTestCase):
    def manifest(self):
        response = Client().get("/manifest.webmanifest")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/manifest+json")
        return json.loads(response.content.decode("utf-8"))

    def test_it_names_the_app_in_thai_and_opens_it_standalone(self):
        manifest = self.manifest()
        self.assertIn("ใสสะอาด", manifest["name"])
        self.assertIn("Saisaat", manifest["name"])
        self.assertEqual(manifest["short_name"], "ใสสะอาด")
        self.assertEqual(manifest["lang"], "th")
        self.assertEqual((manifest["start_url"], manifest["scope"]), ("/", "/"))
        self.assertEqual(manifest["display"], "standalone")

    def test_its_theme_colour_is_the_headers_green(self):
        header = re.search(
            r"body > header\.site \{[^}]*background: (#[0-9a-f]{6})", CSS.read_text()
        )
        self.assertEqual(self.manifest()["theme_color"], header.group(1))

    def test_every_icon_is_a_png_of_the_size_it_claims(self):
        icons = self.manifest()["icons"]
        kinds = {(icon["sizes"], icon.get("purpose", "any")) for icon in icons}
        self.assertEqual(
            kinds,
            {
                ("192x192", "any"),
                ("512x512", "any"),
                ("192x192", "maskable"),
                ("512x512", "maskable"),
            },
        )
        for icon in icons:
            path = static_path(icon["src"])
            self.assertIsNotNone(path, icon["src"])
            with Image.open(path) as image:
                self.assertEqual(image.format, "PNG")
                self.assertEqual(f"{image.width}x{image.height}", icon["sizes"])
                if icon.get("purpose") == "maskable":
                    # A maskable icon fills its square: no transparent corner for the mask to show.
                    self.assertEqual(image.convert("RGBA").getpixel((0, 0))[3], 255)

    def test_the_favicon_answers_at_the_root(self):
        response = Client().get("/favicon.ico")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/vnd.microsoft.icon")
        body = b"".join(response.streaming_content)
        with Image.open(BytesIO(body)) as image:
            self.assertEqual(image.format, "ICO")
            self.assertIn((32, 32), image.info["sizes"])

    def test_pages_link_the_manifest_and_the_icons(self):
        page = Client().get("/accounts/login/").content.decode()
        self.assertIn('<link rel="manifest" href="/manifest.webmanifest">', page)
        self.assertIn('<meta name="theme-color" content="#1d6b5f">', page)
        touch = re.search(r'<link rel="apple-touch-icon" href="([^"]+)">', page)
        with Image.open(static_path(touch.group(1))) as image:
            self.assertEqual(image.size, (180, 180))
        self.assertIn('<link rel="icon" href="/favicon.ico"', page)
