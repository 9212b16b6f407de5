"""Benchmarks: ``python3 tasks.py bench [name ...]`` (or ``python -m benchmarks`` in .venv)."""
