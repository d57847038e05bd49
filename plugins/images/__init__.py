"""Images: resized copies of large photos, for the srcset the image tag writes, and every
published image without its private metadata (GPS, owner, serial…).

variants.py is Pillow work on files; `register()` pulls the Pelican glue in
(site.py). Which copies a photo gets is decided by the reader (kirby/files.py).
"""


def register() -> None:
    from pelican import signals

    from .site import apply_defaults, publish_originals, publish_variants

    signals.initialized.connect(apply_defaults)
    signals.all_generators_finalized.connect(publish_variants)
    signals.finalized.connect(publish_originals)
