"""Images: resized copies of large photos, for the srcset the image tag writes.

variants.py is Pillow work on files; `register()` pulls the Pelican glue in
(site.py). Which copies a photo gets is decided by the reader (kirby/files.py).
"""


def register() -> None:
    from pelican import signals

    from .site import publish_variants

    signals.all_generators_finalized.connect(publish_variants)
