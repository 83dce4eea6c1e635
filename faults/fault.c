/* The shipped fault points: none stop anything. */
#include "fault.h"

__attribute__((weak)) void
fault_point(const char *name)
{
	(void)name;
}
