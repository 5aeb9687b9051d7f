"""Exporters: turn stored articles, highlights and notes into files (Markdown, W3C JSON-LD)."""

from newsreader.export.files import (
    is_reserved_name,
    safe_output_path,
    safe_slug,
    write_atomic,
)
from newsreader.export.markdown import (
    markdown_filename,
    render_index,
    render_markdown,
    write_markdown,
    write_markdown_all,
)
from newsreader.export.w3c import render_collection, write_collection

__all__ = [
    "is_reserved_name",
    "markdown_filename",
    "render_index",
    "render_collection",
    "render_markdown",
    "safe_output_path",
    "safe_slug",
    "write_atomic",
    "write_collection",
    "write_markdown",
    "write_markdown_all",
]
