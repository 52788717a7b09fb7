"""Wegwijzer's Rasa action server: custom actions that Rasa calls over HTTP.

rasa_sdk registers every Action subclass in this package's modules.
"""
