-- The series input rows (series_input in sql/views.sql, the one definition) of only the figures in
-- series_part_figures (series_part_view.sql) at $version: the service recomputes the (metric, day)
-- partitions a write touched with it and splices them into the rows it keeps in memory.
SELECT * FROM series_input(CAST($version AS INTEGER), source := 'series_part_figures')
