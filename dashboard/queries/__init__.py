"""The data layer: functions of a session and filters that return DataFrames. Never imports Dash."""
