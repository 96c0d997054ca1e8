"""Walk the pages a signed-in persona can reach and check each at phone and desk width.

From the header's menus, then one level of links found on those pages (same origin, GET
only, bounded): every page must answer without a 5xx, a menu link must not lead to a
4xx, the page must not scroll sideways, and axe-core must find no serious or critical
violation. axe-core (vendor/axe-core, MPL-2.0, version in the file's first line) is
injected by the test only; it is never served to users.
"""

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

from saisaat.testing.browser import screenshot

AXE_SOURCE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WIDTHS = (1366, 390)
HEIGHT = 900
SERIOUS = {"serious", "critical"}

# Links that leave the page for a file or end the session are not pages to walk.
SKIPPED_PATHS = re.compile(
    r"(\.\w{2,4}$)|/file/|/exports/|/qr\.|/logout/|/admin/|/static/|/media/|/i18n/"
)

# The first element on each branch of the page that sticks out past the viewport: the
# box to fix, rather than every descendant it drags along.
OVERFLOW_JS = """
() => {
  const limit = window.innerWidth + 1;
  const width = document.documentElement.scrollWidth;
  if (width <= limit) return {width, culprits: []};
  const culprits = [];
  for (const el of document.body.querySelectorAll('*')) {
    const right = el.getBoundingClientRect().right;
    if (right <= limit) continue;
    const parent = el.parentElement;
    const body = document.body;
    if (parent && parent !== body && parent.getBoundingClientRect().right > limit) continue;
    let clipped = false;
    for (let up = parent; up && up !== body; up = up.parentElement) {
      if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(up).overflowX)) {
        clipped = true;
        break;
      }
    }
    if (clipped) continue;
    const classes = typeof el.className === 'string' ? el.className.trim().split(/\\s+/) : [];
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      classes.filter(Boolean).map(c => '.' + c).join('');
    culprits.push(name + ' ' + Math.round(right) + 'px');
    if (culprits.length >= 4) break;
  }
  return {width, culprits};
}
"""

AXE_JS = """
async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({
      id: v.id, impact: v.impact, count: v.nodes.length,
      targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
      summary: (v.nodes[0] && v.nodes[0].failureSummary || '').split('\\n').slice(0, 2).join(' '),
    }));
}
"""

LINKS_JS = """
(selector) => Array.from(document.querySelectorAll(selector))
  .filter(a => !a.hasAttribute('download') && !a.closest('form'))
  .map(a => a.href)
"""


@dataclass
class Finding:
    persona: str
    url: str
    width: int | None
    kind: str
    detail: str

    def __str__(self) -> str:
        at = f" at {self.width}px" if self.width else ""
        return f"[{self.persona}] {self.kind}{at}: {self.url} — {self.detail}"


@dataclass
class CrawlReport:
    findings: list[Finding] = field(default_factory=list)
    visits: int = 0
    axe_runs: int = 0
    pages: dict[str, list[str]] = field(default_factory=dict)
    seconds: float = 0.0

    def of_kind(self, *kinds: str) -> list[Finding]:
        return [f for f in self.findings if f.kind in kinds]


def url_shape(url: str) -> str:
    """One page per kind: /assignments/12/ and /assignments/13/ are the same page."""
    parts = urlsplit(url)
    keys = sorted({pair.split("=", 1)[0] for pair in parts.query.split("&") if pair})
    return re.sub(r"\d+", "N", parts.path) + ("?" + "&".join(keys) if keys else "")


def walkable(url: str, origin: str) -> str | None:
    url = urldefrag(url)[0]
    if not url.startswith(origin + "/"):
        return None
    if SKIPPED_PATHS.search(urlsplit(url).path):
        return None
    return url


