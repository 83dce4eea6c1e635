/*
 * Notifications: telling people what changed, or that the scrape broke,
 * by email and webhooks, at least once and never twice. A channel is one
 * destination (an address, a URL); notifiers are rows of a table.
 */
#ifndef MCWATCH_NOTIFY_H
#define MCWATCH_NOTIFY_H

#include <stddef.h>

#include "../errors/err.h"
#include "../diff/diff.h"
#include "../transport/transfer.h"

#define NOTIFY_MAXCHANNELS	64
#define NOTIFY_MAXHEADERS	16
/* "KIND:" and the SHA-256 of the target in hex: a state key. */
#define NOTIFY_KEYMAX	80
/* What a notice's idempotency key may take. */
#define NOTICE_KEYMAX	200

enum smtp_tls {
	SMTP_TLS_AUTO,		/* from the URL: smtps:// implicit, else STARTTLS */
	SMTP_TLS_STARTTLS,	/* required */
	SMTP_TLS_IMPLICIT,
	SMTP_TLS_NONE		/* a local relay */
};

struct channel {
	const char	*kind;		/* a notifier's name: "email", ... */
	const char	*target;	/* an address, a URL */
	const char	*regions;	/* codes it hears of; NULL for all */
};

struct notifier;

struct notify_config {
	struct transport_opts net;	/* timeout, retries, CA */
	const char	*smtp_url;
	enum smtp_tls	 smtp_tls;
	const char	*smtp_user;	/* or NULL */
	const char	*smtp_password;	/* or NULL */
	int		 smtp_plain_auth; /* AUTH allowed without TLS */
	const char	*mail_from;	/* "addr" or "Name <addr>" */
	const char	*webhook_format; /* generic, slack or teams */
	const char	*webhook_headers[NOTIFY_MAXHEADERS]; /* "N: V" */
	size_t		 nwebhook_headers;
	const char	*webhook_secret; /* HMAC key of the bodies, or NULL */
	long		 hook_timeout;	/* seconds a hook may take */
	const char	*repo;		/* where a hook runs */
	struct channel	 channels[NOTIFY_MAXCHANNELS];
	size_t		 nchannels;
	/* The notifier of a kind; NULL for notifier_find (tests set it). */
	const struct notifier *(*find)(const char *);
};

enum notice_kind {
	NOTICE_CHANGE,		/* changes since the channel last heard */
	NOTICE_BASELINE,	/* the first snapshot: what is tracked */
	NOTICE_PROBLEM,		/* the scrape broke */
	NOTICE_RESOLVED,	/* and works again */
	NOTICE_TEST
};

/* One message, in the shapes the notifiers need. */
struct notice {
	enum notice_kind kind;
	char		 subject[512];	/* ASCII: codes and counts only */
	char		*text;		/* the plain text, LF line ends */
	char		*html;		/* a whole HTML document */
	char		*json;		/* the diff as 'mcwatch diff -f json' */
	char		 snapshot[41];	/* the latest snapshot, or "" */
	char		 from[41];	/* a change's previous one, or "" */
	char		*regions;	/* a change's region codes, " "-separated,
					   or NULL */
	int		 delayed;	/* held back by a failed delivery */
	/*
	 * The same for every send of this message to this channel, in this
	 * run or a later one: a receiver drops a repeat by it.
	 */
	char		 key[NOTICE_KEYMAX];
};

struct notifier {
	const char	*name;
	/*
	 * Deliver n to channel c; 0 (err's message, of no kind, may say
	 * what a hook said), or -1 with err.
	 */
	int		(*send)(const struct notify_config *, const struct channel *,
			    const struct notice *, struct err *err);
};

/* The notifier called name, or NULL. */
const struct notifier	*notifier_find(const char *name);
/* c's key in the delivery state: "KIND:" and the target's SHA-256. */
void	notify_channel_key(const struct channel *c, char key[NOTIFY_KEYMAX]);
/*
 * c as a message may name it: an address as it is, a webhook (whose URL
 * is the credential) by scheme, host and a digest; in buf.
 */
const char *notify_channel_shown(const struct channel *c, char *buf,
	    size_t len);

int	email_send(const struct notify_config *cfg, const struct channel *ch,
	    const struct notice *n, struct err *err);
int	webhook_send(const struct notify_config *cfg, const struct channel *ch,
	    const struct notice *n, struct err *err);
int	hook_send(const struct notify_config *cfg, const struct channel *ch,
	    const struct notice *n, struct err *err);

/*
 * Whether s is an email address mcwatch will put in an envelope, or
 * with a display name ("Ops Team <ops@example.com>"); 1 or 0.
 */
int	email_address_ok(const char *s);
/* The plain address of such an s into buf (len bytes); 0, or -1. */
int	email_address_plain(const char *s, char *buf, size_t len);
/* Whether s is a webhook format ("generic", "slack", "teams"). */
int	webhook_format_ok(const char *name);

void	notice_clear(struct notice *n);

#endif
