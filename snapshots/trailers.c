/* Writing and reading the commit trailers, with libgit2's parser. */
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "trailers.h"
#include "../records/safe.h"

#define K_SOURCE	"Source-URL"
#define K_SHA		"Page-SHA256"
#define K_ADDED		"Mimecast-Added"
#define K_REMOVED	"Mimecast-Removed"
#define K_CHANGED	"Mimecast-Changed"
#define K_REGIONS	"Mimecast-Regions"

int
trailers_write(FILE *fp, const struct trailers *t)
{
	char url[sizeof(t->source_url)], regions[sizeof(t->regions)];

	/* A line break in a value would end the trailer block early. */
	snprintf(url, sizeof(url), "%s", t->source_url);
	snprintf(regions, sizeof(regions), "%s", t->regions);
	safe_unctrl(url);
	safe_unctrl(regions);
	return fprintf(fp, K_SOURCE ": %s\n" K_SHA ": %s\n" K_ADDED ": %zu\n"
	    K_REMOVED ": %zu\n" K_CHANGED ": %zu\n" K_REGIONS ":%s%s\n", url,
	    t->page_sha256, t->added, t->removed, t->changed,
	    regions[0] ? " " : "", regions) < 0 ? -1 : 0;
}

void
trailers_read(const char *msg, struct trailers *t)
{
	git_message_trailer_array tr;
	size_t i;

	memset(t, 0, sizeof(*t));
	if (msg == NULL || git_message_trailers(&tr, msg) != 0)
		return;
	for (i = 0; i < tr.count; i++) {
		const char *k = tr.trailers[i].key, *v = tr.trailers[i].value;

		if (strcmp(k, K_SOURCE) == 0)
			snprintf(t->source_url, sizeof(t->source_url), "%s", v);
		else if (strcmp(k, K_SHA) == 0)
			snprintf(t->page_sha256, sizeof(t->page_sha256), "%s", v);
		else if (strcmp(k, K_ADDED) == 0)
			t->added = strtoul(v, NULL, 10);
		else if (strcmp(k, K_REMOVED) == 0)
			t->removed = strtoul(v, NULL, 10);
		else if (strcmp(k, K_CHANGED) == 0)
			t->changed = strtoul(v, NULL, 10);
		else if (strcmp(k, K_REGIONS) == 0)
			snprintf(t->regions, sizeof(t->regions), "%s", v);
	}
	git_message_trailer_array_free(&tr);
	safe_unctrl(t->source_url);
	safe_unctrl(t->regions);
}
