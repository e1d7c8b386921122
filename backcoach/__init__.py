"""Backcoach: a guided, safe, multilingual home exercise program for low-back pain."""

__version__ = "0.1.0"
