#ifndef ATTUNE_CSQLITE_SHIM_H
#define ATTUNE_CSQLITE_SHIM_H
#include <sqlite3.h>
#endif
