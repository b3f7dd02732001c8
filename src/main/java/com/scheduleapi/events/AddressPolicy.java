package com.scheduleapi.events;

import java.net.InetAddress;

/**
 * Which addresses count as the service's own network: a webhook must not reach them (server-side
 * request forgery). Tests replace it to let a loopback receiver stand in for a public host.
 */
@FunctionalInterface
public interface AddressPolicy {

  boolean isPrivate(InetAddress address);

  /**
   * Loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 with the
   * cloud metadata address, fe80::/10), multicast, unspecified, 0/8 and shared (100.64/10).
   */
  AddressPolicy STANDARD =
      address -> {
        if (address.isLoopbackAddress()
            || address.isSiteLocalAddress()
            || address.isLinkLocalAddress()
            || address.isMulticastAddress()
            || address.isAnyLocalAddress()) {
          return true;
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
          int first = bytes[0] & 0xff;
          int second = bytes[1] & 0xff;
          return first == 0 || (first == 100 && second >= 64 && second < 128);
        }
        return (bytes[0] & 0xfe) == 0xfc;
      };
}
