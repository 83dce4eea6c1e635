/* Every snapshot's rendered part, oldest first: a growing array. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct pub_frag *
pub_frags_add(struct pub_frags *fs)
{
	struct pub_frag *nv;
	size_t nc;

	if (fs->n == fs->cap) {
		nc = fs->cap ? fs->cap * 2 : 64;
		if ((nv = reallocarray(fs->v, nc, sizeof(*nv))) == NULL)
			return NULL;
		fs->v = nv;
		fs->cap = nc;
	}
	memset(&fs->v[fs->n], 0, sizeof(fs->v[fs->n]));
	fs->v[fs->n].owned = 1;
	return &fs->v[fs->n++];
}

/* Part f's own strings freed (a memo's belong to its buffer). */
static void
frag_clear(struct pub_frag *f)
{
	if (!f->owned)
		return;
	free(f->json);
	free(f->html);
	free(f->title);
	free(f->content);
}

void
pub_frags_truncate(struct pub_frags *fs, size_t n)
{
	while (fs->n > n)
		frag_clear(&fs->v[--fs->n]);
}

void
pub_frags_clear(struct pub_frags *fs)
{
	pub_frags_truncate(fs, 0);
	free(fs->v);
	free(fs->buf);
	memset(fs, 0, sizeof(*fs));
}
