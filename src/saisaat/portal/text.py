"""A page's text as HTML: everything typed is escaped; only the few shapes below are drawn."""

from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.html import urlize as _urlize
from django.utils.safestring import SafeString, mark_safe


def _inline(line: str) -> SafeString:
    # urlize escapes the text around the links it makes (autoescape=True).
    return mark_safe(_urlize(line, nofollow=True, autoescape=True))


def render_body(text: str) -> SafeString:
    """Blank lines separate blocks; a block of lines starting with "- " is a list, a line
    starting with "## " a heading, anything else a paragraph (its line breaks kept)."""
    blocks = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            items = format_html_join("", "<li>{}</li>", ((_inline(x[2:]),) for x in lines))
            blocks.append(format_html("<ul>{}</ul>", items))
            continue
        if lines[0].startswith("## "):
            blocks.append(format_html("<h2>{}</h2>", lines[0][3:].strip()))
            lines = lines[1:]
            if not lines:
                continue
        body = mark_safe("<br>".join(conditional_escape(_inline(line)) for line in lines))
        blocks.append(format_html("<p>{}</p>", body))
    return mark_safe("\n".join(blocks))
