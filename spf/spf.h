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
#include "../records/region.h"

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
 * their blocks; a region with none of its own, as global, stands for
 * every region's) with a into d; 0, or -1 on memory.
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

/*
 * The second source as a snapshot records it (spf.json, mcwatch-records(5)):
 * each region's answer, by region code.
 */
#define SPF_MAXREGIONS	64
#define SPF_DOCMAX	(8u << 20)	/* bytes of spf.json read back */

struct spf_region {
	char		 code[REGION_CODE_MAX];
	struct spf_answer a;
};

struct spf_doc {
	struct spf_region *v;		/* sorted by code, each once */
	size_t		 n;
};

/*
 * Add region code's answer *a to d, taking what a holds (a is cleared);
 * an answer with no range is refused. 0, or -1 with err (ERR_FETCH for
 * an empty answer or too many regions, ERR_NOMEM).
 */
int	spf_doc_add(struct spf_doc *d, const char *code, struct spf_answer *a,
	    struct err *err);
/* Region code's entry of d, or NULL. */
const struct spf_region	*spf_doc_find(const struct spf_doc *d,
	    const char *code);
/* d's canonical bytes (malloc'd, the same for the same answers); 0, -1. */
int	spf_doc_json(const struct spf_doc *d, char **buf, size_t *len);
/*
 * Read spf.json's len bytes into d (cleared first) as strictly as it is
 * written: a bad file is an error, never an empty answer. 0, or -1 with
 * err (ERR_REPO, ERR_NOMEM).
 */
int	spf_doc_parse(const char *buf, size_t len, struct spf_doc *d,
	    struct err *err);
void	spf_doc_clear(struct spf_doc *d);
/*
 * The ranges of family 4 or 6 of region code (NULL: every region, each
 * range once), one a line, sorted: 'mcwatch export -f cidr' bytes
 * (malloc'd, *len 0 when none). 0, or -1 on memory.
 */
int	spf_doc_list(const struct spf_doc *d, const char *code, int family,
	    char **buf, size_t *len);
/* The path of that list in a snapshot: cidr/spf-v4.txt, cidr/CODE/... */
int	spf_list_path(const char *code, int family, char *buf, size_t len);
/*
 * Every list file of doc (none when it is empty) to fn(arg, path, bytes,
 * len, err), all regions first, in a stable order; 0, or -1 with err.
 */
int	spf_doc_lists(const struct spf_doc *doc,
	    int (*fn)(void *, const char *, const char *, size_t, struct err *),
	    void *arg, struct err *err);

/* What a report tells of the second source: changes, then warnings. */
enum spf_item_kind {
	SPF_ADDED,		/* a range the answer now has */
	SPF_REMOVED,		/* a range it no longer has */
	SPF_NOTE_ADDED,		/* a term now not understood */
	SPF_NOTE_REMOVED,
	SPF_NAME,		/* the region's SPF name is now text */
	SPF_PAGE_ONLY,		/* a gateway network no SPF range covers */
	SPF_SPF_ONLY,		/* an SPF range no gateway network covers */
	SPF_FAILED		/* no answer: text says why; the last kept */
};
#define SPF_WARNING(k)	((k) >= SPF_PAGE_ONLY)

struct spf_item {
	enum spf_item_kind kind;
	char		 code[REGION_CODE_MAX];
	struct cidr	 net;		/* ADDED, REMOVED, PAGE_ONLY, SPF_ONLY */
	char		*text;		/* NOTE_*, NAME, FAILED; else NULL */
};

struct spf_report {
	struct spf_item	*v;		/* by kind, then region, then range */
	size_t		 n;
	size_t		 nchanges;	/* items of the answer's change */
	size_t		 nwarnings;	/* disagreements and failures */
	int		 first;		/* the changes are the first answer
					   recorded: every range is added */
};

/* The changes from old to new (either may be empty) into r; 0, -1. */
int	spf_report_changes(struct spf_report *r, const struct spf_doc *old,
	    const struct spf_doc *new);
/* Where the gateway networks of rs and d's answers disagree; 0, -1. */
int	spf_report_disagree(struct spf_report *r, const struct recordset *rs,
	    const struct spf_doc *d);
/* Region code got no answer, why; 0, or -1 on memory. */
int	spf_report_failed(struct spf_report *r, const char *code,
	    const char *why);
/* The items of r whose code keep(arg, code) passes into out; 0, -1. */
int	spf_report_filter(const struct spf_report *r,
	    int (*keep)(void *arg, const char *code), void *arg,
	    struct spf_report *out);
/* Put r's items in their order; call once all are added. */
void	spf_report_sort(struct spf_report *r);
/*
 * Each region code of r's changes (warnings too if all) once, sorted, sep
 * between them (malloc'd); NULL on memory.
 */
char	*spf_report_codes(const struct spf_report *r, int all,
	    const char *sep);
void	spf_report_clear(struct spf_report *r);

#endif
