-- A reading cursor on a DuckLake sees figures as the file backend has it: figure_row is row_id
-- again (DuckLake reserves row_id while it inlines small writes). A view of the cursor's own
-- (temporary), in front of lake.main.figures, so sql/views.sql and every query run unchanged.
CREATE OR REPLACE TEMP VIEW figures AS SELECT * RENAME (figure_row AS row_id) FROM lake.main.figures
