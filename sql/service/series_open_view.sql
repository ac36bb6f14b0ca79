-- The figure rows (every stored row: figures_as_of picks the ones current at the version) whose date
-- may be open at some version (sql/views.sql series_input: no event start, so dated by the article's
-- publication; or a range of up to a week), and every reviewed figure (a review may set the dates):
-- for series_open.sql. The raw dates are read for every row, the other columns only for these. A
-- figure may come twice (open and reviewed): harmless, series_open.sql returns windows. A temporary
-- view of this cursor's own.
CREATE OR REPLACE TEMP VIEW series_open_figures AS
SELECT f.* FROM figures AS f
WHERE f.event_date_start IS NULL
   OR (f.event_date_end > f.event_date_start AND f.event_date_end - f.event_date_start <= 7)
UNION ALL
SELECT f.* FROM figures AS f
WHERE f.figure_key IN (SELECT figure_key FROM reviews)
