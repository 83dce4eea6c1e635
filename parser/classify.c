/* Header words to column roles and table kinds. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "classify.h"

#define WORD_MAX	64

static const struct {
	const char	*word;
	enum col_role	 role;
} words[] = {
	{ "network", COL_NETWORK }, { "network range", COL_NETWORK },
	{ "network address", COL_NETWORK }, { "subnet", COL_NETWORK },
	{ "ip network", COL_NETWORK }, { "cidr range", COL_NETWORK },
	{ "cidr", COL_CIDR }, { "prefix", COL_CIDR },
	{ "prefix length", COL_CIDR }, { "cidr notation", COL_CIDR },
	{ "netmask", COL_NETMASK }, { "net mask", COL_NETMASK },
	{ "subnet mask", COL_NETMASK }, { "mask", COL_NETMASK },
	{ "ip address range", COL_RANGE }, { "ip range", COL_RANGE },
	{ "address range", COL_RANGE }, { "range", COL_RANGE },
	{ "ip address", COL_IP }, { "ip", COL_IP }, { "address", COL_IP },
	{ "host", COL_IP }, { "ip addr", COL_IP },
	{ "location", COL_LOCATION }, { "data center", COL_LOCATION },
	{ "datacenter", COL_LOCATION }, { "site", COL_LOCATION },
	{ "region", COL_LABEL },
	{ "application", COL_APPLICATION }, { "app", COL_APPLICATION },
	{ "service", COL_APPLICATION }, { "product", COL_APPLICATION },
	{ "url", COL_URL }, { "link", COL_URL }, { "web address", COL_URL },
	{ "protocol", COL_PROTOCOL }, { "connection type", COL_PROTOCOL },
	{ "port", COL_PORT }, { "default port", COL_PORT },
	{ "port number", COL_PORT },
	{ "usage", COL_USAGE }, { "use", COL_USAGE },
	{ "description", COL_USAGE }, { "purpose", COL_USAGE },
	{ "note", COL_USAGE },
	/* "Status" folds as a plural would: "statu". */
	{ "statu", COL_STATUS }, { "state", COL_STATUS },
};

/*
 * Column names in the help centre's other languages (German, French,
 * Spanish, Japanese), as loose_key writes them: the same roles.
 */
static const struct {
	const char	*word;
	enum col_role	 role;
} translated[] = {
	{ "statut", COL_STATUS }, { "estado", COL_STATUS },
	{ "\xe7\x8a\xb6\xe6\x85\x8b", COL_STATUS },	/* 状態 */
	{ "netzwerk", COL_NETWORK }, { "r\xc3\xa9seau", COL_NETWORK },
	{ "red", COL_NETWORK },
	{ "\xe3\x83\x8d\xe3\x83\x83\xe3\x83\x88\xe3\x83\xaf\xe3\x83"
	    "\xbc\xe3\x82\xaf", COL_NETWORK },		/* ネットワーク */
	{ "netzmaske", COL_NETMASK }, { "subnetzmaske", COL_NETMASK },
	{ "masquer\xc3\xa9seau", COL_NETMASK },
	{ "masquede" "r\xc3\xa9seau", COL_NETMASK },
	{ "m\xc3\xa1scaradered", COL_NETMASK },
	{ "\xe3\x83\x8d\xe3\x83\x83\xe3\x83\x88\xe3\x83\x9e\xe3\x82"
	    "\xb9\xe3\x82\xaf", COL_NETMASK },		/* ネットマスク */
	{ "ipadressbereich", COL_RANGE }, { "plaged'adressesip", COL_RANGE },
	{ "rangodedireccionesip", COL_RANGE },
	{ "ip\xe3\x82\xa2\xe3\x83\x89\xe3\x83\xac\xe3\x82\xb9\xe7\xaf"
	    "\x84\xe5\x9b\xb2", COL_RANGE },		/* IPアドレス範囲 */
	{ "ipadresse", COL_IP }, { "adresseip", COL_IP },
	{ "direcci\xc3\xb3nip", COL_IP },
	{ "ip\xe3\x82\xa2\xe3\x83\x89\xe3\x83\xac\xe3\x82\xb9",
	    COL_IP },					/* IPアドレス */
	{ "anwendung", COL_APPLICATION }, { "aplicaci\xc3\xb3n",
	    COL_APPLICATION },
	{ "\xe3\x82\xa2\xe3\x83\x97\xe3\x83\xaa\xe3\x82\xb1\xe3\x83"
	    "\xbc\xe3\x82\xb7\xe3\x83\xa7\xe3\x83\xb3",
	    COL_APPLICATION },				/* アプリケーション */
	{ "puerto", COL_PORT },
	{ "\xe3\x83\x9d\xe3\x83\xbc\xe3\x83\x88", COL_PORT }, /* ポート */
	{ "protokoll", COL_PROTOCOL }, { "protocole", COL_PROTOCOL },
	{ "protocolo", COL_PROTOCOL },
	{ "\xe3\x83\x97\xe3\x83\xad\xe3\x83\x88\xe3\x82\xb3\xe3\x83"
	    "\xab", COL_PROTOCOL },			/* プロトコル */
	{ "verwendung", COL_USAGE }, { "utilisation", COL_USAGE },
	{ "uso", COL_USAGE }, { "beschreibung", COL_USAGE },
	{ "descripci\xc3\xb3n", COL_USAGE },
	{ "\xe7\x94\xa8\xe9\x80\x94", COL_USAGE },	/* 用途 */
	{ "\xe8\xaa\xac\xe6\x98\x8e", COL_USAGE },	/* 説明 */
	{ "standort", COL_LOCATION }, { "emplacement", COL_LOCATION },
	{ "ubicaci\xc3\xb3n", COL_LOCATION }, { "rechenzentrum", COL_LOCATION },
	{ "\xe5\xa0\xb4\xe6\x89\x80", COL_LOCATION },	/* 場所 */
	{ "r\xc3\xa9gion", COL_LABEL }, { "regi\xc3\xb3n", COL_LABEL },
	{ "\xe3\x83\xaa\xe3\x83\xbc\xe3\x82\xb8\xe3\x83\xa7\xe3\x83"
	    "\xb3", COL_LABEL },				/* リージョン */
	{ "\xe5\x9c\xb0\xe5\x9f\x9f", COL_LABEL },	/* 地域 */
};

