"""The kinds a node can be, and the services they stand for: reference data that
resolve, draw, pages and the schema read. Standard library only."""
