/* Accumulating cell and heading text, normalized as it arrives. */
#ifndef MCWATCH_TEXT_H
#define MCWATCH_TEXT_H

#include <stddef.h>

/*
 * Whitespace of every kind (including no-break and other Unicode spaces)
 * collapses to one ASCII space; zero-width, bidi and control characters
 * are dropped; leading and trailing space never appear. Input is UTF-8.
 */
struct textbuf {
	char	*s;		/* NUL-terminated when len > 0 */
	size_t	 len;
	size_t	 cap;
	size_t	 max;		/* bytes kept at most; the rest is dropped */
	int	 space;		/* a space is due before the next text */
	int	 truncated;	/* something was dropped for max */
};

void	 textbuf_init(struct textbuf *tb, size_t max);
void	 textbuf_free(struct textbuf *tb);
/* Forget the text, keep the memory. */
void	 textbuf_reset(struct textbuf *tb);
/* Append UTF-8 text; 0, or -1 on memory. */
int	 textbuf_add(struct textbuf *tb, const char *text, size_t n);
/* A word break (a <br>, a block boundary). */
void	 textbuf_break(struct textbuf *tb);
/* The text so far ("" when empty); valid until the next change. */
const char *textbuf_str(const struct textbuf *tb);

/* A normalized copy of a whole string; NULL on memory. */
char	*text_normalize(const char *s);

#endif
