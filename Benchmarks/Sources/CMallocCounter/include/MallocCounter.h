// A malloc counter for the benchmarks (the equivalent of ordo-one/benchmark's MallocInterposer):
// this target defines malloc, calloc, realloc and the aligned allocators, which take precedence
// over glibc's in the executables that link it, count each call, and forward to glibc.
#pragma once
#include <stdint.h>

/// Starts counting (from zero).
void athanor_bench_malloc_start(void);
/// Stops counting.
void athanor_bench_malloc_stop(void);
/// Allocations (malloc, calloc, realloc, aligned) counted since the last start, in all threads.
uint64_t athanor_bench_malloc_count(void);
/// Bytes requested by those allocations.
uint64_t athanor_bench_malloc_bytes(void);
