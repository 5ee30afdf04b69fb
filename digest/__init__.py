"""digest: a static news-analysis digest generator."""

__version__ = "0.1.0"
