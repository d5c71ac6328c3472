"""Outside engines newslint hands text to: grammar backends (LanguageTool, Harper).

``prose`` turns a document's prose into units both grammar backends check, ``status`` keeps why
a backend was skipped (one warning line each), ``unit_cache`` stores their answers per unit and
``backends`` picks the backend a config names.
"""
