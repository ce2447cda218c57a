"""`smartlint server`: smartlint's findings in the editor, over the Language Server Protocol.

`session` lints editor buffers through the engine (no LSP library needed), `fixes` computes quick
fixes as plain text edits, and `server` speaks the protocol with pygls. Only `server` imports
pygls, and only `smartlint server` imports it, so `smartlint check` starts as fast as before.
"""
