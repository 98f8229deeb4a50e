/* The test runner: every suite, CUnit's basic interface, summary printed.
 * Arguments name suites to run alone (their names as CUnit prints them),
 * for working on one part: "ddor2csv-tests 'schema, tables and formats'". */
#include <CUnit/Basic.h>
#include <stdio.h>
#include "suites.h"

int main(int argc, char **argv)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    suite_extract();
    suite_cells();
    suite_layout();
    suite_cell_links();
    suite_emit();
    suite_schema();
    suite_fixtures();
    suite_names();
    suite_errors();
    suite_odd_names();
    suite_bad_inputs();
    suite_archive();
    suite_archive_folder();
    suite_archive_writers();
    suite_archive_formats();
    suite_interrupted();
    suite_signals();
    suite_explain();
    suite_explain_paths();
    suite_codec();
    suite_input();
    suite_checks();
    suite_fuzz_regressions();
    suite_package();
    suite_workbook();
    suite_database();
    suite_sweep_score();
    suite_sweep();
    CU_basic_set_mode(CU_BRM_VERBOSE);
    if (argc > 1) {
        for (int i = 1; i < argc; i++) {
            CU_pSuite suite = CU_get_suite(argv[i]);
            if (!suite) {
                fprintf(stderr, "ddor2csv-tests: no suite named '%s'\n", argv[i]);
                CU_cleanup_registry();
                return 2;
            }
            CU_basic_run_suite(suite);
        }
    } else {
        CU_basic_run_tests();
    }
    unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
    unsigned run = CU_get_number_of_tests_run();
    CU_cleanup_registry();
    return (failed == 0 && run > 0) ? 0 : 1;
}
