"""Performance benchmarks (not tests): `python -m benchmarks.run`, see README "Performance"."""
