"""The engine the docs-site integrations share: a rendered stage page with its pictures
inlined, readable at any width, and linked with the page's steps and components."""

from archgen.integrations.embed.page import asset_files, is_marker, linked_page

__all__ = ["asset_files", "is_marker", "linked_page"]
