-- Whether a current extraction of figure $id exists (rejected or not): reviews attach to it.
SELECT figure_key FROM figures WHERE figure_key = $id AND version_to IS NULL LIMIT 1
