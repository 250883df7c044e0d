"""Sidebyside terminal user interface (Textual) and the ``sidebyside`` command."""
