"""School support profiles (schoolondersteuningsprofielen): the SWV's own data
on what each school offers, imported into SQLite and searched by the actions."""
