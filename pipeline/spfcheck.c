/* The run's second source: resolve, keep the last answer on failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spfcheck.h"
#include "../dns/dns.h"
#include "../records/region.h"

void
spf_found_clear(struct spf_found *f)
{
	spf_doc_clear(&f->doc);
	spf_doc_clear(&f->old);
	spf_report_clear(&f->report);
	free(f->json);
	memset(f, 0, sizeof(*f));
}

/* dns_txt as an SPF source. */
static int
txt_of(void *arg, const char *name, char ***v, size_t *n, struct err *err)
{
	return dns_txt(arg, name, v, n, err);
}

/* A deep copy of a into c; 0, or -1 on memory (c cleared). */
static int
answer_copy(const struct spf_answer *a, struct spf_answer *c)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	snprintf(c->name, sizeof(c->name), "%s", a->name);
	if ((c->nets = calloc(a->nnets + 1, sizeof(*c->nets))) == NULL)
		return -1;
	memcpy(c->nets, a->nets, a->nnets * sizeof(*a->nets));
	c->nnets = a->nnets;
	for (i = 0; i < a->nnotes; i++) {
		if ((c->notes[i] = strdup(a->notes[i])) == NULL) {
			spf_answer_clear(c);
			return -1;
		}
		c->nnotes++;
	}
	c->lookups = a->lookups;
	return 0;
}

/*
 * Region code got no answer (why): told as a failure, and the answer of
 * the latest snapshot kept, so that a failure changes nothing recorded.
 */
static int
keep_old(struct spf_found *f, const char *code, const char *why,
    struct err *err)
{
	const struct spf_region *old = spf_doc_find(&f->old, code);
	struct spf_answer c;

	if (spf_report_failed(&f->report, code, why) == -1)
		return err_nomem(err, "spf");
	if (old == NULL)
		return 0;
	if (answer_copy(&old->a, &c) == -1)
		return err_nomem(err, "spf");
	if (spf_doc_add(&f->doc, code, &c, err) == -1) {
		spf_answer_clear(&c);
		return -1;
	}
	return 0;
}

/* Resolve region code's name with dns (NULL: none to ask) into f. */
static int
one_region(struct spf_found *f, struct dns *dns, const char *code,
    const char *name, const char *dnserr, struct err *err)
{
	const struct spf_source src = { txt_of, dns_txt_free, dns };
	struct spf_answer a;
	struct err why;

	if (dns == NULL)
		return keep_old(f, code, dnserr, err);
	if (spf_resolve(&src, name, &a, &why) == -1 ||
	    spf_doc_add(&f->doc, code, &a, &why) == -1) {
		spf_answer_clear(&a);
		if (why.kind == ERR_NOMEM)
			return err_nomem(err, "spf");
		return keep_old(f, code, why.msg, err);
	}
	return 0;
}

int
spfcheck_run(const struct run_spf *s, struct store *st,
    const struct snapshot *head, const struct recordset *rs,
    void (*warn)(const char *), struct spf_found *f, struct err *err)
{
	struct dns *dns;
	struct err derr;
	const char *code, *name;
	size_t i;
	int rc = -1;

	memset(f, 0, sizeof(*f));
	/* A broken spf.json is told: the answers are recorded afresh. */
	if (head != NULL && snapshot_spf_read(st, head, warn, &f->old) == -1)
		return err_nomem(err, "spf");
	/* A resolver that will not start fails every region alike. */
	if ((dns = dns_open(s->dns, s->timeout_ms, &derr)) == NULL &&
	    derr.kind == ERR_NOMEM)
		return err_nomem(err, "spf");
	for (i = 0; rs != NULL && i < rs->nrecs; i = region_run_end(rs, i)) {
		code = rs->recs[i].region_code;
		if ((name = spf_name(code, s->names, s->nnames)) != NULL &&
		    one_region(f, dns, code, name, derr.msg, err) == -1)
			goto cleanup;
	}
	if (spf_doc_json(&f->doc, &f->json, &f->jsonlen) == -1 ||
	    spf_report_changes(&f->report, &f->old, &f->doc) == -1 ||
	    spf_report_disagree(&f->report, rs, &f->doc) == -1) {
		err_nomem(err, "spf");
		goto cleanup;
	}
	spf_report_sort(&f->report);
	/* No answer at all, none before: nothing to record either. */
	f->changed = f->doc.n > 0 ? head == NULL || !snapshot_holds(st, head,
	    SNAP_SPF, f->json, f->jsonlen) : f->old.n > 0;
	rc = 0;
 cleanup:
	dns_close(dns);
	if (rc == -1)
		spf_found_clear(f);
	return rc;
}
