package com.scheduleapi.directory;

import java.util.List;

/** {@code GET /v1/team}. */
record TeamView(long id, String name, List<MemberView> members) {}
