/*
 * The database's views: the figures people quote from the reports,
 * computed by SQLite from the tables, so that they always agree with the
 * rows.  Each view's comment is inside its CREATE VIEW, which SQLite
 * keeps as written, so .schema shows what the view means.
 *
 * The figures are over the current editions only (current_reports): when
 * a period was re-issued, the rows of the edition it replaced are still
 * in the tables (superseded_by says by which), and counting both would
 * count the period twice.
 */
#include "database.h"

const char database_views_sql[] =
"CREATE VIEW current_reports AS\n"
"-- The reports whose rows count: converted (status ok or warning), and\n"
"-- the current edition of their period (superseded_by is NULL), in the\n"
"-- order of reports.\n"
"SELECT * FROM reports\n"
"WHERE superseded_by IS NULL AND status <> 'error'\n"
"ORDER BY rowid;\n"
"\n"
"CREATE VIEW crime_totals AS\n"
"-- Declined detainers by offense category across the current editions:\n"
"-- rows of people convicted, of people charged, and all rows of the\n"
"-- category whatever their status.  Rows without a category are left\n"
"-- out, as in crime_summary, whose counts these are the sums of.\n"
"-- Largest total first, then by category.\n"
"SELECT d.crime AS crime,\n"
"       count(*) FILTER (WHERE d.crime_status = 'convicted') AS convicted,\n"
"       count(*) FILTER (WHERE d.crime_status = 'charged') AS charged,\n"
"       count(*) AS total\n"
"FROM declined_detainers AS d\n"
"WHERE d.crime IS NOT NULL\n"
"  AND d.report_id IN (SELECT report_id FROM current_reports)\n"
"GROUP BY d.crime\n"
"ORDER BY total DESC, crime;\n"
"\n"
"CREATE VIEW country_shares AS\n"
"-- Each current report's declined detainers by citizenship, as in\n"
"-- country_summary, with share: the percentage of the report's declined\n"
"-- detainers (reports.declined_rows) that the citizenship's make up,\n"
"-- rounded to one decimal (12.5 means 12.5 %).  Rows without a\n"
"-- citizenship count in the whole but have no row here, so a report's\n"
"-- shares add up to 100 (give or take the rounding) only when every row\n"
"-- has one.  In the order of country_summary: reports by period, the\n"
"-- largest count first.\n"
"SELECT c.report_id AS report_id, c.citizenship AS citizenship,\n"
"       c.country_code AS country_code, c.declined AS declined,\n"
"       round(100.0 * c.declined / r.declined_rows, 1) AS share\n"
"FROM country_summary AS c JOIN current_reports AS r USING (report_id)\n"
"ORDER BY c.rowid;\n"
"\n"
"CREATE VIEW weekly_totals AS\n"
"-- One row per current report, in the order of the periods (reports\n"
"-- without one last): the detainers issued in the period and the\n"
"-- declined detainers as the report states them, the rows extracted\n"
"-- from it (declined_rows, which should equal declined_stated), and how\n"
"-- many of those rows are of people convicted, and of people charged.\n"
"SELECT r.report_id AS report_id, r.period_start AS period_start,\n"
"       r.period_end AS period_end, r.detainers_issued AS detainers_issued,\n"
"       r.declined_stated AS declined_stated, r.declined_rows AS declined_rows,\n"
"       (SELECT count(*) FROM declined_detainers AS d\n"
"        WHERE d.report_id = r.report_id AND d.crime_status = 'convicted')\n"
"           AS convicted,\n"
"       (SELECT count(*) FROM declined_detainers AS d\n"
"        WHERE d.report_id = r.report_id AND d.crime_status = 'charged')\n"
"           AS charged\n"
"FROM current_reports AS r\n"
"ORDER BY r.period_start NULLS LAST, r.report_id;\n";
