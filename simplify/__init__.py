"""simplify: plain-language, multilingual patient handouts from NCI cancer articles."""

from __future__ import annotations

__version__ = "0.1.0"
