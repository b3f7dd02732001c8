package com.scheduleapi.directory;

/** A conversation as the API shows it. */
record ConversationView(Long id, long inboxId, String phoneNumber) {}
