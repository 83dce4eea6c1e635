/*
 * Publishing: a static site made from the snapshot repository, for people
 * (index.html, changes.html), feed readers (feed.atom) and tools (a JSON
 * API in the shape of Microsoft's endpoints service, and the address
 * lists of 'mcwatch export'). See mcwatch(1), PUBLISHING.
 */
#ifndef MCWATCH_PUBLISH_H
#define MCWATCH_PUBLISH_H

#include <stddef.h>
#include <time.h>

#include "../errors/err.h"
#include "../snapshots/store.h"

#define PUBLISH_FEED_MAX	100	/* entries in feed.atom, newest */
#define PUBLISH_TITLE		"Mimecast data centers and URLs"

struct publish_opts {
	const char	*out;		/* the site's directory */
	const char	*base_url;	/* where it is served, or NULL */
	const char	*title;		/* or NULL for PUBLISH_TITLE */
	time_t		 last_check;	/* the last run; 0 if unknown */
	int		 lock_timeout;	/* seconds to wait for another */
	int		 rebuild;	/* nothing from the old site reused */
	void		(*warn)(const char *msg);	/* a broken snapshot */
};

struct publish_result {
	size_t		 snapshots;
	size_t		 written;	/* files written */
	size_t		 linked;	/* files the same as before, kept */
	size_t		 broken;	/* snapshots whose data is unread */
	char		 latest[41];
};

/*
 * Whether url can be a site's base URL: http(s), a host, no markup
 * characters. 1 if so, else 0.
 */
int	publish_base_ok(const char *url);
/*
 * Make the site of st's snapshots in o->out, atomically: built beside it,
 * then swapped in. 0, 1 when st has no snapshot yet (nothing written), or
 * -1 with err.
 */
int	publish_site(struct store *st, const struct publish_opts *o,
	    struct publish_result *res, struct err *err);

#endif
