"""Wegwijzer's web gateway: the only public surface (chat API, pages, health).

It talks to Rasa over HTTP and never imports rasa, so it runs in its own
modern Python environment.
"""
