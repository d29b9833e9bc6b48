#include <libpq-fe.h>

// What the runtime's event loop waits with (Sources/Athanor/Connection/EventLoop.swift):
// Swift's Glibc module does not export these headers.
#ifdef __linux__
#include <sys/epoll.h>
#include <sys/eventfd.h>
#endif
