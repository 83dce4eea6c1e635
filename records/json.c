/* Record to JSON, with jansson doing all quoting and escaping. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "json.h"
#include "region.h"

/* Set key to a string; 0, or -1. */
static int
set_str(json_t *o, const char *key, const char *v)
{
	return json_object_set_new(o, key, json_string(v));
}

/* Whether r writes field f: always where required, else when set. */
static int
field_written(const struct field *f, const struct record *r)
{
	if (!field_applies(f, r))
		return 0;
	if (f->required & KIND_BIT(r->kind))
		return 1;
	switch (f->type) {
	case FT_STATUS:
		return *FIELD_CMEMBER(enum record_status, f, r) != RECORD_LIVE;
	case FT_TEXT:
	case FT_CODE:
	case FT_ADDR:
		return *FIELD_CMEMBER(char *, f, r) != NULL;
	default:
		return 1;
	}
}


/* Field f of r as a JSON value; NULL on memory. */
static json_t *
field_to_json(const struct field *f, const struct record *r)
{
	const struct cidr *v;
	char buf[CIDR_STRLEN];
	size_t i;
	json_t *a;

	switch (f->type) {
	case FT_INT:
		return json_integer(*FIELD_CMEMBER(int, f, r));
	case FT_CIDRS:
		v = *FIELD_CMEMBER(struct cidr *, f, r);
		if ((a = json_array()) == NULL)
			return NULL;
		for (i = 0; i < *FIELD_CNCIDRS(f, r); i++)
			if (json_array_append_new(a,
			    json_string(cidr_format(&v[i], buf))) == -1) {
				json_decref(a);
				return NULL;
			}
		return a;
	default:
		return json_string(field_text(f, r, buf));
	}
}

json_t *
record_to_json(const struct record *r)
{
	json_t *o;
	size_t i;

	if ((unsigned)r->kind >= RECORD_NKINDS || (o = json_object()) == NULL)
		return NULL;
	/* The schema's order is the dataset's: keys in insertion order. */
	for (i = 0; i < record_nfields; i++)
		if (field_written(&record_fields[i], r) &&
		    json_object_set_new(o, record_fields[i].name,
		    field_to_json(&record_fields[i], r)) == -1) {
			json_decref(o);
			return NULL;
		}
	return o;
}

