// Placeholder: replaced by the country table implementation.
#include "corpus/countries.h"
