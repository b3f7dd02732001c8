package com.scheduleapi.directory;

/** A team member as the API shows it. */
public record MemberView(Long id, String name, String email, boolean owner) {}
