/* What a notice says: subject, plain text, HTML and JSON. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../output/html.h"
#include "message.h"
#include "../records/lists.h"
#include "../output/output.h"
#include "../records/region.h"
#include "../utf8/utf8.h"

/*
 * Inline styles: mail clients drop <style> and external sheets. Each kind
 * of change has a colour and a sign and a word, never colour alone.
 */
#define CSS_BODY	"font-family: Helvetica, Arial, sans-serif; " \
			"font-size: 14px; color: #1f2328; line-height: 1.4"
#define CSS_TABLE	"border-collapse: collapse; margin: 0 0 16px 0"
#define CSS_CELL	"border: 1px solid #d0d7de; padding: 4px 8px; " \
			"text-align: left; vertical-align: top"
#define CSS_HEAD	CSS_CELL "; background: #f6f8fa"
#define CSS_MONO	CSS_CELL "; font-family: Menlo, Consolas, monospace; " \
			"white-space: nowrap"
#define CSS_META	"color: #57606a; margin: 2px 0"
#define CSS_WARN	"color: #9a6700; margin: 2px 0"

static const struct {
	const char	*label;		/* sign and word */
	const char	*css;
} change_kinds[] = {
	{ "+ added", CSS_CELL "; color: #1a7f37; background: #dafbe1; "
	    "font-weight: bold; white-space: nowrap" },
	{ "\xe2\x88\x92 removed", CSS_CELL "; color: #cf222e; "
	    "background: #ffebe9; font-weight: bold; white-space: nowrap" },
	{ "~ changed", CSS_CELL "; color: #9a6700; background: #fff8c5; "
	    "font-weight: bold; white-space: nowrap" },
};

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
	/* Page text cut as "%.200s" may end inside a character. */
	utf8_repair(buf);
	return buf;
}

/* A child of parent holding text, styled css; NULL on memory. */
static xmlNodePtr
styled(xmlNodePtr parent, const char *name, const char *text, const char *css)
{
	xmlNodePtr n = html_add(parent, name, text);

	if (n == NULL || html_attr(n, "style", css) == -1)
		return NULL;
	return n;
}