/*
 * s as translated[] has it: ASCII in lower case, spaces and hyphens
 * left out, other bytes as they are, and no trailing number (as in
 * "IP-Adressbereich 2").
 */
static void
loose_key(const char *s, char *buf, size_t len)
{
	size_t n = 0;

	for (; *s != '\0' && n + 1 < len; s++)
		if ((unsigned char)*s >= 0x80)
			buf[n++] = *s;
		else if (*s != ' ' && *s != '-')
			buf[n++] = (char)tolower((unsigned char)*s);
	while (n > 0 && isdigit((unsigned char)buf[n - 1]))
		n--;
	buf[n] = '\0';
}

/*
 * Lower-case s into buf without what varies between renderings of the
 * same word: "(s)" and plural "es"/"s" endings, a trailing number as in
 * "IP Address Range 2", stars and colons.
 */
static void
word_fold(const char *s, char *buf)
{
	size_t n = 0;

	for (; *s != '\0' && n < WORD_MAX - 1; s++) {
		unsigned char c = (unsigned char)*s;

		if (strncmp(s, "(s)", 3) == 0) {
			s += 2;
			continue;
		}
		if (isalpha(c))
			buf[n++] = (char)tolower(c);
		else if (isdigit(c) || c == ' ' || c == '-' || c == '/')
			buf[n++] = c == '-' || c == '/' ? ' ' : (char)c;
	}
	/* Trailing digits and spaces: "range 1", "ports ". */
	while (n > 0 && (buf[n - 1] == ' ' || isdigit((unsigned char)buf[n - 1])))
		n--;
	buf[n] = '\0';
	/* Plurals: "addresses", "urls", "ports", "ranges". */
	if (n > 4 && strcmp(buf + n - 4, "sses") == 0)
		buf[n - 2] = '\0';
	else if (n > 3 && buf[n - 1] == 's' && buf[n - 2] != 's')
		buf[n - 1] = '\0';
}

enum col_role
classify_word(const char *cell)
{
	char buf[WORD_MAX];
	char *p, *q;
	size_t i;

	loose_key(cell, buf, sizeof(buf));
	/* The first byte first: most words differ there, and a call costs. */
	for (i = 0; i < sizeof(translated) / sizeof(translated[0]); i++)
		if (buf[0] == translated[i].word[0] &&
		    strcmp(buf, translated[i].word) == 0)
			return translated[i].role;
	word_fold(cell, buf);
	/* Collapse the spaces folding may have doubled. */
	for (p = q = buf; *p != '\0'; p++)
		if (*p != ' ' || (q > buf && q[-1] != ' '))
			*q++ = *p;
	while (q > buf && q[-1] == ' ')
		q--;
	*q = '\0';
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (buf[0] == words[i].word[0] && strcmp(buf, words[i].word) == 0)
			return words[i].role;
	return COL_NONE;
}

