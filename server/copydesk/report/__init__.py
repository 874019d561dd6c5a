"""The HTML report (`copydesk report`): one self-contained page per article and an index.

``data`` turns an analysis into plain page data (in the worker that analysed the article),
``marks`` nests overlapping marks into escaped HTML, ``page`` lays out the pages.
"""

from .data import ReportSummary, add_cross_file_findings, article_data
from .page import article_page, index_page

__all__ = ["ReportSummary", "add_cross_file_findings", "article_data", "article_page", "index_page"]
