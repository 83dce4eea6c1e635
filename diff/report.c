/* Change reports in text, Markdown and JSON. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "put.h"
#include "report.h"
#include "../records/field.h"
#include "../records/json.h"
#include "../records/lists.h"
#include "../util/names.h"
#include "../output/output.h"
#include "../util/safe.h"

static const struct report_format formats[] = {
	{ "text", report_text },
	{ "json", report_json },
	{ "markdown", report_markdown },
};

const char *
report_names(void)
{
	static char names[64];

	return names[0] ? names : NAMES_JOIN(names, formats);
}

const struct report_format *
report_find(const char *name)
{
	return NAMES_FIND(formats, name);
}

/*
 * Whether field c of a changed range follows from fields shown anyway: a
 * range whose end moved has another cover, and "last: A -> B" says it.
 */
static int
derived(const struct change *ch, size_t c)
{
	return ch->after->kind == RECORD_RANGE &&
	    strcmp(field_name(c), "cidrs") == 0 &&
	    (strcmp(ch->before->first, ch->after->first) != 0 ||
	    strcmp(ch->before->last, ch->after->last) != 0);
}

/* "field: a -> b; field: c -> d" for the fields that differ. */
static void
changed_fields(const struct change *ch, char *out, size_t len)
{
	static char a[FIELD_MAX], b[FIELD_MAX];
	size_t c, n = 0;

	out[0] = '\0';
	for (c = 0; c < field_count && n < len; c++) {
		const char *va = field_value(ch->before, c, a);
		const char *vb = field_value(ch->after, c, b);

		if (strcmp(va, vb) == 0 || derived(ch, c))
			continue;
		n += (size_t)snprintf(out + n, len - n, "%s%s: %s -> %s",
		    n ? "; " : "", field_name(c), *va ? va : "(none)",
		    *vb ? vb : "(none)");
	}
}

void
report_change_what(const struct change *ch, char *entry, size_t elen,
    char *what, size_t wlen)
{
	char detail[DETAIL_MAX];

	record_describe(change_record(ch), entry, elen, detail);
	if (ch->before != NULL && ch->after != NULL)
		changed_fields(ch, what, wlen);
	else
		snprintf(what, wlen, "%s", detail);
}

/* One line: sign, entry, and details or what changed. */
static int
change_line(FILE *fp, const struct change *ch, int md)
{
	const struct record *r = change_record(ch);
	char entry[DETAIL_MAX], detail[DETAIL_MAX], what[2048];
	const char *sign = ch->before == NULL ? "+" : ch->after == NULL ? "-" :
	    "~";

	record_describe(r, entry, sizeof(entry), detail);
	if (ch->before != NULL && ch->after != NULL)
		changed_fields(ch, what, sizeof(what));
	else
		snprintf(what, sizeof(what), "%s", detail);
	if (md) {
		if (fprintf(fp, "- %s %s `", ch->before == NULL ? "**added**" :
		    ch->after == NULL ? "**removed**" : "**changed**",
		    record_list_label(record_list(r))) < 0 ||
		    put_safe(fp, entry, PUT_CODE) == -1 || fputs("`", fp) == EOF)
			return -1;
		if (what[0] != '\0' && (fputs(": `", fp) == EOF ||
		    put_safe(fp, what, PUT_CODE) == -1 ||
		    putc('`', fp) == EOF))
			return -1;
	} else {
		if (fprintf(fp, "    %s %s ", sign,
		    record_list_label(record_list(r))) < 0 ||
		    put_safe(fp, entry, PUT_TEXT) == -1)
			return -1;
		if (what[0] != '\0' && (fputs("  ", fp) == EOF ||
		    put_safe(fp, what, PUT_TEXT) == -1))
			return -1;
	}
	return putc('\n', fp) == EOF ? -1 : 0;
}

const char *
report_date(time_t t, char *buf)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, 32, "%Y-%m-%d %H:%M UTC", &tm);
	return buf;
}

/*
 * The page's warnings, a line each: what was read with doubt, which may
 * stand behind a change ("a header but no rows" behind a removal).
 */
static int
report_warnings(FILE *fp, const struct recordset *w, int md)
{
	const struct warning *wa;
	size_t i;

	if (w == NULL || w->nwarns == 0)
		return 0;
	if (fprintf(fp, "%sWarnings on the page%s %zu\n", md ? "- **" : "",
	    md ? ":**" : ":", w->nwarns) < 0)
		return -1;
	for (i = 0; i < w->nwarns; i++) {
		wa = &w->warns[i];
		if (fputs(md ? "  - " : "    ! ", fp) == EOF ||
		    put_safe(fp, wa->region[0] ? wa->region : "(no region)",
		    md ? PUT_MD : PUT_TEXT) == -1 ||
		    (wa->section[0] != '\0' && (fputs(" / ", fp) == EOF ||
		    put_safe(fp, wa->section, md ? PUT_MD : PUT_TEXT) == -1)) ||
		    fputs(": ", fp) == EOF || put_safe(fp, wa->message, md ?
		    PUT_MD : PUT_TEXT) == -1 || putc('\n', fp) == EOF)
			return -1;
	}
	return 0;
}