enum table_kind
classify_header(const char *const *cells, size_t n, struct header *h)
{
	unsigned have = 0;
	size_t i, known = 0;
	enum col_role prev = COL_NONE;

	memset(h, 0, sizeof(*h));
	for (i = 0; i < n; i++) {
		enum col_role r;

		if (cells[i][0] == '\0')
			continue;
		r = classify_word(cells[i]);
		if (r != COL_NONE)
			known++;
		have |= 1u << r;
		/*
		 * A colspan repeats one word across its columns; "IP Address
		 * Range 1" and "... 2" are two fields, so only the same text
		 * twice in a row counts as one.
		 */
		if (i > 0 && r == prev && r != COL_NONE &&
		    strcmp(cells[i], cells[i - 1]) == 0)
			continue;
		if (h->nroles < HEADER_MAXFIELDS)
			h->roles[h->nroles++] = r;
		prev = r;
	}
#define HAS(r)	((have & (1u << (r))) != 0)
	/* One column names enough when it holds ranges or networks. */
	if (known < 2 && !(known == 1 && (HAS(COL_RANGE) ||
	    HAS(COL_NETWORK) || HAS(COL_CIDR))))
		h->kind = TABLE_UNKNOWN;
	else if (HAS(COL_APPLICATION) && HAS(COL_URL))
		h->kind = TABLE_URL;
	else if (HAS(COL_PROTOCOL) && HAS(COL_PORT))
		h->kind = TABLE_PORT;
	else if (HAS(COL_LABEL) && HAS(COL_RANGE))
		h->kind = TABLE_RANGE;
	else if (HAS(COL_NETWORK) || (known == 1 && HAS(COL_CIDR)) ||
	    (HAS(COL_RANGE) && (HAS(COL_NETMASK) || HAS(COL_CIDR))))
		h->kind = TABLE_NETWORK;
	else if (HAS(COL_IP) &&
	    (HAS(COL_LOCATION) || HAS(COL_CIDR) || HAS(COL_NETMASK)))
		h->kind = TABLE_HOST;
	else if (HAS(COL_RANGE))
		h->kind = TABLE_RANGE;
	else
		h->kind = TABLE_UNKNOWN;
#undef HAS
	return h->kind;
}

/* Heading words, most specific first, and the header they stand for. */
static const struct {
	const char	*word;
	enum table_kind	 kind;
	enum col_role	 roles[4];
} headings[] = {
	{ "non-spf", TABLE_RANGE, { COL_LABEL, COL_RANGE, COL_RANGE } },
	{ "non spf", TABLE_RANGE, { COL_LABEL, COL_RANGE, COL_RANGE } },
	{ "url", TABLE_URL, { COL_APPLICATION, COL_URL } },
	{ "port", TABLE_PORT, { COL_PROTOCOL, COL_PORT, COL_USAGE } },
	{ "website", TABLE_HOST,
	    { COL_LOCATION, COL_IP, COL_CIDR, COL_NETMASK } },
	{ "network", TABLE_NETWORK, { COL_NETWORK, COL_RANGE, COL_NETMASK } },
	{ "ip address", TABLE_NETWORK,
	    { COL_NETWORK, COL_RANGE, COL_NETMASK } },
};

enum table_kind
classify_heading(const char *heading, struct header *h)
{
	size_t i, j;

	memset(h, 0, sizeof(*h));
	for (i = 0; i < sizeof(headings) / sizeof(headings[0]); i++) {
		if (strcasestr(heading, headings[i].word) == NULL)
			continue;
		h->kind = headings[i].kind;
		for (j = 0; j < 4 && headings[i].roles[j] != COL_NONE; j++)
			h->roles[h->nroles++] = headings[i].roles[j];
		break;
	}
	return h->kind;
}

int
classify_note(const char *cell)
{
	static const char *const notes[] = {
		"note", "notes", "important", "tip", "warning", "caution",
		"info", "information", "please note",
	};
	char buf[WORD_MAX];
	size_t i, n = strlen(cell);

	while (n > 0 && (cell[n - 1] == ':' || cell[n - 1] == ' ' ||
	    cell[n - 1] == '!'))
		n--;
	if (n == 0 || n >= sizeof(buf))
		return 0;
	memcpy(buf, cell, n);
	buf[n] = '\0';
	for (i = 0; i < sizeof(notes) / sizeof(notes[0]); i++)
		if (strcasecmp(buf, notes[i]) == 0)
			return 1;
	return 0;
}

enum cell_status
classify_status(const char *cell)
{
	/* Retirement, in the help centre's languages too: anywhere. */
	static const char *const retiring[] = {
		"decommission", "retiring", "retired", "deprecated",
		"to be removed", "being removed", "will be removed",
		"end of life", "end-of-life", "sunset", "no longer in use",
		"stillgelegt", "au retrait", "retir\xc3\xa9", "obsoleto",
		"en desuso", "\xe5\xbb\x83\xe6\xad\xa2",	/* 廃止 */
	};
	/* A Status column's word for live: the whole cell. */
	static const char *const live[] = {
		"active", "live", "current", "in use", "in service", "aktiv",
		"actif", "activo",
	};
	size_t i;

	for (i = 0; i < sizeof(retiring) / sizeof(retiring[0]); i++)
		if (strcasestr(cell, retiring[i]) != NULL)
			return STATUS_RETIRING;
	for (i = 0; i < sizeof(live) / sizeof(live[0]); i++)
		if (strcasecmp(cell, live[i]) == 0)
			return STATUS_LIVE;
	return STATUS_NONE;
}

const char *
classify_kind_name(enum table_kind k)
{
	static const char *const names[] = {
		[TABLE_UNKNOWN] = "unknown", [TABLE_NETWORK] = "network",
		[TABLE_HOST] = "host", [TABLE_RANGE] = "range",
		[TABLE_URL] = "URL", [TABLE_PORT] = "port",
	};

	return names[k];
}
