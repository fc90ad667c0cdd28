package io.github.ikpurge.transport.apache.internal;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.client5.http.async.AsyncExecRuntime;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Lets an async exchange discard its connection when it is cancelled or times out.
 *
 * <p>Cancelling HttpClient's future is not enough: when a pooled connection is leased at once, the
 * exchange is started before {@code AsyncConnectExec} records the lease as what to cancel, which
 * replaces the exchange's own cancel hook (seen with 5.6.5). The exchange then runs, holding its
 * connection, until the response arrives. An interceptor on the clients this transport builds hands
 * the exchange's runtime to this handle, through the context, so the connection can be discarded.
 */
final class AbortHandle {

  private static final String ATTRIBUTE = AbortHandle.class.getName();

  private final AtomicReference<AsyncExecRuntime> runtime = new AtomicReference<>();
  private volatile boolean aborted;

  /** Puts a new handle in the context of one exchange. */
  static AbortHandle in(HttpContext context) {
    AbortHandle handle = new AbortHandle();
    context.setAttribute(ATTRIBUTE, handle);
    return handle;
  }

  /** Returns the chain element that gives each exchange's runtime to its handle. */
  static AsyncExecChainHandler interceptor() {
    return (request, entityProducer, scope, chain, callback) -> {
      if (scope.clientContext.getAttribute(ATTRIBUTE) instanceof AbortHandle handle) {
        handle.attach(scope.execRuntime);
      }
      chain.proceed(request, entityProducer, scope, callback);
    };
  }

  /** Closes the exchange's connection, if it has one, and hands it back to the pool as unusable. */
  void abort() {
    aborted = true;
    AsyncExecRuntime attached = runtime.get();
    if (attached != null) {
      attached.discardEndpoint();
    }
  }

  private void attach(AsyncExecRuntime execRuntime) {
    runtime.set(execRuntime);
    // An abort that came first has found nothing to discard; the connection may be leased later.
    if (aborted) {
      execRuntime.discardEndpoint();
    }
  }
}
