package com.scheduleapi.events;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Events and their webhooks.
 *
 * @param allowPrivateUrls whether a webhook may point at a loopback, private, link-local, multicast
 *     or unspecified address (false: refused at registration, at each call and on a redirect)
 * @param retryFor how long after an event it is still tried again at an endpoint that did not take
 *     it
 * @param keepFor how long the event log keeps an event
 * @param retryInitial the wait after an endpoint's first failure; doubled after each further one
 * @param retryMax the longest wait between attempts
 * @param maxInFlight calls in flight to one endpoint at most
 * @param batch events an endpoint is given in one round at most
 * @param timeout how long a call may take, connecting included
 * @param pollInterval how often a node looks for endpoints with events to deliver
 * @param lease how long a node holds an endpoint it works; another node takes it over after that
 * @param relayEnabled whether this node delivers events to webhooks at all; unset, as {@code
 *     schedule.dispatch.enabled} (an API-only node neither sends nor relays)
 * @param cleanupInterval how often the clean-up job deletes events older than keep-for
 * @param cleanupBatch rows one clean-up statement deletes, so that no lock is held long
 * @param secretKey the key webhook secrets are encrypted with (any string; see README "Status
 *     webhooks" for the fallbacks when unset and for rotation)
 * @param previousSecretKeys keys secrets may still be encrypted with; re-encrypted at start-up
 * @param yieldMax how long the relay starts no round while this node's dispatcher has a burst in
 *     hand (see {@link SendingPressure}); after that it delivers alongside until the burst is done
 */
@ConfigurationProperties("schedule.events")
public record EventsProperties(
    @DefaultValue("false") boolean allowPrivateUrls,
    @DefaultValue("P1D") Duration retryFor,
    @DefaultValue("P30D") Duration keepFor,
    @DefaultValue("PT1S") Duration retryInitial,
    @DefaultValue("PT10M") Duration retryMax,
    @DefaultValue("32") int maxInFlight,
    @DefaultValue("500") int batch,
    @DefaultValue("PT10S") Duration timeout,
    @DefaultValue("PT0.2S") Duration pollInterval,
    @DefaultValue("PT30S") Duration lease,
    Boolean relayEnabled,
    @DefaultValue("PT1H") Duration cleanupInterval,
    @DefaultValue("5000") int cleanupBatch,
    String secretKey,
    @DefaultValue List<String> previousSecretKeys,
    @DefaultValue("PT10S") Duration yieldMax) {

  /** The wait before the {@code attempt}-th retry: retry-initial doubled, at most retry-max. */
  Duration backoff(int attempt) {
    Duration wait = retryInitial.multipliedBy(1L << Math.min(20, attempt - 1));
    return wait.compareTo(retryMax) > 0 ? retryMax : wait;
  }
}
