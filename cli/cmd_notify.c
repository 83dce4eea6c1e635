/* mcwatch notify --test: a test message to every configured channel. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "../notify/deliver.h"

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: mcwatch notify --test [--config FILE] "
	    "[notification options]\n"
	    "                     [fetch options]\n"
	    "\nSend a test message to every configured channel and tell how "
	    "each went.\n"
	    "\n"
	    "  --test               send the test message (required)\n"
	    NOTIFY_USAGE
	    FETCH_USAGE
	    "  -h, --help           this help\n"
	    "      --version        the version\n"
	    "\n"
	    "Exit status: 0 every channel took it; 2 usage error or no "
	    "channel; 9 a\nchannel failed.\n");
}

struct notify_opts {
	struct cli_notify	 n;
	struct fetch_opts	 fo;
};

/* A configuration key or option of notify: 0, or -1 when bad (told). */
static int
notify_key(void *arg, int ch, const char *value)
{
	struct notify_opts *o = arg;
	int r;

	if ((r = cli_fetch_option("notify", ch, value, &o->fo)) != 0 ||
	    (r = cli_notify_option("notify", ch, value, &o->n, 1)) != 0)
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
	static const struct option longopts[] = {
		{ "test", no_argument, NULL, 't' },
		NOTIFY_LONGOPTS,
		FETCH_LONGOPTS,
		CLI_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct notify_opts o;
	struct conf conf;
	const char *file;
	int ch, rc, test = 0, failed;

	memset(&o, 0, sizeof(o));
	cli_notify_init(&o.n);
	cli_fetch_init(&o.fo);
	o.fo.progress = 0;
	if ((rc = cli_config_load("notify", argc, argv, &conf, &file)) !=
	    EXIT_OK)
		return rc;
	if ((rc = cli_config_apply("notify", file, &conf, notify_key, &o,
	    &o.n)) != EXIT_OK)
		goto cleanup;
	while ((ch = cli_getopt("notify", argc, argv, "h", longopts)) != -1) {
		if ((rc = cli_common("notify", ch, usage)) != -1)
			goto cleanup;
		if (ch == 't')
			test = 1;
		else if (ch != OPT_CONFIG &&
		    (cli_fetch_option("notify", ch, optarg, &o.fo) == -1 ||
		    cli_notify_option("notify", ch, optarg, &o.n, 0) == -1)) {
			rc = EXIT_USAGE;
			goto cleanup;
		}
	}
	rc = EXIT_USAGE;
	if (optind != argc)
		cli_misuse("notify", "no arguments expected, not '%s'",
		    argv[optind]);
	else if (!test)
		cli_misuse("notify", "nothing to do: give --test");
	else if (o.n.cfg.nchannels == 0)
		cli_misuse("notify", "no channel: give --mail-to or --webhook, "
		    "or set them in the configuration");
	else if ((rc = cli_notify_finish("notify", &o.n, &o.fo)) == EXIT_OK) {
		failed = notify_test(&o.n.cfg, say);
		rc = failed == 0 ? EXIT_OK : EXIT_NOTIFY;
	}
 cleanup:
	conf_free(&conf);
	return rc;
}
