#ifndef ATTUNE_CSQLITE_SHIM_H
#define ATTUNE_CSQLITE_SHIM_H
#include <sqlite3.h>

/// Turns off SQLite's memory statistics (sqlite3_config is variadic, which Swift cannot call). With
/// them on, every allocation and free inside SQLite takes a process-wide mutex to update counters
/// nobody reads here: about a hundred lock/unlock pairs per stored submission. Must run before the
/// first connection opens; returns SQLITE_MISUSE after that, which is harmless.
static inline int attune_sqlite3_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
#endif
