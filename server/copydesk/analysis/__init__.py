"""Analysis passes: pure functions from an article and its parsed paragraphs to records and findings."""
