/*
 * An SPF record followed through: the terms of each record, include: and
 * redirect= within RFC 7208's limits, the networks collected.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "spf.h"

/* A walk through the records: the names being read, the lookups spent. */
struct walk {
	const struct spf_source	*src;
	struct spf_answer	*a;
	const char		*stack[SPF_MAXLOOKUPS + 1];
	size_t			 depth;
	size_t			 capnets;
	struct err		*err;
};

void
spf_answer_clear(struct spf_answer *a)
{
	size_t i;

	free(a->nets);
	for (i = 0; i < a->nnotes; i++)
		free(a->notes[i]);
	memset(a, 0, sizeof(*a));
}

/* Note term t of record name as not understood; 0, or -1 on memory. */
static int
note(struct walk *w, const char *t, size_t n, const char *name)
{
	struct spf_answer *a = w->a;
	char *p;

	if (a->nnotes == SPF_MAXNOTES)
		return 0;	/* the count is told: the first ones are kept */
	if (asprintf(&a->notes[a->nnotes], "%.*s (in %s)", (int)(n > 200 ?
	    200 : n), t, name) == -1) {
		a->notes[a->nnotes] = NULL;
		return err_nomem(w->err, "spf");
	}
	/* Told as printable ASCII: it goes to terminals, mail and spf.json. */
	for (p = a->notes[a->nnotes]; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
			*p = '?';
	a->nnotes++;
	return 0;
}

/* Add the network of ip4:/ip6: value v (n bytes) of name; 0, or -1. */
static int
add_net(struct walk *w, const char *v, size_t n, int family, const char *name)
{
	char buf[CIDR_STRLEN + 8];
	struct cidr c, *nv;
	struct spf_answer *a = w->a;

	if (n >= sizeof(buf) - 4)
		return err_set(w->err, ERR_FETCH, "spf %s: ip%d:%.40s...: not "
		    "a network", name, family, v);
	memcpy(buf, v, n);
	buf[n] = '\0';
	if (memchr(buf, '/', n) == NULL)
		strcat(buf, family == 4 ? "/32" : "/128");
	if (cidr_parse(buf, &c) == -1 || c.addr.family != family)
		return err_set(w->err, ERR_FETCH, "spf %s: ip%d:%s: not an "
		    "IPv%d network", name, family, buf, family);
	cidr_canonicalize(&c);
	if (a->nnets == SPF_MAXNETS)
		return err_set(w->err, ERR_FETCH, "spf %s: more than %d "
		    "networks in all", a->name, SPF_MAXNETS);
	if (a->nnets == w->capnets) {
		w->capnets = w->capnets ? w->capnets * 2 : 64;
		if ((nv = reallocarray(a->nets, w->capnets, sizeof(*nv))) ==
		    NULL)
			return err_nomem(w->err, "spf");
		a->nets = nv;
	}
	a->nets[a->nnets++] = c;
	return 0;
}

/* The one SPF record among name's TXT records into *rec (its own). */
static int
pick_record(struct walk *w, const char *name, char **rec)
{
	char **v = NULL;
	size_t n = 0, i, found = 0;
	int rc = 0;

	*rec = NULL;
	if (w->src->txt(w->src->arg, name, &v, &n, w->err) == -1)
		return -1;
	for (i = 0; i < n; i++)
		if (strncasecmp(v[i], "v=spf1", 6) == 0 &&
		    (v[i][6] == '\0' || v[i][6] == ' ') && found++ == 0 &&
		    (*rec = strdup(v[i])) == NULL)
			rc = err_nomem(w->err, "spf");
	w->src->free(v, n);
	if (rc == 0 && found != 1) {
		free(*rec);
		*rec = NULL;
		rc = err_set(w->err, ERR_FETCH, "spf %s: %s SPF record (want "
		    "one TXT record starting \"v=spf1\")", name, found == 0 ?
		    "no" : "more than one");
	}
	return rc;
}

static int	follow(struct walk *w, const char *name);

/* Follow domain d (n bytes) of term t in record name; 0, or -1. */
static int
follow_term(struct walk *w, const char *t, const char *d, size_t n,
    const char *name)
{
	char target[SPF_NAMEMAX];
	size_t i;

	if (n == 0 || n >= sizeof(target))
		return err_set(w->err, ERR_FETCH, "spf %s: %.60s: no domain "
		    "name", name, t);
	memcpy(target, d, n);
	target[n] = '\0';
	/* A macro (%{i}...) needs the sender's address: not for a list. */
	if (strchr(target, '%') != NULL)
		return note(w, t, strcspn(t, " "), name);
	for (i = 0; i < w->depth; i++)
		if (strcasecmp(w->stack[i], target) == 0)
			return err_set(w->err, ERR_FETCH, "spf %s: an include "
			    "loop: %s is read already", name, target);
	if (++w->a->lookups > SPF_MAXLOOKUPS)
		return err_set(w->err, ERR_FETCH, "spf %s: more than %d DNS "
		    "lookups (RFC 7208 4.6.4), at %s", w->a->name,
		    SPF_MAXLOOKUPS, target);
	return follow(w, target);
}

/* The mechanisms that cost a lookup but name no network of their own. */
static int
lookup_mech(const char *m, size_t n)
{
	static const char *const v[] = { "a", "mx", "ptr", "exists" };
	size_t i;

	for (i = 0; i < 4; i++)
		if (n == strlen(v[i]) && strncasecmp(m, v[i], n) == 0)
			return 1;
	return 0;
}

/*
 * One term t (n bytes) of record name; *redirect set to a redirect=
 * modifier's value. 0, or -1 with err.
 */
static int
term(struct walk *w, const char *t, size_t n, const char *name,
    const char **redirect, size_t *rlen, int *has_all)
{
	const char *m = t, *v;
	size_t mlen;
	int pass = 1;

	if (n > 9 && strncasecmp(t, "redirect=", 9) == 0) {
		*redirect = t + 9;
		*rlen = n - 9;
		return 0;
	}
	if (memchr(t, '=', n) != NULL && memchr(t, ':', n) == NULL)
		return note(w, t, n, name);	/* exp= and others */
	if (strchr("+-~?", *m) != NULL) {
		pass = *m == '+';
		m++;
	}
	mlen = strcspn(m, ":/ ");
	if (mlen > (size_t)(t + n - m))
		mlen = (size_t)(t + n - m);
	v = m[mlen] == ':' ? m + mlen + 1 : NULL;
	if (mlen == 3 && strncasecmp(m, "all", 3) == 0) {
		*has_all = 1;
		return 0;
	}
	if (pass && v != NULL && mlen == 3 && strncasecmp(m, "ip4", 3) == 0)
		return add_net(w, v, (size_t)(t + n - v), 4, name);
	if (pass && v != NULL && mlen == 3 && strncasecmp(m, "ip6", 3) == 0)
		return add_net(w, v, (size_t)(t + n - v), 6, name);
	if (pass && v != NULL && mlen == 7 && strncasecmp(m, "include", 7) ==
	    0)
		return follow_term(w, t, v, (size_t)(t + n - v), name);
	if (lookup_mech(m, mlen) && ++w->a->lookups > SPF_MAXLOOKUPS)
		return err_set(w->err, ERR_FETCH, "spf %s: more than %d DNS "
		    "lookups (RFC 7208 4.6.4), at %.*s", w->a->name,
		    SPF_MAXLOOKUPS, (int)n, t);
	return note(w, t, n, name);
}

/* Read record name and what it leads to; 0, or -1 with err. */
static int
follow(struct walk *w, const char *name)
{
	const char *p, *redirect = NULL;
	size_t n, terms = 0, rlen = 0;
	char *rec;
	int rc = 0, has_all = 0;

	if (pick_record(w, name, &rec) == -1 || rec == NULL)
		return -1;
	w->stack[w->depth++] = name;
	for (p = rec + 6; rc == 0 && *p != '\0'; p += n) {
		p += strspn(p, " ");
		if ((n = strcspn(p, " ")) == 0)
			break;
		if (++terms > SPF_MAXTERMS)
			rc = err_set(w->err, ERR_FETCH, "spf %s: more than %d "
			    "terms", name, SPF_MAXTERMS);
		else
			rc = term(w, p, n, name, &redirect, &rlen, &has_all);
	}
	/* RFC 7208 6.1: redirect= counts only without an "all". */
	if (rc == 0 && redirect != NULL && !has_all)
		rc = follow_term(w, redirect - 9, redirect, rlen, name);
	/* name may be the caller's buffer: no pointer to it is kept. */
	w->stack[--w->depth] = NULL;
	free(rec);
	return rc;
}

static int
net_qcmp(const void *x, const void *y)
{
	return cidr_cmp(x, y);
}

int
spf_resolve(const struct spf_source *src, const char *name,
    struct spf_answer *a, struct err *err)
{
	struct walk w;
	size_t i, k;

	memset(a, 0, sizeof(*a));
	memset(&w, 0, sizeof(w));
	w.src = src;
	w.a = a;
	w.err = err;
	if (strlen(name) >= sizeof(a->name))
		return err_set(err, ERR_FETCH, "spf: a name too long");
	snprintf(a->name, sizeof(a->name), "%s", name);
	if (follow(&w, name) == -1) {
		spf_answer_clear(a);
		return -1;
	}
	if (a->nnets > 1)
		qsort(a->nets, a->nnets, sizeof(*a->nets), net_qcmp);
	for (i = k = 0; i < a->nnets; i++)
		if (k == 0 || cidr_cmp(&a->nets[k - 1], &a->nets[i]) != 0)
			a->nets[k++] = a->nets[i];
	a->nnets = k;
	return 0;
}
