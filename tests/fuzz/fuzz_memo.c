/*
 * libFuzzer: publish's memo (GITDIR/mcwatch-publish) as anyone who can
 * write there leaves it. What reads must be written back to exactly the
 * bytes its parts took, and read again to the same parts.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../publish/memo.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Whether part a and b hold the same. */
static int
same_part(const struct pub_frag *a, const struct pub_frag *b)
{
	return strcmp(a->id, b->id) == 0 && strcmp(a->parent, b->parent) == 0 &&
	    strcmp(a->base, b->base) == 0 && a->time == b->time &&
	    a->nrecords == b->nrecords && a->broken == b->broken &&
	    a->feed == b->feed && a->jsonlen == b->jsonlen &&
	    memcmp(a->json, b->json, a->jsonlen) == 0 &&
	    a->htmllen == b->htmllen &&
	    memcmp(a->html, b->html, a->htmllen) == 0 &&
	    (!a->feed || (a->titlelen == b->titlelen &&
	    memcmp(a->title, b->title, a->titlelen) == 0)) &&
	    (a->content == NULL) == (b->content == NULL) &&
	    (a->content == NULL || (a->contentlen == b->contentlen &&
	    memcmp(a->content, b->content, a->contentlen) == 0));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct pub_frags fs, again;
	char *buf, *text, *copy;
	size_t tlen, i;

	/* Exactly len bytes: a read past them is caught. */
	if ((buf = malloc(len > 0 ? len : 1)) == NULL)
		return 0;
	memcpy(buf, data, len);
	if (pub_memo_parse(buf, len, &fs) == -1)
		return 0;
	if (fs.used > len)
		abort();
	/* Parts that cannot be written back (pub_memo_text NULL) are fine. */
	if ((text = pub_memo_text(&fs, 0, &tlen)) != NULL) {
		if (tlen != fs.used || memcmp(text, data, tlen) != 0)
			abort();
		if ((copy = malloc(tlen + 1)) == NULL)
			abort();
		memcpy(copy, text, tlen);
		if (pub_memo_parse(copy, tlen, &again) == -1 ||
		    again.n != fs.n || again.used != tlen)
			abort();
		for (i = 0; i < fs.n; i++)
			if (!same_part(&fs.v[i], &again.v[i]))
				abort();
		pub_frags_clear(&again);
		free(text);
	}
	pub_frags_clear(&fs);
	return 0;
}
