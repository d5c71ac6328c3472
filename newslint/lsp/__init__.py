"""The language server: ``newslint server`` speaks LSP over stdio (needs ``newslint[lsp]``).

``command`` is the sub-command (imports nothing heavy), ``server`` the handlers, ``session``
the open documents and the lint scheduling, ``protocol`` the LSP shapes of findings, fixes and
explanations, ``positions`` offsets <-> LSP positions, ``transport`` JSON-RPC over pygls made
robust, and ``adapter`` the one module that reaches into the rest of newslint.
"""