/* The summary of the page's change and the second source's, in buf. */
static void
report_both(const struct report_ctx *ctx, char *buf, size_t len)
{
	size_t n;

	if (ctx->spf == NULL || ctx->spf->nchanges == 0) {
		report_summary(ctx->diff, buf, len);
		return;
	}
	buf[0] = '\0';
	if (ctx->diff->nchanges > 0) {
		report_summary(ctx->diff, buf, len);
		strncat(buf, "; ", len - strlen(buf) - 1);
	}
	n = strlen(buf);
	report_spf_summary(ctx->spf, buf + n, len - n);
}

/*
 * The header: what changed in counts, where the page came from, which
 * snapshot and when, and the one before. Only what is known is told; a
 * report that knows none of it (a commit message's) has none.
 */
static int
report_header(FILE *fp, const struct report_ctx *ctx, int md)
{
	const struct diff *d = ctx->diff;
	const char *lead = md ? "- **" : "", *mid = md ? ":** " : ": ";
	char sum[1024], when[32];

	if (ctx->source == NULL && ctx->to == NULL && ctx->from == NULL &&
	    ctx->date == 0)
		return 0;
	report_both(ctx, sum, sizeof(sum));
	if (ctx->baseline)
		snprintf(sum, sizeof(sum), "%zu records tracked", d->nadded);
	if (fprintf(fp, "%sMimecast %s: ", md ? "# " : "", ctx->baseline ?
	    "baseline" : "changed") < 0 ||
	    put_safe(fp, sum, md ? PUT_MD : PUT_TEXT) == -1 ||
	    fputs(md ? "\n\n" : "\n", fp) == EOF)
		return -1;
	if (ctx->source != NULL && (fprintf(fp, "%sSource%s", lead, mid) < 0 ||
	    put_safe(fp, ctx->source, md ? PUT_MD : PUT_TEXT) == -1 ||
	    putc('\n', fp) == EOF))
		return -1;
	if (fprintf(fp, "%sSnapshot%s%s%s%s", lead, mid, md ? "`" : "",
	    ctx->to ? ctx->to : "(not recorded)", md ? "`" : "") < 0 ||
	    (ctx->date != 0 && fprintf(fp, ", %s", report_date(ctx->date,
	    when)) < 0) || putc('\n', fp) == EOF)
		return -1;
	if (fprintf(fp, "%sPrevious%s%s%s%s\n", lead, mid, md ? "`" : "",
	    ctx->from ? ctx->from : "(none: the first snapshot)",
	    md ? "`" : "") < 0)
		return -1;
	if (ctx->edited_at != NULL && (fprintf(fp, "%sEdited by Mimecast%s",
	    lead, mid) < 0 || put_safe(fp, ctx->edited_at, md ? PUT_MD :
	    PUT_TEXT) == -1 || putc('\n', fp) == EOF))
		return -1;
	if (report_warnings(fp, ctx->warned, md) == -1)
		return -1;
	return putc('\n', fp) == EOF ? -1 : 0;
}

/* Grouped by region; md for Markdown headings. */
static int
report_grouped(FILE *fp, const struct report_ctx *ctx, int md)
{
	const struct diff *d = ctx->diff;
	const struct record *prev = NULL;
	size_t i;

	if (report_header(fp, ctx, md) == -1)
		return -1;
	if (d->nchanges == 0)
		return fputs(ctx->spf != NULL && ctx->spf->nchanges > 0 ?
		    (md ? "The page's data: no changes.\n" : "the page's data: "
		    "no changes\n") : (md ? "No changes.\n" : "no changes\n"),
		    fp) == EOF || report_spf(fp, ctx->spf, md) == -1 ? -1 : 0;
	for (i = 0; i < d->nchanges; i++) {
		const struct record *r = change_record(&d->changes[i]);

		if (prev == NULL || strcmp(prev->region, r->region) != 0) {
			if (fputs(md ? (prev ? "\n## " : "## ") :
			    (prev ? "\n" : ""), fp) ==
			    EOF || put_safe(fp, r->region, md ? PUT_MD :
			    PUT_TEXT) == -1 || fputs(" (", fp) == EOF ||
			    put_safe(fp, r->region_code, md ? PUT_MD :
			    PUT_TEXT) == -1 || fputs(md ? ")\n\n" : ")\n",
			    fp) == EOF)
				return -1;
		}
		if (change_line(fp, &d->changes[i], md) == -1)
			return -1;
		prev = r;
	}
	return report_spf(fp, ctx->spf, md);
}

