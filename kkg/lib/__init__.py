"""Plumbing several apps use (as healthchecks keeps hc/lib/): private storage, the site address, the after-commit
enqueue. E-mail is the outbox app next door, kkg/surel."""
