package io.github.ikpurge.spi;

import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.List;

/** What a {@link ProxySelector} does with a request, for {@link HttpTransport#connectsDirectly}. */
public final class ProxyRoutes {

  private ProxyRoutes() {}

  /**
   * Returns whether a selector sends a request to this address straight to its host.
   *
   * @param selector the selector a client routes with; null for none, which connects directly
   * @param target the address of a request
   * @return true when the selector offers only {@link Proxy#NO_PROXY}; false when it offers a
   *     proxy, nothing, or fails
   */
  public static boolean direct(ProxySelector selector, URI target) {
    if (selector == null) {
      return true;
    }
    List<Proxy> proxies;
    try {
      proxies = selector.select(target);
    } catch (RuntimeException e) {
      return false;
    }
    return proxies != null
        && !proxies.isEmpty()
        && proxies.stream().allMatch(proxy -> proxy != null && proxy.type() == Proxy.Type.DIRECT);
  }
}
