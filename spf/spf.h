/*
 * Mimecast's SPF netblocks, the second source: an SPF record (RFC 7208)
 * read for the networks it lets send, following include: and redirect=
 * within the RFC's 10 DNS lookups, and compared with the page's gateway
 * networks of the same region.
 */
#ifndef MCWATCH_SPF_H
#define MCWATCH_SPF_H

#include <stddef.h>

#include "../addr/addr.h"
#include "../errors/err.h"
#include "../records/record.h"

#define SPF_MAXLOOKUPS	10	/* RFC 7208 4.6.4 */
#define SPF_MAXTERMS	512	/* terms of one record */
#define SPF_MAXNETS	4096	/* ip4: and ip6: ranges in all */
#define SPF_MAXNOTES	64	/* terms told as not understood */
#define SPF_NAMEMAX	254

/*
 * Where TXT records come from: txt(arg, name, &v, &n, err) as dns_txt
 * (0, or -1 with err), free(v, n) what it gave.
 */
struct spf_source {
	int	(*txt)(void *arg, const char *name, char ***v, size_t *n,
		    struct err *err);
	void	(*free)(char **v, size_t n);
	void	*arg;
};

/* What one name's SPF record, followed through, lets send. */
struct spf_answer {
	char		 name[SPF_NAMEMAX];
	struct cidr	*nets;		/* canonical, sorted, no duplicates */
	size_t		 nnets;
	char		*notes[SPF_MAXNOTES];	/* "a (in NAME)": not understood */
	size_t		 nnotes;
	int		 lookups;	/* include: and redirect= followed */
};

/*
 * Read name's SPF record from src into a (cleared first): its ip4: and
 * ip6: terms that pass ('+' or none), of it and of what it includes or
 * redirects to; any other mechanism or modifier is noted, never dropped.
 * 0, or -1 with err: ERR_FETCH for DNS, or for a record that is none, or
 * more than one, a loop of includes, more than SPF_MAXLOOKUPS lookups, a
 * bad term, more than SPF_MAXTERMS terms or SPF_MAXNETS ranges; ERR_NOMEM.
 */
int	spf_resolve(const struct spf_source *src, const char *name,
	    struct spf_answer *a, struct err *err);
/* Free what a holds (not a); a cleared answer is fine. */
void	spf_answer_clear(struct spf_answer *a);

/* How the page's gateway networks of a region and its SPF answer differ. */
struct spf_diff {
	struct cidr	*page_only;	/* page networks no SPF range covers */
	size_t		 npage_only;
	struct cidr	*spf_only;	/* SPF ranges no page network covers */
	size_t		 nspf_only;
};

/*
 * Compare the gateway networks of region code in rs (live ones; ranges as
 * their blocks) with a into d; 0, or -1 on memory.
 */
int	spf_compare(const struct recordset *rs, const char *code,
	    const struct spf_answer *a, struct spf_diff *d);
void	spf_diff_clear(struct spf_diff *d);

/*
 * The SPF name of region code: the n names of extra ("CODE=NAME"; given
 * last, they win), else the built-in table; NULL if it has none.
 */
const char	*spf_name(const char *code, const char *const *extra,
		    size_t n);
/* The built-in table's i-th code and name; 0, or -1 past its end. */
int		 spf_builtin(size_t i, const char **code, const char **name);

#endif
