"""A QR code of the article's address, as inline SVG: printed handouts need a way back to the source."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray
    from segno import QRCode


@functools.lru_cache(maxsize=256)
def qr_svg(url: str, label: str | None = None) -> str:
    """Return an accessible inline SVG QR code of ``url`` (no image file, no request to any host), or "".

    "" is for an address longer than any QR code holds (2,331 bytes at level M): the handout prints it
    all the same.

    Error correction level M survives a folded or smudged page; the size is left to CSS. The mask
    is the one with the lowest penalty, as ISO/IEC 18004 asks and segno would pick (:func:`best_mask`),
    put on the code made with the first (:func:`_masked_again`), and the code of each address is made
    once per process (a build makes an article's handouts in several languages and sizes).
    """
    import segno

    try:
        code = segno.make(url, error="m", micro=False, mask=0)
    except segno.DataOverflowError:
        return ""
    best = best_mask(code)
    if best != code.mask:
        code = _masked_again(code, best)
    svg = _svg(code.matrix, _BORDER)
    text = escape(label or url)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{text}" focusable="false" ', 1)
    # Browsers name the image by its aria-label; WeasyPrint gives a tagged PDF's /Figure the SVG's
    # <title> as its /Alt, which PDF/UA-1 requires of every figure.
    opened = svg.index(">") + 1
    return f"{svg[:opened]}<title>{text}</title>{svg[opened:]}"


_BORDER = 4  # modules of light margin around the code, as ISO/IEC 18004 asks for


def _svg(matrix: Sequence[bytes | bytearray], border: int) -> str:
    """Return the inline SVG segno's ``svg_inline(scale=1, border=border, omitsize=True)`` writes of ``matrix``.

    segno walks the symbol module by module in Python; here numpy finds the runs of dark modules, and the
    path is written as segno writes it (tests/test_handout.py holds the two equal): a relative move to
    each run, then a line its length, along the middle of its row.
    """
    import numpy as np

    size = len(matrix)
    edged = np.zeros((size, size + 2), dtype=np.int8)
    edged[:, 1:-1] = np.frombuffer(b"".join(matrix), dtype=np.uint8).reshape(size, size) != 0
    steps = np.diff(edged, axis=1)
    rows, firsts = np.nonzero(steps == 1)
    _, ends = np.nonzero(steps == -1)  # row by row, as the starts: each run's end follows its start
    moves: list[str] = []
    x = y = 0
    for row, first, end in zip(rows.tolist(), firsts.tolist(), ends.tolist(), strict=True):
        first += border
        if moves:
            moves.append(f"m{first - x} {row - y}h{end - first + border}")
        else:
            moves.append(f"M{first} {row + border}.5h{end - first + border}")
        x, y = end + border, row
    width = size + 2 * border
    return (
        f'<svg viewBox="0 0 {width} {width}" class="segno">'
        f'<path class="qrline" stroke="#000" d="{"".join(moves)}"/></svg>'
    )


def best_mask(code: QRCode) -> int:
    """Return the data mask segno picks for ``code``'s content (made with any mask), in a fraction of its time.

    segno scores the eight masked symbols with ISO/IEC 18004's penalty rules (7.8.3) one module at a
    time in Python, which is most of the cost of a code (benchmarks/handout.py times both). Here the same rules
    score all eight at once with numpy, on the symbols exactly as segno scores them: the data masked,
    the function patterns drawn, the format and version areas still light. tests/test_handout.py
    holds the choice to segno's over many addresses.
    """
    import numpy as np

    layout = _layout(code.symbol_size(border=0)[0])
    symbol = np.array(code.matrix, dtype=np.uint8)
    # The data modules, unmasked. segno leaves the few that no codeword reaches (the remainder bits) at
    # its placeholder 2, which the masks make 2 or 3; it scores them so, and so do we.
    data = np.where(layout.region, symbol ^ layout.patterns[code.mask], 0)
    symbols = np.where(layout.region, data ^ layout.patterns, layout.base)  # (8, size, size)
    scores = _penalties(symbols, layout.size)
    return scores.index(min(scores))  # the first of the lowest, as segno's


def _masked_again(code: QRCode, mask: int) -> QRCode:
    """Return ``code`` with data mask ``mask`` in place of its own: the symbol segno makes with that mask.

    Only the data modules and the format information (which names the mask) differ between masks, so
    this is segno's symbol module for module (tests/test_handout.py draws both) without encoding the
    address again, which cost as much as scoring the eight masks.
    """
    import copy

    import numpy as np
    from segno import encoder as typeless

    encoder: Any = typeless  # segno's module-level steps carry no annotations
    layout = _layout(code.symbol_size(border=0)[0])
    symbol = np.array(code.matrix, dtype=np.uint8)
    remasked = np.where(layout.region, symbol ^ layout.patterns[code.mask] ^ layout.patterns[mask], symbol)
    matrix = tuple(bytearray(row) for row in remasked.tolist())
    # segno's own step, as its encoder takes it: the version and error level as it keeps them.
    encoder.add_format_info(matrix, code._version, code._error, mask)  # noqa: SLF001
    again = copy.copy(code)
    again.matrix, again.mask = matrix, mask
    return again


class _Layout:
    """What the eight masked symbols of one size share: the data region, the masks, everything else."""

    def __init__(self, size: int) -> None:
        import numpy as np
        from segno import encoder as typeless

        encoder: Any = typeless  # segno's module-level steps carry no annotations

        # Drawn as segno's encoder draws a symbol before it masks the data (its own module-level steps).
        drawn = encoder.make_matrix(size, size)
        encoder.add_finder_patterns(drawn, size, size)
        encoder.add_alignment_patterns(drawn, size, size)
        grid = np.array(drawn, dtype=np.uint8)
        self.size = size
        self.region = grid == 0x2  # still to be filled: the data
        self.base = np.where(grid == 0x2, 0, grid).astype(np.uint8)
        rows, cols = np.indices((size, size))
        self.patterns = np.stack(
            [
                np.vectorize(mask, otypes=[bool])(rows, cols).astype(np.uint8)
                for mask in encoder.get_data_mask_functions(False)
            ]
        )


@functools.lru_cache(maxsize=8)
def _layout(size: int) -> _Layout:
    return _Layout(size)


_FINDER_LIKE = (1, 0, 1, 1, 1, 0, 1)
_APART = 255  # between two lines of modules, so that no run goes on from one to the next


def _penalties(symbols: NDArray[np.uint8], size: int) -> list[int]:
    """Return segno's penalty score of each masked symbol: N1 + N2 + N3 + N4 of ISO/IEC 18004, 7.8.3.1."""
    import numpy as np

    count = len(symbols)
    scores = np.zeros(count, dtype=np.int64)
    for lines in (symbols, symbols.transpose(0, 2, 1)):  # the rows, then the columns
        # N1: each run of five or more modules of one colour, its length less two.
        flat = np.concatenate([lines, np.full((count, size, 1), _APART, dtype=np.uint8)], axis=2).ravel()
        starts = np.concatenate([[0], np.flatnonzero(flat[1:] != flat[:-1]) + 1])
        lengths = np.diff(np.append(starts, flat.size))
        long = (flat[starts] != _APART) & (lengths >= 5)
        scores += np.bincount(starts[long] // (size * (size + 1)), lengths[long] - 2, count).astype(np.int64)
        # N3: forty for each 1:1:3:1:1 finder-like run with four light modules before or after it, found as
        # segno finds them: left to right, on past a counted one, from its fourth module past one that is not.
        windows = np.lib.stride_tricks.sliding_window_view(lines, 7, axis=2)
        found = np.argwhere((windows == np.array(_FINDER_LIKE, dtype=np.uint8)).all(axis=3))
        if len(found):
            # Whether each is counted, from sums of the modules up to each place: light four before or after,
            # or fewer where the line ends first (segno's slices stop there), or at either end of the line.
            sums = np.concatenate([np.zeros((count, size, 1), np.int64), lines.cumsum(axis=2, dtype=np.int64)], axis=2)
            which, rows, ats = found.T
            before = sums[which, rows, ats] - sums[which, rows, np.maximum(ats - 4, 0)]
            beyond = sums[which, rows, np.minimum(ats + 11, size)] - sums[which, rows, ats + 7]
            counted = ((ats == 0) | (ats == size - 7) | (before == 0) | (beyond == 0)).tolist()
            line, after = (-1, -1), 0
            for (k, row, at), counts in zip(found.tolist(), counted, strict=True):
                if (k, row) != line:
                    line, after = (k, row), 0
                if at >= after:
                    scores[k] += 40 if counts else 0
                    after = at + (7 if counts else 4)
    # N2: three for each 2 x 2 block of one colour.
    top = symbols[:, :-1, :-1]
    same = (top == symbols[:, 1:, :-1]) & (top == symbols[:, :-1, 1:]) & (top == symbols[:, 1:, 1:])
    scores += 3 * np.count_nonzero(same, axis=(1, 2))
    # N4: ten for each five percent the dark modules are off half (segno's sum: a remainder module counts 2 or 3).
    dark = symbols.sum(axis=(1, 2), dtype=np.int64).tolist()
    return [
        int(score) + 10 * int(abs(float(d) / (size**2) * 100 - 50) / 5) for score, d in zip(scores, dark, strict=True)
    ]
