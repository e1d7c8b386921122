"""Every id reference in a page (aria-describedby, aria-labelledby, label for, ...) must
point at an element that exists: a reference to nothing gives a screen reader nothing,
and axe-core does not always say so (it accepts a list in which one id exists)."""

from __future__ import annotations

from html.parser import HTMLParser

# Attributes whose value is one id or a space-separated list of ids.
ID_REFERENCES = (
    "aria-activedescendant",
    "aria-controls",
    "aria-describedby",
    "aria-details",
    "aria-errormessage",
    "aria-flowto",
    "aria-labelledby",
    "aria-owns",
    "for",
    "list",
)

# The same check on the live DOM, for pages that scripts build (the player, the device diary).
BROKEN_REFERENCES_JS = """(attributes) => {
  const ids = new Set(Array.from(document.querySelectorAll("[id]"), (node) => node.id));
  const broken = [];
  for (const attribute of attributes) {
    for (const node of document.querySelectorAll(`[${attribute}]`)) {
      if (attribute === "for" && node.tagName !== "LABEL" && node.tagName !== "OUTPUT") continue;
      for (const id of node.getAttribute(attribute).split(/\\s+/).filter(Boolean)) {
        if (!ids.has(id)) broken.push(`<${node.tagName.toLowerCase()} ${attribute}="${id}">`);
      }
    }
  }
  return broken;
}"""


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.references: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            elif name in ID_REFERENCES and value is not None:
                if name == "for" and tag not in {"label", "output"}:
                    continue
                self.references.extend((tag, name, ref) for ref in value.split())


def broken_references(html: str) -> list[str]:
    """Each reference in the HTML to an id that no element has, as `<tag attribute="id">`."""
    collector = _Collector()
    collector.feed(html)
    return [
        f'<{tag} {name}="{ref}">'
        for tag, name, ref in collector.references
        if ref not in collector.ids
    ]
