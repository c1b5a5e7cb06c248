"""The benchmark behind ``scripts/benchmark.py`` (see that script's docstring).

``common`` (paths, running a command with time and memory), ``corpora`` (corpus and projects),
``measure`` (validate, builds, sizes, edit one outcome), ``search`` (browser search, profiling),
``summary`` and ``report`` (bench/results.{json,md}), ``cli`` (the command line).
"""
