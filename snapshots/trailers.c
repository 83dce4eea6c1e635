/* Writing and reading the commit trailers, with libgit2's parser. */
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "trailers.h"
#include "../util/safe.h"

#define K_SOURCE	"Source-URL"
#define K_SHA		"Page-SHA256"
#define K_ADDED		"Mimecast-Added"
#define K_REMOVED	"Mimecast-Removed"
#define K_CHANGED	"Mimecast-Changed"
#define K_REGIONS	"Mimecast-Regions"

int
trailers_write(FILE *fp, const struct trailers *t)
{
	char url[sizeof(t->source_url)], *regions;
	int rc;

	/* A line break in a value would end the trailer block early. */
	snprintf(url, sizeof(url), "%s", t->source_url);
	safe_unctrl(url);
	if ((regions = strdup(t->regions != NULL ? t->regions : "")) == NULL)
		return -1;
	safe_unctrl(regions);
	rc = fprintf(fp, K_SOURCE ": %s\n" K_SHA ": %s\n" K_ADDED ": %zu\n"
	    K_REMOVED ": %zu\n" K_CHANGED ": %zu\n" K_REGIONS ":%s%s\n", url,
	    t->page_sha256, t->added, t->removed, t->changed,
	    regions[0] ? " " : "", regions) < 0 ? -1 : 0;
	free(regions);
	return rc;
}

int
trailers_read(const char *msg, struct trailers *t)
{
	git_message_trailer_array tr;
	size_t i;
	int rc = 0;

	memset(t, 0, sizeof(*t));
	if (msg == NULL || git_message_trailers(&tr, msg) != 0)
		return 0;
	for (i = 0; i < tr.count && rc == 0; i++) {
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
		else if (strcmp(k, K_REGIONS) == 0) {
			free(t->regions);
			if ((t->regions = strdup(v)) == NULL)
				rc = -1;
		}
	}
	git_message_trailer_array_free(&tr);
	safe_unctrl(t->source_url);
	if (t->regions != NULL)
		safe_unctrl(t->regions);
	return rc;
}

void
trailers_clear(struct trailers *t)
{
	if (t == NULL)
		return;
	free(t->regions);
	t->regions = NULL;
}
