#ifndef CGATEHOUSE_EPOLL_SHIM_H
#define CGATEHOUSE_EPOLL_SHIM_H
// Linux's epoll, which Glibc's Swift module does not include; used only by GatehouseProxy's UpstreamPoller.
#include <sys/epoll.h>
#endif
