"""Reusable UI pieces. They receive already-translated labels and plain data; they never query."""
