"""The site: enrich the validated cases, render every page, export the data.

Nothing here imports MkDocs; any engine can place the files this stage produces.
"""
