"""Metrics layer: pure pandas functions deriving figures from datasets (no I/O, no Streamlit)."""
