/* What every writer of the site shares: putting a file, a date. */
#include <stdio.h>
#include <time.h>

#include "internal.h"

int
pub_put(struct pub_ctx *ctx, const char *path, const char *buf, size_t len)
{
	return site_put(ctx->site, path, buf, len, !ctx->o->rebuild, ctx->err);
}

int
pub_put_new(struct pub_ctx *ctx, const char *path, const char *buf,
    size_t len)
{
	return site_put(ctx->site, path, buf, len, 0, ctx->err);
}

void
pub_date(time_t t, char *when, char *iso)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(when, 32, "%Y-%m-%d %H:%M UTC", &tm);
	strftime(iso, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
