"""The outbox: every e-mail the app sends is a `Surel` row written in the action's transaction and sent by a task
under the row lock (kkg/surel/layanan.py holds the design)."""
