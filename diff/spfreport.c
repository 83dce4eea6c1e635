/* The second source in a report: SPF changes and warnings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "put.h"
#include "report.h"

/* Every kind of item: how it is told, in the order spf.h lists them. */
static const struct {
	const char	*sign;
	const char	*key;
	const char	*what;
} kinds[] = {
	[SPF_ADDED] = { "+", "added", "an SPF range added" },
	[SPF_REMOVED] = { "-", "removed", "an SPF range removed" },
	[SPF_NOTE_ADDED] = { "+", "not_understood_added",
	    "a term now not understood" },
	[SPF_NOTE_REMOVED] = { "-", "not_understood_removed",
	    "a term not understood no longer there" },
	[SPF_NAME] = { "~", "name", "the region's SPF name is now" },
	[SPF_PAGE_ONLY] = { "!", "page_only",
	    "a gateway network on the page that no SPF range covers" },
	[SPF_SPF_ONLY] = { "!", "spf_only",
	    "an SPF range that no gateway network on the page covers" },
	[SPF_FAILED] = { "!", "failed",
	    "no SPF answer; the last one recorded is kept" },
};

void
report_spf_kind(enum spf_item_kind k, const char **sign, const char **key,
    const char **what)
{
	*sign = kinds[k].sign;
	*key = kinds[k].key;
	*what = kinds[k].what;
}

/* One item's line: "  + us: 192.0.2.0/24 (an SPF range added)". */
static int
item_line(FILE *fp, const struct spf_item *it, int md)
{
	char net[CIDR_STRLEN];
	enum put_mode mode = md ? PUT_MD : PUT_TEXT;

	if (fprintf(fp, "%s%s ", md ? "- " : "    ", kinds[it->kind].sign) <
	    0 || put_safe(fp, it->code, mode) == -1 || fputs(": ", fp) == EOF)
		return -1;
	if (it->text == NULL)
		return fprintf(fp, "%s%s%s (%s)\n", md ? "`" : "",
		    cidr_format(&it->net, net), md ? "`" : "",
		    kinds[it->kind].what) < 0 ? -1 : 0;
	return fprintf(fp, "%s: ", kinds[it->kind].what) < 0 ||
	    put_safe(fp, it->text, mode) == -1 || putc('\n', fp) == EOF ?
	    -1 : 0;
}

/* The items of r that are warnings (warn) or changes, under title. */
static int
items(FILE *fp, const struct spf_report *r, int warn, const char *title,
    size_t count, int md)
{
	size_t i;

	if (count == 0)
		return 0;
	if (fprintf(fp, md ? "\n## %s (%zu)\n\n" : "\n%s (%zu):\n", title,
	    count) < 0)
		return -1;
	for (i = 0; i < r->n; i++)
		if (SPF_WARNING(r->v[i].kind) == warn &&
		    item_line(fp, &r->v[i], md) == -1)
			return -1;
	return 0;
}

/* The first answer recorded: counts, not every range as added. */
static int
first_answer(FILE *fp, const struct spf_report *r, int md)
{
	size_t i, nets = 0;
	char *codes;
	int rc;

	for (i = 0; i < r->n; i++)
		nets += r->v[i].kind == SPF_ADDED;
	if ((codes = spf_report_codes(r, 0, ", ")) == NULL)
		return -1;
	rc = fprintf(fp, md ? "\n## SPF netblocks recorded (the second "
	    "source)\n\n%zu ranges, the first answer recorded (" :
	    "\nSPF netblocks recorded (the second source): %zu ranges, the "
	    "first answer recorded (", nets) < 0 || put_safe(fp, codes, md ?
	    PUT_MD : PUT_TEXT) == -1 || fputs(")\n", fp) == EOF ? -1 : 0;
	free(codes);
	return rc;
}

int
report_spf(FILE *fp, const struct spf_report *r, int md)
{
	if (r == NULL || r->n == 0)
		return 0;
	if ((r->first && r->nchanges > 0 ? first_answer(fp, r, md) :
	    items(fp, r, 0, "SPF netblocks changed (the second source)",
	    r->nchanges, md)) == -1)
		return -1;
	return items(fp, r, 1, "Warning: the SPF netblocks and the page "
	    "disagree, or could not be read", r->nwarnings, md);
}

/* The item as a JSON object, or NULL. */
static json_t *
item_json(const struct spf_item *it)
{
	char net[CIDR_STRLEN];

	if (it->text != NULL)
		return json_pack("{s:s, s:s}", "region_code", it->code,
		    it->kind == SPF_NAME ? "name" : it->kind == SPF_FAILED ?
		    "error" : "term", it->text);
	return json_pack("{s:s, s:s}", "region_code", it->code, "range",
	    cidr_format(&it->net, net));
}

json_t *
report_spf_json(const struct spf_report *r)
{
	json_t *o = json_object(), *a;
	size_t k, i;

	for (k = 0; o != NULL && k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		if (json_object_set_new(o, kinds[k].key, a = json_array()) ==
		    -1)
			goto fail;
		for (i = 0; i < r->n; i++)
			if (r->v[i].kind == k && json_array_append_new(a,
			    item_json(&r->v[i])) == -1)
				goto fail;
	}
	return o;
 fail:
	json_decref(o);
	return NULL;
}

void
report_spf_summary(const struct spf_report *r, char *buf, size_t len)
{
	size_t i, add = 0, del = 0;
	char *codes;

	for (i = 0; i < r->n; i++) {
		add += r->v[i].kind == SPF_ADDED || r->v[i].kind ==
		    SPF_NOTE_ADDED;
		del += r->v[i].kind == SPF_REMOVED || r->v[i].kind ==
		    SPF_NOTE_REMOVED;
	}
	codes = spf_report_codes(r, 0, ", ");
	snprintf(buf, len, "SPF +%zu -%zu (%.200s)", add, del,
	    codes != NULL ? codes : "?");
	free(codes);
}
