/* The SPF options 'run' and 'spf' share. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../dns/dns.h"
#include "../records/region.h"

void
cli_spf_init(struct cli_spf *o)
{
	memset(o, 0, sizeof(*o));
	o->s.timeout_ms = CLI_SPF_TIMEOUT * 1000L;
	o->s.names = o->names;
}

/* Whether arg is CODE=NAME: a region code and a domain name; 0, -1. */
static int
name_arg(const char *arg)
{
	const char *eq = strchr(arg, '=');
	char code[REGION_CODE_MAX];

	if (eq == NULL || (size_t)(eq - arg) >= sizeof(code))
		return -1;
	memcpy(code, arg, (size_t)(eq - arg));
	code[eq - arg] = '\0';
	return region_code_ok(code) && dns_name_ok(eq + 1) ? 0 : -1;
}

int
cli_spf_option(const char *cmd, int ch, const char *arg, struct cli_spf *o)
{
	char *end;
	long n;

	switch (ch) {
	case OPT_SPF:
		o->s.on = 1;
		return 1;
	case OPT_DNS:
		o->s.dns = arg;
		return 1;
	case OPT_SPF_NAME:
		if (name_arg(arg) == -1 || o->s.nnames == CLI_SPF_NAMES)
			return cli_misuse(cmd, "--spf-name: want CODE=NAME, a "
			    "region code (a-z, 0-9, '-') and a domain name (at "
			    "most %d), not '%s'", CLI_SPF_NAMES, arg), -1;
		o->names[o->s.nnames++] = arg;
		return 1;
	case OPT_SPF_TIMEOUT:
		n = strtol(arg, &end, 10);
		if (*end != '\0' || end == arg || n < 1 || n > 600)
			return cli_misuse(cmd, "spf.timeout: want seconds from "
			    "1 to 600, not '%s'", arg), -1;
		o->s.timeout_ms = n * 1000;
		return 1;
	}
	return 0;
}
