"""The language server: ``newslint server`` speaks LSP over stdio (needs ``newslint[lsp]``).

``command`` is the sub-command (imports nothing heavy), ``server`` the pygls server,
``session`` the open documents and the lint scheduling, ``protocol`` the LSP shapes of
findings, fixes and explanations, ``positions`` offsets <-> LSP positions, and ``adapter``
the one module that reaches into the rest of newslint.
"""
