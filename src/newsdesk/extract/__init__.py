"""Clean text and metadata from HTML and from scraped text."""
