package com.scheduleapi.directory;

/** An inbox as the API shows it; {@code phone} is the number messages are sent from. */
record InboxView(Long id, String name, String phone) {}
