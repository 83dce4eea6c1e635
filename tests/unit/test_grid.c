/* Grid expansion: colspan, rowspan, holes, and the bounds on both. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../parser/grid.h"

/* Row r as "a|b|c". */
static const char *
row(const struct grid *g, size_t r)
{
	static char buf[4096];
	size_t c;

	buf[0] = '\0';
	for (c = 0; c < g->rows[r].ncols; c++) {
		if (c > 0)
			strcat(buf, "|");
		strcat(buf, grid_text(g, r, c));
	}
	return buf;
}

static void
test_plain(void **state)
{
	struct grid *g = grid_new();

	(void)state;
	assert_non_null(g);
	assert_int_equal(grid_row_begin(g, 1), 0);
	assert_int_equal(grid_cell(g, "Network", 1, 1, 1, NULL), 0);
	assert_int_equal(grid_cell(g, "Netmask", 1, 1, 1, NULL), 0);
	assert_int_equal(grid_row_begin(g, 0), 0);
	assert_int_equal(grid_cell(g, "10.0.0.0/8", 1, 1, 0, NULL), 0);
	assert_int_equal(grid_cell(g, "255.0.0.0", 1, 1, 0, NULL), 0);
	assert_int_equal(grid_row_end(g), 0);
	assert_int_equal(g->nrows, 2);
	assert_string_equal(row(g, 0), "Network|Netmask");
	assert_string_equal(row(g, 1), "10.0.0.0/8|255.0.0.0");
	assert_true(g->rows[0].thead);
	assert_true(grid_head(g, 0, 1));
	assert_false(grid_head(g, 1, 1));
	assert_string_equal(grid_text(g, 1, 7), "");
	assert_string_equal(grid_text(g, 9, 0), "");
	grid_free(g);
	grid_free(NULL);
}

static void
test_colspan(void **state)
{
	struct grid *g = grid_new();

	(void)state;
	grid_row_begin(g, 0);
	grid_cell(g, "Network", 1, 1, 1, NULL);
	grid_cell(g, "IP Address Range", 3, 1, 1, NULL);
	grid_cell(g, "Netmask", 1, 1, 1, NULL);
	grid_row_end(g);
	assert_string_equal(row(g, 0),
	    "Network|IP Address Range|IP Address Range|IP Address Range|"
	    "Netmask");
	/* Spanned copies share their text: one cell, several columns. */
	assert_int_equal(g->cells[1].text, g->cells[3].text);
	grid_free(g);
}

static void
test_rowspan(void **state)
{
	struct grid *g = grid_new();

	(void)state;
	/* Location spanning two rows, as under "Mimecast Website". */
	grid_row_begin(g, 0);
	grid_cell(g, "Data Center 1", 1, 2, 0, NULL);
	grid_cell(g, "146.101.202.134", 1, 1, 0, NULL);
	grid_cell(g, "/32", 1, 1, 0, NULL);
	grid_row_begin(g, 0);
	grid_cell(g, "146.101.202.135", 1, 1, 0, NULL);
	grid_cell(g, "/32", 1, 1, 0, NULL);
	grid_row_begin(g, 0);
	grid_cell(g, "Data Center 2", 1, 1, 0, NULL);
	grid_row_end(g);
	assert_string_equal(row(g, 0), "Data Center 1|146.101.202.134|/32");
	assert_string_equal(row(g, 1), "Data Center 1|146.101.202.135|/32");
	assert_string_equal(row(g, 2), "Data Center 2");
	grid_free(g);
}

static void
test_rowspan_middle_and_end(void **state)
{
	struct grid *g = grid_new();

	(void)state;
	/* A rowspan in the last column of a row that ends early. */
	grid_row_begin(g, 0);
	grid_cell(g, "a", 1, 1, 0, NULL);
	grid_cell(g, "b", 1, 1, 0, NULL);
	grid_cell(g, "c", 1, 3, 0, NULL);
	grid_row_begin(g, 0);
	grid_cell(g, "d", 1, 1, 0, NULL);
	grid_row_begin(g, 0);
	grid_row_end(g);
	assert_string_equal(row(g, 0), "a|b|c");
	assert_string_equal(row(g, 1), "d||c");
	assert_string_equal(row(g, 2), "||c");
	grid_free(g);
}

static void
test_both_spans(void **state)
{
	struct grid *g = grid_new();

	(void)state;
	grid_row_begin(g, 0);
	grid_cell(g, "x", 2, 2, 0, NULL);
	grid_cell(g, "y", 1, 1, 0, NULL);
	grid_row_begin(g, 0);
	grid_cell(g, "z", 1, 1, 0, NULL);
	grid_row_end(g);
	assert_string_equal(row(g, 0), "x|x|y");
	assert_string_equal(row(g, 1), "x|x|z");
	grid_free(g);
}

static void
test_rowspan_zero(void **state)
{
	struct grid *g = grid_new();
	int i;

	(void)state;
	/* rowspan="0": to the end of the table, but never past its rows. */
	grid_row_begin(g, 0);
	grid_cell(g, "all", 1, 0, 0, NULL);
	grid_cell(g, "1", 1, 1, 0, NULL);
	for (i = 0; i < 3; i++) {
		grid_row_begin(g, 0);
		grid_cell(g, "n", 1, 1, 0, NULL);
	}
	grid_row_end(g);
	assert_int_equal(g->nrows, 4);
	assert_string_equal(row(g, 3), "all|n");
	grid_free(g);
}

static void
test_huge_spans(void **state)
{
	struct grid *g = grid_new();
	int i;

	(void)state;
	/* colspan="100000000" is clamped: no memory blow-up. */
	grid_row_begin(g, 0);
	grid_cell(g, "wide", 100000000L, 100000000L, 0, NULL);
	grid_cell(g, "lost", 1, 1, 0, NULL);
	grid_row_end(g);
	assert_int_equal(g->rows[0].ncols, GRID_MAXSPAN);
	assert_true(g->truncated);
	for (i = 0; i < 10; i++) {
		grid_row_begin(g, 0);
		grid_cell(g, "x", 1, 1, 0, NULL);
		grid_row_end(g);
	}
	/* The rowspan fills every row below, still clamped in width. */
	assert_int_equal(g->nrows, 11);
	assert_int_equal(g->rows[10].ncols, GRID_MAXCOLS);
	assert_string_equal(grid_text(g, 10, 0), "wide");
	grid_free(g);
}

static void
test_cell_limit(void **state)
{
	struct grid *g = grid_new();
	size_t i;

	(void)state;
	/* A table can never hold more than GRID_MAXCELLS cells. */
	for (i = 0; i < GRID_MAXCELLS / GRID_MAXCOLS + 10; i++) {
		assert_int_equal(grid_row_begin(g, 0), 0);
		assert_int_equal(grid_cell(g, "", GRID_MAXCOLS, 1, 0, NULL), 0);
		assert_int_equal(grid_cell(g, "end", 1, 1, 0, NULL), 0);
	}
	grid_row_end(g);
	assert_true(g->ncells <= GRID_MAXCELLS);
	assert_true(g->truncated);
	grid_free(g);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_colspan),
		cmocka_unit_test(test_rowspan),
		cmocka_unit_test(test_rowspan_middle_and_end),
		cmocka_unit_test(test_both_spans),
		cmocka_unit_test(test_rowspan_zero),
		cmocka_unit_test(test_huge_spans),
		cmocka_unit_test(test_cell_limit),
	};

	return cmocka_run_group_tests_name("grid", tests, NULL, NULL);
}
