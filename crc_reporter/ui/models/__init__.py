"""Qt table models over the services' records (one proxy per table, no per-row widgets)."""
