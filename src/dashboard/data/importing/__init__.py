"""The stages of an import, one module each: read and decode → map headers → normalise → validate → diff → report.

:mod:`dashboard.data.importer` runs them in order and is the one entry point (command line and
admin page alike); :mod:`dashboard.data.publish` publishes what it accepts.
"""
