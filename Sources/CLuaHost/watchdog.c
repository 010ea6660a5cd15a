/*
 * The time budget, armed on the thread that runs the call.
 *
 * A watchdog thread looks at every watched state each tick. When a call has run past its budget
 * it does not touch the Lua state: it sends a real-time signal (pthread_sigqueue, with a cookie)
 * to the thread that runs the call, and that thread's signal handler calls lua_sethook with a
 * count of 1 -- the pattern of the `lua` interpreter's Ctrl-C handler, for which lua_sethook is
 * documented as safe. The request carries the call's sequence number: a signal that arrives once
 * that call has ended (or another has begun) does nothing. While the watchdog signals, the end
 * of the outer call waits (a two-flag handshake), so the thread it signals is alive.
 *
 * The signal is SIGRTMIN + 4 unless pt_time_signal_set chose another before the first state was
 * watched. A thread that runs a call unblocks it (once per thread: thread pools such as
 * libdispatch's block signals in their workers). A handler that was installed for it before is kept and called for every signal that
 * is not the watchdog's (told apart by the cookie in si_value).
 */
#define _GNU_SOURCE
#include "internal.h"
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <time.h>

static pthread_mutex_t pt_watch_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pt_watch_wakeup = PTHREAD_COND_INITIALIZER;
static pt_state_info *pt_watched = NULL;
static int pt_watchdog_started = 0;
static int64_t pt_tick_ns = 5000000;
static int pt_signal_number = 0;
static struct sigaction pt_previous_action;
static char pt_cookie; /* its address marks the watchdog's signals */

/* The state whose outer call runs on this thread (innermost when calls nest across states). */
static __thread pt_state_info *pt_running __attribute__((tls_model("initial-exec")));
/* Whether this thread has unblocked the signal (thread pools such as libdispatch's block
 * signals in their workers): done at the first call on each thread. */
static __thread int pt_signal_unblocked __attribute__((tls_model("initial-exec")));

static void pt_on_signal(int signal_number, siginfo_t *signal_info, void *context) {
    int saved_errno = errno;
    if (signal_info != NULL && signal_info->si_code == SI_QUEUE && signal_info->si_value.sival_ptr == &pt_cookie) {
        pt_state_info *info = pt_running;
        for (; info != NULL; info = info->previous_running) {
            long seq = pt_load_atomic(&info->call_seq);
            if (pt_load_atomic(&info->in_call) && pt_load_atomic(&info->trip_request) == seq) {
                pt_store_atomic(&info->tripped_seq, seq);
                pt_store_atomic(&info->tripped, PT_KIND_TIME);
                lua_sethook(info->L, pt_budget_hook, LUA_MASKCOUNT, 1);
            }
        }
    } else if (pt_previous_action.sa_flags & SA_SIGINFO) {
        if (pt_previous_action.sa_sigaction != NULL) pt_previous_action.sa_sigaction(signal_number, signal_info, context);
    } else if (pt_previous_action.sa_handler != SIG_DFL && pt_previous_action.sa_handler != SIG_IGN) {
        pt_previous_action.sa_handler(signal_number);
    }
    errno = saved_errno;
}

int pt_time_signal_set(int signal_number) {
    pthread_mutex_lock(&pt_watch_lock);
    int result = -1;
    if (!pt_watchdog_started && signal_number >= SIGRTMIN && signal_number <= SIGRTMAX) {
        pt_signal_number = signal_number;
        result = 0;
    }
    pthread_mutex_unlock(&pt_watch_lock);
    return result;
}

int pt_time_signal(void) {
    pthread_mutex_lock(&pt_watch_lock);
    int number = pt_signal_number != 0 ? pt_signal_number : SIGRTMIN + 4;
    pthread_mutex_unlock(&pt_watch_lock);
    return number;
}

void pt_watchdog_set_tick(int64_t nanoseconds) {
    pthread_mutex_lock(&pt_watch_lock);
    if (nanoseconds > 0) pt_tick_ns = nanoseconds;
    pthread_mutex_unlock(&pt_watch_lock);
}

static int64_t pt_now(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
}