/* A table row of cells, each with its style; -1 on memory. */
static int
html_row(xmlNodePtr table, const char *const *cells,
    const char *const *css, size_t n, int head)
{
	xmlNodePtr tr, td;
	size_t i;

	if ((tr = html_add(table, "tr", NULL)) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if ((td = styled(tr, head ? "th" : "td", cells[i], head ?
		    CSS_HEAD : css[i])) == NULL ||
		    (head && html_attr(td, "scope", "col") == -1))
			return -1;
	return 0;
}

/*
 * The lines under the title: source, snapshot and date, previous, when
 * Mimecast edited the page, and the page's warnings. -1 on memory.
 */
static int
html_meta(xmlNodePtr body, const struct notice *n,
    const struct report_ctx *ctx)
{
	const struct recordset *w = ctx->warned;
	char line[1200], when[32];
	size_t i;

	snprintf(line, sizeof(line), "Snapshot %s%s%s%s", ctx->to ? ctx->to :
	    "(not recorded)", ctx->date ? ", " : "", ctx->date ?
	    report_date(ctx->date, when) : "", n->delayed ? " (delayed: an earlier "
	    "delivery failed)" : "");
	if ((ctx->source != NULL && styled(body, "p", ctx->source,
	    CSS_META) == NULL) || styled(body, "p", line, CSS_META) == NULL)
		return -1;
	if (ctx->from != NULL) {
		snprintf(line, sizeof(line), "Previous %s", ctx->from);
		if (styled(body, "p", line, CSS_META) == NULL)
			return -1;
	}
	if (ctx->edited_at != NULL) {
		snprintf(line, sizeof(line), "Edited by Mimecast: %.60s",
		    ctx->edited_at);
		utf8_repair(line);
		if (styled(body, "p", line, CSS_META) == NULL)
			return -1;
	}
	for (i = 0; w != NULL && i < w->nwarns; i++) {
		snprintf(line, sizeof(line), "! Warning on the page: %.300s%s"
		    "%.300s: %.500s", w->warns[i].region[0] ?
		    w->warns[i].region : "(no region)",
		    w->warns[i].section[0] ? " / " : "", w->warns[i].section,
		    w->warns[i].message);
		utf8_repair(line);
		if (styled(body, "p", line, CSS_WARN) == NULL)
			return -1;
	}
	return 0;
}

/* The table of one change into table; -1 on memory. */
static int
change_row(xmlNodePtr table, const struct change *c)
{
	static char entry[DETAIL_MAX], detail[DETAIL_MAX];
	const struct record *r = change_record(c);
	size_t k = c->before == NULL ? 0 : c->after == NULL ? 1 : 2;
	const char *cells[4], *css[4];

	report_change_what(c, entry, sizeof(entry), detail, sizeof(detail));
	cells[0] = change_kinds[k].label;
	css[0] = change_kinds[k].css;
	cells[1] = record_list_label(record_list(r));
	css[1] = CSS_CELL;
	cells[2] = entry;
	css[2] = CSS_MONO;
	cells[3] = detail;
	css[3] = CSS_CELL;
	return html_row(table, cells, css, 4, 0);
}

/* The second source's items as one table under a heading; -1 on memory. */
static int
spf_html(xmlNodePtr body, const struct spf_report *r)
{
	static const char *const head[] = { "SPF", "Region", "Range or term",
	    "What" };
	const char *cells[4], *css[4], *sign, *key, *what;
	char net[CIDR_STRLEN], label[64];
	xmlNodePtr table;
	size_t i, k;

	if (r == NULL || r->n == 0)
		return 0;
	if (styled(body, "h2", "SPF netblocks (the second source)",
	    "font-size: 16px; margin: 16px 0 6px 0") == NULL ||
	    (table = styled(body, "table", NULL, CSS_TABLE)) == NULL ||
	    html_row(table, head, NULL, 4, 1) == -1)
		return -1;
	for (i = 0; i < r->n; i++) {
		report_spf_kind(r->v[i].kind, &sign, &key, &what);
		/* The same sign, word and colour as a change of the page. */
		k = SPF_WARNING(r->v[i].kind) || *sign == '~' ? 2 :
		    *sign == '-' ? 1 : 0;
		snprintf(label, sizeof(label), "%s %s", sign,
		    SPF_WARNING(r->v[i].kind) ? "warning" : k == 1 ?
		    "removed" : k == 2 ? "changed" : "added");
		cells[0] = label;
		css[0] = change_kinds[k].css;
		cells[1] = r->v[i].code;
		css[1] = CSS_CELL;
		cells[2] = r->v[i].text != NULL ? r->v[i].text :
		    cidr_format(&r->v[i].net, net);
		css[2] = CSS_MONO;
		cells[3] = what;
		css[3] = CSS_CELL;
		if (html_row(table, cells, css, 4, 0) == -1)
			return -1;
	}
	return 0;
}

/* The changes of ctx as tables per region, under a heading. */
static char *
change_html(const struct notice *n, const struct report_ctx *ctx)
{
	static const char *const head[] = { "Change", "What", "Entry",
	    "Details" };
	const struct diff *d = ctx->diff;
	const struct record *prev = NULL;
	xmlNodePtr body, table = NULL;
	htmlDocPtr doc;
	char *out = NULL, line[512];
	size_t i;

	if ((doc = html_new(n->subject, NULL, &body)) == NULL ||
	    html_attr(body, "style", CSS_BODY) == -1 ||
	    styled(body, "h1", n->subject, "font-size: 18px") == NULL ||
	    html_meta(body, n, ctx) == -1)
		goto cleanup;
	for (i = 0; i < d->nchanges; i++) {
		const struct record *r = change_record(&d->changes[i]);

		if (prev == NULL || strcmp(prev->region, r->region) != 0) {
			snprintf(line, sizeof(line), "%.400s (%.40s)", r->region,
			    r->region_code);
			utf8_repair(line);
			if (styled(body, "h2", line, "font-size: 16px; "
			    "margin: 16px 0 6px 0") == NULL ||
			    (table = styled(body, "table", NULL, CSS_TABLE)) ==
			    NULL || html_row(table, head, NULL, 4, 1) == -1)
				goto cleanup;
		}
		prev = r;
		if (change_row(table, &d->changes[i]) == -1)
			goto cleanup;
	}
	if (spf_html(body, ctx->spf) == -1)
		goto cleanup;
	out = html_dump(doc);
 cleanup:
	xmlFreeDoc(doc);
	return out;
}

/* Whether the n bytes of code are one of list's codes (sep'd). */
static int
code_in(const char *list, const char *code, size_t n, const char *sep)
{
	const char *p = list, *q;

	for (; *p != '\0'; p = *q != '\0' ? q + strlen(sep) : q) {
		q = strstr(p, sep);
		q = q != NULL ? q : p + strlen(p);
		if ((size_t)(q - p) == n && strncmp(p, code, n) == 0)
			return 1;
	}
	return 0;
}

/*
 * The region codes of ctx's change, the page's then the second source's,
 * each once, sep between them (malloc'd); NULL on memory.
 */
static char *
change_codes(const struct report_ctx *ctx, const char *sep)
{
	char *page, *spf, *out = NULL, *p, *q;
	size_t len;
	FILE *fp;

	if ((page = diff_codes(ctx->diff, sep)) == NULL)
		return NULL;
	if (ctx->spf == NULL || ctx->spf->nchanges == 0)
		return page;
	if ((spf = spf_report_codes(ctx->spf, 0, sep)) == NULL ||
	    (fp = open_memstream(&out, &len)) == NULL) {
		free(page);
		free(spf);
		return NULL;
	}
	fputs(page, fp);
	for (p = spf; *p != '\0'; p = q) {
		q = strstr(p, sep);
		q = q != NULL ? q : p + strlen(p);
		if (!code_in(page, p, (size_t)(q - p), sep))
			fprintf(fp, "%s%.*s", ftell(fp) > 0 ? sep : "",
			    (int)(q - p), p);
		if (*q != '\0')
			q += strlen(sep);
	}
	if (fclose(fp) == EOF) {
		free(out);
		out = NULL;
	}
	free(page);
	free(spf);
	return out;
}

int
notice_change(struct notice *n, const struct report_ctx *ctx, int delayed)
{
	char *regions, *cut, spf[300] = "";
	size_t j;

	memset(n, 0, sizeof(*n));
	n->kind = NOTICE_CHANGE;
	n->delayed = delayed;
	if ((n->regions = change_codes(ctx, " ")) == NULL ||
	    (regions = change_codes(ctx, ", ")) == NULL) {
		notice_clear(n);
		return -1;
	}
	/* "US, DE": codes are ASCII; a long list is cut in the subject. */
	for (j = 0; regions[j] != '\0'; j++)
		regions[j] = (char)toupper((unsigned char)regions[j]);
	/* "SPF +1 -0": its regions are in the list that follows. */
	if (ctx->spf != NULL && ctx->spf->nchanges > 0) {
		report_spf_summary(ctx->spf, spf, sizeof(spf));
		if ((cut = strstr(spf, " (")) != NULL)
			*cut = '\0';
	}
	snprintf(n->subject, sizeof(n->subject), "[mcwatch] Mimecast changed"
	    "%s: +%zu -%zu ~%zu%s%s (%.300s%s)", delayed ? " (delayed)" : "",
	    ctx->diff->nadded, ctx->diff->nremoved, ctx->diff->nchanged,
	    spf[0] ? ", " : "", spf[0] ? spf : "", regions,
	    strlen(regions) > 300 ? ", ..." : "");
	free(regions);
	snprintf(n->snapshot, sizeof(n->snapshot), "%s", ctx->to ? ctx->to :
	    "");
	snprintf(n->from, sizeof(n->from), "%s", ctx->from ? ctx->from : "");
	if ((n->text = report_string(report_text, ctx, delayed ? "Delayed: "
	    "an earlier delivery of these changes failed.\n" : NULL)) == NULL ||
	    (n->json = report_string(report_json, ctx, NULL)) == NULL ||
	    (n->html = change_html(n, ctx)) == NULL) {
		notice_clear(n);
		return -1;
	}
	return 0;
}

/*
 * A notice of paragraphs: a title and the nlines lines of text (a
 * memstream's, LF-separated), as text and HTML; ctx for the lines
 * under the title, or NULL. 0, or -1 on memory.
 */
static int
notice_plain(struct notice *n, char *text, const struct report_ctx *ctx)
{
	xmlNodePtr body;
	htmlDocPtr doc;
	char *line, *next;
	int rc = -1;

	/* Its lines quote page text cut as "%.500s". */
	utf8_repair(text);
	n->text = text;
	if ((doc = html_new(n->subject, NULL, &body)) == NULL)
		return -1;
	if (html_attr(body, "style", CSS_BODY) == -1 ||
	    styled(body, "h1", n->subject, "font-size: 18px") == NULL ||
	    (ctx != NULL && html_meta(body, n, ctx) == -1))
		goto cleanup;
	for (line = text; *line != '\0'; line = next) {
		next = line + strcspn(line, "\n");
		if (next > line) {
			char save = *next;
			xmlNodePtr p;

			*next = '\0';
			p = html_add(body, "p", line);
			*next = save;
			if (p == NULL)
				goto cleanup;
		}
		if (*next == '\n')
			next++;
	}
	if ((n->html = html_dump(doc)) != NULL)
		rc = 0;
 cleanup:
	xmlFreeDoc(doc);
	return rc;
}

/* Counts of one region's records by list: "3 gateway networks, ...". */
static int
region_counts(FILE *fp, const struct recordset *rs, size_t from, size_t to)
{
	size_t counts[LIST_N], i, l;

	memset(counts, 0, sizeof(counts));
	for (i = from; i < to; i++)
		counts[record_list(&rs->recs[i])]++;
	if (fprintf(fp, "%.200s (%.40s): ", rs->recs[from].region,
	    rs->recs[from].region_code) < 0)
		return -1;
	for (l = 0; l < LIST_N; l++)
		if (fprintf(fp, "%s%zu %s%s", l ? ", " : "", counts[l],
		    record_list_label((enum record_list)l),
		    counts[l] == 1 ? "" : "s") < 0)
			return -1;
	return putc('\n', fp) == EOF ? -1 : 0;
}

/* When Mimecast edited the page and its warnings, as text lines. */
static int
text_meta(FILE *fp, const struct report_ctx *ctx)
{
	const struct recordset *w = ctx->warned;
	size_t i;

	if (ctx->edited_at != NULL && fprintf(fp, "Edited by Mimecast: %.60s\n",
	    ctx->edited_at) < 0)
		return -1;
	if (w == NULL || w->nwarns == 0)
		return 0;
	if (fprintf(fp, "Warnings on the page: %zu\n", w->nwarns) < 0)
		return -1;
	for (i = 0; i < w->nwarns; i++)
		if (fprintf(fp, "    ! %.300s%s%.300s: %.500s\n",
		    w->warns[i].region[0] ? w->warns[i].region : "(no region)",
		    w->warns[i].section[0] ? " / " : "", w->warns[i].section,
		    w->warns[i].message) < 0)
			return -1;
	return putc('\n', fp) == EOF ? -1 : 0;
}

/* The baseline's text: what is tracked, a line per region wanted. */
static char *
baseline_text(const struct recordset *rs, const char *regions,
    const struct report_ctx *ctx, struct notice *n, size_t *count)
{
	char *text = NULL, *codes = NULL;
	size_t len, clen, i, start;
	FILE *fp, *cp;
	int rc;

	*count = 0;
	if ((fp = open_memstream(&text, &len)) == NULL)
		return NULL;
	if ((cp = open_memstream(&codes, &clen)) == NULL) {
		fclose(fp);
		free(text);
		return NULL;
	}
	rc = fprintf(fp, "%smcwatch now tracks Mimecast's data centers and "
	    "URLs from %.500s.\nThe first snapshot is %s; you will hear of "
	    "every change from it.\n\n", n->delayed ? "Delayed: an earlier "
	    "delivery of this baseline failed.\n" : "", ctx->source ?
	    ctx->source : "the page", n->snapshot) < 0 ||
	    text_meta(fp, ctx) == -1;
	for (start = 0; !rc && start < rs->nrecs; start = i) {
		i = region_run_end(rs, start);
		if (!diff_code_wanted(regions, rs->recs[start].region_code))
			continue;
		*count += i - start;
		rc = fprintf(cp, "%s%s", ftell(cp) > 0 ? " " : "",
		    rs->recs[start].region_code) < 0 ||
		    region_counts(fp, rs, start, i) == -1;
	}
	/* The second source's first answer, and where it disagrees. */
	if (!rc && report_spf(fp, ctx->spf, 0) == -1)
		rc = 1;
	if (fclose(cp) == EOF)
		rc = 1;
	if (fclose(fp) == EOF || rc) {
		free(text);
		free(codes);
		return NULL;
	}
	n->regions = codes;
	return text;
}

int
notice_baseline(struct notice *n, const struct recordset *rs,
    const char *regions, const struct report_ctx *ctx, int delayed)
{
	char *text;
	size_t count;

	memset(n, 0, sizeof(*n));
	n->kind = NOTICE_BASELINE;
	n->delayed = delayed;
	snprintf(n->snapshot, sizeof(n->snapshot), "%s", ctx->to ? ctx->to : "");
	if ((text = baseline_text(rs, regions, ctx, n, &count)) == NULL)
		return -1;
	snprintf(n->subject, sizeof(n->subject), "[mcwatch] Mimecast baseline"
	    "%s: %zu records tracked", delayed ? " (delayed)" : "", count);
	if (notice_plain(n, text, ctx) == -1) {
		notice_clear(n);
		return -1;
	}
	return 0;
}

/* The lines of a notice as one text (malloc'd); NULL on memory. */
static char *
lines_text(const char *const *lines, size_t nlines)
{
	char *text = NULL;
	size_t len, i;
	FILE *fp;

	if ((fp = open_memstream(&text, &len)) == NULL)
		return NULL;
	for (i = 0; i < nlines; i++)
		fprintf(fp, "%s\n", lines[i]);
	if (fclose(fp) == EOF) {
		free(text);
		return NULL;
	}
	return text;
}

int
notice_problem(struct notice *n, enum notice_kind kind, const char *what,
    const char *latest)
{
	const char *lines[3];
	char l0[1200], l1[200], *text;

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
	if ((text = lines_text(lines, 3)) == NULL ||
	    notice_plain(n, text, NULL) == -1) {
		if (n->text == NULL)
			free(text);
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
	char *text;

	memset(n, 0, sizeof(*n));
	n->kind = NOTICE_TEST;
	snprintf(n->subject, sizeof(n->subject), "[mcwatch] test message");
	if ((text = lines_text(lines, 1)) == NULL ||
	    notice_plain(n, text, NULL) == -1) {
		if (n->text == NULL)
			free(text);
		notice_clear(n);
		return -1;
	}
	return 0;
}
