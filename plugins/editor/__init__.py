"""/admin/: the browser editor (Sveltia CMS, vendored from npm) that commits Kirby files.

So far only bundle.py: the pinned bundle's remote URLs rewritten to /admin/ itself.
The Pelican glue that copies it into the output is not written yet (no register()).
"""
