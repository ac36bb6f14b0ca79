-- The series input rows (series_input in sql/views.sql, the one definition) of the figures in
-- series_part_figures (series_part_view.sql) at $version whose metric is one of $metrics and whose
-- flow day one of $days (or who have none): the service recomputes the (metric, day) partitions a
-- write touched with it (passing them with the seven days on either side, which is all their rows
-- depend on) and splices the rows of those partitions into the rows it keeps in memory.
SELECT * FROM series_input_part(CAST($version AS INTEGER), 'series_part_figures',
                                CAST($days AS DATE[]), CAST($metrics AS VARCHAR[]))
