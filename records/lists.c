/* Which list a record belongs to, and CIDR list files of one family. */
#include <stdlib.h>
#include <string.h>

#include "lists.h"

static const struct {
	const char	*name;
	const char	*label;		/* one record of it, for people */
} lists[LIST_N] = {
	[LIST_GATEWAY] = { "gateway", "gateway network" },
	[LIST_NONSPF] = { "non-spf", "non-SPF range" },
	[LIST_WEBSITE] = { "website", "website host" },
	[LIST_URLS] = { "urls", "URL" },
	[LIST_PORTS] = { "ports", "port" },
};

/*
 * Mimecast's page lists the hosts of its website in a table of their own
 * ("Mimecast Website"): they serve logins, not mail, and an SMTP allowlist
 * must be able to leave them out.
 */
static int
names_website(const char *section)
{
	return strcasestr(section, "website") != NULL ||
	    strcasestr(section, "web site") != NULL;
}

enum record_list
record_list(const struct record *r)
{
	switch (r->kind) {
	case RECORD_RANGE:
		return LIST_NONSPF;
	case RECORD_URL:
		return LIST_URLS;
	case RECORD_PORT:
		return LIST_PORTS;
	default:
		return names_website(r->section) ? LIST_WEBSITE : LIST_GATEWAY;
	}
}

int
record_in_lists(const struct record *r, unsigned mask)
{
	return (mask & (1u << record_list(r))) != 0 &&
	    (r->status == RECORD_LIVE || (mask & LISTS_RETIRING) != 0);
}

const char *
record_list_name(enum record_list l)
{
	return l < LIST_N ? lists[l].name : "?";
}

const char *
record_list_label(enum record_list l)
{
	return l < LIST_N ? lists[l].label : "?";
}

int
record_list_parse(const char *s, enum record_list *l)
{
	size_t i;

	for (i = 0; i < LIST_N; i++)
		if (strcmp(s, lists[i].name) == 0) {
			*l = (enum record_list)i;
			return 0;
		}
	return -1;
}

static int
cidr_qcmp(const void *a, const void *b)
{
	return cidr_cmp(a, b);
}

/* Blocks of records [from, to) in mask and family into *v (malloc'd). */
static int
cidrlist_collect(const struct recordset *rs, size_t from, size_t to,
    unsigned mask, int family, struct cidr **v, size_t *n)
{
	size_t cap = 0, i, j, add;
	struct cidr *p;

	*v = NULL;
	*n = 0;
	for (i = from; i < to; i++) {
		const struct record *r = &rs->recs[i];

		if (!record_in_lists(r, mask))
			continue;
		add = r->kind == RECORD_NETWORK ? 1 : r->ncidrs;
		if (*n + add > cap) {
			cap = (*n + add) * 2 + 16;
			if ((p = reallocarray(*v, cap, sizeof(*p))) == NULL) {
				free(*v);
				*v = NULL;
				return -1;
			}
			*v = p;
		}
		if (r->kind == RECORD_NETWORK) {
			if (r->cidr.addr.family == family)
				(*v)[(*n)++] = r->cidr;
		} else
			for (j = 0; j < add; j++)
				if (r->cidrs[j].addr.family == family)
					(*v)[(*n)++] = r->cidrs[j];
	}
	return 0;
}

int
cidrlist_write(FILE *fp, const struct recordset *rs, size_t from, size_t to,
    unsigned mask, int family)
{
	struct cidr *v;
	struct addr first, last;
	char buf[CIDR_STRLEN];
	size_t n, i;
	int have = 0, rc = 0;

	if (cidrlist_collect(rs, from, to, mask, family, &v, &n) == -1)
		return -1;
	if (n > 1)
		qsort(v, n, sizeof(*v), cidr_qcmp);
	/* Sorted by first address, a block inside another comes after it. */
	for (i = 0; i < n && rc == 0; i++) {
		cidr_first(&v[i], &first);
		if (have && addr_cmp(&first, &last) <= 0)
			continue;
		cidr_last(&v[i], &last);
		have = 1;
		if (fprintf(fp, "%s\n", cidr_format(&v[i], buf)) < 0)
			rc = -1;
	}
	free(v);
	return rc;
}
