-- The parse tree of one researcher's statement (the sandbox walks it for every function and
-- table it names). json_serialize_sql only parses: nothing is bound or run.
SELECT json_serialize_sql(?)
