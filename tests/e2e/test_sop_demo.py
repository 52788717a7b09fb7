"""A new installation starts with the demo SWV's school support profiles."""

import sqlite3

import pytest

pytestmark = pytest.mark.e2e


def test_first_start_loads_the_demo_profiles(stack):
    with sqlite3.connect(stack.config.var_dir / "sop.db") as connection:
        schools, towns = connection.execute("select count(*), count(distinct town) from schools").fetchone()
        offers = connection.execute("select count(*) from offers").fetchone()[0]
    assert schools >= 60
    assert towns >= 8
    assert offers >= 3 * schools
