"""Rasa's command line (`rasa run ...`) with Wegwijzer's fixes to Rasa installed
first. scripts/services.py starts the Rasa server as `python -m bot.serve run ...`.
"""

import sys

from bot import action_response_validation, tracker_forget, tracker_queries, tracker_sqlite

if __name__ == "__main__":
    action_response_validation.install()
    tracker_sqlite.install()
    tracker_queries.install()
    tracker_forget.install()
    from rasa.__main__ import main

    sys.exit(main())
