"""The Lean L&D Playbook generator: YAML content to Markdown pages and a MkDocs plugin."""

__version__ = "0.1.0"
