"""Services: the product's operations (capture ingest, import, export…) shared by the API, the dashboard and the CLI."""
