"""The console commands: each parses nothing itself, calls the library and prints.

`cloudfit.cli` owns the argument parsers; a module here turns the parsed
arguments into one library call and a short report.
"""
