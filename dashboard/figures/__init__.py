"""Figure builders: pure functions from DataFrames (and translated labels) to go.Figure."""
