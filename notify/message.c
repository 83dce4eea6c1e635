/* What a notice says: subject, plain text, HTML and JSON. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../records/html.h"
#include "message.h"
#include "../records/lists.h"
#include "../records/output.h"
#include "../records/region.h"

/* "US, DE" from the regions of d, upper case (codes are ASCII). */
static void
subject_regions(const struct diff *d, char *buf, size_t len)
{
	const char *prev = NULL;
	size_t i, n = 0, j;

	buf[0] = '\0';
	for (i = 0; i < d->nchanges && n + 48 < len; i++) {
		const char *code = change_record(&d->changes[i])->region_code;

		if (prev != NULL && strcmp(prev, code) == 0)
			continue;
		n += (size_t)snprintf(buf + n, len - n, "%s%.40s",
		    prev ? ", " : "", code);
		prev = code;
	}
	for (j = 0; buf[j] != '\0'; j++)
		buf[j] = (char)toupper((unsigned char)buf[j]);
}

/* Run a report writer into a string; NULL on memory. */
static char *
report_string(report_fn write, const struct report_ctx *ctx,
    const char *lead)
{
	char *buf = NULL;
	size_t len;
	FILE *fp;
	int rc;

	if ((fp = open_memstream(&buf, &len)) == NULL)
		return NULL;
	rc = (lead != NULL && fputs(lead, fp) == EOF) || write(fp, ctx) == -1;
	if (fclose(fp) == EOF || rc) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* A table row of cells; -1 on memory. */
static int
html_row(xmlNodePtr table, const char *const *cells, size_t n, int head)
{
	xmlNodePtr tr, td;
	size_t i;

	if ((tr = html_add(table, "tr", NULL)) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if ((td = html_add(tr, head ? "th" : "td", cells[i])) == NULL ||
		    (head && html_attr(td, "scope", "col") == -1))
			return -1;
	return 0;
}

/* The changes of ctx as tables per region, under a heading. */
static char *
change_html(const struct notice *n, const struct report_ctx *ctx)
{
	static const char *const head[] = { "Change", "What", "Entry",
	    "Details" };
	static char entry[DETAIL_MAX], detail[DETAIL_MAX];
	const struct diff *d = ctx->diff;
	const struct record *prev = NULL;
	const char *cells[4];
	xmlNodePtr body, table = NULL;
	htmlDocPtr doc;
	char *out = NULL, line[512];
	size_t i;

	if ((doc = html_new(n->subject, NULL, &body)) == NULL ||
	    html_add(body, "h1", n->subject) == NULL)
		goto cleanup;
	snprintf(line, sizeof(line), "Snapshot %s%s%s%s", ctx->to ? ctx->to :
	    "(not recorded)", ctx->from ? ", previous " : "",
	    ctx->from ? ctx->from : "", n->delayed ? " (delayed: an earlier "
	    "delivery failed)" : "");
	if ((ctx->source != NULL && html_add(body, "p", ctx->source) == NULL) ||
	    html_add(body, "p", line) == NULL)
		goto cleanup;
	for (i = 0; i < d->nchanges; i++) {
		const struct change *c = &d->changes[i];
		const struct record *r = change_record(c);

		if (prev == NULL || strcmp(prev->region, r->region) != 0) {
			snprintf(line, sizeof(line), "%.400s (%.40s)", r->region,
			    r->region_code);
			if (html_add(body, "h2", line) == NULL ||
			    (table = html_add(body, "table", NULL)) == NULL ||
			    html_row(table, head, 4, 1) == -1)
				goto cleanup;
		}
		prev = r;
		report_change_what(c, entry, sizeof(entry), detail,
		    sizeof(detail));
		cells[0] = c->before == NULL ? "added" : c->after == NULL ?
		    "removed" : "changed";
		cells[1] = record_list_label(record_list(r));
		cells[2] = entry;
		cells[3] = detail;
		if (html_row(table, cells, 4, 0) == -1)
			goto cleanup;
	}
	out = html_dump(doc);
 cleanup:
	xmlFreeDoc(doc);
	return out;
}

int
notice_change(struct notice *n, const struct report_ctx *ctx, int delayed)
{
	char regions[400];

	memset(n, 0, sizeof(*n));
	n->kind = NOTICE_CHANGE;
	n->delayed = delayed;
	subject_regions(ctx->diff, regions, sizeof(regions));
	snprintf(n->subject, sizeof(n->subject), "[mcwatch] Mimecast changed"
	    "%s: +%zu -%zu ~%zu (%s)", delayed ? " (delayed)" : "",
	    ctx->diff->nadded, ctx->diff->nremoved, ctx->diff->nchanged,
	    regions);
	snprintf(n->snapshot, sizeof(n->snapshot), "%s", ctx->to ? ctx->to :
	    "");
	if ((n->text = report_string(report_text, ctx, delayed ? "Delayed: "
	    "an earlier delivery of these changes failed.\n" : NULL)) == NULL ||
	    (n->json = report_string(report_json, ctx, NULL)) == NULL ||
	    (n->html = change_html(n, ctx)) == NULL) {
		notice_clear(n);
		return -1;
	}
	return 0;
}

/* A notice of paragraphs: a title and lines of text, as text and HTML. */
static int
notice_plain(struct notice *n, const char *const *lines, size_t nlines)
{
	xmlNodePtr body;
	htmlDocPtr doc;
	char *text = NULL;
	size_t len, i;
	FILE *fp;
	int rc = -1;

	if ((fp = open_memstream(&text, &len)) == NULL)
		return -1;
	for (i = 0; i < nlines; i++)
		fprintf(fp, "%s\n", lines[i]);
	if (fclose(fp) == EOF) {
		free(text);
		return -1;
	}
	n->text = text;
	if ((doc = html_new(n->subject, NULL, &body)) == NULL)
		return -1;
	if (html_add(body, "h1", n->subject) != NULL) {
		for (i = 0; i < nlines; i++)
			if (lines[i][0] != '\0' &&
			    html_add(body, "p", lines[i]) == NULL)
				break;
		if (i == nlines && (n->html = html_dump(doc)) != NULL)
			rc = 0;
	}
	xmlFreeDoc(doc);
	return rc;
}

/* Counts of one region's records by list, as "3 gateway networks, ...". */
static void
region_counts(const struct recordset *rs, size_t from, size_t to, char *buf,
    size_t len, size_t *counts)
{
	size_t i, n = 0, l;

	memset(counts, 0, LIST_N * sizeof(*counts));
	for (i = from; i < to; i++)
		counts[record_list(&rs->recs[i])]++;
	buf[0] = '\0';
	for (l = 0; l < LIST_N; l++)
		n += (size_t)snprintf(buf + n, len - n, "%s%zu %s%s", l ? ", " :
		    "", counts[l], record_list_label((enum record_list)l),
		    counts[l] == 1 ? "" : "s");
}

int
notice_baseline(struct notice *n, const struct recordset *rs,
    const struct report_ctx *ctx)
{
	const char *lines[4 + 64];
	static char rl[64][600];
	char head[600], snap[200];
	size_t i, start, nl = 0, counts[LIST_N];

	memset(n, 0, sizeof(*n));
	n->kind = NOTICE_BASELINE;
	snprintf(n->subject, sizeof(n->subject), "[mcwatch] Mimecast baseline: "
	    "%zu records tracked", rs->nrecs);
	snprintf(n->snapshot, sizeof(n->snapshot), "%s", ctx->to ? ctx->to : "");
	snprintf(head, sizeof(head), "mcwatch now tracks Mimecast's data "
	    "centers and URLs from %.500s.", ctx->source ? ctx->source :
	    "the page");
	snprintf(snap, sizeof(snap), "The first snapshot is %s; you will hear "
	    "of every change from it.", n->snapshot);
	lines[nl++] = head;
	lines[nl++] = snap;
	lines[nl++] = "";
	for (start = 0; start < rs->nrecs && nl < 4 + 63; start = i) {
		i = region_run_end(rs, start);
		snprintf(rl[nl], sizeof(rl[0]), "%.200s (%.40s): ",
		    rs->recs[start].region, rs->recs[start].region_code);
		region_counts(rs, start, i, rl[nl] + strlen(rl[nl]),
		    sizeof(rl[0]) - strlen(rl[nl]), counts);
		lines[nl] = rl[nl];
		nl++;
	}
	if (notice_plain(n, lines, nl) == -1) {
		notice_clear(n);
		return -1;
	}
	return 0;
}

int
notice_problem(struct notice *n, enum notice_kind kind, const char *what,
    const char *latest)
{
	const char *lines[3];
	char l0[1200], l1[200];

	memset(n, 0, sizeof(*n));
	n->kind = kind;
	snprintf(n->snapshot, sizeof(n->snapshot), "%s", latest ? latest : "");
	if (kind == NOTICE_PROBLEM) {
		snprintf(n->subject, sizeof(n->subject), "[mcwatch] Mimecast "
		    "scrape failing");
		snprintf(l0, sizeof(l0), "mcwatch cannot record Mimecast's "
		    "page: %.1000s", what);
		lines[2] = "You will hear once more when it works again, not "
		    "every night in between.";
	} else {
		snprintf(n->subject, sizeof(n->subject), "[mcwatch] Mimecast "
		    "scrape works again");
		snprintf(l0, sizeof(l0), "mcwatch records Mimecast's page again "
		    "(%.1000s).", what);
		lines[2] = "";
	}
	snprintf(l1, sizeof(l1), "The latest snapshot is %s.", latest &&
	    latest[0] ? latest : "none yet");
	lines[0] = l0;
	lines[1] = l1;
	if (notice_plain(n, lines, 3) == -1) {
		notice_clear(n);
		return -1;
	}
	return 0;
}

int
notice_test(struct notice *n)
{
	const char *lines[] = { "This is a test message from mcwatch: this "
	    "channel is set up and reachable." };

	memset(n, 0, sizeof(*n));
	n->kind = NOTICE_TEST;
	snprintf(n->subject, sizeof(n->subject), "[mcwatch] test message");
	if (notice_plain(n, lines, 1) == -1) {
		notice_clear(n);
		return -1;
	}
	return 0;
}
