"""The article summary CodeLens on the first line: unsourced claims, vague sources, speakers, variants.

It reads the document's last analysis and never asks for a parse: before the first
analysis there is no lens, and a refresh request follows every new analysis.
"""

from __future__ import annotations

from lsprotocol import types as lsp

from ..analysis.pipeline import ArticleAnalysis
from .speakers import summary

# Run by the editor, not the server: VS Code opens its Speakers view, Neovim fills the
# quickfix list; either asks the server for `copydesk/attributions` with the uri argument.
CMD_SHOW_SPEAKERS = "copydesk.showSpeakers"


def summary_lens(analysis: ArticleAnalysis, uri: str) -> lsp.CodeLens:
    counts = summary(analysis)
    return lsp.CodeLens(
        range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
        command=lsp.Command(title=counts.title(), command=CMD_SHOW_SPEAKERS, arguments=[uri]),
        data={"uri": uri},
    )
