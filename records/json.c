/* Record to JSON, with jansson doing all quoting and escaping. */
#include <stdio.h>

#include "json.h"
#include "output.h"

/* Set key to a string; 0, or -1. */
static int
set_str(json_t *o, const char *key, const char *v)
{
	return json_object_set_new(o, key, json_string(v));
}

json_t *
record_to_json(const struct record *r)
{
	json_t *o, *a;
	char buf[CIDR_STRLEN];
	size_t i;
	int rc = 0;

	if ((o = json_object()) == NULL)
		return NULL;
	rc |= set_str(o, "kind", record_kind_name(r->kind));
	rc |= set_str(o, "region", r->region);
	rc |= set_str(o, "region_code", r->region_code);
	rc |= set_str(o, "section", r->section);
	switch (r->kind) {
	case RECORD_NETWORK:
		rc |= set_str(o, "cidr", cidr_format(&r->cidr, buf));
		if (r->first != NULL)
			rc |= set_str(o, "first", r->first);
		if (r->last != NULL)
			rc |= set_str(o, "last", r->last);
		if (r->netmask != NULL)
			rc |= set_str(o, "netmask", r->netmask);
		if (r->location != NULL)
			rc |= set_str(o, "location", r->location);
		break;
	case RECORD_RANGE:
		rc |= set_str(o, "label", r->label);
		rc |= json_object_set_new(o, "position",
		    json_integer(r->position));
		rc |= set_str(o, "first", r->first);
		rc |= set_str(o, "last", r->last);
		if ((a = json_array()) == NULL ||
		    json_object_set_new(o, "cidrs", a) == -1) {
			rc = -1;
			break;
		}
		for (i = 0; i < r->ncidrs; i++)
			rc |= json_array_append_new(a,
			    json_string(cidr_format(&r->cidrs[i], buf)));
		break;
	case RECORD_URL:
		rc |= set_str(o, "application", r->application);
		rc |= set_str(o, "url", r->url);
		break;
	case RECORD_PORT:
		rc |= set_str(o, "protocol", r->protocol);
		rc |= json_object_set_new(o, "port", json_integer(r->port));
		rc |= set_str(o, "usage", r->usage);
		break;
	default:
		rc = -1;
	}
	if (rc != 0) {
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

/* One compact object on a line of its own: diffs read as record changes. */
static int
dump_line(FILE *fp, json_t *o, int last)
{
	int rc;

	if (o == NULL)
		return -1;
	rc = json_dumpf(o, fp, JSON_COMPACT);
	json_decref(o);
	if (rc == -1 || fputs(last ? "\n" : ",\n", fp) == EOF)
		return -1;
	return 0;
}

int
output_json(FILE *fp, const struct recordset *rs)
{
	size_t i;

	if (fputs("{\"records\":[\n", fp) == EOF)
		return -1;
	for (i = 0; i < rs->nrecs; i++)
		if (dump_line(fp, record_to_json(&rs->recs[i]),
		    i + 1 == rs->nrecs) == -1)
			return -1;
	if (fputs("],\n\"warnings\":[\n", fp) == EOF)
		return -1;
	for (i = 0; i < rs->nwarns; i++)
		if (dump_line(fp, warning_to_json(&rs->warns[i]),
		    i + 1 == rs->nwarns) == -1)
			return -1;
	if (fputs("]}\n", fp) == EOF)
		return -1;
	return 0;
}
