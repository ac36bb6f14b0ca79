-- Every row of one of the small tables the lake publishes whole (service/store/lake.py names them).
SELECT * FROM query_table($table)
