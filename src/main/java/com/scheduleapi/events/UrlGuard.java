package com.scheduleapi.events;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Refuses webhook URLs that are not http(s) or whose host resolves to the service's own network,
 * unless {@code schedule.events.allow-private-urls}. Checked at registration, before each round of
 * calls and for each redirect, always before a connection is opened. The lookup goes through the
 * JVM's address cache, which the HTTP client then uses too, so the address checked is the address
 * called (until the cache's 30 s run out).
 */
@Component
public class UrlGuard {

  private final boolean allowPrivate;
  private final AddressPolicy policy;

  @Autowired
  UrlGuard(EventsProperties properties, Optional<AddressPolicy> policy) {
    this(properties.allowPrivateUrls(), policy.orElse(AddressPolicy.STANDARD));
  }

  UrlGuard(boolean allowPrivate, AddressPolicy policy) {
    this.allowPrivate = allowPrivate;
    this.policy = policy;
  }

  /** Why this URL may not be called, or empty when it may. */
  public Optional<String> refusal(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
      return Optional.of("must be an http or https URL");
    }
    String host = url.getHost();
    if (host == null || host.isBlank()) {
      return Optional.of("must name a host");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      return Optional.of("names a host that does not resolve (" + host + ")");
    }
    if (allowPrivate) {
      return Optional.empty();
    }
    for (InetAddress address : addresses) {
      if (policy.isPrivate(address)) {
        return Optional.of(
            "resolves to "
                + address.getHostAddress()
                + ", a loopback, private, link-local, multicast or unspecified address; use a"
                + " public address");
      }
    }
    return Optional.empty();
  }
}
