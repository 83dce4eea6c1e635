/* Change reports in text, Markdown and JSON. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "report.h"
#include "../records/field.h"
#include "../records/json.h"
#include "../records/output.h"
#include "../records/safe.h"

static const struct report_format formats[] = {
	{ "text", report_text },
	{ "json", report_json },
	{ "markdown", report_markdown },
};

const char *
report_names(void)
{
	static char names[64];
	size_t i;

	if (names[0] == '\0')
		for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
			snprintf(names + strlen(names), sizeof(names) -
			    strlen(names), "%s%s", i ? "|" : "", formats[i].name);
	return names;
}

const struct report_format *
report_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(name, formats[i].name) == 0)
			return &formats[i];
	return NULL;
}

/* How page text is put in a report. */
enum put_mode {
	PUT_TEXT,		/* as it is */
	PUT_CODE,		/* inside a Markdown code span */
	PUT_MD			/* Markdown text: never markup */
};

/*
 * Print s with control characters as '?' (reports reach terminals). In a
 * code span a backtick would end it: it becomes an apostrophe. In Markdown
 * text every ASCII punctuation mark is escaped, so that page text can make
 * no link, emphasis, heading or raw HTML ("<script>", "[x](javascript:)").
 */
static int
put_safe(FILE *fp, const char *s, enum put_mode mode)
{
	for (; *s != '\0'; s++) {
		int c = safe_char((unsigned char)*s);

		if (mode == PUT_CODE && c == '`')
			c = '\'';
		if (mode == PUT_MD && c < 0x80 && ispunct(c) &&
		    putc('\\', fp) == EOF)
			return -1;
		if (putc(c, fp) == EOF)
			return -1;
	}
	return 0;
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

		if (strcmp(va, vb) == 0)
			continue;
		n += (size_t)snprintf(out + n, len - n, "%s%s: %s -> %s",
		    n ? "; " : "", field_names[c], *va ? va : "(none)",
		    *vb ? vb : "(none)");
	}
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
		    record_kind_name(r->kind)) < 0 ||
		    put_safe(fp, entry, PUT_CODE) == -1 || fputs("`", fp) == EOF)
			return -1;
		if (what[0] != '\0' && (fputs(": ", fp) == EOF ||
		    put_safe(fp, what, PUT_MD) == -1))
			return -1;
	} else {
		if (fprintf(fp, "    %s ", sign) < 0 ||
		    put_safe(fp, entry, PUT_TEXT) == -1)
			return -1;
		if (what[0] != '\0' && (fputs("  ", fp) == EOF ||
		    put_safe(fp, what, PUT_TEXT) == -1))
			return -1;
	}
	return putc('\n', fp) == EOF ? -1 : 0;
}

/* Grouped by region, then kind; md for Markdown headings. */
static int
report_grouped(FILE *fp, const struct report_ctx *ctx, int md)
{
	const struct diff *d = ctx->diff;
	const struct record *prev = NULL;
	char sum[1024];
	size_t i;

	report_summary(d, sum, sizeof(sum));
	if (d->nchanges == 0)
		return fputs(md ? "No changes.\n" : "no changes\n", fp) == EOF ?
		    -1 : 0;
	if (md && (fputs("# Mimecast: ", fp) == EOF ||
	    put_safe(fp, sum, PUT_MD) == -1 || fputs("\n", fp) == EOF))
		return -1;
	for (i = 0; i < d->nchanges; i++) {
		const struct record *r = change_record(&d->changes[i]);

		if (prev == NULL || strcmp(prev->region, r->region) != 0) {
			if (fputs(md ? "\n## " : (prev ? "\n" : ""), fp) ==
			    EOF || put_safe(fp, r->region, md ? PUT_MD :
			    PUT_TEXT) == -1 || fputs(md ? " \\(" : " (", fp) ==
			    EOF || put_safe(fp, r->region_code, md ? PUT_MD :
			    PUT_TEXT) == -1 || fputs(md ? "\\)\n" : ")\n", fp) ==
			    EOF)
				return -1;
			prev = NULL;
		}
		if (!md && (prev == NULL || prev->kind != r->kind) &&
		    fprintf(fp, "  %s\n", record_kind_name(r->kind)) < 0)
			return -1;
		if (change_line(fp, &d->changes[i], md) == -1)
			return -1;
		prev = r;
	}
	return 0;
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

int
report_json(FILE *fp, const struct report_ctx *ctx)
{
	const struct diff *d = ctx->diff;
	json_t *o, *added, *removed, *changed, *pair;
	size_t i;
	int rc = -1;

	if ((o = json_object()) == NULL)
		return -1;
	if (json_object_set_new(o, "from", ctx->from ? json_string(ctx->from) :
	    json_null()) == -1 ||
	    json_object_set_new(o, "to", ctx->to ? json_string(ctx->to) :
	    json_null()) == -1 ||
	    json_object_set_new(o, "added", added = json_array()) == -1 ||
	    json_object_set_new(o, "removed", removed = json_array()) == -1 ||
	    json_object_set_new(o, "changed", changed = json_array()) == -1)
		goto cleanup;
	for (i = 0; i < d->nchanges; i++) {
		const struct change *ch = &d->changes[i];

		if (ch->before == NULL) {
			if (json_array_append_new(added,
			    record_to_json(ch->after)) == -1)
				goto cleanup;
		} else if (ch->after == NULL) {
			if (json_array_append_new(removed,
			    record_to_json(ch->before)) == -1)
				goto cleanup;
		} else if ((pair = json_object()) == NULL ||
		    json_array_append_new(changed, pair) == -1 ||
		    json_object_set_new(pair, "before",
		    record_to_json(ch->before)) == -1 ||
		    json_object_set_new(pair, "after",
		    record_to_json(ch->after)) == -1)
			goto cleanup;
	}
	if (json_dumpf(o, fp, JSON_INDENT(2)) == -1 || putc('\n', fp) == EOF)
		goto cleanup;
	rc = 0;
 cleanup:
	json_decref(o);
	return rc;
}

void
report_regions(const struct diff *d, char *buf, size_t len)
{
	const char *seen[64];
	size_t i, j, nseen = 0, n = 0;

	buf[0] = '\0';
	for (i = 0; i < d->nchanges; i++) {
		const char *reg = change_record(&d->changes[i])->region;

		for (j = 0; j < nseen; j++)
			if (strcmp(seen[j], reg) == 0)
				break;
		if (j < nseen)
			continue;
		if (nseen < sizeof(seen) / sizeof(seen[0]))
			seen[nseen++] = reg;
		if (n < len)
			n += (size_t)snprintf(buf + n, len - n, "%s%s",
			    n ? ", " : "", reg[0] ? reg : "(no region)");
	}
}

void
report_summary(const struct diff *d, char *buf, size_t len)
{
	char regions[768];

	report_regions(d, regions, sizeof(regions));
	snprintf(buf, len, "+%zu -%zu ~%zu (%s)", d->nadded, d->nremoved,
	    d->nchanged, regions);
}
