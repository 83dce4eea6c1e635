/*
 * What each channel has heard, kept beside the repository (never in a
 * snapshot): GITDIR/mcwatch-notify.json, written whole or not at all,
 * mode 0600. A channel is named there by a digest of its target, never by
 * the target itself (a webhook's URL is its credential).
 */
#ifndef MCWATCH_STATE_H
#define MCWATCH_STATE_H

#include <stddef.h>

#include "../errors/err.h"
#include "notify.h"
#include "../snapshots/store.h"

#define NOTIFY_STATE	"mcwatch-notify.json"

struct chan_state {
	char	key[NOTIFY_KEYMAX];	/* notify_channel_key's */
	int	known;		/* the channel has been seen before */
	char	delivered[41];	/* the last snapshot it heard of, or "" */
	char	problem[512];	/* the breakage it was told of, or "" */
	long	notices;	/* problem notices it was sent: their keys */
};

struct notify_state {
	struct chan_state	*v;
	size_t			 n;
};

/*
 * Load the state of st into s (the caller frees it with
 * notify_state_free). A file that does not parse or cannot be read (a
 * symlink) is told to warn and taken as empty; an entry that does not is
 * told and dropped. 0, or -1 with err (out of memory).
 */
int	notify_state_load(struct store *st, struct notify_state *s,
	    void (*warn)(const char *), struct err *err);
/* Save s atomically, mode 0600; 0, or -1 with err. */
int	notify_state_save(struct store *st, const struct notify_state *s,
	    struct err *err);
/* The state of channel key, added (not known) if absent; NULL on memory. */
struct chan_state *notify_state_get(struct notify_state *s, const char *key);
void	notify_state_free(struct notify_state *s);

#endif
