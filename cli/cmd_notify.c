/* mcwatch notify --test: a test message to every configured channel. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "../notify/deliver.h"

static const struct cli_exit exits[] = {
	{ EXIT_OK, "every channel took it" },
	{ EXIT_USAGE, "usage error or no channel" },
	{ EXIT_NOTIFY, "a channel failed" },
};

static void
usage(FILE *fp)
{
	CLI_HELP(fp, "notify", "Send a test message to every configured channel and "
	    "tell how each went.\n",
	    exits, NULL);
}

struct notify_opts {
	struct cli_notify	 n;
	struct fetch_opts	 fo;
	int			 test;		/* --test */
};

/* A configuration key or option of notify: 0, or -1 when bad (told). */
static int
notify_option(void *arg, int ch, const char *value, int from_config)
{
	struct notify_opts *o = arg;
	int r;

	if (ch == 't') {
		o->test = 1;
		return 0;
	}
	if ((r = cli_fetch_option("notify", ch, value, &o->fo)) != 0 ||
	    (r = cli_notify_option("notify", ch, value, &o->n,
	    from_config)) != 0)
		return r == -1 ? -1 : 0;
	return 0;
}

static void
say(const char *msg)
{
	cli_error("%s", msg);
}

int
cmd_notify(int argc, char **argv)
{
	struct notify_opts o;
	const struct cli_take t = { notify_option, &o, &o.n, usage, NULL };
	int rc, failed;

	memset(&o, 0, sizeof(o));
	cli_notify_init(&o.n);
	cli_fetch_init(&o.fo);
	o.fo.progress = 0;
	if ((rc = cli_parse("notify", argc, argv, &t)) != EXIT_OK)
		return rc == CLI_DONE ? EXIT_OK : rc;
	rc = EXIT_USAGE;
	if (optind != argc)
		cli_misuse("notify", "no arguments expected, not '%s'",
		    argv[optind]);
	else if (!o.test)
		cli_misuse("notify", "nothing to do: give --test");
	else if (o.n.cfg.nchannels == 0)
		cli_misuse("notify", "no channel: give --mail-to or --webhook, "
		    "or set them in the configuration");
	else if ((rc = cli_notify_finish("notify", &o.n, &o.fo)) == EXIT_OK) {
		failed = notify_test(&o.n.cfg, say);
		rc = failed == 0 ? EXIT_OK : EXIT_NOTIFY;
	}
	return rc;
}
