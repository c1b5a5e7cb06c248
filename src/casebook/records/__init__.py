"""Records: load, check and describe case files (the first stage of the pipeline).

Nothing here imports MkDocs, Markdown or matplotlib, so ``casebook validate`` stays fast.
"""
