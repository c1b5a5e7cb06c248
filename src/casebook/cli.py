"""The ``casebook`` command line: thin wrappers over plain functions.

Kept free of heavy imports (pandas, matplotlib, MkDocs) so ``casebook validate`` answers at
once; those are imported only by the commands that need them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .records import project
from .records.problems import Problem

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate case files and print every problem; 0 valid, 1 invalid, 2 usage error."""
    from .records.taxonomy import TaxonomyError, load_taxonomy
    from .records.validate import validate_paths

    paths = args.paths or [str(project.default_cases_dir())]
    try:
        taxonomy = load_taxonomy(project.find_taxonomy(args.taxonomy, paths))
    except (TaxonomyError, FileNotFoundError) as exc:
        print(f"casebook: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    result, missing = validate_paths(paths, taxonomy)
    if missing:
        for m in missing:
            print(f"casebook: error: no such file or folder: {m}", file=sys.stderr)
        return EXIT_USAGE
    if not result.files:
        print(f"casebook: error: no .yaml case files found in {' '.join(paths)}", file=sys.stderr)
        return EXIT_USAGE
    shown = [p for p in result.problems if p.is_error or not args.quiet]
    fmt = Problem.format_github if args.format == "github" else Problem.format
    out = sys.stdout
    for p in shown:
        out.write(fmt(p) + "\n")
    n_err, n_warn = len(result.errors), len(result.warnings)
    bad_files = len({p.path for p in result.errors})
    if n_err:
        print(f"{n_err} error(s) in {bad_files} of {len(result.files)} file(s); "
              f"{n_warn} warning(s). Fix the errors above and run 'casebook validate' again.", file=sys.stderr)
        return EXIT_INVALID
    print(f"{len(result.files)} file(s) valid; {n_warn} warning(s).", file=sys.stderr)
    return EXIT_OK


def cmd_check_sources(args: argparse.Namespace) -> int:
    """Check every source address over the network; warnings only, so 0 unless it cannot run."""
    from .records.fetch import FetchOptions
    from .records.sourcecheck import DEFAULT_CACHE, CheckOptions, check_sources

    if args.timeout <= 0 or args.rate < 0 or args.max_age < 0:
        print("casebook: error: --timeout must be above 0, --rate and --max-age at least 0", file=sys.stderr)
        return EXIT_USAGE
    paths = args.paths or [str(project.default_cases_dir())]
    fetch = FetchOptions(timeout=args.timeout, per_host_interval=args.rate, allow_loopback=args.allow_loopback)
    cache = None if args.no_cache else Path(args.cache) if args.cache else DEFAULT_CACHE
    report, notes = check_sources(paths, CheckOptions(fetch, cache, args.max_age))
    for note in notes:
        print(f"casebook: {note}", file=sys.stderr)
    if report.files == 0:
        print(f"casebook: error: no .yaml case files found in {' '.join(paths)}", file=sys.stderr)
        return EXIT_USAGE
    if report.offline:
        print(f"casebook: error: none of the {report.checked} addresses' hosts could be resolved; this computer "
              "seems to be offline, so nothing was checked", file=sys.stderr)
        return EXIT_USAGE
    fmt = Problem.format_github if args.format == "github" else Problem.format
    for p in report.problems:
        sys.stdout.write(fmt(p) + "\n")
    print(f"{report.checked} address(es) in {report.files} file(s) checked ({report.from_cache} from the cache); "
          f"{len(report.problems)} warning(s); {report.refused_by_site} site(s) refused automated requests.",
          file=sys.stderr)
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    """Write a commented case template for a new collaborative."""
    from .records.scaffold import new_case

    try:
        path = new_case(args.name, Path(args.dir) if args.dir else project.default_cases_dir())
    except FileExistsError as exc:
        print(f"casebook: error: {exc.filename or exc} already exists; edit it, or choose another name",
              file=sys.stderr)
        return EXIT_INVALID
    except ValueError as exc:
        print(f"casebook: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(path)
    print(f"Fill in every TODO, then run: casebook validate {path}", file=sys.stderr)
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    """Write the JSON Schema of a case (``-`` for standard output)."""
    from .records.schema import schema_text
    from .records.taxonomy import TaxonomyError, load_taxonomy

    try:
        taxonomy = load_taxonomy(project.find_taxonomy(args.taxonomy, []))
    except (TaxonomyError, FileNotFoundError) as exc:
        print(f"casebook: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    text = schema_text(taxonomy)
    if args.output == "-":
        sys.stdout.write(text)
        return EXIT_OK
    out = Path(args.output) if args.output else project.default_schema_path()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(out)
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    """Start a new casebook: mkdocs.yml, an example case and content/index.md."""
    from .starter import init_project

    try:
        written = init_project(args.dir, title=args.title)
    except FileExistsError as exc:
        print(f"casebook: error: {exc.filename or exc} already exists; choose a new or empty folder",
              file=sys.stderr)
        return EXIT_USAGE
    for path in written:
        print(path)
    print(f"Next: cd {args.dir} && casebook validate && mkdocs serve", file=sys.stderr)
    return EXIT_OK


def cmd_export_docs(args: argparse.Namespace) -> int:
    """Write the whole site as a documentation folder any MkDocs-compatible engine builds."""
    from .site.export_docs import main_export

    return main_export(args.dir, args.config_file, args.force)


def cmd_index(args: argparse.Namespace) -> int:
    """Write the Pagefind search index into a site built without the plugin."""
    from .site.search_index import SearchIndexError, index_site

    try:
        result = index_site(args.site_dir)
    except SearchIndexError as exc:
        print(f"casebook: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(result.summary(), file=sys.stderr)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="casebook",
        description="Casebook: validate and scaffold provider collaboration case records.",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"casebook {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    v = sub.add_parser("validate", help="check case files and report every problem",
                       description="Check case files; print PATH:LINE:COL: error: MESSAGE for each problem.")
    v.add_argument("paths", nargs="*", metavar="PATH", help="case files or folders (default: cases/)")
    v.add_argument("--format", choices=("text", "github"), default="text",
                   help="'github' prints GitHub Actions annotations")
    v.add_argument("--taxonomy", help="taxonomy file (default: cases/_data/taxonomy.yaml)")
    v.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")
    v.set_defaults(func=cmd_validate)

    c = sub.add_parser("check-sources", help="check over the network that every source address still works",
                       description="Request every source url (politely: one request per host per --rate "
                                   "seconds, a timeout, a cache) and print PATH:LINE:COL: warning: MESSAGE for "
                                   "pages that are gone, failing, looping or moved. Exit 0 unless it cannot run.")
    c.add_argument("paths", nargs="*", metavar="PATH", help="case files or folders (default: cases/)")
    c.add_argument("--format", choices=("text", "github"), default="text",
                   help="'github' prints GitHub Actions annotations")
    c.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for a site (default: 10)")
    c.add_argument("--rate", type=float, default=1.0, help="seconds between two requests to one host (default: 1)")
    c.add_argument("--cache", help="cache file (default: .cache/casebook/sources.json)")
    c.add_argument("--max-age", type=float, default=7.0, help="days a cached result is trusted (default: 7)")
    c.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    c.add_argument("--allow-loopback", action="store_true", help=argparse.SUPPRESS)  # tests: a server on 127.0.0.1
    c.set_defaults(func=cmd_check_sources)

    n = sub.add_parser("new", help="write a commented template for a new case",
                       description="Write cases/<slug>.yaml from a commented template.")
    n.add_argument("name", help='full name of the collaborative, e.g. "West Yorkshire Association of Acute Trusts"')
    n.add_argument("--dir", help="folder to write into (default: cases/)")
    n.set_defaults(func=cmd_new)

    s = sub.add_parser("schema", help="write the JSON Schema of a case record")
    s.add_argument("-o", "--output", help="file to write, or - for standard output "
                                          "(default: cases/_data/case.schema.json)")
    s.add_argument("--taxonomy", help="taxonomy file (default: cases/_data/taxonomy.yaml)")
    s.set_defaults(func=cmd_schema)

    i = sub.add_parser("init", help="start a new casebook in a folder",
                       description="Write DIR/mkdocs.yml, an example case in DIR/cases/ and DIR/content/index.md; "
                                   "'mkdocs build --strict' in DIR then builds the site.")
    i.add_argument("dir", metavar="DIR", help="folder for the new casebook (created if needed)")
    i.add_argument("--title", default="Casebook", help="the site's name (default: Casebook)")
    i.set_defaults(func=cmd_init)

    e = sub.add_parser("export-docs", help="write the whole site as a plain docs folder (MkDocs or Zensical)",
                       description="Write DIR/docs (hand-written pages with markers expanded, every generated "
                                   "page, chart, download and asset) and DIR/mkdocs.yml without the casebook "
                                   "plugin; build it with 'mkdocs build -f DIR/mkdocs.yml' or "
                                   "'zensical build -f DIR/mkdocs.yml'.")
    e.add_argument("dir", metavar="DIR", help="folder to write (new, empty, or an earlier export)")
    e.add_argument("-f", "--config-file", default="mkdocs.yml", help="the project's MkDocs configuration "
                                                                     "(default: mkdocs.yml)")
    e.add_argument("--force", action="store_true", help="write into a non-empty folder that holds no earlier export")
    e.set_defaults(func=cmd_export_docs)

    x = sub.add_parser("index", help="write the search index into a built site (SITE_DIR/pagefind/)",
                       description="Write the Pagefind search index into SITE_DIR/pagefind/, for a site built "
                                   "without the casebook plugin: run it after 'mkdocs build' or 'zensical build' "
                                   "of a 'casebook export-docs' folder. The plugin build writes the same index itself.")
    x.add_argument("site_dir", metavar="SITE_DIR", help="the built site (the folder holding index.html)")
    x.set_defaults(func=cmd_index)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``casebook`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # never a traceback for a contributor; say what to do instead
        print(f"casebook: internal error: {type(exc).__name__}: {exc}. "
              "Please report this with the file that caused it.", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
