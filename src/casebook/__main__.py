"""``python -m casebook`` is the ``casebook`` command."""

from .cli import main

raise SystemExit(main())
