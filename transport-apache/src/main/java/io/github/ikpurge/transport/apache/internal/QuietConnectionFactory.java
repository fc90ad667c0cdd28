package io.github.ikpurge.transport.apache.internal;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.impl.DefaultContentLengthStrategy;
import org.apache.hc.core5.http.impl.io.DefaultHttpRequestWriterFactory;
import org.apache.hc.core5.http.impl.io.DefaultHttpResponseParserFactory;
import org.apache.hc.core5.http.impl.io.NoResponseOutOfOrderStrategy;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;

/**
 * Makes the classic client's connections, as HttpClient's own factory does, except that they never
 * write HttpClient's wire log ({@code org.apache.hc.client5.http.wire}): it copies every byte sent,
 * and the {@code Authorization} header carries the private key. Response bytes are left out too.
 * Responses are read by HttpCore's strict parser, not HttpClient's lenient one, which skips lines
 * it cannot read as a status line and so waits out its time limit on a server that sends garbage.
 */
final class QuietConnectionFactory implements HttpConnectionFactory<ManagedHttpClientConnection> {

  static final QuietConnectionFactory INSTANCE = new QuietConnectionFactory();

  private static final AtomicLong COUNTER = new AtomicLong();

  private QuietConnectionFactory() {}

  @Override
  public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
    QuietConnection connection =
        new QuietConnection("ikpurge-outgoing-" + COUNTER.getAndIncrement());
    if (socket != null) {
      connection.bind(socket);
    }
    return connection;
  }

  /** HttpClient's connection, with the defaults of its factory, bound without the wire log. */
  private static final class QuietConnection extends DefaultManagedHttpClientConnection {

    QuietConnection(String id) {
      super(
          id,
          null,
          null,
          ApacheClients.HEADER_LIMITS,
          DefaultContentLengthStrategy.INSTANCE,
          DefaultContentLengthStrategy.INSTANCE,
          NoResponseOutOfOrderStrategy.INSTANCE,
          new DefaultHttpRequestWriterFactory(ApacheClients.HEADER_LIMITS),
          new DefaultHttpResponseParserFactory(ApacheClients.HEADER_LIMITS));
    }

    @Override
    public void bind(Socket socket) throws IOException {
      bind(new SocketHolder(socket));
    }

    @Override
    public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
      bind(new SocketHolder(sslSocket, socket));
    }
  }
}