int
report_text(FILE *fp, const struct report_ctx *ctx)
{
	return report_grouped(fp, ctx, 0);
}

int
report_markdown(FILE *fp, const struct report_ctx *ctx)
{
	return report_grouped(fp, ctx, 1);
}

/*
 * What a run's own report knows beside the diff: "baseline", "edited_at",
 * "spf" (the second source) and "warnings", each only when set (diff -f
 * json stays as it was).
 */
static int
report_json_extra(json_t *o, const struct report_ctx *ctx)
{
	json_t *w;
	size_t i;

	if ((ctx->baseline && json_object_set_new(o, "baseline",
	    json_true()) == -1) || (ctx->edited_at != NULL &&
	    json_object_set_new(o, "edited_at", json_string(ctx->edited_at)) ==
	    -1))
		return -1;
	if (ctx->spf != NULL && json_object_set_new(o, "spf",
	    report_spf_json(ctx->spf)) == -1)
		return -1;
	if (ctx->warned == NULL || ctx->warned->nwarns == 0)
		return 0;
	if (json_object_set_new(o, "warnings", w = json_array()) == -1)
		return -1;
	for (i = 0; i < ctx->warned->nwarns; i++)
		if (json_array_append_new(w,
		    warning_to_json(&ctx->warned->warns[i])) == -1)
			return -1;
	return 0;
}

json_t *
report_json_object(const struct report_ctx *ctx)
{
	const struct diff *d = ctx->diff;
	json_t *o, *added, *removed, *changed, *pair;
	size_t i;

	if ((o = json_object()) == NULL)
		return NULL;
	if (json_object_set_new(o, "from", ctx->from ? json_string(ctx->from) :
	    json_null()) == -1 ||
	    json_object_set_new(o, "to", ctx->to ? json_string(ctx->to) :
	    json_null()) == -1 ||
	    json_object_set_new(o, "source", ctx->source ?
	    json_string(ctx->source) : json_null()) == -1 ||
	    json_object_set_new(o, "date", json_time(ctx->date)) == -1 ||
	    json_object_set_new(o, "added", added = json_array()) == -1 ||
	    json_object_set_new(o, "removed", removed = json_array()) == -1 ||
	    json_object_set_new(o, "changed", changed = json_array()) == -1 ||
	    report_json_extra(o, ctx) == -1)
		goto fail;
	for (i = 0; i < d->nchanges; i++) {
		const struct change *ch = &d->changes[i];

		if (ch->before == NULL) {
			if (json_array_append_new(added,
			    record_to_json(ch->after)) == -1)
				goto fail;
		} else if (ch->after == NULL) {
			if (json_array_append_new(removed,
			    record_to_json(ch->before)) == -1)
				goto fail;
		} else if ((pair = json_object()) == NULL ||
		    json_array_append_new(changed, pair) == -1 ||
		    json_object_set_new(pair, "before",
		    record_to_json(ch->before)) == -1 ||
		    json_object_set_new(pair, "after",
		    record_to_json(ch->after)) == -1)
			goto fail;
	}
	return o;
 fail:
	json_decref(o);
	return NULL;
}

int
report_json(FILE *fp, const struct report_ctx *ctx)
{
	json_t *o;
	int rc = -1;

	if ((o = report_json_object(ctx)) == NULL)
		return -1;
	if (json_dumpf(o, fp, REPORT_JSON_FLAGS) == 0 && putc('\n', fp) != EOF)
		rc = 0;
	json_decref(o);
	return rc;
}

void
report_regions(const struct diff *d, char *buf, size_t len)
{
	const char *prev = NULL, *reg;
	size_t i, n = 0, left = 0;
	int k;

	buf[0] = '\0';
	/* Changes are in record order: a region's are together. */
	for (i = 0; i < d->nchanges; i++) {
		reg = change_record(&d->changes[i])->region;
		if (prev != NULL && strcmp(prev, reg) == 0)
			continue;
		prev = reg;
		k = snprintf(buf + n, len - n, "%s%s", n ? ", " : "",
		    reg[0] ? reg : "(no region)");
		if (left == 0 && k >= 0 && n + (size_t)k + 24 < len)
			n += (size_t)k;
		else {
			buf[n] = '\0';
			left++;
		}
	}
	/* A line cut short says so: never silently. */
	if (left > 0)
		snprintf(buf + n, len - n, "%sand %zu more", n ? ", " : "",
		    left);
}

void
report_summary(const struct diff *d, char *buf, size_t len)
{
	int n;

	/* The regions get what room the counts leave, and say what is cut. */
	n = snprintf(buf, len, "+%zu -%zu ~%zu (", d->nadded, d->nremoved,
	    d->nchanged);
	if (n < 0 || (size_t)n + 2 >= len)
		return;
	report_regions(d, buf + n, len - (size_t)n - 1);
	strcat(buf, ")");
}