/* Signals the thread running `info`'s call `seq`, if that call still runs. */
static void pt_request_trip(pt_state_info *info, long seq) {
    pt_store_atomic(&info->signalling, 1);
    if (pt_load_atomic(&info->in_call) && pt_load_atomic(&info->call_seq) == seq) {
        pt_store_atomic(&info->trip_request, seq);
        union sigval value;
        value.sival_ptr = &pt_cookie;
        pthread_t runner = (pthread_t)__atomic_load_n(&info->runner, __ATOMIC_SEQ_CST);
        pthread_sigqueue(runner, pt_signal_number, value);
    }
    pt_store_atomic(&info->signalling, 0);
}

static void *pt_watchdog_main(void *unused) {
    (void)unused;
    pthread_mutex_lock(&pt_watch_lock);
    for (;;) {
        while (pt_watched == NULL) pthread_cond_wait(&pt_watch_wakeup, &pt_watch_lock);
        int64_t now = pt_now();
        for (pt_state_info *info = pt_watched; info != NULL; info = info->watch_next) {
            long seq = pt_load_atomic(&info->call_seq);
            if (!pt_load_atomic(&info->in_call) || info->budget_ns <= 0) {
                info->watch_seq = -1;
            } else if (seq != info->watch_seq) {
                info->watch_seq = seq;
                info->watch_since = now;
            } else if (now - info->watch_since >= info->budget_ns && pt_load_atomic(&info->trip_request) != seq) {
                pt_request_trip(info, seq);
            }
        }
        int64_t tick = pt_tick_ns;
        pthread_mutex_unlock(&pt_watch_lock);
        struct timespec pause = { (time_t)(tick / 1000000000), (long)(tick % 1000000000) };
        while (nanosleep(&pause, &pause) != 0 && errno == EINTR) {}
        pthread_mutex_lock(&pt_watch_lock);
    }
    return NULL;
}

/* Installs the handler and starts the thread (under the lock, once). */
static void pt_watchdog_start(void) {
    if (pt_watchdog_started) return;
    pt_watchdog_started = 1;
    if (pt_signal_number == 0) pt_signal_number = SIGRTMIN + 4;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = pt_on_signal;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&action.sa_mask);
    sigaction(pt_signal_number, &action, &pt_previous_action);
    /* the watchdog itself never runs the handler */
    sigset_t blocked, previous;
    sigemptyset(&blocked);
    sigaddset(&blocked, pt_signal_number);
    pthread_sigmask(SIG_BLOCK, &blocked, &previous);
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attributes, 1 << 16);
    pthread_t thread;
    pthread_create(&thread, &attributes, pt_watchdog_main, NULL);
    pthread_attr_destroy(&attributes);
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
}

void pt_watch(pt_state_info *info, int64_t budget_ns) {
    pthread_mutex_lock(&pt_watch_lock);
    pt_watchdog_start();
    info->budget_ns = budget_ns;
    info->watch_seq = -1;
    info->watch_next = pt_watched;
    pt_watched = info;
    pthread_cond_signal(&pt_watch_wakeup);
    pthread_mutex_unlock(&pt_watch_lock);
}

void pt_unwatch(pt_state_info *info) {
    pthread_mutex_lock(&pt_watch_lock);
    for (pt_state_info **link = &pt_watched; *link != NULL; link = &(*link)->watch_next) {
        if (*link == info) { *link = info->watch_next; break; }
    }
    info->watch_next = NULL;
    pthread_mutex_unlock(&pt_watch_lock);
}

void pt_running_begin(pt_state_info *info) {
    if (!pt_signal_unblocked) {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, pt_signal_number);
        pthread_sigmask(SIG_UNBLOCK, &set, NULL);
        pt_signal_unblocked = 1;
    }
    __atomic_store_n(&info->runner, (unsigned long)pthread_self(), __ATOMIC_SEQ_CST);
    info->previous_running = pt_running;
    pt_running = info;
    pt_store_atomic(&info->in_call, 1);
}

void pt_running_end(pt_state_info *info) {
    pt_store_atomic(&info->in_call, 0);
    /* the watchdog may be signalling this thread for this call: let it finish */
    while (pt_load_atomic(&info->signalling)) sched_yield();
    pt_running = info->previous_running;
    info->previous_running = NULL;
}
