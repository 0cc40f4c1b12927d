"""Step 5, pages: stages -> Markdown through the Jinja2 templates, in each language."""
