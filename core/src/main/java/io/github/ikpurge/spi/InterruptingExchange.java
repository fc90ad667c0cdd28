package io.github.ikpurge.spi;

import java.io.IOException;

/**
 * The exchange of a transport that did not override {@link HttpTransport#prepare}: it runs {@link
 * HttpTransport#execute} and aborts by interrupting the thread running it, while it runs.
 */
final class InterruptingExchange implements HttpTransport.Exchange {

  private final HttpTransport transport;
  private final TransportRequest request;
  private Thread runner;
  private boolean aborted;

  InterruptingExchange(HttpTransport transport, TransportRequest request) {
    this.transport = transport;
    this.request = request;
  }

  @Override
  public TransportResponse call() throws IOException, InterruptedException {
    synchronized (this) {
      if (aborted) {
        throw new HttpTransportException(HttpTransportException.Kind.IO, "aborted", null);
      }
      runner = Thread.currentThread();
    }
    try {
      return transport.execute(request);
    } finally {
      // Under the lock: once call() has ended, an abort interrupts nothing.
      synchronized (this) {
        runner = null;
      }
    }
  }

  @Override
  public synchronized void abort() {
    aborted = true;
    if (runner != null) {
      runner.interrupt();
    }
  }
}
