"""Executors: run a function over tasks locally (processes) — a cluster engine plugs in here."""
