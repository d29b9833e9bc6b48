// See include/MallocCounter.h. Linux/glibc only: elsewhere the counters stay at zero.
#include "MallocCounter.h"

#if defined(__linux__) && defined(__GLIBC__)
#include <errno.h>
#include <stddef.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);

static int counting;
static uint64_t allocations;
static uint64_t bytes;

static inline void count(size_t size) {
    if (__atomic_load_n(&counting, __ATOMIC_RELAXED)) {
        __atomic_fetch_add(&allocations, 1, __ATOMIC_RELAXED);
        __atomic_fetch_add(&bytes, size, __ATOMIC_RELAXED);
    }
}

void *malloc(size_t size) { count(size); return __libc_malloc(size); }
void *calloc(size_t n, size_t size) { count(n * size); return __libc_calloc(n, size); }
void *realloc(void *pointer, size_t size) { count(size); return __libc_realloc(pointer, size); }
void *memalign(size_t alignment, size_t size) { count(size); return __libc_memalign(alignment, size); }
void *aligned_alloc(size_t alignment, size_t size) { count(size); return __libc_memalign(alignment, size); }
int posix_memalign(void **out, size_t alignment, size_t size) {
    if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0) return EINVAL;
    count(size);
    void *pointer = __libc_memalign(alignment, size);
    if (pointer == NULL) return ENOMEM;
    *out = pointer;
    return 0;
}

void athanor_bench_malloc_start(void) {
    __atomic_store_n(&allocations, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&bytes, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&counting, 1, __ATOMIC_SEQ_CST);
}
void athanor_bench_malloc_stop(void) { __atomic_store_n(&counting, 0, __ATOMIC_SEQ_CST); }
uint64_t athanor_bench_malloc_count(void) { return __atomic_load_n(&allocations, __ATOMIC_RELAXED); }
uint64_t athanor_bench_malloc_bytes(void) { return __atomic_load_n(&bytes, __ATOMIC_RELAXED); }
#else
void athanor_bench_malloc_start(void) {}
void athanor_bench_malloc_stop(void) {}
uint64_t athanor_bench_malloc_count(void) { return 0; }
uint64_t athanor_bench_malloc_bytes(void) { return 0; }
#endif
