package com.scheduleapi.identity;

/**
 * The team a request acts for, and the credential it proved that with.
 *
 * @param teamId every read and write of the request is scoped to this team
 * @param credential a stable, non-secret name of the key or secret used (for rate limits and logs)
 */
public record Caller(long teamId, String credential) {}
