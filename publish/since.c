/* The sets of lines changed since a snapshot, kept while walking back. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "since.h"

#define NOWHERE	SIZE_MAX

int
pub_since_init(struct pub_since *s, const struct pub_timeline *h)
{
	size_t i, n = h->nnums + 1;

	memset(s, 0, sizeof(*s));
	if ((s->in_latest = calloc(n, 1)) == NULL ||
	    (s->pos = calloc(n, sizeof(*s->pos))) == NULL ||
	    (s->plus = calloc(n, sizeof(*s->plus))) == NULL ||
	    (s->minus = calloc(n, sizeof(*s->minus))) == NULL) {
		pub_since_clear(s);
		return -1;
	}
	/* Replaying every snapshot's lines leaves the latest's. */
	for (i = 0; i < h->nlines; i++)
		s->in_latest[h->lines[i].num] = (unsigned char)h->lines[i].added;
	for (i = 0; i < n; i++)
		s->pos[i] = NOWHERE;
	return 0;
}

static void
set_add(size_t *set, size_t *n, size_t *pos, size_t num)
{
	if (pos[num] != NOWHERE)
		return;
	pos[num] = *n;
	set[(*n)++] = num;
}

/* Remove num by moving the last member into its place. */
static void
set_del(size_t *set, size_t *n, size_t *pos, size_t num)
{
	size_t at = pos[num];

	if (at == NOWHERE)
		return;
	set[at] = set[--(*n)];
	pos[set[at]] = at;
	pos[num] = NOWHERE;
}

void
pub_since_back(struct pub_since *s, const struct pub_timeline *h, size_t k)
{
	const struct pub_snap *sn = &h->snaps[k];
	size_t i, num;

	for (i = sn->first; i < sn->first + sn->n; i++) {
		num = h->lines[i].num;
		/* k added it: k - 1 lacks it. k removed it: k - 1 has it. */
		if (h->lines[i].added == s->in_latest[num]) {
			if (s->in_latest[num])
				set_add(s->plus, &s->nplus, s->pos, num);
			else
				set_add(s->minus, &s->nminus, s->pos, num);
		} else {
			if (s->in_latest[num])
				set_del(s->plus, &s->nplus, s->pos, num);
			else
				set_del(s->minus, &s->nminus, s->pos, num);
		}
	}
}

void
pub_since_clear(struct pub_since *s)
{
	free(s->in_latest);
	free(s->pos);
	free(s->plus);
	free(s->minus);
	memset(s, 0, sizeof(*s));
}
