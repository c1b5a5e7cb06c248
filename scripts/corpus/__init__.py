"""The synthetic corpus generator behind ``scripts/make_corpus.py`` (see that script's docstring).

``words`` and ``phrases`` hold the word lists; ``helpers`` the text helpers and the taxonomy
reader; ``phrasing`` → ``evidence`` → ``prose`` → ``cases`` build one case (each class adds a
layer); ``output`` writes YAML and Markdown; ``cli`` is the command line.
"""

from .cli import generate, main
from .helpers import load_vocabularies

__all__ = ["generate", "load_vocabularies", "main"]
