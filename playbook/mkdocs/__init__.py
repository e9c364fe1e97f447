"""The MkDocs adapter: the plugin, its options as MkDocs reads them, and the builds of `playbook kit`.

Only this package imports MkDocs (and Material); the rest of `playbook` is the core, which it adapts.
"""