class Crawler:
    def __init__(
        self,
        page,
        origin: str,
        *,
        links_per_page: int = 6,
        pending: Iterable = (),
        phone_shots: dict[str, str] | None = None,
    ):
        self.page = page
        self.origin = origin
        self.links_per_page = links_per_page
        # URL shapes another change is reworking: visited, but their findings are set apart.
        self.pending = {re.compile(p) for p in pending}
        self.axe = AXE_SOURCE.read_text(encoding="utf-8")
        self.report = CrawlReport()
        # Path pattern -> file name: the first page matching is kept at phone width for a
        # person to look at.
        self.phone_shots = {re.compile(p): name for p, name in (phone_shots or {}).items()}
        self.width = WIDTHS[0]
        # axe runs once per kind of page and width, for the first persona to reach it: the
        # same template checked again for the next persona costs time and finds nothing new.
        self.axe_checked: set[tuple[str, int]] = set()

    def crawl(self, persona: str) -> None:
        started = time.monotonic()
        page = self.page
        page.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})
        self.width = WIDTHS[0]
        page.goto(f"{self.origin}/")
        menu = self._links("header.site a[href]")
        seen_shapes: set[str] = set()
        visited: list[str] = []
        onward: list[tuple[str, str]] = []
        for url in menu:
            if url_shape(url) in seen_shapes:
                continue
            seen_shapes.add(url_shape(url))
            visited.append(url)
            landed, links = self._visit(persona, url, from_menu=True)
            seen_shapes.add(url_shape(landed))
            onward += [(url, link) for link in links]
        taken: dict[str, int] = {}
        for source, url in onward:
            shape = url_shape(url)
            if shape in seen_shapes or taken.get(source, 0) >= self.links_per_page:
                continue
            seen_shapes.add(shape)
            taken[source] = taken.get(source, 0) + 1
            visited.append(url)
            landed, _ = self._visit(persona, url, from_menu=False, referrer=source)
            seen_shapes.add(url_shape(landed))
        self.report.pages[persona] = visited
        self.report.seconds += time.monotonic() - started

    def _links(self, selector: str) -> list[str]:
        found = []
        for href in self.page.evaluate(LINKS_JS, selector):
            url = walkable(href, self.origin)
            if url and url not in found:
                found.append(url)
        return found

    def _phone_shot(self, url: str) -> None:
        path = urlsplit(url).path
        for pattern, name in list(self.phone_shots.items()):
            if pattern.search(path):
                screenshot(self.page, name, full_page=True)
                del self.phone_shots[pattern]

    def _record(self, persona, url, width, kind, detail):
        if any(p.search(urlsplit(url).path) for p in self.pending):
            kind = f"pending {kind}"
        self.report.findings.append(Finding(persona, url, width, kind, detail))

    def _visit(
        self, persona: str, url: str, *, from_menu: bool, referrer: str = ""
    ) -> tuple[str, list[str]]:
        """Check one page at both widths; where the browser landed and the links on it."""
        page = self.page
        response = page.goto(url, wait_until="load")
        self.report.visits += 1
        status = response.status if response else 0
        # Report where the browser landed: "/" is "/work/" after its redirect.
        url = urldefrag(page.url)[0]
        where = "menu" if from_menu else f"link on {referrer.removeprefix(self.origin)}"
        if status >= 500:
            self._record(persona, url, None, "5xx", f"{status} ({where})")
            return url, []
        if status >= 400:
            kind = "4xx from menu" if from_menu else "4xx from link"
            self._record(persona, url, None, kind, f"{status} ({where})")
            return url, []
        links = self._links("main a[href]")
        # Check at the current width, then the other: one load, two layouts.
        for width in (self.width, *[w for w in WIDTHS if w != self.width]):
            if width != self.width:
                page.set_viewport_size({"width": width, "height": HEIGHT})
                self.width = width
            if width == min(WIDTHS):
                self._phone_shot(url)
            overflow = page.evaluate(OVERFLOW_JS)
            if overflow["culprits"] or overflow["width"] > width + 1:
                self._record(
                    persona,
                    url,
                    width,
                    "overflow",
                    f"{overflow['width']}px wide: {', '.join(overflow['culprits'])}",
                )
            if (url_shape(url), width) in self.axe_checked:
                continue
            self.axe_checked.add((url_shape(url), width))
            self.report.axe_runs += 1
            if not page.evaluate("() => typeof axe !== 'undefined'"):
                page.evaluate(self.axe)
            for violation in page.evaluate(AXE_JS):
                self._record(
                    persona,
                    url,
                    width,
                    f"axe {violation['impact']}",
                    f"{violation['id']} ×{violation['count']} {violation['targets']} "
                    f"{violation['summary']}",
                )
        return url, links
