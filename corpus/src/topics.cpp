// Placeholder: replaced by the topic taxonomy implementation.
#include "corpus/topics.h"
