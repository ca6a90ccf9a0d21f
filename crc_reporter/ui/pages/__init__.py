"""One module per sidebar entry."""
