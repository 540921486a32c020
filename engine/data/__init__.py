"""Embedded default calibration data and the reader for its files."""
