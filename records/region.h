/* Mimecast's regions: the headings the page uses and their short codes. */
#ifndef MCWATCH_REGION_H
#define MCWATCH_REGION_H

/* The code of a known region heading ("us", ...), or NULL. */
const char	*region_known(const char *);
/* The code for any heading: a known code, else a slug; NULL on memory. */
char		*region_code(const char *);

#endif
