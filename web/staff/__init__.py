"""Steunpunt staff: accounts, login sessions, and the CLI that creates them."""
