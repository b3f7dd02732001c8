package com.scheduleapi.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code schedule_recipient}, which names a single's recipient in the rows a claim, a settle or a
 * receipt returns: the phone of a single, a group's phones joined in their order.
 */
@ApiTest
class ScheduleRecipientFunctionTest {

  @Autowired JdbcClient jdbc;

  @Test
  void aSinglesPhoneComesAsItIs() {
    assertThat(recipient("+14155550100", null)).isEqualTo("+14155550100");
    assertThat(recipient("+14155550100", "[\"+14155550199\"]")).isEqualTo("+14155550100");
  }

  @Test
  void aGroupsPhonesAreJoinedInTheirOrder() {
    assertThat(recipient(null, "[\"+14155550102\",\"+14155550101\",\"+14155550103\"]"))
        .isEqualTo("+14155550102,+14155550101,+14155550103");
  }

  @Test
  void neitherIsNull() {
    assertThat(recipient(null, null)).isNull();
    assertThat(recipient(null, "[]")).isNull();
  }

  private String recipient(String phone, String targets) {
    return jdbc.sql("select schedule_recipient(?, ?)")
        .param(phone)
        .param(targets)
        .query(String.class)
        .optional()
        .orElse(null);
  }
}
