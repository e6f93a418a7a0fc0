"""Charts layer: pure functions from DataFrames to ``alt.Chart`` / ``pdk.Deck`` specs (no I/O, no Streamlit)."""
