package com.peakcare.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 26, point 5: the addresses an attacker or a careless form would send, refused at the door; the ones shops'
 * customers have, taken.
 */
class DeliverableEmailTest {

  @ParameterizedTest
  @ValueSource(strings = {"a@[127.0.0.1]", "a@[IPv6:::1]", "a@127.0.0.1", "a@10.0.0.8", "a@localhost", "a@intranet",
      "\"quoted\"@example.com", "\"a b\"@example.com", "a b@example.com", "a@exa mple.com", "a\u0000@example.com",
      "a@example.com\r\nBcc: all@example.com", "a\t@example.com", "a@b@example.com", ".a@example.com", "a.@example.com",
      "a..b@example.com", "a@example..com", "a@-example.com", "a@example-.com", "a@example.c", "a@example.123",
      "@example.com", "a@", "张伟@example.com", "a@example.com.", "a@xn--.com"})
  void refused(String address) {
    assertThat(DeliverableEmail.Check.isDeliverable(address)).as(address).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"zhang.wei@example.com", "zhang+d11@mail.example.cn", "a@b.co", "o'brien@example.ie",
      "shop_1-ops@sub.domain.example.com.cn", "kunde@例子.中国", "x@xn--fsqu00a.xn--fiqs8s"})
  void taken(String address) {
    assertThat(DeliverableEmail.Check.isDeliverable(address)).as(address).isTrue();
  }

  @org.junit.jupiter.api.Test
  void anAddressPastTheLengthOfSmtpIsRefused() {
    assertThat(DeliverableEmail.Check.isDeliverable("a".repeat(65) + "@example.com")).isFalse();
    assertThat(DeliverableEmail.Check.isDeliverable("a@" + "b".repeat(63) + "." + "c".repeat(63) + "."
        + "d".repeat(63) + "." + "e".repeat(63) + ".com")).isFalse();
  }
}