json_t *
warning_to_json(const struct warning *w)
{
	json_t *o;

	if ((o = json_object()) == NULL)
		return NULL;
	if (set_str(o, "region", w->region) == -1 ||
	    set_str(o, "section", w->section) == -1 ||
	    set_str(o, "message", w->message) == -1) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/*
 * One compact object on a line of its own: diffs read as record changes.
 * Dumped to memory first: json_dumpf writes token by token, which costs
 * more than the dump itself on a stdio stream.
 */
static int
dump_line(FILE *fp, json_t *o, int last)
{
	char buf[4096], *big = NULL, *p = buf;
	size_t n;
	int rc = -1;

	if (o == NULL)
		return -1;
	if ((n = json_dumpb(o, buf, sizeof(buf) - 2, JSON_COMPACT)) == 0)
		goto cleanup;
	if (n > sizeof(buf) - 2) {
		if ((big = malloc(n + 2)) == NULL ||
		    json_dumpb(o, big, n, JSON_COMPACT) != n)
			goto cleanup;
		p = big;
	}
	if (!last)
		p[n++] = ',';
	p[n++] = '\n';
	rc = fwrite(p, 1, n, fp) == n ? 0 : -1;
 cleanup:
	free(big);
	json_decref(o);
	return rc;
}

/* A record's line as it is made: its bytes, and whether memory ran out. */
struct line {
	char	*p;
	size_t	 n, cap;
	int	 nomem;
};

/* Room for n more bytes on l; 0, or -1 (l->nomem set). */
static int
line_room(struct line *l, size_t n)
{
	char *p;
	size_t cap;

	if (n <= l->cap - l->n)
		return 0;
	cap = l->cap * 2 > l->n + n ? l->cap * 2 : l->n + n + 256;
	if ((p = realloc(l->p, cap)) == NULL) {
		l->nomem = 1;
		return -1;
	}
	l->p = p;
	l->cap = cap;
	return 0;
}

/* n bytes of s onto line l. */
static void
line_put(struct line *l, const char *s, size_t n)
{
	if (line_room(l, n) == 0) {
		memcpy(l->p + l->n, s, n);
		l->n += n;
	}
}

/*
 * The bytes jansson writes as they are (JSON_COMPACT, no
 * JSON_ESCAPE_SLASH or JSON_ENSURE_ASCII): printable ASCII but a quote
 * or a backslash (0x22, 0x5c). One look-up a byte: the writer's inner
 * loop.
 */
static const unsigned char plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/*
 * String s onto l between quotes, followed by the n bytes of tail, if
 * jansson writes it as it is; 0, or -1 if s needs jansson's escaping,
 * or is none.
 */
static int
line_str_then(struct line *l, const char *s, const char *tail, size_t n)
{
	const unsigned char *p;
	size_t len;

	if (s == NULL)
		return -1;
	for (p = (const unsigned char *)s; plain[*p]; p++)
		;
	if (*p != '\0')
		return -1;
	len = (size_t)(p - (const unsigned char *)s);
	if (line_room(l, len + 2 + n) == -1)
		return -1;
	l->p[l->n++] = '"';
	memcpy(l->p + l->n, s, len);
	l->n += len;
	l->p[l->n++] = '"';
	memcpy(l->p + l->n, tail, n);
	l->n += n;
	return 0;
}

/* String s onto l between quotes; 0, or -1 as line_str_then. */
static int
line_str(struct line *l, const char *s)
{
	return line_str_then(l, s, "", 0);
}

/* Field f of r onto l as field_to_json's value is dumped; 0, or -1 as
 * line_str. */
static int
line_value(struct line *l, const struct field *f, const struct record *r)
{
	const struct cidr *v;
	char buf[CIDR_STRLEN], num[16];
	size_t i;

	switch (f->type) {
	case FT_INT:
		line_put(l, num, (size_t)snprintf(num, sizeof(num), "%d",
		    *FIELD_CMEMBER(int, f, r)));
		return 0;
	case FT_CIDRS:
		v = *FIELD_CMEMBER(struct cidr *, f, r);
		line_put(l, "[", 1);
		for (i = 0; i < *FIELD_CNCIDRS(f, r); i++) {
			if (i > 0)
				line_put(l, ",", 1);
			if (line_str(l, cidr_format(&v[i], buf)) == -1)
				return -1;
		}
		line_put(l, "]", 1);
		return 0;
	default:
		return line_str(l, field_text(f, r, buf));
	}
}

/*
 * Record r onto l (emptied first) byte for byte as dump_line writes
 * record_to_json's object, without making it: 0; -1 if some text needs
 * jansson's escaping (or l ran out of memory): the caller asks jansson.
 */
static int
line_record(struct line *l, const struct record *r)
{
	const struct field *f;
	size_t i;
	int first = 1;

	l->n = 0;
	if ((unsigned)r->kind >= RECORD_NKINDS)
		return -1;
	line_put(l, "{", 1);
	for (i = 0; i < record_nfields; i++) {
		f = &record_fields[i];
		if (!field_written(f, r))
			continue;
		if (!first)
			line_put(l, ",", 1);
		first = 0;
		if (line_str_then(l, f->name, ":", 1) == -1 ||
		    line_value(l, f, r) == -1)
			return -1;
	}
	line_put(l, "}", 1);
	return l->nomem ? -1 : 0;
}

/*
 * The opening and the records of both JSON forms. A record whose text
 * is all plain ASCII is written straight from the record (making and
 * dumping jansson's object for each was a third of a parse); any other
 * goes through jansson, which does all escaping.
 */
static int
dump_records(FILE *fp, const struct recordset *rs)
{
	struct line l = { NULL, 0, 0, 0 };
	size_t i;
	int last, rc = -1;

	if (fputs("{\"records\":[\n", fp) == EOF)
		return -1;
	for (i = 0; i < rs->nrecs; i++) {
		last = i + 1 == rs->nrecs;
		if (line_record(&l, &rs->recs[i]) == 0) {
			line_put(&l, last ? "\n" : ",\n", last ? 1 : 2);
			if (l.nomem || fwrite(l.p, 1, l.n, fp) != l.n)
				goto cleanup;
		} else if (dump_line(fp, record_to_json(&rs->recs[i]),
		    last) == -1)
			goto cleanup;
	}
	rc = 0;
 cleanup:
	free(l.p);
	return rc;
}

int
output_json(FILE *fp, const struct recordset *rs)
{
	size_t i;

	if (dump_records(fp, rs) == -1 ||
	    fputs("],\n\"warnings\":[\n", fp) == EOF)
		return -1;
	for (i = 0; i < rs->nwarns; i++)
		if (dump_line(fp, warning_to_json(&rs->warns[i]),
		    i + 1 == rs->nwarns) == -1)
			return -1;
	if (fputs("]}\n", fp) == EOF)
		return -1;
	return 0;
}

/* What is wrong with a record read: bits of *bad. */
#define BAD_VALUE	1	/* not a valid record */
#define BAD_MEMORY	2	/* out of memory reading it */

/*
 * Whether s holds no control character, C0, DEL or C1 (U+0080 to U+009F):
 * the parser never writes one, and a record read back from a repository
 * is held to what the parser writes, since its text reaches terminals,
 * mail headers and chat messages.
 */
static int
text_clean(const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f ||
		    (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			return 0;
	return 1;
}

/* A string value copied into *out; *bad set if it is none, or dirty. */
static void
get_str(json_t *v, char **out, int *bad)
{
	if (!json_is_string(v) || !text_clean(json_string_value(v))) {
		*bad |= BAD_VALUE;
		return;
	}
	if ((*out = strdup(json_string_value(v))) == NULL)
		*bad |= BAD_MEMORY;
}

/* A cover's CIDRs into field f of r (FT_CIDRS) and its count. */
static void
get_cidrs(json_t *v, const struct field *f, struct record *r, int *bad)
{
	struct cidr **out = FIELD_MEMBER(struct cidr *, f, r);
	size_t *n = FIELD_NCIDRS(f, r), i;
	json_t *c;

	if (!json_is_array(v) || json_array_size(v) > ADDR_MAXCOVER) {
		*bad |= BAD_VALUE;
		return;
	}
	if (json_array_size(v) == 0)
		return;
	if ((*out = calloc(json_array_size(v), sizeof(**out))) == NULL) {
		*bad |= BAD_MEMORY;
		return;
	}
	json_array_foreach(v, i, c) {
		if (!json_is_string(c) ||
		    cidr_parse(json_string_value(c), &(*out)[i]) == -1) {
			*bad |= BAD_VALUE;
			return;
		}
		(*n)++;
	}
}

/* Value v (present) of field f into r, checked as its type says. */
static void
field_from_json(const struct field *f, json_t *v, struct record *r, int *bad)
{
	char **s = FIELD_MEMBER(char *, f, r);
	const char *t;
	struct addr a;

	switch (f->type) {
	case FT_KIND:
		break;		/* read first, to know the fields */
	case FT_TEXT:
	case FT_CODE:
	case FT_ADDR:
		get_str(v, s, bad);
		if (*s != NULL && ((f->type == FT_CODE && !region_code_ok(*s)) ||
		    (f->type == FT_ADDR && addr_parse(*s, &a) == -1)))
			*bad |= BAD_VALUE;
		break;
	case FT_CIDR:
		if (!json_is_string(v) || cidr_parse(json_string_value(v),
		    FIELD_MEMBER(struct cidr, f, r)) == -1)
			*bad |= BAD_VALUE;
		break;
	case FT_INT:
		if (!json_is_integer(v) || json_integer_value(v) < f->lo ||
		    json_integer_value(v) > f->hi)
			*bad |= BAD_VALUE;
		else
			*FIELD_MEMBER(int, f, r) = (int)json_integer_value(v);
		break;
	case FT_STATUS:
		t = json_string_value(v);
		if (t != NULL && strcmp(t, "retiring") == 0)
			*FIELD_MEMBER(enum record_status, f, r) =
			    RECORD_RETIRING;
		else if (t == NULL || strcmp(t, "live") != 0)
			*bad |= BAD_VALUE;
		break;
	case FT_CIDRS:
		get_cidrs(v, f, r, bad);
		break;
	}
}

int
record_from_json(json_t *o, struct record *r)
{
	const struct field *f;
	const char *kind;
	json_t *v;
	size_t i;
	int bad = 0;

	memset(r, 0, sizeof(*r));
	if (!json_is_object(o) ||
	    (kind = json_string_value(json_object_get(o, "kind"))) == NULL ||
	    record_kind_parse(kind, &r->kind) == -1)
		return -1;
	for (i = 0; i < record_nfields && bad == 0; i++) {
		f = &record_fields[i];
		if (!field_applies(f, r))
			continue;
		if ((v = json_object_get(o, f->name)) != NULL)
			field_from_json(f, v, r, &bad);
		else if (f->required & KIND_BIT(r->kind))
			bad |= BAD_VALUE;
	}
	if (bad) {
		record_clear(r);
		return bad & BAD_MEMORY ? -2 : -1;
	}
	return 0;
}

/* Record i from o into rs; 0, or -1 with err. */
static int
add_record(struct recordset *rs, json_t *o, size_t i, struct err *err)
{
	struct record r;
	int rc;

	if ((rc = record_from_json(o, &r)) == -2)
		return err_nomem(err, "records");
	if (rc == -1)
		return err_set(err, ERR_PARSE, "record %zu is not a valid record",
		    i + 1);
	if (recordset_add(rs, &r) == -1) {
		record_clear(&r);
		return err_nomem(err, "records");
	}
	return 0;
}

/*
 * The dataset in the very form output_records_json writes, a record a
 * line, into rs: each record parsed by jansson on its own and freed at
 * once, where the whole tree of 10,000 records costs ten times the
 * memory. 0, 1 if buf is not in that form (rs then holds what was read:
 * the caller parses the whole document instead, for the same records or
 * the same error), or -1 with err.
 */
static int
records_by_line(const char *buf, size_t len, struct recordset *rs,
    struct err *err)
{
	size_t at = sizeof(DATASET_HEAD) - 1, tail = sizeof(DATASET_TAIL) - 1;
	json_error_t je;
	json_t *o;
	int rc;

	const char *p, *e = buf + len;
	size_t lines = 0;

	if (len < at + tail || memcmp(buf, DATASET_HEAD, at) != 0)
		return 1;
	/* A record a line: room for them all at once, none copied again. */
	for (p = buf; (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++)
		lines++;
	if (recordset_reserve(rs, lines) == -1)
		return err_nomem(err, "records");
	for (;;) {
		o = json_loadb(buf + at, len - at, JSON_DISABLE_EOF_CHECK |
		    JSON_REJECT_DUPLICATES, &je);
		if (o == NULL || je.position <= 0 ||
		    (size_t)je.position > len - at) {
			json_decref(o);
			return 1;
		}
		at += (size_t)je.position;
		rc = add_record(rs, o, rs->nrecs, err);
		json_decref(o);
		if (rc == -1)
			return -1;
		if (len - at > 2 && memcmp(buf + at, ",\n", 2) == 0)
			at += 2;
		else
			return len - at == tail &&
			    memcmp(buf + at, DATASET_TAIL, tail) == 0 ? 0 : 1;
	}
}

int
recordset_from_json(const char *buf, size_t len, struct recordset **out,
    struct err *err)
{
	struct recordset *rs = NULL;
	json_error_t jerr;
	json_t *root, *recs, *o;
	size_t i;
	int rc = -1;

	*out = NULL;
	if ((rs = recordset_new()) == NULL)
		return err_nomem(err, "records");
	if ((rc = records_by_line(buf, len, rs, err)) != 1) {
		if (rc == 0)
			*out = rs;
		else
			recordset_free(rs);
		return rc;
	}
	recordset_free(rs);
	rs = NULL;
	rc = -1;
	if ((root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr)) ==
	    NULL) {
		err_set(err, ERR_PARSE, "line %d: %s", jerr.line, jerr.text);
		return -1;
	}
	if (!json_is_array(recs = json_object_get(root, "records"))) {
		err_set(err, ERR_PARSE, "no \"records\" array");
		goto cleanup;
	}
	if ((rs = recordset_new()) == NULL) {
		err_nomem(err, "records");
		goto cleanup;
	}
	json_array_foreach(recs, i, o)
		if (add_record(rs, o, i, err) == -1)
			goto cleanup;
	*out = rs;
	rs = NULL;
	rc = 0;
 cleanup:
	recordset_free(rs);
	json_decref(root);
	return rc;
}

int
output_records_json(FILE *fp, const struct recordset *rs)
{
	if (dump_records(fp, rs) == -1)
		return -1;
	return fputs("]}\n", fp) == EOF ? -1 : 0;
}

json_t *
json_time(time_t t)
{
	struct tm tm;
	char buf[32];

	if (t == 0)
		return json_null();
	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_string(buf);
}

int
json_time_get(json_t *v, time_t *t)
{
	struct tm tm;
	const char *s = json_string_value(v), *end;

	memset(&tm, 0, sizeof(tm));
	if (s == NULL || (end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm)) ==
	    NULL || *end != '\0')
		return -1;
	*t = timegm(&tm);
	return 0;
}
