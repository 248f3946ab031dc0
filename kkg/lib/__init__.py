"""Plumbing several apps use (as healthchecks keeps hc/lib/): private storage, the site address, e-mail."""
