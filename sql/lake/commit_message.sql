-- The DuckLake snapshot a humstat write commits names its dataset version and run (author,
-- message, extra info as JSON), so the lake's own history can be matched with humstat's.
CALL lake.set_commit_message(?, ?, extra_info => ?)
