/* What every writer of the site shares: putting a file, a date, a table. */
#include <stdio.h>
#include <time.h>

#include "internal.h"
#include "../output/html.h"

int
pub_put(struct pub_ctx *ctx, const char *path, const char *buf, size_t len)
{
	return site_put(ctx->site, path, buf, len, ctx->err);
}

void
pub_date(time_t t, char *when, char *iso)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(when, 32, "%Y-%m-%d %H:%M UTC", &tm);
	strftime(iso, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

xmlNodePtr
pub_table_new(xmlNodePtr parent, const char *const *cols, size_t ncols)
{
	xmlNodePtr t, tr, th;
	size_t i;

	if ((t = html_add(parent, "table", NULL)) == NULL ||
	    (tr = html_add(html_add(t, "thead", NULL), "tr", NULL)) == NULL)
		return NULL;
	for (i = 0; i < ncols; i++)
		if ((th = html_add(tr, "th", cols[i])) == NULL ||
		    html_attr(th, "scope", "col") == -1)
			return NULL;
	return html_add(t, "tbody", NULL);
}

/* In the order of PUB_ADDED ...: the class, the sign and word, the colour. */
const struct pub_kind pub_kinds[] = {
	[PUB_ADDED] = { "added", "+ added", "color:#075e07;font-weight:600" },
	[PUB_REMOVED] = { "removed", "\xe2\x88\x92 removed",
	    "color:#a40000;font-weight:600" },
	[PUB_CHANGED] = { "changed", "~ changed",
	    "color:#7a5200;font-weight:600" },
	[PUB_RETIRING] = { "retiring", "! retiring",
	    "color:#8a3b00;font-weight:600" },
	[PUB_WARNING] = { "warning", "! warning",
	    "color:#8a3b00;font-weight:600" },
};
