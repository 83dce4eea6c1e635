/*
 * publish's memo, GITDIR/mcwatch-publish: every snapshot's rendered part
 * (struct pub_frag) as the last publish made it, so that the next one
 * renders only the snapshots after it. It is derived from the repository
 * alone, never read from a site. A memo another version wrote, or one
 * that does not read strictly, is not used at all: it only saves time.
 */
#ifndef MCWATCH_PUB_MEMO_H
#define MCWATCH_PUB_MEMO_H

#include <stddef.h>

#include "internal.h"

#define PUB_MEMO	"mcwatch-publish"

/*
 * The len bytes of buf (malloc'd, taken over) as a memo into fs (empty):
 * the parts that read, their strings in buf, fs->used the bytes they take.
 * 0, or -1 if it is not a memo this version wrote (fs left empty).
 */
int	pub_memo_parse(char *buf, size_t len, struct pub_frags *fs);
/*
 * fs's parts from index from as a memo's bytes (malloc'd, length in
 * *len), with its header line when from is 0; NULL on memory or if a part
 * cannot be kept (a control character where none goes).
 */
char	*pub_memo_text(const struct pub_frags *fs, size_t from, size_t *len);
/* st's memo into fs (empty if it has none to use); 0, or -1 on memory. */
int	pub_memo_load(struct store *st, struct pub_frags *fs,
	    struct err *err);
/*
 * fs as st's memo: its parts from index from appended, when the memo on
 * disk is still the one read with exactly from parts; else written whole
 * (0600) and renamed. 0, or -1 with err.
 */
int	pub_memo_save(struct store *st, const struct pub_frags *fs,
	    size_t from, struct err *err);

#endif
