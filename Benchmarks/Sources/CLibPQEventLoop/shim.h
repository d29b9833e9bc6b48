// What bench-eventloop needs of C: libpq (the root package's CLibPQ is a target, not a
// product, so this package declares its own), epoll and eventfd.
#include <libpq-fe.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
