"""Read a handout's HTML back as a reader would: its text, paragraph by paragraph, and its structure."""

from __future__ import annotations

from html.parser import HTMLParser

BLOCKS = frozenset({"p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "caption", "figcaption"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class Page(HTMLParser):
    """The parts of a handout page tests look at."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[int] = []
        self.heading_langs: list[tuple[int, str]] = []  # each heading's level and language, in order
        self._open: list[list[str]] = []
        self._langs: list[tuple[str, str]] = []  # the open elements, each with the language it is in
        self._skip = 0  # inside <style> or <svg>
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            lang = dict(attrs).get("lang") or (self._langs[-1][1] if self._langs else "")
            self._langs.append((tag, lang))
        if tag in ("style", "svg", "title"):
            self._skip += 1
        if tag in BLOCKS:
            self._open.append([])
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append(int(tag[1]))
            self.heading_langs.append((int(tag[1]), self._langs[-1][1]))

    def handle_endtag(self, tag: str) -> None:
        if any(open_tag == tag for open_tag, _ in self._langs):
            while self._langs.pop()[0] != tag:
                pass  # an element closed by its parent's end tag (<li> without </li>, say)
        if tag in ("style", "svg", "title"):
            self._skip -= 1
        if tag in BLOCKS and self._open:
            words = " ".join("".join(self._open.pop()).split())
            if words:
                self.paragraphs.append(words)

    def handle_data(self, data: str) -> None:
        if not self._skip and self._open:
            self._open[-1].append(data)

    @property
    def text(self) -> str:
        """Return all the reading text, one paragraph per line."""
        return "\n".join(self.paragraphs)
