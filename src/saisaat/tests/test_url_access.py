"""Every URL pattern of the app, requested as every persona, against the access table.

The URL resolver is walked recursively; the only patterns left out are Django's admin
site (its own staff-only permission system, not the app's gate). The app serves no
static or media URL of its own (WhiteNoise serves static files outside the resolver and
stored files go out only through the views in this table).
"""

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from saisaat.testing.base import PersonaTestCase
from saisaat.tests import fixtures
from saisaat.tests.access_table import OK, PERSONAS, TABLE

# Namespaces not in the table, with the reason.
EXCLUDED_NAMESPACES = {"admin": "Django's admin site: staff-only by its own permission system"}


def url_patterns(patterns=None, namespace=None):
    """(name, pattern) for every named URL pattern, recursively, with its namespace."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            if inner in EXCLUDED_NAMESPACES:
                continue
            yield from url_patterns(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield name, entry


class UrlAccessTableTests(PersonaTestCase):
    more_personas = True
    personas = PERSONAS

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        fixtures.build(cls)
        cls.kwargs_by_name = fixtures.url_kwargs(cls)

    def url_for(self, name, pattern) -> str:
        kwargs = dict(self.kwargs_by_name.get(name, {}))
        query = kwargs.pop("?", "")
        wanted = (
            set(pattern.pattern.converters) if hasattr(pattern.pattern, "converters") else set()
        )
        if not kwargs and wanted == {"code"}:
            kwargs = {"code": self.district_a.code}
        self.assertEqual(set(kwargs), wanted, f"{name}: no object for its kwargs in fixtures")
        url = reverse(name, kwargs=kwargs)
        return f"{url}?{query}" if query else url

    def setUp(self):
        super().setUp()
        self.clients = {}

    def client_for(self, persona) -> Client:
        """One client per persona, signed in once (a sign-in per request would double the
        run time)."""
        client = self.clients.get(persona)
        if client is None:
            client = self.clients[persona] = Client()
        if persona == "citizen":
            # The confirmation page takes the code out of the session: put it back.
            session = client.session
            session.update(self.citizen_session)
            session.save()
        elif persona != "anonymous" and "_auth_user_id" not in client.session:
            client.force_login(getattr(self, persona))
        return client

    def request(self, persona, method, url) -> int:
        response = getattr(self.client_for(persona), method)(url)
        if response.streaming:
            # Read to the end: the test client then closes the file with the database
            # connection kept (response.close() here would close it on PostgreSQL).
            b"".join(response.streaming_content)
        if response.status_code in (403, 404) and not response.templates:
            # Django's bare English "403 Forbidden" / "Not Found" instead of a page.
            self.bare_refusals.append(f"{method.upper()} {url} as {persona}")
        return response.status_code

    def observed(self, name, pattern, kind="form") -> dict:
        url = self.url_for(name, pattern)
        method = "post" if kind == "action" else "get"
        return {persona: self.request(persona, method, url) for persona in PERSONAS}

    def test_every_url_pattern_has_exactly_one_row(self):
        self.bare_refusals = []
        names = [name for name, _ in url_patterns()]
        self.assertNotIn(None, names, "every URL pattern has a name")
        self.assertEqual(len(names), len(set(names)), "URL names are unique")
        missing = [name for name in names if name not in TABLE]
        for name, pattern in url_patterns():
            if name in missing:
                with self.subTest(url=name):
                    self.fail(
                        f"no row in access_table.TABLE; observed {self.observed(name, pattern)}"
                    )
        self.assertEqual(sorted(set(TABLE) - set(names)), [], "rows for URLs that do not exist")

    def test_every_persona_gets_what_the_table_says(self):
        self.bare_refusals = []
        for name, pattern in url_patterns():
            row = TABLE.get(name)
            if row is None:
                continue
            url = self.url_for(name, pattern)
            with self.subTest(url=name):
                self.check_row(row, url)
        with self.subTest("refusals are the app's own pages"):
            self.assertEqual(self.bare_refusals, [])

    def check_row(self, row, url):
        if row.kind == "action":
            got = {p: self.request(p, "get", url) for p in PERSONAS}
            self.assertEqual(got, dict.fromkeys(PERSONAS, 405), f"GET {url}")
            self.assert_posts(url, row.statuses)
            return
        got = {p: self.request(p, "get", url) for p in PERSONAS}
        self.assertEqual(got, row.statuses, f"GET {url}")
        if row.kind == "page":
            self.assertEqual(self.request("administrator", "post", url), 405, f"POST {url}")
        elif row.post is not None:
            self.assert_posts(url, row.post)
        else:
            # No way round the gate by posting: who may not open the form may not send it.
            self.assert_posts(url, {p: s for p, s in row.statuses.items() if s in (302, 403, 404)})

    def assert_posts(self, url, expected: dict):
        """An empty POST as each persona, except those marked OK (it would change data)."""
        got = {p: (OK if s == OK else self.request(p, "post", url)) for p, s in expected.items()}
        self.assertEqual(got, expected, f"POST {url}")

    def test_the_menu_offers_complaints_only_to_who_may_open_them(self):
        for persona in PERSONAS:
            if persona in ("anonymous", "citizen"):
                continue
            user = getattr(self, persona)
            link = reverse("complaints:unit-list", args=[user.unit.code])
            with self.subTest(persona=persona):
                page = self.client_for(persona).get(reverse("tracking:my-work"))
                offered = f'href="{link}"' in page.content.decode()
                self.assertEqual(offered, self.request(persona, "get", link) == 200)
