package com.peakcare.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 26, point 5: the channel's last check before a message leaves. A text too long or with a control character is
 * not handed to the SMS gateway, an IP-literal or quoted address not to the mail server: the channel fails with the
 * reason (the delivery is retried, then an incident names it). The gateways here are ports nobody listens on, so a
 * message that got past the check would fail differently (a connection error) and the test would say so.
 */
class ChannelChecksTest {

  private static NoticeOutbox.Stored notice(String text, String email) {
    Notice n = new Notice("R-1:REFUND_CARE:1", "R-1", NoticeType.REFUND_CARE, 1, "zh-CN", text, Instant.now(),
        List.of());
    return new NoticeOutbox.Stored(n, "退款关怀", "13800001111", email);
  }

  private static NoticeProperties nowhere() {
    NoticeProperties p = new NoticeProperties();
    p.getSms().setEnabled(true);
    p.getSms().setUrl("http://127.0.0.1:9/sms");
    p.getEmail().setEnabled(true);
    p.getEmail().setHost("127.0.0.1");
    p.getEmail().setPort(9);
    return p;
  }

  @Test
  void anSmsTooLongOrWithControlCharactersNeverLeaves() {
    SmsChannel sms = new SmsChannel(nowhere(), new ObjectMapper());

    assertThatThrownBy(() -> sms.send(notice("您好".repeat(251), null))).isInstanceOf(Unsendable.class)
        .hasMessageContaining("502 characters").hasMessageContaining("at most 500");
    assertThatThrownBy(() -> sms.send(notice("您好，退款已受理\u202Egnp.exe", null))).isInstanceOf(Unsendable.class)
        .hasMessageContaining("U+202E");
    assertThatThrownBy(() -> sms.send(notice("您好\u0007", null))).isInstanceOf(Unsendable.class)
        .hasMessageContaining("U+0007");
    // a good text passes the check and reaches the (absent) gateway
    assertThatThrownBy(() -> sms.send(notice("您好，退款已受理。\n客服 400-820-1111", null)))
        .isNotInstanceOf(Unsendable.class);
  }

  @Test
  void anEmailToAnIpLiteralOrAQuotedAddressNeverLeaves() {
    EmailChannel email = new EmailChannel(nowhere());

    for (String address : List.of("a@[127.0.0.1]", "\"a\"@example.com", "a@localhost")) {
      assertThatThrownBy(() -> email.send(notice("您好", address))).as(address).isInstanceOf(Unsendable.class)
          .hasMessageContaining("e-mail address");
    }
    assertThatThrownBy(() -> email.send(notice("您好\u0000", "zhang.wei@example.com"))).isInstanceOf(Unsendable.class)
        .hasMessageContaining("U+0000");
    assertThatThrownBy(() -> email.send(notice("您好，退款已受理。", "zhang.wei@example.com")))
        .isNotInstanceOf(Unsendable.class);
    assertThat(new Unsendable("x")).isInstanceOf(IllegalStateException.class);
  }
}
