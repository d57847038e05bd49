"""/admin/: the browser editor (Sveltia CMS, vendored from npm) that commits Kirby files.

bundle.py rewrites the pinned bundle's remote URLs to /admin/ itself, config.py
makes its configuration from the content, policy.py its Content Security
Policy; static/ holds the page, the Kirby format and the start script; site.py
is the Pelican glue.
"""

from pelican import signals


def register():
    from .site import add_robots_rule, gather_model, write_editor

    signals.initialized.connect(add_robots_rule)
    signals.all_generators_finalized.connect(gather_model)
    signals.finalized.connect(write_editor)
