package io.github.ikpurge.transport.jdk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Makes every TLS socket check the server's name against its certificate during the handshake
 * ({@code HTTPS} endpoint identification), as the JDK's HttpClient does. HttpURLConnection leaves
 * that check to the JVM-wide {@code HttpsURLConnection.getDefaultHostnameVerifier()} when it is not
 * the JDK's own, and an application that installed a lenient one would let the private key go to a
 * host whose certificate names another: with this factory that verifier is never asked.
 */
final class IdentifyingSocketFactory extends SSLSocketFactory {

  private final SSLSocketFactory sockets;

  IdentifyingSocketFactory(SSLSocketFactory sockets) {
    this.sockets = sockets;
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return sockets.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return sockets.getSupportedCipherSuites();
  }

  @Override
  public Socket createSocket() throws IOException {
    return identifying(sockets.createSocket());
  }

  @Override
  public Socket createSocket(Socket socket, String host, int port, boolean autoClose)
      throws IOException {
    return identifying(sockets.createSocket(socket, host, port, autoClose));
  }

  @Override
  public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose)
      throws IOException {
    return identifying(sockets.createSocket(socket, consumed, autoClose));
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return identifying(sockets.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return identifying(sockets.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return identifying(sockets.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return identifying(sockets.createSocket(address, port, localAddress, localPort));
  }

  private static Socket identifying(Socket socket) {
    if (socket instanceof SSLSocket tls) {
      SSLParameters parameters = tls.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(parameters);
    }
    return socket;
  }
}
