package io.github.ikpurge.internal;

import io.github.ikpurge.domain.PurgeCacheStatus;
import io.github.ikpurge.domain.PurgeRequestId;
import io.github.ikpurge.error.ImageKitException;
import io.github.ikpurge.spi.CallListener;
import io.github.ikpurge.spi.CallObserver;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Hands a client's events to its listeners: one {@link Trace} per call, which also counts the
 * call's requests and keeps its last status for the call's end. Whatever a listener throws, short
 * of a {@link VirtualMachineError}, is logged and otherwise ignored, so no listener changes a
 * call's outcome. With no listener, every call shares one inert trace and no event is made.
 */
final class CallEvents {

  private static final System.Logger LOG = System.getLogger("io.github.ikpurge");

  private final List<CallListener> listeners;
  private final String transport;

  CallEvents(List<CallListener> listeners, String transport) {
    this.listeners = listeners;
    this.transport = transport;
  }

  /** Starts the trace of a call, on the thread that starts the call. */
  Trace start(CallListener.Operation operation) {
    if (listeners.isEmpty()) {
      return Trace.OFF;
    }
    CallListener.CallStarted started = new CallListener.CallStarted(operation, transport);
    CallObserver[] observers = new CallObserver[listeners.size()];
    for (int i = 0; i < observers.length; i++) {
      CallListener listener = listeners.get(i);
      CallObserver observer = null;
      try {
        observer = listener.callStarted(started);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        warn(listener, "callStarted", e);
      }
      observers[i] = observer == null ? CallObserver.NONE : observer;
    }
    return new Trace(observers);
  }

  /** Tells the listeners of a poll, if there are any. */
  void polled(PurgeRequestId id, int poll, PurgeCacheStatus status, long elapsedNanos) {
    if (listeners.isEmpty()) {
      return;
    }
    CallListener.Polled event =
        new CallListener.Polled(id, poll, status, Duration.ofNanos(elapsedNanos));
    for (CallListener listener : listeners) {
      try {
        listener.polled(event);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        warn(listener, "polled", e);
      }
    }
  }

  private static void warn(Object listener, String callback, Throwable e) {
    LOG.log(
        Level.WARNING,
        () -> "ikpurge listener " + listener.getClass().getName() + "." + callback + " threw",
        e);
  }

  /**
   * One call's observers and what its end reports. A call runs one step at a time, each after the
   * last; only its end may race with a step (a caller's cancel with an attempt that is ending), so
   * the end is reported once, and nothing after it.
   */
  static final class Trace {

    static final Trace OFF = new Trace(new CallObserver[0]);

    private final CallObserver[] observers;
    private final long started = System.nanoTime();
    private final AtomicBoolean ended = new AtomicBoolean();
    // Read by a cancelling thread while the call's own thread may write them.
    private volatile int requests;
    private volatile int lastStatus;

    private Trace(CallObserver[] observers) {
      this.observers = observers;
    }

    /** Whether anybody sees this call's events. */
    boolean on() {
      return observers.length > 0;
    }

    void rateLimitWait(long nanos) {
      if (live()) {
        Duration wait = Duration.ofNanos(nanos);
        deliver("rateLimitWait", observer -> observer.rateLimitWait(wait));
      }
    }

    void attemptEnded(int attempt, int sent, int status, long startedNanos, Throwable failure) {
      if (live()) {
        requests += sent;
        lastStatus = status;
        // A caller's transport may break its contract and give neither.
        Throwable cause =
            status != 0
                ? null
                : failure != null
                    ? failure
                    : new IllegalStateException(
                        "the transport gave neither a response nor a failure");
        CallObserver.AttemptEnded event =
            new CallObserver.AttemptEnded(
                attempt, sent, status, Duration.ofNanos(System.nanoTime() - startedNanos), cause);
        deliver("attemptEnded", observer -> observer.attemptEnded(event));
      }
    }

    void retryScheduled(int failedAttempt, long delayNanos, ImageKitException reason) {
      if (live()) {
        CallObserver.RetryScheduled event =
            new CallObserver.RetryScheduled(failedAttempt, Duration.ofNanos(delayNanos), reason);
        deliver("retryScheduled", observer -> observer.retryScheduled(event));
      }
    }

    /** Reports the call's end, once: a later report, and any event after it, is dropped. */
    void callEnded(Throwable failure) {
      if (on() && ended.compareAndSet(false, true)) {
        CallObserver.CallEnded event =
            new CallObserver.CallEnded(
                requests, lastStatus, Duration.ofNanos(System.nanoTime() - started), failure);
        deliver("callEnded", observer -> observer.callEnded(event));
      }
    }

    private boolean live() {
      return on() && !ended.get();
    }

    private void deliver(String callback, Consumer<CallObserver> event) {
      for (CallObserver observer : observers) {
        try {
          event.accept(observer);
        } catch (VirtualMachineError e) {
          throw e;
        } catch (Throwable e) {
          warn(observer, callback, e);
        }
      }
    }
  }
}
