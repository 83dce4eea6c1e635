/*
 * The history walk (snapshots/changes.c), whose line diff compares only
 * what lies between two datasets' common first and last lines: checked
 * against the plain reference (every line of both sorted and merged, every
 * line of a new dataset framed) over random edits of a dataset, broken
 * datasets among them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../records/record.h"
#include "../../snapshots/changes.h"
#include "../../snapshots/snapshot.h"

#define NSNAP	300
#define LMAX	40		/* lines of a dataset at most */

/* A dataset as lines (no comma, no line feed), and how it is broken. */
struct data {
	char	 line[LMAX][32];
	int	 n;
	int	 broken;	/* 0, or which way its bytes are spoilt */
};

/* Its record lines as the dataset holds them: a comma but on the last. */
static void
data_lines(const struct data *d, char out[LMAX][34])
{
	int i;

	for (i = 0; i < d->n; i++)
		snprintf(out[i], 34, "%s%s", d->line[i], i + 1 < d->n ||
		    d->broken == 1 ? "," : "");
}

/* Its bytes, as output_records_json frames them (spoilt if broken). */
static size_t
data_bytes(const struct data *d, char *buf, size_t size)
{
	char lines[LMAX][34];
	size_t at;
	int i;

	data_lines(d, lines);
	at = (size_t)snprintf(buf, size, "{\"records\":[\n");
	for (i = 0; i < d->n; i++)
		at += (size_t)snprintf(buf + at, size - at, "%s%s", lines[i],
		    i + 1 < d->n ? "\n" : "");
	at += (size_t)snprintf(buf + at, size - at, "%s", d->n == 0 ?
	    (d->broken ? "]\n" : "]}\n") : d->broken == 2 ? "\n]\n" :
	    "\n]}\n");
	if (d->broken == 3)
		buf[13] = 'x';	/* the first line is no object */
	return at;
}

/* One random edit of d: an insert, a removal, a change, a move, none. */
static void
data_edit(struct data *d)
{
	int op = rand() % 6, i = d->n ? rand() % d->n : 0, j;
	char tmp[32];

	if ((op == 0 || d->n == 0) && d->n < LMAX) {
		memmove(d->line[i + 1], d->line[i], (size_t)(d->n - i) * 32);
		snprintf(d->line[i], 32, "{\"k\":%d}", rand() % 50);
		d->n++;
	} else if (op == 1 && d->n > 0) {
		memmove(d->line[i], d->line[i + 1], (size_t)(d->n - i - 1) * 32);
		d->n--;
	} else if (op == 2 && d->n > 0)
		snprintf(d->line[i], 32, "{\"k\":%d}", rand() % 50);
	else if (op == 3 && d->n > 1) {
		j = rand() % d->n;
		memcpy(tmp, d->line[i], 32);
		memcpy(d->line[i], d->line[j], 32);
		memcpy(d->line[j], tmp, 32);
	} else if (op == 4 && d->n < LMAX)
		snprintf(d->line[d->n++], 32, "{\"k\":%d}", rand() % 50);
	else if (op == 5 && rand() % 4 == 0)
		d->n = 0;
	/* One in twelve spoilt: a comma on the last line, the tail cut, the
	 * first line no object; with no line, only the tail can be. */
	d->broken = rand() % 12 == 0 ? 1 + rand() % 3 : 0;
	if (d->n == 0 && d->broken)
		d->broken = 2;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* What the walk should tell: "+line", "-line", "#broken", "#snapshot". */
struct told {
	char	(*ev)[40];
	size_t	  n;
};

static void
tell(struct told *t, const char *s, size_t len)
{
	snprintf(t->ev[t->n++], 40, "%.*s", (int)len, s);
}

/* The reference: the lines of a and b sorted and merged, the odd ones. */
static void
expect_diff(struct told *t, const struct data *a, const struct data *b)
{
	char x[LMAX][34], y[LMAX][34], s[40];
	int i = 0, j = 0, k;

	data_lines(a, x);
	data_lines(b, y);
	qsort(x, (size_t)a->n, 34, str_cmp);
	qsort(y, (size_t)b->n, 34, str_cmp);
	while (i < a->n || j < b->n) {
		k = i == a->n ? 1 : j == b->n ? -1 : strcmp(x[i], y[j]);
		if (k == 0) {
			i++, j++;
			continue;
		}
		snprintf(s, sizeof(s), "%c%s", k > 0 ? '+' : '-',
		    k > 0 ? y[j++] : x[i++]);
		tell(t, s, strlen(s));
	}
}

/* The walk's callback: what it was told, in the same form. */
static int
heard(const struct line_change *c, void *arg)
{
	struct told *t = arg;
	char s[40];

	if (c->line == NULL)
		snprintf(s, sizeof(s), "%s", c->broken ? "#broken" :
		    "#snapshot");
	else
		snprintf(s, sizeof(s), "%c%.*s", c->added ? '+' : '-',
		    (int)c->len, c->line);
	tell(t, s, strlen(s));
	return 0;
}

/*
 * NSNAP snapshots of random edits committed, then walked: what the walk
 * told is what the reference tells, event for event.
 */
static void
test_walk_random(void **state)
{
	char dir[] = "/tmp/mcwatch-changes-XXXXXX", path[300];
	static char buf[8192];
	struct told want = { NULL, 0 }, got = { NULL, 0 };
	struct data d, last;
	struct snapshot *head = NULL, *made;
	struct snapshot_new sn;
	struct recordset *rs;
	struct store *st;
	struct err err;
	size_t i;
	int k;

	(void)state;
	srand(11);
	assert_non_null(want.ev = calloc(NSNAP * (2 * LMAX + 2), 40));
	assert_non_null(got.ev = calloc(NSNAP * (2 * LMAX + 2), 40));
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/repo", dir);
	assert_int_equal(store_init(&err), 0);
	assert_non_null(st = store_open(path, 1, &err));
	store_fsync(0);
	assert_non_null(rs = recordset_new());
	memset(&d, 0, sizeof(d));
	memset(&last, 0, sizeof(last));
	for (k = 0; k < NSNAP; k++) {
		if (k > 0)
			data_edit(&d);
		memset(&sn, 0, sizeof(sn));
		sn.dataset = buf;
		sn.datalen = data_bytes(&d, buf, sizeof(buf));
		sn.rs = rs;
		sn.page = "p";
		sn.pagelen = 1;
		sn.source = "{}";
		sn.sourcelen = 2;
		sn.message = "m";
		sn.author = "t <t@example.com>";
		sn.when = 1767225600 + (time_t)k * 86400;
		assert_int_equal(snapshot_commit(st, head, &sn, &made, &err), 0);
		snapshot_free(head);
		head = made;
		if (d.broken) {
			tell(&want, "#broken", 7);
			continue;
		}
		tell(&want, "#snapshot", 9);
		expect_diff(&want, &last, &d);
		last = d;
	}
	assert_int_equal(changes_walk(st, heard, &got, &err), 0);
	assert_int_equal(got.n, want.n);
	for (i = 0; i < want.n; i++)
		assert_string_equal(got.ev[i], want.ev[i]);
	snapshot_free(head);
	recordset_free(rs);
	store_close(st);
	store_shutdown();
	free(want.ev);
	free(got.ev);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	assert_int_equal(system(path), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walk_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
