"""Pelican glue: a multi-language site's template pages in each language.

Kirby's router serves every route under each language's prefix (`/en/…`):
a template page (TEMPLATE_PAGES: the search page…) exists in each language,
at the same path under that prefix, and its `<html lang>` is that language's
(a search page loads Pagefind's index of its page's language). Pelican writes
each template page once, at its own path: this generator writes the others,
with `template_lang` in the context for the theme.
"""

from __future__ import annotations

from pelican.generators import TemplatePagesGenerator


class LanguageTemplatePages(TemplatePagesGenerator):
    def generate_output(self, writer) -> None:
        languages = self.settings.get("KIRBY_LANGUAGE_SET")
        if languages is None or not languages.multi:
            return
        pages, context = self.settings["TEMPLATE_PAGES"], self.context
        for code in languages.codes:
            prefix = languages.prefix(code)
            if not prefix:
                continue  # Pelican's own copy, at the root
            # Pelican's loop does the writing (its template loader, `_FileLoader`,
            # is private): it is given this language's paths and context.
            self.settings["TEMPLATE_PAGES"] = {source: prefix + dest
                                               for source, dest in pages.items()}
            self.context = {**context, "template_lang": code}
            try:
                super().generate_output(writer)
            finally:
                self.settings["TEMPLATE_PAGES"], self.context = pages, context


def add_generator(pelican):
    return LanguageTemplatePages
